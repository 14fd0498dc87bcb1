import { createHash, createHmac, sign as rsaSign } from 'node:crypto';
import { quote } from './challenge.ts';
import { AuthParamsError } from './errors.ts';
import { appendFormParams, removeFormParams } from './form.ts';
import { removeHeader } from './headers.ts';
import { flag, text } from './params.ts';
import { percentEncode } from './percent-encode.ts';
import { appendQueryParams, queryPairs, removeQueryParams } from './query.ts';
import { randomAlphanumeric, unixSeconds } from './random.ts';
import { setHeader, type AuthParams, type AuthSigner, type SignableRequest, type SignContext } from './signer.ts';

type Pair = readonly [string, string];

/** The protocol parameters this signer writes; stale copies are removed before signing. */
const OAUTH_PARAMS = new Set([
  'oauth_consumer_key',
  'oauth_token',
  'oauth_signature_method',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_version',
  'oauth_signature',
  'oauth_callback',
  'oauth_verifier',
  'oauth_body_hash',
]);

/** Signature method → node:crypto digest; PLAINTEXT has none (and so no body hash). */
const METHODS: Readonly<Record<string, { kind: 'hmac' | 'rsa'; hash: string } | { kind: 'plaintext' }>> = {
  'HMAC-SHA1': { kind: 'hmac', hash: 'sha1' },
  'HMAC-SHA256': { kind: 'hmac', hash: 'sha256' },
  'HMAC-SHA512': { kind: 'hmac', hash: 'sha512' },
  'RSA-SHA1': { kind: 'rsa', hash: 'sha1' },
  'RSA-SHA256': { kind: 'rsa', hash: 'sha256' },
  'RSA-SHA512': { kind: 'rsa', hash: 'sha512' },
  PLAINTEXT: { kind: 'plaintext' },
};

/** RFC 5849 §3.4.1: METHOD & base-uri & normalized-parameters, each percent-encoded. */
export function signatureBaseString(method: string, url: URL, pairs: readonly Pair[]): string {
  // WHATWG URL already lower-cases scheme and host and drops a default port (§3.4.1.2).
  const baseUri = `${url.protocol}//${url.host}${url.pathname}`;
  const normalized = pairs
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(baseUri), percentEncode(normalized)].join('&');
}

function signature(methodName: string, baseString: string, params: AuthParams): string {
  const method = METHODS[methodName]!;
  const key = `${percentEncode(text(params, 'consumerSecret'))}&${percentEncode(text(params, 'tokenSecret'))}`;
  if (method.kind === 'plaintext') return key;
  if (method.kind === 'hmac') return createHmac(method.hash, key).update(baseString, 'utf8').digest('base64');
  try {
    return rsaSign(method.hash, Buffer.from(baseString, 'utf8'), text(params, 'privateKey')).toString('base64');
  } catch {
    throw new AuthParamsError(
      'oauth1',
      `The OAuth 1.0 private key could not be used for ${methodName}; paste a PEM-encoded RSA private key.`,
    );
  }
}

/** Postman drops blank values unless `addEmptyParamsToSign` is on; callback, verifier and body hash only ever go when set. */
function protocolParams(request: SignableRequest, params: AuthParams, ctx: SignContext, methodName: string): Pair[] {
  const keepEmpty = flag(params, 'addEmptyParamsToSign');
  const core: Pair[] = [
    ['oauth_consumer_key', text(params, 'consumerKey')],
    ['oauth_token', text(params, 'token')],
    ['oauth_signature_method', methodName],
    ['oauth_timestamp', text(params, 'timestamp').trim() || String(unixSeconds(ctx))],
    ['oauth_nonce', text(params, 'nonce').trim() || randomAlphanumeric(ctx, 11)],
    ['oauth_version', text(params, 'version')],
  ];
  const pairs = core.filter(([, value]) => keepEmpty || value.trim() !== '');

  const method = METHODS[methodName]!;
  // The body-hash extension covers bodies that are not forms; forms are signed as parameters.
  if (flag(params, 'includeBodyHash') && method.kind !== 'plaintext' && request.form === undefined) {
    pairs.push(['oauth_body_hash', createHash(method.hash).update(request.bodyText ?? '', 'utf8').digest('base64')]);
  }
  const callback = text(params, 'callback');
  if (callback) pairs.push(['oauth_callback', callback]);
  const verifier = text(params, 'verifier');
  if (verifier) pairs.push(['oauth_verifier', verifier]);
  return pairs;
}

/** RFC 5849 §3.5.1; `disableHeaderEncoding` sends values as typed, for servers that want that. */
function authorizationHeader(pairs: readonly Pair[], params: AuthParams): string {
  const encode = flag(params, 'disableHeaderEncoding') ? (value: string) => value : percentEncode;
  const realm = text(params, 'realm');
  const fields = pairs.map(([key, value]) => `${key}="${encode(value)}"`);
  if (realm) fields.unshift(`realm=${quote(realm)}`);
  return `OAuth ${fields.join(',')}`;
}

function sign(request: SignableRequest, params: AuthParams, ctx: SignContext): void {
  const methodName = (text(params, 'signatureMethod') || 'HMAC-SHA1').toUpperCase();
  if (!METHODS[methodName]) {
    throw new AuthParamsError(
      'oauth1',
      `OAuth 1.0 signature method "${methodName}" is not supported; use HMAC-SHA1/256/512, RSA-SHA1/256/512 or PLAINTEXT.`,
    );
  }
  const secretParam = METHODS[methodName]!.kind === 'rsa' ? 'privateKey' : 'consumerSecret';
  if (!text(params, 'consumerKey') || !text(params, secretParam)) return;

  const isOAuthParam = (key: string): boolean => OAUTH_PARAMS.has(key);
  removeHeader(request, 'Authorization');
  removeQueryParams(request.url, isOAuthParam);
  removeFormParams(request, isOAuthParam);

  const oauth = protocolParams(request, params, ctx, methodName);
  const formPairs: Pair[] = (request.form ?? []).map(({ key, value }) => [key, value]);
  const baseString = signatureBaseString(request.method, request.url, [...oauth, ...queryPairs(request.url), ...formPairs]);
  const signed: Pair[] = [...oauth, ['oauth_signature', signature(methodName, baseString, params)]];

  // RFC 5849 §3.5 order of preference: header, then form body, then query.
  if (flag(params, 'addParamsToHeader')) {
    setHeader(request, 'Authorization', authorizationHeader(signed, params));
  } else if (/^(POST|PUT)$/i.test(request.method) && request.form !== undefined) {
    appendFormParams(request, signed);
  } else {
    appendQueryParams(request.url, signed);
  }
}

/** `oauth1` (RFC 5849), with Postman's parameter names and placement rules. */
export const oauth1Signer: AuthSigner = { type: 'oauth1', sign };
