import { createHash, createHmac } from 'node:crypto';
import { ECHO_CREDENTIALS } from '../credentials.ts';
import type { Route, RouteContext } from '../context.ts';
import { credentialsFor, parseAuthParams } from '../http/auth-params.ts';
import { mimeTypeOf, readBody } from '../http/body.ts';
import { sendJson } from '../http/respond.ts';
import { safeEqual } from './compare.ts';

/** RFC 3986 unreserved-only percent-encoding, as RFC 5849 §3.6 requires. */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const HMAC_HASHES: Readonly<Record<string, string>> = {
  'HMAC-SHA1': 'sha1',
  'HMAC-SHA256': 'sha256',
  'HMAC-SHA512': 'sha512',
};

export interface OAuth1Request {
  method: string;
  /** `http://host[:port]` as addressed. */
  origin: string;
  /** Request-target: path and query as sent. */
  target: string;
  authorization: string | undefined;
  /** The urlencoded body, when the body is a form. */
  formBody?: string;
  /** The raw body, for oauth_body_hash. */
  body: Buffer;
}

export type OAuth1Result =
  | { status: 'pass'; message: string }
  | {
      status: 'fail';
      message: string;
      base_uri?: string;
      normalized_param_string?: string;
      base_string?: string;
      signing_key?: string;
    };

/**
 * Verifies a one-legged OAuth 1.0a request signed with the echo service's
 * consumer credentials (RFC 5849 §3.4). Tokens may be sent; the token
 * secret is taken to be empty, as for the echo service's documented use.
 * OAuth parameters are read from the Authorization header, or else from
 * the query and form body. Nonces and timestamps are not tracked.
 */
export function verifyOAuth1(request: OAuth1Request): OAuth1Result {
  const queryIndex = request.target.indexOf('?');
  const path = queryIndex === -1 ? request.target : request.target.slice(0, queryIndex);
  const query = queryIndex === -1 ? '' : request.target.slice(queryIndex + 1);

  const pairs: Array<[string, string]> = [];
  for (const pair of new URLSearchParams(query)) pairs.push(pair);
  if (request.formBody) for (const pair of new URLSearchParams(request.formBody)) pairs.push(pair);

  const headerParams = credentialsFor(request.authorization, 'OAuth');
  if (headerParams !== undefined) {
    for (const [name, value] of parseAuthParams(headerParams)) {
      if (name === 'realm') continue;
      pairs.push([name, safeDecode(value)]);
    }
  }

  const oauth = new Map(pairs.filter(([name]) => name.startsWith('oauth_')));
  const signature = oauth.get('oauth_signature');
  const method = oauth.get('oauth_signature_method') ?? '';
  if (!signature || !method) {
    return { status: 'fail', message: 'Missing oauth_signature or oauth_signature_method' };
  }
  if (oauth.get('oauth_consumer_key') !== ECHO_CREDENTIALS.oauth1.consumerKey) {
    return { status: 'fail', message: 'Invalid oauth_consumer_key' };
  }
  const version = oauth.get('oauth_version');
  if (version !== undefined && version !== '1.0') {
    return { status: 'fail', message: 'Unsupported oauth_version' };
  }
  const hashName = HMAC_HASHES[method];
  if (!hashName && method !== 'PLAINTEXT') {
    return { status: 'fail', message: `Unsupported signature method ${method}` };
  }
  if (hashName && (!oauth.get('oauth_timestamp') || !oauth.get('oauth_nonce'))) {
    return { status: 'fail', message: 'Missing oauth_timestamp or oauth_nonce' };
  }

  const bodyHash = oauth.get('oauth_body_hash');
  if (bodyHash !== undefined && hashName) {
    const actual = createHash(hashName).update(request.body).digest('base64');
    if (!safeEqual(bodyHash, actual)) return { status: 'fail', message: 'oauth_body_hash does not match the body' };
  }

  const baseUri = normalizeBaseUri(request.origin, path);
  const normalized = pairs
    .filter(([name]) => name !== 'oauth_signature')
    .map(([name, value]) => [oauthEncode(name), oauthEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const baseString = [request.method.toUpperCase(), oauthEncode(baseUri), oauthEncode(normalized)].join('&');
  const signingKey = `${oauthEncode(ECHO_CREDENTIALS.oauth1.consumerSecret)}&`;
  const expected = hashName ? createHmac(hashName, signingKey).update(baseString).digest('base64') : signingKey;

  if (safeEqual(signature, expected)) {
    return { status: 'pass', message: 'OAuth-1.0a signature verification was successful' };
  }
  return {
    status: 'fail',
    message: `${method} verification failed`,
    base_uri: baseUri,
    normalized_param_string: normalized,
    base_string: baseString,
    signing_key: signingKey,
  };
}

/** Byte-order comparison, as RFC 5849 §3.4.1.3.2 sorts. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalizeBaseUri(origin: string, path: string): string {
  const url = new URL(origin);
  const defaultPort = (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443');
  const host = url.hostname.toLowerCase() + (url.port && !defaultPort ? `:${url.port}` : '');
  return `${url.protocol}//${host}${path}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** /oauth1: the echo service's pass/fail shape, 200 or 401. */
async function oauth1(ctx: RouteContext): Promise<void> {
  const body = await readBody(ctx.req);
  const isForm = mimeTypeOf(ctx.req) === 'application/x-www-form-urlencoded';
  const result = verifyOAuth1({
    method: ctx.method,
    origin: ctx.origin,
    target: ctx.req.url ?? '/',
    authorization: ctx.req.headers.authorization,
    formBody: isForm ? body.toString('utf8') : undefined,
    body,
  });
  sendJson(ctx.res, result.status === 'pass' ? 200 : 401, result);
}

export const oauth1Routes: readonly Route[] = [{ path: '/oauth1', handle: oauth1 }];
