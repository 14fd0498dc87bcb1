/**
 * Sends one request with undici and returns the whole response, following
 * redirects by hand so that every hop's cookies are stored and Postman's
 * protocolProfileBehavior redirect rules apply.
 */
import { request as undiciRequest } from 'undici';
import {
  brotliDecompressSync,
  constants as zlibConstants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
  gunzipSync,
  inflateRawSync,
  inflateSync,
} from 'node:zlib';
import type { Transform } from 'node:stream';
import type { ReceivedResponse, RunError, SentRequest, Timings } from '../events.ts';
import type { RunCookieJar } from './cookies.ts';
import type { DispatcherHandle } from './dispatcher.ts';
import { STATUS_CODES } from 'node:http';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Array<{ key: string; value: string }>;
  body?: Buffer | string;
}

export interface RedirectRules {
  follow: boolean;
  max: number;
  /** Keep POST/PUT on 301/302 instead of switching to GET. */
  followOriginalHttpMethod: boolean;
  /** Keep the Authorization header when a redirect changes host. */
  followAuthorizationHeader: boolean;
}

export interface SendOptions {
  timeoutMs?: number;
  redirects: RedirectRules;
  /** Undefined when cookies are disabled for this request. */
  cookies?: RunCookieJar;
  signal?: AbortSignal;
  /** Keep at most this many body bytes of text in SentRequest.bodyText. */
  keepBodyText?: number;
  /**
   * Keep at most this many bytes of the response body, as received and again once decoded; the
   * rest is discarded and the response marked `truncated`. Unlimited when unset (CLI runs).
   */
  maxBodyBytes?: number;
}

export interface SendResult {
  sent: SentRequest;
  response: ReceivedResponse;
}

export class HttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly sent: SentRequest,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'RequestError';
  }

  toRunError(): RunError {
    return { name: this.name, message: this.message, code: this.code };
  }
}

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

export async function sendHttp(handle: DispatcherHandle, req: OutgoingRequest, opts: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const connectsBefore = handle.connectCount();
  const signal = combineSignals(opts.signal, opts.timeoutMs);
  let current = { ...req, headers: [...req.headers] };
  let sent = describe(current, opts.keepBodyText);

  for (let hop = 0; ; hop++) {
    const headers = withCookies(current, opts.cookies);
    sent = describe({ ...current, headers }, opts.keepBodyText);
    let res: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      res = await undiciRequest(current.url, {
        dispatcher: handle.dispatcher,
        method: current.method as 'GET',
        headers: flatten(headers),
        body: current.body ?? null,
        signal,
      });
    } catch (err) {
      throw toHttpError(err, sent, opts.timeoutMs);
    }
    const firstByte = performance.now() - started;
    const setCookie = headerValues(res.headers['set-cookie']);
    if (opts.cookies && setCookie.length) opts.cookies.store(current.url, setCookie);

    const location = firstHeader(res.headers.location);
    if (opts.redirects.follow && REDIRECT_CODES.has(res.statusCode) && location && hop < opts.redirects.max) {
      await res.body.dump().catch(() => undefined);
      current = nextHop(current, res.statusCode, location, opts.redirects);
      continue;
    }

    let raw: Buffer;
    let truncated = false;
    try {
      if (opts.maxBodyBytes === undefined) raw = Buffer.from(await res.body.arrayBuffer());
      else ({ body: raw, truncated } = await readLimited(res.body, opts.maxBodyBytes));
    } catch (err) {
      throw toHttpError(err, sent, opts.timeoutMs);
    }
    const encoding = firstHeader(res.headers['content-encoding']);
    let body: Buffer;
    if (opts.maxBodyBytes === undefined) body = decode(raw, encoding);
    else {
      const decoded = await decodeLimited(raw, encoding, opts.maxBodyBytes);
      body = decoded.body;
      truncated ||= decoded.truncated;
    }
    const total = performance.now() - started;
    const responseHeaders = listHeaders(res.headers);
    const timings: Timings = { firstByte, download: total - firstByte, total };
    if (handle.connectCount() !== connectsBefore) Object.assign(timings, handle.lastConnect());
    return {
      sent,
      response: {
        code: res.statusCode,
        status: STATUS_CODES[res.statusCode] ?? '',
        headers: responseHeaders,
        body,
        size: sizes(raw.length, headerSize(res.statusCode, responseHeaders)),
        responseTime: Math.round(total),
        timings,
        ...(truncated ? { truncated } : {}),
      },
    };
  }
}

function withCookies(req: OutgoingRequest, jar?: RunCookieJar): Array<{ key: string; value: string }> {
  if (!jar) return req.headers;
  const fromJar = jar.cookieHeader(req.url);
  if (!fromJar) return req.headers;
  const idx = req.headers.findIndex((h) => h.key.toLowerCase() === 'cookie');
  if (idx === -1) return [...req.headers, { key: 'Cookie', value: fromJar }];
  const copy = [...req.headers];
  copy[idx] = { key: copy[idx]!.key, value: `${copy[idx]!.value}; ${fromJar}` };
  return copy;
}

