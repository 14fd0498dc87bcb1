import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthParamsError } from './errors.ts';
import { jwtSigner } from './jwt.ts';
import type { AuthParams, SignableRequest } from './signer.ts';
import { authorization, fixedContext, makeRequest } from './test-helpers.ts';

async function sign(params: AuthParams, request: SignableRequest = makeRequest('http://x/p?a=1')): Promise<SignableRequest> {
  await jwtSigner.sign(request, params, fixedContext());
  return request;
}

function bearerToken(request: SignableRequest): string {
  const value = authorization(request) ?? '';
  expect(value).toMatch(/^Bearer /);
  return value.slice('Bearer '.length);
}

const PAYLOAD = { sub: '1234567890', name: 'John Doe', iat: 1516239022 };

describe('jwt', () => {
  it('reproduces the jwt.io HS256 example', async () => {
    const request = await sign({
      algorithm: 'HS256',
      secret: 'your-256-bit-secret',
      header: '{"alg":"HS256","typ":"JWT"}',
      payload: JSON.stringify(PAYLOAD),
    });
    expect(authorization(request)).toBe(
      'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    );
  });

  it('decodes a base64 secret and lets the algorithm param override alg in the header', async () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef', 'utf8');
    const request = await sign({
      algorithm: 'HS384',
      secret: key.toString('base64'),
      isSecretBase64Encoded: true,
      header: { alg: 'none', kid: 'k1' },
      payload: PAYLOAD,
    });
    const { payload, protectedHeader } = await jwtVerify(bearerToken(request), new Uint8Array(key));
    expect(payload).toEqual(PAYLOAD);
    expect(protectedHeader).toEqual({ alg: 'HS384', kid: 'k1' });
  });

  it.each([
    ['RS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['PS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['ES256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
  ])('%s signs with a PKCS#8 private key and verifies with the public key', async (algorithm, makeKeys) => {
    const { privateKey, publicKey } = makeKeys();
    const request = await sign({ algorithm, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), payload: '{"sub":"x"}' });
    const token = bearerToken(request);
    expect(decodeProtectedHeader(token)).toEqual({ alg: algorithm });
    const { payload } = await jwtVerify(token, publicKey);
    expect(payload).toEqual({ sub: 'x' });
  });

  it('places the token per addTokenTo, queryParamKey and headerPrefix', async () => {
    const base = { algorithm: 'HS256', secret: 's', payload: '{}' };
    const query = await sign({ ...base, addTokenTo: 'queryParam' }, makeRequest('http://x/?token=old&b=2'));
    expect(query.url.search).toMatch(/^\?b=2&token=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(query.headers).toEqual([]);
    const named = await sign({ ...base, addTokenTo: 'queryParam', queryParamKey: 'jwt' });
    expect(named.url.searchParams.has('jwt')).toBe(true);
    const custom = await sign({ ...base, headerPrefix: 'JWT' });
    expect(authorization(custom)).toMatch(/^JWT [\w-]+\./);
    const bare = await sign({ ...base, headerPrefix: '' });
    expect(authorization(bare)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('treats a blank payload as {}', async () => {
    const request = await sign({ algorithm: 'HS256', secret: 's', payload: '  ' });
    const { payload } = await jwtVerify(bearerToken(request), new TextEncoder().encode('s'));
    expect(payload).toEqual({});
  });

  it.each([
    [{ algorithm: 'HS256', secret: 's', payload: '{not json' }, /payload is not valid JSON/],
    [{ algorithm: 'HS256', secret: 's', payload: '[1,2]' }, /payload must be a JSON object/],
    [{ algorithm: 'HS256', secret: 's', header: '"x"' }, /header must be a JSON object/],
    [{ algorithm: 'none', secret: 's' }, /algorithm "none" is not supported/],
    [{ algorithm: 'RS256', privateKey: 'garbage' }, /private key could not be read/],
  ])('rejects unusable params %o', async (params, message) => {
    const attempt = sign(params);
    await expect(attempt).rejects.toBeInstanceOf(AuthParamsError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('leaves the request alone without a secret or key', async () => {
    expect((await sign({ algorithm: 'RS256', payload: '{}' })).headers).toEqual([]);
    expect((await sign({ algorithm: 'HS512' })).headers).toEqual([]);
  });
});
