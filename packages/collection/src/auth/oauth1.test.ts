import { createHash, createHmac, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge.ts';
import { AuthParamsError } from './errors.ts';
import { oauth1Signer, signatureBaseString } from './oauth1.ts';
import { randomAlphanumeric } from './random.ts';
import type { AuthParams, SignableRequest } from './signer.ts';
import { authorization, fixedContext, makeRequest } from './test-helpers.ts';

async function sign(request: SignableRequest, params: AuthParams, now?: number): Promise<SignableRequest> {
  await oauth1Signer.sign(request, params, fixedContext(now));
  return request;
}

/** The oauth_* fields of an Authorization header, percent-decoded. */
function headerFields(request: SignableRequest): Record<string, string> {
  const fields = parseChallenges(authorization(request) ?? '')[0]!.params;
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, decodeURIComponent(value)]));
}

// RFC 5849 §3.1 / §3.4.1.1, with the client and token secrets of verified erratum 2550.
const RFC5849 = {
  consumerKey: '9djdj82h48djs9d2',
  consumerSecret: 'j49sk3j29djd',
  token: 'kkk9d7dh3k39sjv7',
  tokenSecret: 'dh893hdasih9',
  signatureMethod: 'HMAC-SHA1',
  timestamp: '137131201',
  nonce: '7d8f3e4a',
  version: '',
  realm: 'Example',
  addParamsToHeader: true,
};
function rfc5849Request(): SignableRequest {
  return makeRequest('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', {
    method: 'POST',
    form: [
      { key: 'c2', value: '' },
      { key: 'a3', value: '2 q' },
    ],
    bodyText: 'c2&a3=2+q',
  });
}

// Photos example of OAuth Core 1.0 appendix A / RFC 5849 §1.2.
const PHOTOS = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
  signatureMethod: 'HMAC-SHA1',
  timestamp: '1191242096',
  nonce: 'kllo9940pd9333jh',
  version: '1.0',
};

