import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge.ts';
import { digestSigner } from './digest.ts';
import { AuthParamsError } from './errors.ts';
import { randomAlphanumeric } from './random.ts';
import type { AuthParams } from './signer.ts';
import { authorization, fixedContext, makeRequest } from './test-helpers.ts';

function fields(header: string | undefined): Record<string, string> {
  expect(header).toMatch(/^Digest /);
  return parseChallenges(header!)[0]!.params;
}

// RFC 7616 §3.9.1.
const RFC7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  qop: 'auth',
  nonceCount: '00000001',
  clientNonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};
const RFC7616_URL = 'http://www.example.org/dir/index.html';

async function sign(params: AuthParams, url = RFC7616_URL, init: Parameters<typeof makeRequest>[1] = {}) {
  const request = makeRequest(url, init);
  await digestSigner.sign(request, params, fixedContext());
  return request;
}

describe('digest: published vectors', () => {
  it('RFC 7616 §3.9.1, SHA-256', async () => {
    const request = await sign({ ...RFC7616, algorithm: 'SHA-256' });
    expect(authorization(request)).toBe(
      'Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ' +
        'uri="/dir/index.html", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", ' +
        'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
  });

  it('RFC 7616 §3.9.1, MD5', async () => {
    const request = await sign({ ...RFC7616, algorithm: 'MD5' });
    expect(fields(authorization(request))['response']).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('RFC 2617 §3.5', async () => {
    const request = await sign(
      {
        username: 'Mufasa',
        password: 'Circle Of Life',
        realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        opaque: '5ccc069c403ebaf9f0171e9517f40e41',
        qop: 'auth',
        nonceCount: '00000001',
        clientNonce: '0a4f113b',
      },
      'http://www.nowhere.org/dir/index.html',
    );
    const sent = fields(authorization(request));
    expect(sent['response']).toBe('6629fae49393a05397450978507c4ef1');
    expect(sent['algorithm']).toBe('MD5');
  });
});

describe('digest: computed variants', () => {
  const h = (hash: string, value: string): string => createHash(hash).update(value).digest('hex');
  const base = { username: 'u', password: 'p', realm: 'r', nonce: 'n', clientNonce: 'c', nonceCount: '1' };

  it.each([
    ['MD5-sess', 'md5'],
    ['SHA-256-sess', 'sha256'],
    ['SHA-512-256', 'sha512-256'],
    ['sha-512-256-SESS', 'sha512-256'],
  ])('%s with qop=auth-int hashes the body', async (algorithm, hash) => {
    const request = await sign({ ...base, algorithm, qop: 'auth-int' }, 'http://h/p?q=1', { method: 'POST', bodyText: '{"a":1}' });
    const sent = fields(authorization(request));
    const session = algorithm.toLowerCase().endsWith('-sess');
    const ha1 = session ? h(hash, `${h(hash, 'u:r:p')}:n:c`) : h(hash, 'u:r:p');
    const ha2 = h(hash, `POST:/p?q=1:${h(hash, '{"a":1}')}`);
    expect(sent).toMatchObject({ uri: '/p?q=1', qop: 'auth-int', nc: '00000001', cnonce: 'c' });
    expect(sent['response']).toBe(h(hash, `${ha1}:n:00000001:c:auth-int:${ha2}`));
  });

  it('without qop uses the RFC 2069 form and sends no nc or cnonce', async () => {
    const request = await sign(base, 'http://h/x');
    const sent = fields(authorization(request));
    expect(sent['response']).toBe(h('md5', `${h('md5', 'u:r:p')}:n:${h('md5', 'GET:/x')}`));
    expect(sent).not.toHaveProperty('nc');
    expect(sent).not.toHaveProperty('cnonce');
  });

  it('prefers qop=auth when several are offered, and draws the cnonce from ctx', async () => {
    const request = await sign({ ...base, clientNonce: '', qop: 'auth-int, auth' });
    const sent = fields(authorization(request));
    expect(sent['qop']).toBe('auth');
    expect(sent['cnonce']).toBe(randomAlphanumeric(fixedContext(), 16));
  });

  it('escapes quotes in the username', async () => {
    const request = await sign({ ...base, username: 'a"b' });
    expect(fields(authorization(request))['username']).toBe('a"b');
  });

  it('waits for a challenge when there is no nonce yet', async () => {
    const request = await sign({ username: 'u', password: 'p', realm: 'r' });
    expect(request.headers).toEqual([]);
  });

  it('refuses an algorithm it does not know', async () => {
    await expect(sign({ ...base, algorithm: 'SHA-1' })).rejects.toBeInstanceOf(AuthParamsError);
  });
});

describe('digest: challenge handling', () => {
  const rfcChallenges = [
    {
      key: 'WWW-Authenticate',
      value:
        'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    },
    {
      key: 'WWW-Authenticate',
      value:
        'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    },
  ];

  it('turns the RFC 7616 401 into params that sign to the RFC response', async () => {
    const stored = { username: 'Mufasa', password: 'Circle of Life', extra: 'kept' };
    const retry = digestSigner.onResponse!({ status: 401, headers: rfcChallenges }, stored);
    expect(retry).toEqual({
      ...stored,
      realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      algorithm: 'SHA-256',
      qop: 'auth, auth-int',
      nonceCount: '00000001',
      clientNonce: '',
    });
    const request = await sign({ ...retry, clientNonce: RFC7616.clientNonce });
    expect(fields(authorization(request))['response']).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('finds Digest among other challenges in one header, skipping unsupported algorithms', () => {
    const retry = digestSigner.onResponse!(
      {
        status: 401,
        headers: [{ key: 'www-authenticate', value: 'Basic realm="b", Digest realm="x", nonce="1", algorithm=SHA-1, Digest realm="y", nonce="2", stale=false' }],
      },
      { username: 'u' },
    );
    expect(retry).toMatchObject({ realm: 'y', nonce: '2', algorithm: 'MD5', qop: '', nonceCount: '', opaque: '' });
  });

  it('does not retry the nonce it already used, unless the server says stale', () => {
    const used = { username: 'u', realm: 'r', nonce: 'n1' };
    const challenge = (extra: string) => ({ status: 401, headers: [{ key: 'WWW-Authenticate', value: `Digest realm="r", nonce="n1"${extra}` }] });
    expect(digestSigner.onResponse!(challenge(''), used)).toBeUndefined();
    expect(digestSigner.onResponse!(challenge(', stale=TRUE'), used)).toMatchObject({ nonce: 'n1' });
  });

  it('accepts responses that are not Digest challenges', () => {
    const params = { username: 'u' };
    expect(digestSigner.onResponse!({ status: 200, headers: rfcChallenges }, params)).toBeUndefined();
    expect(digestSigner.onResponse!({ status: 401, headers: [{ key: 'WWW-Authenticate', value: 'Basic realm="x"' }] }, params)).toBeUndefined();
    expect(digestSigner.onResponse!({ status: 401, headers: rfcChallenges }, { ...params, disableRetryRequest: true })).toBeUndefined();
  });

  it('handles 403 like 401, as Postman does', () => {
    expect(digestSigner.onResponse!({ status: 403, headers: rfcChallenges }, {})).toMatchObject({ algorithm: 'SHA-256' });
  });
});
