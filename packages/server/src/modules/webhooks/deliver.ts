/** One HTTP attempt of a webhook delivery, through the egress-guarded dispatcher. */
import { request, type Dispatcher } from 'undici';

export interface AttemptOutcome {
  /** The HTTP status, when the endpoint answered. */
  status?: number;
  /** The start of the answer, as text. */
  excerpt?: string;
  /** Why no answer came (network error, timeout, refused address). */
  error?: string;
  /** The egress guard refused the address: retrying cannot help. */
  refused?: boolean;
  durationMs: number;
}

export interface AttemptLimits {
  timeoutMs: number;
  /** Answer bytes read at most; the rest is dropped unread. */
  maxResponseBytes: number;
  excerptChars: number;
}

export async function postWebhook(
  dispatcher: Dispatcher,
  url: string,
  headers: Record<string, string>,
  body: string,
  limits: AttemptLimits,
): Promise<AttemptOutcome> {
  const start = performance.now();
  const elapsed = () => Math.round(performance.now() - start);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    // undici's request() follows no redirects: a 3xx answer is a failed attempt, so a redirect
    // can neither leave the endpoint's host nor dodge the guard.
    const res = await request(url, { method: 'POST', dispatcher, headers, body, signal, headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs });
    const chunks: Buffer[] = [];
    let read = 0;
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      chunks.push(buf.subarray(0, limits.maxResponseBytes - read));
      read += buf.length;
      if (read >= limits.maxResponseBytes) break;
    }
    // Leaving the loop early destroys the stream; nothing more is read.
    const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, limits.excerptChars);
    return { status: res.statusCode, ...(excerpt && { excerpt }), durationMs: elapsed() };
  } catch (error) {
    const refused = egressRefusal(error);
    if (refused) return { error: `Refused by the egress guard: ${refused.message}`, refused: true, durationMs: elapsed() };
    if (signal.aborted) return { error: `No answer within ${limits.timeoutMs / 1000} s (timeout).`, durationMs: elapsed() };
    return { error: `Could not connect or send: ${describe(error)}.`, durationMs: elapsed() };
  }
}

/** The EgressRefusedError somewhere in the error's cause chain. */
function egressRefusal(error: unknown): Error | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === 'EGRESS_REFUSED') return e;
  }
  return undefined;
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code;
  const message = e.cause?.message ?? e.message ?? String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
