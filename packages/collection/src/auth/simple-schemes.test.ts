import { describe, expect, it } from 'vitest';
import { apikeySigner } from './apikey.ts';
import { basicSigner } from './basic.ts';
import { bearerSigner } from './bearer.ts';
import { oauth2Signer } from './oauth2.ts';
import { getSigner, supportedAuthTypes } from './registry.ts';
import { fixedContext, makeRequest } from './test-helpers.ts';

const ctx = fixedContext();

describe('basic', () => {
  it.each([
    [{ username: 'Aladdin', password: 'open sesame' }, 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='],
    // RFC 7617 §2.1: credentials are UTF-8.
    [{ username: 'test', password: '123£' }, 'Basic dGVzdDoxMjPCow=='],
    [{ username: 'only' }, 'Basic b25seTo='],
  ])('%o', (params, expected) => {
    const request = makeRequest('http://x/', { headers: { authorization: 'Basic old' } });
    basicSigner.sign(request, params, ctx);
    expect(request.headers).toEqual([{ key: 'Authorization', value: expected }]);
  });
});

describe('bearer', () => {
  it('sets the header, replacing any other spelling of it', () => {
    const request = makeRequest('http://x/', { headers: { AUTHORIZATION: 'x', Accept: '*/*' } });
    bearerSigner.sign(request, { token: 'abc.def' }, ctx);
    expect(request.headers).toEqual([
      { key: 'Accept', value: '*/*' },
      { key: 'Authorization', value: 'Bearer abc.def' },
    ]);
  });
});

describe('apikey', () => {
  it('goes in a header by default, replacing one of the same name', () => {
    const request = makeRequest('http://x/', { headers: { 'x-api-key': 'old' } });
    apikeySigner.sign(request, { key: 'X-API-Key', value: 'secret' }, ctx);
    expect(request.headers).toEqual([{ key: 'X-API-Key', value: 'secret' }]);
  });

  it('goes in the query when `in` is query, encoded', () => {
    const request = makeRequest('http://x/p?api_key=old&q=1');
    apikeySigner.sign(request, { key: 'api_key', value: 'a b+c&d', in: 'query' }, ctx);
    expect(request.url.href).toBe('http://x/p?q=1&api_key=a%20b%2Bc%26d');
    expect(request.url.searchParams.get('api_key')).toBe('a b+c&d');
  });

  it('cannot send a value without a name', () => {
    const request = makeRequest('http://x/');
    apikeySigner.sign(request, { value: 'v' }, ctx);
    expect(request.headers).toEqual([]);
  });
});

describe('oauth2', () => {
  it.each([
    [{ accessToken: 'tok' }, 'Bearer tok'],
    [{ accessToken: 'tok', headerPrefix: ' Token ' }, 'Token tok'],
    [{ accessToken: 'tok', headerPrefix: '' }, 'tok'],
    [{ accessToken: 'tok', tokenType: 'Bearer', addTokenTo: 'header' }, 'Bearer tok'],
  ])('header %o', (params, expected) => {
    const request = makeRequest('http://x/?access_token=stale');
    oauth2Signer.sign(request, params, ctx);
    expect(request.headers).toEqual([{ key: 'Authorization', value: expected }]);
    expect(request.url.search).toBe('');
  });

  it('query placement drops an Authorization header', () => {
    const request = makeRequest('http://x/?a=1', { headers: { Authorization: 'Bearer stale' } });
    oauth2Signer.sign(request, { accessToken: 't/k=', addTokenTo: 'queryParams' }, ctx);
    expect(request.url.href).toBe('http://x/?a=1&access_token=t%2Fk%3D');
    expect(request.headers).toEqual([]);
  });

  it('leaves MAC tokens alone, as Postman does', () => {
    const request = makeRequest('http://x/');
    oauth2Signer.sign(request, { accessToken: 'tok', tokenType: 'mac' }, ctx);
    expect(request.headers).toEqual([]);
  });
});

describe('registry', () => {
  it('knows every Postman auth type but the vendor-specific "akamai" name', () => {
    const types = ['noauth', 'basic', 'bearer', 'apikey', 'digest', 'oauth1', 'oauth2', 'hawk', 'awsv4', 'edgegrid', 'jwt', 'ntlm'];
    for (const type of types) expect(getSigner(type)?.type).toBe(type);
    expect(getSigner('akamai')).toBeUndefined();
    expect(getSigner('BASIC')).toBeUndefined();
    expect([...supportedAuthTypes].sort()).toEqual(types.filter((type) => type !== 'ntlm').sort());
  });
});