function nextHop(current: OutgoingRequest, code: number, location: string, rules: RedirectRules): OutgoingRequest {
  const url = new URL(location, current.url).toString();
  const changeToGet =
    code === 303 || ((code === 301 || code === 302) && !rules.followOriginalHttpMethod && current.method !== 'HEAD');
  const crossOrigin = new URL(url).origin !== new URL(current.url).origin;
  let headers = current.headers.filter((h) => h.key.toLowerCase() !== 'cookie' && h.key.toLowerCase() !== 'host');
  if (changeToGet) headers = headers.filter((h) => !/^content-(type|length|encoding)$/i.test(h.key));
  if (crossOrigin && !rules.followAuthorizationHeader) headers = headers.filter((h) => h.key.toLowerCase() !== 'authorization');
  return {
    method: changeToGet ? (current.method === 'HEAD' ? 'HEAD' : 'GET') : current.method,
    url,
    headers,
    ...(changeToGet || current.body === undefined ? {} : { body: current.body }),
  };
}

function describe(req: OutgoingRequest, keepText = 0): SentRequest {
  const size = req.body === undefined ? 0 : typeof req.body === 'string' ? Buffer.byteLength(req.body) : req.body.length;
  const sent: SentRequest = { method: req.method, url: req.url, headers: req.headers, bodySize: size };
  if (keepText > 0 && req.body !== undefined && size <= keepText) {
    sent.bodyText = typeof req.body === 'string' ? req.body : req.body.toString('utf8');
  }
  return sent;
}

function flatten(headers: Array<{ key: string; value: string }>): string[] {
  const out: string[] = [];
  for (const h of headers) out.push(h.key, h.value);
  return out;
}

function headerValues(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function listHeaders(headers: Record<string, string | string[] | undefined>): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (const [key, v] of Object.entries(headers)) {
    for (const value of headerValues(v)) out.push({ key, value });
  }
  return out;
}

function headerSize(code: number, headers: Array<{ key: string; value: string }>): number {
  let n = `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\n`.length + 2;
  for (const h of headers) n += h.key.length + h.value.length + 4;
  return n;
}

function sizes(body: number, header: number): ReceivedResponse['size'] {
  return { body, header, total: body + header };
}

function decode(raw: Buffer, encoding?: string): Buffer {
  if (!encoding || raw.length === 0) return raw;
  try {
    switch (encoding.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(raw);
      case 'deflate':
        try {
          return inflateSync(raw);
        } catch {
          return inflateRawSync(raw);
        }
      case 'br':
        return brotliDecompressSync(raw);
      default:
        return raw;
    }
  } catch {
    // A body that claims an encoding it does not have is shown as received.
    return raw;
  }
}

async function readLimited(stream: AsyncIterable<Buffer>, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the stream, so the rest of a large body is never read.
  for await (const chunk of stream) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

/** Like decode(), streaming, so a small compressed body cannot expand past `limit` in memory. */
async function decodeLimited(raw: Buffer, encoding: string | undefined, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  const flush = { finishFlush: zlibConstants.Z_SYNC_FLUSH };
  const decoders: Record<string, Array<() => Transform>> = {
    gzip: [() => createGunzip(flush)],
    'x-gzip': [() => createGunzip(flush)],
    deflate: [() => createInflate(flush), () => createInflateRaw(flush)],
    br: [() => createBrotliDecompress({ finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH })],
  };
  const candidates = raw.length && encoding ? decoders[encoding.trim().toLowerCase()] : undefined;
  for (const create of candidates ?? []) {
    const stream = create();
    stream.end(raw);
    try {
      return await readLimited(stream, limit);
    } catch {
      stream.destroy();
    }
  }
  // Not encoded, or claiming an encoding it does not have: shown as received.
  return raw.length > limit ? { body: raw.subarray(0, limit), truncated: true } : { body: raw, truncated: false };
}

function combineSignals(signal?: AbortSignal, timeoutMs?: number): AbortSignal | undefined {
  const timeout = timeoutMs && timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
  if (signal && timeout) return AbortSignal.any([signal, timeout]);
  return signal ?? timeout;
}

function toHttpError(err: unknown, sent: SentRequest, timeoutMs?: number): HttpError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'REQUEST_FAILED';
  const host = safeHost(sent.url);
  if (e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new HttpError('ETIMEDOUT', `request to ${host} timed out after ${timeoutMs ?? '?'} ms`, sent);
  }
  if (e.name === 'AbortError') return new HttpError('ABORTED', `request to ${host} was aborted`, sent);
  const messages: Record<string, string> = {
    ECONNREFUSED: `connection refused by ${host}`,
    ENOTFOUND: `host not found: ${host}`,
    EAI_AGAIN: `could not resolve ${host} (DNS temporarily unavailable)`,
    ECONNRESET: `connection reset by ${host}`,
    UND_ERR_SOCKET: `connection to ${host} closed unexpectedly`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `self-signed certificate at ${host} (use -k/--insecure to accept it)`,
    SELF_SIGNED_CERT_IN_CHAIN: `self-signed certificate in chain at ${host} (use -k/--insecure to accept it)`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `unable to verify the certificate of ${host} (use -k/--insecure to accept it)`,
    CERT_HAS_EXPIRED: `the certificate of ${host} has expired (use -k/--insecure to accept it)`,
    ERR_TLS_CERT_ALTNAME_INVALID: `the certificate of ${host} does not match its name (use -k/--insecure to accept it)`,
  };
  return new HttpError(code, messages[code] ?? `${e.message ?? e.cause?.message ?? 'request failed'} (${host})`, sent, err);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