describe('oauth1: published vectors', () => {
  it('RFC 5849 §3.4.1.1 signature base string', () => {
    const request = rfc5849Request();
    const oauth: Array<[string, string]> = [
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
    ];
    const pairs = [...oauth, ...request.url.searchParams, ...request.form!.map(({ key, value }) => [key, value] as [string, string])];
    expect(signatureBaseString('post', request.url, pairs)).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26' +
        'oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26' +
        'oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('RFC 5849 §3.1 request, signed into the Authorization header', async () => {
    const request = await sign(rfc5849Request(), RFC5849);
    expect(authorization(request)).toBe(
      'OAuth realm="Example",oauth_consumer_key="9djdj82h48djs9d2",oauth_token="kkk9d7dh3k39sjv7",' +
        'oauth_signature_method="HMAC-SHA1",oauth_timestamp="137131201",oauth_nonce="7d8f3e4a",' +
        'oauth_signature="r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D"',
    );
    // Header placement leaves the body and query as they were.
    expect(request.bodyText).toBe('c2&a3=2+q');
    expect(request.url.search).toBe('?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
  });

  it('photos.example.net GET, with the parameters in the query', async () => {
    const request = await sign(makeRequest('http://photos.example.net/photos?file=vacation.jpg&size=original'), PHOTOS);
    expect(request.url.searchParams.get('oauth_signature')).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
    expect(request.url.search).toBe(
      '?file=vacation.jpg&size=original&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_token=nnch734d00sl2jdk' +
        '&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1191242096&oauth_nonce=kllo9940pd9333jh&oauth_version=1.0' +
        '&oauth_signature=tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D',
    );
    expect(request.headers).toEqual([]);
  });

  it('RFC 5849 §1.2 temporary-credentials request with a callback', async () => {
    const request = await sign(makeRequest('https://photos.example.net/initiate', { method: 'POST' }), {
      consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44',
      timestamp: '137131200',
      nonce: 'wIjqoS',
      callback: 'http://printer.example.com/ready',
      realm: 'Photos',
      addParamsToHeader: true,
    });
    expect(headerFields(request)).toMatchObject({
      realm: 'Photos',
      oauth_callback: 'http://printer.example.com/ready',
      oauth_signature: '74KNZJeDHnMBp0EMJ9ZHt/XKycU=',
    });
    expect(headerFields(request)).not.toHaveProperty('oauth_token');
  });

  it('the Twitter "Ladies + Gentlemen" POST', async () => {
    const request = makeRequest('https://api.twitter.com/1.1/statuses/update.json?include_entities=true', {
      method: 'POST',
      form: [{ key: 'status', value: 'Hello Ladies + Gentlemen, a signed OAuth request!' }],
    });
    await sign(request, {
      consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
      consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
      token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
      tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
      timestamp: '1318622958',
      nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
      version: '1.0',
      addParamsToHeader: true,
    });
    expect(headerFields(request)['oauth_signature']).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('PLAINTEXT (RFC 5849 §3.4.4) sends the signing key itself', async () => {
    const request = await sign(makeRequest('https://photos.example.net/photos'), { ...PHOTOS, signatureMethod: 'PLAINTEXT' });
    expect(request.url.searchParams.get('oauth_signature')).toBe('kd94hf93k423kf44&pfkkdhi9sl3r4s00');
    expect(request.url.search).toContain('oauth_signature=kd94hf93k423kf44%26pfkkdhi9sl3r4s00');
  });
});

describe('oauth1: placement and options', () => {
  it('puts the parameters in a urlencoded POST body, signed over the original form', async () => {
    const request = makeRequest('http://api.example.com/r?x=1', {
      method: 'POST',
      form: [{ key: 'a', value: 'b c' }],
      bodyText: 'a=b%20c',
    });
    await sign(request, { ...PHOTOS, token: '', tokenSecret: '' });
    expect(request.url.search).toBe('?x=1');
    const added = Object.fromEntries(request.form!.slice(1).map(({ key, value }) => [key, value]));
    expect(Object.keys(added)).toEqual([
      'oauth_consumer_key',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_nonce',
      'oauth_version',
      'oauth_signature',
    ]);
    expect(request.bodyText).toBe(
      `a=b%20c&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1191242096` +
        `&oauth_nonce=kllo9940pd9333jh&oauth_version=1.0&oauth_signature=${encodeURIComponent(added['oauth_signature']!)}`,
    );
    const { oauth_signature: sent, ...signedOAuth } = added;
    const base = signatureBaseString('POST', new URL('http://api.example.com/r'), [['x', '1'], ['a', 'b c'], ...Object.entries(signedOAuth)]);
    expect(sent).toBe(createHmac('sha1', 'kd94hf93k423kf44&').update(base).digest('base64'));
  });

  it('uses the query for a GET even when there is a form', async () => {
    const request = makeRequest('http://x/', { form: [{ key: 'a', value: '1' }], bodyText: 'a=1' });
    await sign(request, PHOTOS);
    expect(request.bodyText).toBe('a=1');
    expect(request.url.searchParams.has('oauth_signature')).toBe(true);
  });

  it.each([
    ['HMAC-SHA256', 'sha256'],
    ['HMAC-SHA512', 'sha512'],
  ])('%s signs the base string with the encoded secrets', async (signatureMethod, hash) => {
    const params = { ...PHOTOS, consumerSecret: 'c&s', tokenSecret: 't s', signatureMethod };
    const request = await sign(makeRequest('http://photos.example.net/photos?size=original'), { ...params, addParamsToHeader: true });
    const { oauth_signature: sent, realm: _realm, ...oauth } = headerFields(request);
    const base = signatureBaseString('GET', new URL('http://photos.example.net/photos'), [['size', 'original'], ...Object.entries(oauth)]);
    expect(sent).toBe(createHmac(hash, 'c%26s&t%20s').update(base).digest('base64'));
  });

  it.each(['RSA-SHA1', 'RSA-SHA256'])('%s signs with the PEM private key', async (signatureMethod) => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const request = await sign(makeRequest('http://x/p'), {
      consumerKey: 'ck',
      privateKey: pem,
      signatureMethod,
      timestamp: '1',
      nonce: 'n',
      addParamsToHeader: true,
    });
    const { oauth_signature: sent, ...oauth } = headerFields(request);
    const base = signatureBaseString('GET', new URL('http://x/p'), Object.entries(oauth));
    const hash = signatureMethod === 'RSA-SHA1' ? 'sha1' : 'sha256';
    expect(verify(hash, Buffer.from(base), publicKey, Buffer.from(sent!, 'base64'))).toBe(true);
  });

  it('rejects a private key it cannot read', async () => {
    const attempt = sign(makeRequest('http://x/'), { consumerKey: 'ck', privateKey: 'not a key', signatureMethod: 'RSA-SHA256' });
    await expect(attempt).rejects.toBeInstanceOf(AuthParamsError);
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_INVALID_PARAMS', authType: 'oauth1' });
  });

  it('rejects an unknown signature method', async () => {
    await expect(sign(makeRequest('http://x/'), { ...PHOTOS, signatureMethod: 'HMAC-MD5' })).rejects.toBeInstanceOf(AuthParamsError);
  });

  it('adds oauth_body_hash for a non-form body (OAuth Request Body Hash example)', async () => {
    const request = makeRequest('http://x/', { method: 'POST', bodyText: 'Hello World!' });
    await sign(request, { ...PHOTOS, includeBodyHash: true, addParamsToHeader: true });
    expect(headerFields(request)['oauth_body_hash']).toBe('Lve95gjOVATpfV8EL5X4nxwjKHE=');
  });

  it('hashes with the signature method and skips forms and PLAINTEXT', async () => {
    const sha256 = await sign(makeRequest('http://x/', { method: 'PUT', bodyText: '{}' }), {
      ...PHOTOS,
      signatureMethod: 'HMAC-SHA256',
      includeBodyHash: true,
      addParamsToHeader: true,
    });
    expect(headerFields(sha256)['oauth_body_hash']).toBe(createHash('sha256').update('{}').digest('base64'));
    const form = await sign(makeRequest('http://x/', { method: 'POST', form: [] }), { ...PHOTOS, includeBodyHash: true, addParamsToHeader: true });
    expect(headerFields(form)).not.toHaveProperty('oauth_body_hash');
    const plain = await sign(makeRequest('http://x/', { method: 'POST', bodyText: 'b' }), {
      ...PHOTOS,
      signatureMethod: 'PLAINTEXT',
      includeBodyHash: true,
      addParamsToHeader: true,
    });
    expect(headerFields(plain)).not.toHaveProperty('oauth_body_hash');
  });

  it('takes the timestamp and nonce from ctx when they are blank', async () => {
    const request = await sign(makeRequest('http://x/'), { ...PHOTOS, timestamp: '', nonce: ' ', addParamsToHeader: true }, Date.UTC(2020, 0, 1));
    expect(headerFields(request)).toMatchObject({
      oauth_timestamp: String(Date.UTC(2020, 0, 1) / 1000),
      oauth_nonce: randomAlphanumeric(fixedContext(), 11),
    });
  });

  it('sends blank parameters only with addEmptyParamsToSign', async () => {
    const params = { consumerKey: 'ck', consumerSecret: 'cs', token: '', version: '', timestamp: '1', nonce: 'n', addParamsToHeader: true };
    expect(authorization(await sign(makeRequest('http://x/'), params))).not.toContain('oauth_token');
    const withEmpty = await sign(makeRequest('http://x/'), { ...params, addEmptyParamsToSign: true });
    expect(authorization(withEmpty)).toContain('oauth_token="",');
    expect(authorization(withEmpty)).toContain('oauth_version="",');
  });

  it('disableHeaderEncoding sends values as typed', async () => {
    const request = await sign(makeRequest('http://x/'), { ...PHOTOS, consumerKey: 'a b', disableHeaderEncoding: true, addParamsToHeader: true });
    expect(authorization(request)).toContain('oauth_consumer_key="a b"');
  });

  it('drops stale oauth_* parameters before signing again', async () => {
    const request = makeRequest('http://x/?oauth_signature=old&oauth_nonce=old&keep=1');
    await sign(request, { ...PHOTOS, addParamsToHeader: true });
    expect(request.url.search).toBe('?keep=1');
    const { oauth_signature: sent, ...oauth } = headerFields(request);
    const base = signatureBaseString('GET', new URL('http://x/'), [['keep', '1'], ...Object.entries(oauth)]);
    expect(sent).toBe(createHmac('sha1', 'kd94hf93k423kf44&pfkkdhi9sl3r4s00').update(base).digest('base64'));
  });
});
