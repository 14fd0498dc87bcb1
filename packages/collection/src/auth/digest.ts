import { createHash } from 'node:crypto';
import { challengesFor, quote } from './challenge.ts';
import { AuthParamsError } from './errors.ts';
import { flag, text } from './params.ts';
import { randomAlphanumeric } from './random.ts';
import {
  setHeader,
  type AuthParams,
  type AuthSigner,
  type ChallengeResponse,
  type SignableRequest,
  type SignContext,
} from './signer.ts';

interface DigestAlgorithm {
  /** As written in the header: `MD5`, `SHA-256-sess`, ... */
  name: string;
  hash: string;
  session: boolean;
}

/** RFC 7616 §6.1 algorithm names → node:crypto hash names; each also has a `-sess` variant. */
const HASHES: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };

const FIRST_NONCE_COUNT = '00000001';

/** Case-insensitive; empty means MD5 (RFC 7616 §3.3). */
function algorithmFor(value: string): DigestAlgorithm | undefined {
  const upper = (value || 'MD5').toUpperCase();
  const session = upper.endsWith('-SESS');
  const base = session ? upper.slice(0, -'-SESS'.length) : upper;
  const hash = HASHES[base];
  if (!hash) return undefined;
  return { name: session ? `${base}-sess` : base, hash, session };
}

/** The server may offer several qop values; prefer `auth`, which does not depend on the body. */
function chooseQop(offered: string): '' | 'auth' | 'auth-int' {
  const options = offered.split(',').map((option) => option.trim().toLowerCase());
  if (options.includes('auth')) return 'auth';
  if (options.includes('auth-int')) return 'auth-int';
  return '';
}

/** nc is 8 hex digits; a stored `1` means `00000001`. */
function nonceCountFrom(value: string): string {
  if (!value) return FIRST_NONCE_COUNT;
  return /^[0-9a-f]{1,8}$/i.test(value) ? value.padStart(8, '0') : value;
}

function sign(request: SignableRequest, params: AuthParams, ctx: SignContext): void {
  const username = text(params, 'username');
  const realm = text(params, 'realm');
  const nonce = text(params, 'nonce');
  // Without a server nonce there is nothing to sign yet: the first send draws the challenge.
  if (!username || !realm || !nonce) return;

  const algorithm = algorithmFor(text(params, 'algorithm'));
  if (!algorithm) {
    throw new AuthParamsError(
      'digest',
      `Digest algorithm "${text(params, 'algorithm')}" is not supported; use MD5, SHA-256 or SHA-512-256 (optionally -sess).`,
    );
  }
  const h = (value: string): string => createHash(algorithm.hash).update(value, 'utf8').digest('hex');

  const qop = chooseQop(text(params, 'qop'));
  const uri = request.url.pathname + request.url.search;
  const needsClientNonce = qop !== '' || algorithm.session;
  const cnonce = needsClientNonce ? text(params, 'clientNonce') || randomAlphanumeric(ctx, 16) : '';
  const nc = nonceCountFrom(text(params, 'nonceCount'));

  let ha1 = h(`${username}:${realm}:${text(params, 'password')}`);
  if (algorithm.session) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = qop === 'auth-int' ? h(`${request.method}:${uri}:${h(request.bodyText ?? '')}`) : h(`${request.method}:${uri}`);
  const response = qop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);

  const parts = [
    `username=${quote(username)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${algorithm.name}`,
  ];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`);
  if (needsClientNonce) parts.push(`cnonce=${quote(cnonce)}`);
  parts.push(`response=${quote(response)}`);
  const opaque = text(params, 'opaque');
  if (opaque) parts.push(`opaque=${quote(opaque)}`);

  setHeader(request, 'Authorization', `Digest ${parts.join(', ')}`);
}

/**
 * A 401 (or 403) with a Digest challenge yields the params to retry with.
 * The first challenge whose algorithm we support wins (servers list their
 * preference first). A challenge for the nonce we already used is not
 * retried unless the server marks it stale, so a wrong password ends after
 * one retry.
 */
function onResponse(response: ChallengeResponse, params: AuthParams): AuthParams | undefined {
  if (flag(params, 'disableRetryRequest')) return undefined;
  if (response.status !== 401 && response.status !== 403) return undefined;

  for (const { params: offered } of challengesFor(response.headers, 'Digest')) {
    const algorithm = algorithmFor(offered['algorithm'] ?? '');
    if (!offered['nonce'] || !algorithm) continue;
    const stale = (offered['stale'] ?? '').toLowerCase() === 'true';
    if (offered['nonce'] === text(params, 'nonce') && !stale) return undefined;
    const qop = offered['qop'] ?? '';
    return {
      ...params,
      realm: offered['realm'] ?? '',
      nonce: offered['nonce'],
      opaque: offered['opaque'] ?? '',
      // An absent algorithm means MD5 (RFC 7616 §3.3), whatever was stored before.
      algorithm: algorithm.name,
      qop,
      // A new nonce restarts the count; the client nonce is drawn from ctx at signing.
      nonceCount: qop ? FIRST_NONCE_COUNT : '',
      clientNonce: '',
    };
  }
  return undefined;
}

/** `digest` (RFC 7616, and RFC 2617/2069 servers). */
export const digestSigner: AuthSigner = { type: 'digest', sign, onResponse };
