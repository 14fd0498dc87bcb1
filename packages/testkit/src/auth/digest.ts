import { createHash, createHmac } from 'node:crypto';
import { ECHO_CREDENTIALS } from '../credentials.ts';
import type { Route, RouteContext } from '../context.ts';
import { credentialsFor, parseAuthParams } from '../http/auth-params.ts';
import { readBody } from '../http/body.ts';
import { sendJson, sendText } from '../http/respond.ts';
import { safeEqual } from './compare.ts';

/** How long an issued nonce stays good; after that the client is told `stale=true`. */
export const NONCE_LIFETIME_MS = 5 * 60_000;

/** RFC 7616 algorithm names → Node hash names. `-sess` variants are derived from these. */
const HASHES: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };

/**
 * Nonces are `<time>.<hmac(time)>` under a per-server secret: real,
 * unforgeable and expiring, with no table to keep. Replays within the
 * lifetime are not detected (nc is not tracked); that is enough for tests.
 */
export function issueNonce(secret: Buffer, now: number): string {
  const stamp = now.toString(36);
  return `${stamp}.${nonceMac(secret, stamp)}`;
}

function nonceMac(secret: Buffer, stamp: string): string {
  return createHmac('sha256', secret).update(`digest-nonce:${stamp}`).digest('base64url');
}

export type NonceState = 'fresh' | 'stale' | 'forged';

export function checkNonce(secret: Buffer, nonce: string, now: number): NonceState {
  const dot = nonce.indexOf('.');
  if (dot === -1) return 'forged';
  const stamp = nonce.slice(0, dot);
  if (!safeEqual(nonce.slice(dot + 1), nonceMac(secret, stamp))) return 'forged';
  const issued = parseInt(stamp, 36);
  return now - issued <= NONCE_LIFETIME_MS && issued <= now ? 'fresh' : 'stale';
}

export function opaqueFor(secret: Buffer): string {
  return createHmac('sha256', secret).update('digest-opaque').digest('hex').slice(0, 32);
}

export interface DigestRequest {
  method: string;
  /** The request-target as received (path and query). */
  target: string;
  body: Buffer;
}

export type DigestVerdict = 'ok' | 'stale' | 'denied';

/** Checks an `Authorization: Digest ...` header per RFC 7616 (and RFC 2069 when qop is absent). */
export function verifyDigest(header: string | undefined, request: DigestRequest, secret: Buffer, now: number): DigestVerdict {
  const rest = credentialsFor(header, 'Digest');
  if (rest === undefined) return 'denied';
  const p = parseAuthParams(rest);
  const { username, password, realm } = ECHO_CREDENTIALS.digest;
  const nonce = p.get('nonce') ?? '';
  const uri = p.get('uri') ?? '';
  const qop = (p.get('qop') ?? '').toLowerCase();
  const nc = p.get('nc') ?? '';
  const cnonce = p.get('cnonce') ?? '';
  const algorithm = p.get('algorithm') ?? 'MD5';
  const opaque = p.get('opaque');

  if (p.get('username') !== username || p.get('realm') !== realm) return 'denied';
  if (!sameTarget(uri, request.target)) return 'denied';
  if (opaque !== undefined && opaque !== opaqueFor(secret)) return 'denied';
  if (qop !== '' && qop !== 'auth' && qop !== 'auth-int') return 'denied';
  if (qop !== '' && (!nc || !cnonce)) return 'denied';

  const upper = algorithm.toUpperCase();
  const session = upper.endsWith('-SESS');
  const hashName = HASHES[session ? upper.slice(0, -5) : upper];
  if (!hashName) return 'denied';
  const h = (value: string | Buffer): string => createHash(hashName).update(value).digest('hex');

  let ha1 = h(`${username}:${realm}:${password}`);
  if (session) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = qop === 'auth-int' ? h(`${request.method}:${uri}:${h(request.body)}`) : h(`${request.method}:${uri}`);
  const expected = qop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);
  if (!safeEqual((p.get('response') ?? '').toLowerCase(), expected)) return 'denied';

  const state = checkNonce(secret, nonce, now);
  if (state === 'forged') return 'denied';
  return state === 'fresh' ? 'ok' : 'stale';
}

/** Clients send the request-target; some send an absolute URI instead. */
function sameTarget(uri: string, target: string): boolean {
  if (uri === target) return true;
  if (!/^https?:\/\//i.test(uri)) return false;
  try {
    const parsed = new URL(uri);
    return parsed.pathname + parsed.search === target;
  } catch {
    return false;
  }
}

export function digestChallenge(secret: Buffer, now: number, stale: boolean): string {
  const { realm } = ECHO_CREDENTIALS.digest;
  const parts = [
    `Digest realm="${realm}"`,
    'qop="auth"',
    'algorithm=MD5',
    `nonce="${issueNonce(secret, now)}"`,
    `opaque="${opaqueFor(secret)}"`,
  ];
  if (stale) parts.push('stale=true');
  return parts.join(', ');
}

/** /digest-auth: `{ authenticated: true }`, or 401 "Unauthorized" with a fresh challenge. */
async function digestAuth(ctx: RouteContext): Promise<void> {
  const { secret } = ctx.services;
  const body = await readBody(ctx.req);
  const now = ctx.services.now();
  const verdict = verifyDigest(ctx.req.headers.authorization, { method: ctx.method, target: ctx.req.url ?? '/', body }, secret, now);
  if (verdict === 'ok') {
    sendJson(ctx.res, 200, { authenticated: true });
    return;
  }
  sendText(ctx.res, 401, 'Unauthorized', { 'www-authenticate': digestChallenge(secret, now, verdict === 'stale') });
}

export const digestAuthRoutes: readonly Route[] = [{ path: '/digest-auth', handle: digestAuth }];
