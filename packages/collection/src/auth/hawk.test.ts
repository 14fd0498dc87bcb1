import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge.ts';
import { AuthParamsError } from './errors.ts';
import { hawkSigner } from './hawk.ts';
import { randomAlphanumeric } from './random.ts';
import type { AuthParams, SignableRequest } from './signer.ts';
import { authorization, fixedContext, makeRequest } from './test-helpers.ts';

// The example from Hawk's documentation.
const HAWK = {
  authId: 'dh37fgj492je',
  authKey: 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn',
  algorithm: 'sha256',
  timestamp: '1353832234',
  nonce: 'j4h3g2',
  extraData: 'some-app-ext-data',
};
const URL_ = 'http://example.com:8000/resource/1?b=1&a=2';

async function sign(request: SignableRequest, params: AuthParams, now?: number): Promise<SignableRequest> {
  await hawkSigner.sign(request, params, fixedContext(now));
  return request;
}

describe('hawk', () => {
  it('matches the documented GET example', async () => {
    const request = await sign(makeRequest(URL_), HAWK);
    expect(authorization(request)).toBe(
      'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="',
    );
  });

  it('matches the documented payload example when includePayloadHash is on', async () => {
    const request = makeRequest(URL_, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, bodyText: 'Thank you for flying Hawk' });
    await sign(request, { ...HAWK, includePayloadHash: true });
    expect(authorization(request)).toBe(
      'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", hash="Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=", ' +
        'ext="some-app-ext-data", mac="aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw="',
    );
  });

  it('takes ts and nonce from ctx when unset, and the mac checks out independently', async () => {
    const now = Date.UTC(2024, 4, 6, 7, 8, 9);
    const request = await sign(makeRequest('https://api.example.com/a/b?c=d'), { authId: 'id', authKey: 'k3y', algorithm: 'sha1' }, now);
    const fields = parseChallenges(authorization(request)!)[0]!.params;
    const ts = String(Math.floor(now / 1000));
    const nonce = randomAlphanumeric(fixedContext(), 6);
    expect(fields).toMatchObject({ id: 'id', ts, nonce });
    const normalized = ['hawk.1.header', ts, nonce, 'GET', '/a/b?c=d', 'api.example.com', '443', '', '', ''].join('\n');
    expect(fields['mac']).toBe(createHmac('sha1', 'k3y').update(normalized).digest('base64'));
  });

  it('sends app and dlg for Oz, and hashes an empty payload', async () => {
    const request = await sign(makeRequest('http://x/', { method: 'POST' }), {
      ...HAWK,
      extraData: '',
      app: 'app1',
      delegation: 'dlg1',
      includePayloadHash: true,
    });
    const value = authorization(request)!;
    expect(value).toContain(', app="app1", dlg="dlg1"');
    const emptyHash = createHash('sha256').update('hawk.1.payload\n\n\n').digest('base64');
    expect(value).toContain(`hash="${emptyHash}"`);
    expect(value).not.toContain('ext=');
  });

  it('rejects an unknown algorithm', async () => {
    await expect(sign(makeRequest(URL_), { ...HAWK, algorithm: 'md5' })).rejects.toBeInstanceOf(AuthParamsError);
  });

  it('turns a Hawk failure into an AuthParamsError', async () => {
    const attempt = sign(makeRequest(URL_), { ...HAWK, extraData: 'bad\u0001ext' });
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_INVALID_PARAMS', authType: 'hawk' });
  });
});
