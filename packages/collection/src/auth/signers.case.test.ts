import { afterEach, describe, expect, it, vi } from 'vitest';
import { authSigners, getSigner, supportedAuthTypes } from './registry.ts';
import { AuthNotSupportedError, type AuthParams, type SignableRequest } from './signer.ts';
import { fixedContext, makeRequest, snapshot } from './test-helpers.ts';

/**
 * The cases every signer must pass (STYLE.md #12). Each row gives the
 * signer working params and what signing with no params must do.
 */
interface SignerCase {
  type: string;
  params: AuthParams;
  /** With `{}`: leave the request alone, add exactly this header, or refuse. */
  whenEmpty: 'unchanged' | { header: [string, string] } | 'not-supported';
  request?: () => SignableRequest;
}

const cases: SignerCase[] = [
  { type: 'noauth', params: {}, whenEmpty: 'unchanged' },
  { type: 'basic', params: { username: 'postman', password: 'password' }, whenEmpty: { header: ['Authorization', 'Basic Og=='] } },
  { type: 'bearer', params: { token: 'abc' }, whenEmpty: 'unchanged' },
  { type: 'apikey', params: { key: 'api_key', value: 'k 1', in: 'query' }, whenEmpty: 'unchanged' },
  {
    type: 'digest',
    params: { username: 'postman', password: 'password', realm: 'Users', nonce: 'n1', qop: 'auth', opaque: 'o' },
    whenEmpty: 'unchanged',
  },
  {
    type: 'oauth1',
    params: { consumerKey: 'ck', consumerSecret: 'cs', token: 't', tokenSecret: 'ts', version: '1.0' },
    whenEmpty: 'unchanged',
  },
  {
    type: 'oauth1',
    params: { consumerKey: 'ck', consumerSecret: 'cs', signatureMethod: 'HMAC-SHA256' },
    whenEmpty: 'unchanged',
    request: () => makeRequest('http://example.com/form', { method: 'POST', form: [{ key: 'a', value: 'b c' }], bodyText: 'a=b%20c' }),
  },
  { type: 'oauth2', params: { accessToken: 'tok', addTokenTo: 'queryParams' }, whenEmpty: 'unchanged' },
  { type: 'hawk', params: { authId: 'id', authKey: 'key', algorithm: 'sha256', includePayloadHash: true }, whenEmpty: 'unchanged' },
  { type: 'awsv4', params: { accessKey: 'AK', secretKey: 'SK', region: 'eu-west-1', service: 's3', sessionToken: 'st' }, whenEmpty: 'unchanged' },
  { type: 'awsv4', params: { accessKey: 'AK', secretKey: 'SK', addAuthDataToQuery: true }, whenEmpty: 'unchanged' },
  {
    type: 'edgegrid',
    params: { accessToken: 'at', clientToken: 'ct', clientSecret: 'cs', headersToSign: 'X-Keep' },
    whenEmpty: 'unchanged',
  },
  { type: 'jwt', params: { algorithm: 'HS256', secret: 's', payload: '{"sub":"1"}' }, whenEmpty: 'unchanged' },
  { type: 'ntlm', params: { username: 'u', password: 'p' }, whenEmpty: 'not-supported' },
];

function baseRequest(): SignableRequest {
  return makeRequest('http://example.com:8080/path/a%20b?keep=a%20b&x=1', {
    method: 'POST',
    headers: { 'X-Keep': 'yes', 'Content-Type': 'text/plain' },
    bodyText: 'hello',
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

async function signed(c: SignerCase, request = (c.request ?? baseRequest)(), now?: number): Promise<SignableRequest> {
  await getSigner(c.type)!.sign(request, c.params, fixedContext(now));
  return request;
}

function duplicates(keys: string[]): string[] {
  return keys.filter((key, index) => keys.indexOf(key) !== index);
}

afterEach(() => {
  vi.useRealTimers();
});

describe.each(cases)('signer $type (shared cases)', (c) => {
  const signer = getSigner(c.type)!;
  const signs = c.whenEmpty !== 'not-supported';

  it('is registered under its type', () => {
    expect(signer.type).toBe(c.type);
    expect(authSigners).toContain(signer);
    expect(supportedAuthTypes.includes(c.type)).toBe(signs);
  });

  it('has a clear outcome for empty params', async () => {
    const request = baseRequest();
    const before = snapshot(baseRequest());
    const attempt = Promise.resolve().then(() => signer.sign(request, {}, fixedContext()));
    if (c.whenEmpty === 'not-supported') {
      await expect(attempt).rejects.toBeInstanceOf(AuthNotSupportedError);
      await expect(attempt).rejects.toMatchObject({ code: 'AUTH_NOT_SUPPORTED', authType: c.type });
      expect(snapshot(request)).toEqual(before);
      return;
    }
    await attempt;
    if (c.whenEmpty === 'unchanged') {
      expect(snapshot(request)).toEqual(before);
    } else {
      const [key, value] = c.whenEmpty.header;
      expect(request.headers).toContainEqual({ key, value });
      expect(request.headers).toHaveLength(baseRequest().headers.length + 1);
    }
  });

  if (!signs) {
    it('refuses working params too', async () => {
      await expect(Promise.resolve().then(() => signer.sign(baseRequest(), c.params, fixedContext()))).rejects.toBeInstanceOf(
        AuthNotSupportedError,
      );
    });
    return;
  }

  it('changes the request when given credentials', async () => {
    const request = (c.request ?? baseRequest)();
    const before = snapshot(request);
    await signed(c, request);
    if (c.type === 'noauth') expect(snapshot(request)).toEqual(before);
    else expect(snapshot(request)).not.toEqual(before);
  });

  it('is deterministic under a fixed ctx, whatever the system clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const first = snapshot(await signed(c));
    vi.setSystemTime(new Date('2031-06-15T12:00:00Z'));
    const second = snapshot(await signed(c));
    expect(second).toEqual(first);
  });

  it('never mutates params', async () => {
    const original = structuredClone(c.params);
    const frozen = deepFreeze(structuredClone(c.params));
    await signed({ ...c, params: frozen });
    expect(frozen).toEqual(original);
  });

  it('keeps unrelated headers, query text and body', async () => {
    const request = await signed(c);
    if (c.request) {
      expect(request.form).toContainEqual({ key: 'a', value: 'b c' });
      return;
    }
    expect(request.headers).toContainEqual({ key: 'X-Keep', value: 'yes' });
    expect(request.url.search).toContain('keep=a%20b&x=1');
    expect(request.url.pathname).toBe('/path/a%20b');
    expect(request.bodyText).toBe('hello');
  });

  it('replaces its own credentials when signing an already signed request', async () => {
    const once = await signed(c);
    const twice = await signed(c, await signed(c));
    expect(snapshot(twice)).toEqual(snapshot(once));
    expect(duplicates(twice.headers.map((header) => header.key.toLowerCase()))).toEqual([]);
    expect(duplicates([...twice.url.searchParams.keys()])).toEqual([]);
    expect(duplicates((twice.form ?? []).map((pair) => pair.key))).toEqual([]);
  });
});
