/**
 * Sends one request for a signed-in person, the way `postern run` would (same prepare and send
 * code from @postern/runtime), through the egress guard (P18: the instance is not an open proxy
 * into its own network). What is sent and received is content of the sender (P2); nothing here is
 * stored.
 */
import { randomBytes } from 'node:crypto';
import { VariableResolver, VariableScope, createDynamicVariables, type RequestObject } from '@postern/collection';
import { HttpError, RunCookieJar, prepareRequest, sendHttp, signRequest, type PreparedRequest, type SendOptions } from '@postern/runtime';
import type { Clock } from '../../clock.ts';
import { createGuardedDispatcher } from '../../egress/dispatcher.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import { EgressRefusedError } from '../../egress/refused.ts';
import { AppError, badRequest } from '../../errors.ts';

/** Response bodies beyond this are cut (and marked truncated) so one send cannot fill the server's memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const MAX_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 10;

export interface SendInput {
  request: RequestObject;
  /** Resolved like an environment: `{{key}}` in the request becomes the value. */
  variables?: Array<{ key: string; value: string }>;
  settings?: { followRedirects?: boolean; timeoutMs?: number; insecure?: boolean };
  /** Aborts the outgoing request, e.g. when the browser that asked for it goes away. */
  signal?: AbortSignal;
}

export interface SentCookie {
  key: string;
  value: string;
  domain: string | null;
  path: string | null;
  expires: string | null;
  httpOnly: boolean;
  secure: boolean;
}

export interface SendOutcome {
  /** The URL of the last hop, after redirects. */
  url: string;
  status: number;
  statusText: string;
  headers: Array<{ key: string; value: string }>;
  /** The decoded body: UTF-8 text when it is valid UTF-8, otherwise base64. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  truncated: boolean;
  size: { body: number; header: number; total: number };
  timings: { firstByte: number; download: number; total: number; tcp?: number; tls?: number };
  cookies: SentCookie[];
  /** Set when the request's auth type could not be applied and it went out unsigned. */
  warning?: string;
}

export interface SendServiceDeps {
  guard: EgressGuard;
  clock: Clock;
  maxResponseBytes?: number;
}

export type SendService = ReturnType<typeof createSendService>;

export function createSendService(deps: SendServiceDeps) {
  const maxBodyBytes = deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const now = () => deps.clock().getTime();
  const signContext = { now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };

  async function send(input: SendInput): Promise<SendOutcome> {
    const environment = new VariableScope(input.variables ?? [], 'environment');
    const resolver = new VariableResolver([environment], createDynamicVariables({ now, random: Math.random }));
    let prepared: PreparedRequest;
    try {
      // No working dir: file bodies would read the server's own disk, so they are refused.
      prepared = await prepareRequest(input.request, input.request.auth, { resolver, signContext, behavior: {} });
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'INVALID_REQUEST';
      throw badRequest(`The request cannot be built: ${(err as Error).message}.`, { code: code === 'BODY_FILE' ? 'BODY_FILE' : 'INVALID_REQUEST' });
    }

    const protocol = new URL(prepared.outgoing.url).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw badRequest(`Only http:// and https:// URLs can be sent, not ${protocol}//.`, { code: 'INVALID_REQUEST' });
    }

    const jar = new RunCookieJar();
    const options: SendOptions = {
      timeoutMs: Math.min(input.settings?.timeoutMs ?? MAX_TIMEOUT_MS, MAX_TIMEOUT_MS),
      redirects: { follow: input.settings?.followRedirects ?? true, max: MAX_REDIRECTS, followOriginalHttpMethod: false, followAuthorizationHeader: false },
      cookies: jar,
      maxBodyBytes,
      ...(input.signal && { signal: input.signal }),
    };
    // One dispatcher per send: its connections close with it, so a cancelled send leaves nothing open.
    const http = createGuardedDispatcher(deps.guard, { insecure: input.settings?.insecure ?? false });
    try {
      let result = await sendHttp(http, prepared.outgoing, options);
      const challenge = prepared.auth?.signer.onResponse?.({ status: result.response.code, headers: result.response.headers }, prepared.auth.params);
      if (challenge && prepared.auth) {
        const resigned = await signRequest(prepared.unsigned, prepared.form, prepared.auth.signer, challenge, signContext);
        result = await sendHttp(http, resigned, options);
      }
      const { response } = result;
      const text = utf8(response.body, Boolean(response.truncated));
      return {
        url: result.sent.url,
        status: response.code,
        statusText: response.status,
        headers: response.headers,
        body: text ?? response.body.toString('base64'),
        bodyEncoding: text === undefined ? 'base64' : 'utf8',
        truncated: Boolean(response.truncated),
        size: response.size,
        timings: response.timings,
        cookies: cookiesOf(jar),
        ...(prepared.authWarning && { warning: prepared.authWarning }),
      };
    } catch (err) {
      throw toSendError(err);
    } finally {
      await http.close().catch(() => undefined);
    }
  }

  return { send };
}

function toSendError(err: unknown): unknown {
  if (!(err instanceof HttpError)) return err;
  if (err.cause instanceof EgressRefusedError) {
    return new AppError(403, 'EGRESS_REFUSED', `Refused: ${err.cause.message}`, { cause: err });
  }
  switch (err.code) {
    case 'ETIMEDOUT':
      return new AppError(504, 'UPSTREAM_TIMEOUT', `No answer in time: the ${err.message}.`, { cause: err });
    case 'ABORTED':
      return new AppError(400, 'SEND_CANCELLED', 'The request was cancelled before it finished.', { cause: err });
    default:
      return new AppError(502, 'UPSTREAM_FAILED', `The request could not be completed: ${err.message}.`, { cause: err });
  }
}

/** The body as text when it is UTF-8; a body cut mid-character still counts. */
function utf8(body: Buffer, truncated: boolean): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: truncated });
  } catch {
    return undefined;
  }
}

function cookiesOf(jar: RunCookieJar): SentCookie[] {
  const serialized = jar.toJSON() as { cookies?: Array<Record<string, unknown>> };
  return (serialized.cookies ?? []).map((c) => ({
    key: String(c.key ?? ''),
    value: String(c.value ?? ''),
    domain: typeof c.domain === 'string' ? c.domain : null,
    path: typeof c.path === 'string' ? c.path : null,
    expires: typeof c.expires === 'string' && c.expires !== 'Infinity' ? c.expires : null,
    httpOnly: c.httpOnly === true,
    secure: c.secure === true,
  }));
}
