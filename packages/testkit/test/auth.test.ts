import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.ts';

// Computed here from the protocol specs, independently of the server code.

let server: TestServer;
let host: string;

beforeAll(async () => {
  server = await startTestServer();
  host = new URL(server.url).host;
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('/basic-auth', () => {
  const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

  it('accepts postman / password', async () => {
    const res = await fetch(`${server.url}/basic-auth`, { headers: { authorization: basic('postman', 'password') } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ authenticated: true });
  });

  it.each([
    ['a wrong password', basic('postman', 'nope')],
    ['a wrong user', basic('someone', 'password')],
    ['another scheme', 'Bearer abc'],
  ])('refuses %s with 401 Unauthorized', async (_label, header) => {
    const res = await fetch(`${server.url}/basic-auth`, { headers: { authorization: header } });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized');
  });
});

describe('/digest-auth', () => {
  function challengeParams(header: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const m of header.replace(/^Digest\s+/, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
      out[m[1] as string] = (m[2] ?? m[3]) as string;
    }
    return out;
  }

  async function challenge(): Promise<Record<string, string>> {
    const res = await fetch(`${server.url}/digest-auth`);
    expect(res.status).toBe(401);
    return challengeParams(res.headers.get('www-authenticate') as string);
  }

  function authorize(c: Record<string, string>, opts: { password?: string; qop?: boolean; algorithm?: string } = {}): string {
    const { password = 'password', qop = true, algorithm = 'MD5' } = opts;
    const h = algorithm === 'SHA-256' ? sha256 : md5;
    const uri = '/digest-auth';
    const ha1 = h(`postman:${c.realm}:${password}`);
    const ha2 = h(`GET:${uri}`);
    const nc = '00000001';
    const cnonce = randomBytes(8).toString('hex');
    const response = qop ? h(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
    const parts = [
      'username="postman"',
      `realm="${c.realm}"`,
      `nonce="${c.nonce}"`,
      `uri="${uri}"`,
      `algorithm=${algorithm}`,
      `response="${response}"`,
      `opaque="${c.opaque}"`,
    ];
    if (qop) parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
    return `Digest ${parts.join(', ')}`;
  }

  const send = (authorization: string): Promise<Response> =>
    fetch(`${server.url}/digest-auth`, { headers: { authorization } });

  it('challenges with realm Users, MD5, qop auth, a nonce and opaque', async () => {
    const c = await challenge();
    expect(c).toMatchObject({ realm: 'Users', qop: 'auth', algorithm: 'MD5' });
    expect(c.nonce).toMatch(/\S{16,}/);
    expect(c.opaque).toMatch(/^[0-9a-f]{32}$/);
    // Each challenge carries its own nonce.
    expect((await challenge()).nonce).not.toBe(c.nonce);
  });

  it('accepts a correct qop=auth MD5 response', async () => {
    const res = await send(authorize(await challenge()));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ authenticated: true });
  });

  it('accepts the RFC 2069 form (no qop) and SHA-256', async () => {
    expect((await send(authorize(await challenge(), { qop: false }))).status).toBe(200);
    expect((await send(authorize(await challenge(), { algorithm: 'SHA-256' }))).status).toBe(200);
  });

  it('refuses a wrong password with a fresh challenge', async () => {
    const res = await send(authorize(await challenge(), { password: 'wrong' }));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized');
    expect(res.headers.get('www-authenticate')).toMatch(/^Digest realm="Users"/);
  });

  it('refuses a nonce the server did not issue', async () => {
    const c = await challenge();
    expect((await send(authorize({ ...c, nonce: 'made-up.nonce' }))).status).toBe(401);
  });

  it('refuses a response computed for another URI', async () => {
    const header = authorize(await challenge());
    const res = await fetch(`${server.url}/digest-auth?other=1`, { headers: { authorization: header } });
    expect(res.status).toBe(401);
  });

  it('marks an expired nonce stale', async () => {
    const c = await challenge();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6 * 60_000);
    const res = await send(authorize(c));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('stale=true');
  });
});

describe('/auth/hawk', () => {
  const id = 'dh37fgj492je';
  const key = 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn';

  function hawkHeader(opts: { method?: string; resource?: string; key?: string; ts?: number; payload?: { type: string; body: string } } = {}): string {
    const { method = 'GET', resource = '/auth/hawk', ts = Math.floor(Date.now() / 1000) } = opts;
    const nonce = randomBytes(4).toString('hex');
    const [hostname, port] = host.split(':') as [string, string];
    const hash = opts.payload
      ? createHash('sha256').update(`hawk.1.payload\n${opts.payload.type}\n${opts.payload.body}\n`).digest('base64')
      : '';
    const normalized = `hawk.1.header\n${ts}\n${nonce}\n${method}\n${resource}\n${hostname}\n${port}\n${hash}\n\n`;
    const mac = createHmac('sha256', opts.key ?? key).update(normalized).digest('base64');
    return `Hawk id="${id}", ts="${ts}", nonce="${nonce}"${hash ? `, hash="${hash}"` : ''}, mac="${mac}"`;
  }

  it('accepts a valid Hawk header and answers with Server-Authorization', async () => {
    const res = await fetch(`${server.url}/auth/hawk`, { headers: { authorization: hawkHeader() } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Hawk Authentication Successful' });
    expect(res.headers.get('server-authorization')).toMatch(/^Hawk mac="/);
  });

  it('verifies a payload hash when one is sent', async () => {
    const body = '{"a":1}';
    const authorization = hawkHeader({ method: 'POST', payload: { type: 'application/json', body } });
    const ok = await fetch(`${server.url}/auth/hawk`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body,
    });
    expect(ok.status).toBe(200);
    const tampered = await fetch(`${server.url}/auth/hawk`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: '{"a":2}',
    });
    expect(tampered.status).toBe(401);
  });

  it('refuses a wrong key, a stale timestamp and a missing header', async () => {
    const badMac = await fetch(`${server.url}/auth/hawk`, { headers: { authorization: hawkHeader({ key: 'wrong' }) } });
    expect(badMac.status).toBe(401);
    expect(await badMac.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'Bad mac' });

    const stale = await fetch(`${server.url}/auth/hawk`, {
      headers: { authorization: hawkHeader({ ts: Math.floor(Date.now() / 1000) - 3600 }) },
    });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('www-authenticate')).toMatch(/Stale timestamp/);

    expect((await fetch(`${server.url}/auth/hawk`)).status).toBe(401);
  });
});

describe('/oauth1', () => {
  const consumerKey = 'RKCGzna7bv9YD57c';
  const consumerSecret = 'D+EdQ-gs$-%@2Nu7';
  const enc = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

  function oauthParams(): Record<string, string> {
    return {
      oauth_consumer_key: consumerKey,
      oauth_nonce: randomBytes(6).toString('hex'),
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: String(Math.floor(Date.now() / 1000)),
      oauth_version: '1.0',
    };
  }

  function sign(method: string, baseUrl: string, params: Array<[string, string]>, secret = consumerSecret): string {
    const normalized = params
      .map(([k, v]) => [enc(k), enc(v)])
      .sort((a, b) => (a[0] === b[0] ? (a[1]! < b[1]! ? -1 : 1) : a[0]! < b[0]! ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const base = `${method}&${enc(baseUrl)}&${enc(normalized)}`;
    return createHmac('sha1', `${enc(secret)}&`).update(base).digest('base64');
  }

  function header(params: Record<string, string>, signature: string): string {
    const all = { ...params, oauth_signature: signature };
    return 'OAuth ' + Object.entries(all).map(([k, v]) => `${k}="${enc(v)}"`).join(',');
  }

  it('accepts a valid HMAC-SHA1 signature in the Authorization header, query included', async () => {
    const params = oauthParams();
    const signature = sign('GET', `${server.url}/oauth1`, [...Object.entries(params), ['foo', 'bar baz'], ['a', '1']]);
    const res = await fetch(`${server.url}/oauth1?foo=bar%20baz&a=1`, { headers: { authorization: header(params, signature) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'pass', message: 'OAuth-1.0a signature verification was successful' });
  });

  it('signs urlencoded body parameters too', async () => {
    const params = oauthParams();
    const signature = sign('POST', `${server.url}/oauth1`, [...Object.entries(params), ['field', 'välue!']]);
    const res = await fetch(`${server.url}/oauth1`, {
      method: 'POST',
      headers: { authorization: header(params, signature) },
      body: new URLSearchParams({ field: 'välue!' }),
    });
    expect(res.status).toBe(200);
  });

  it('accepts the OAuth parameters in the query string', async () => {
    const params = oauthParams();
    const signature = sign('GET', `${server.url}/oauth1`, Object.entries(params));
    const query = new URLSearchParams({ ...params, oauth_signature: signature });
    const res = await fetch(`${server.url}/oauth1?${query}`);
    expect(res.status).toBe(200);
  });

  it('fails a wrong signature with the echo service failure shape', async () => {
    const params = oauthParams();
    const signature = sign('GET', `${server.url}/oauth1`, Object.entries(params), 'not-the-secret');
    const res = await fetch(`${server.url}/oauth1`, { headers: { authorization: header(params, signature) } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({
      status: 'fail',
      message: 'HMAC-SHA1 verification failed',
      base_uri: `${server.url}/oauth1`,
      signing_key: `${enc(consumerSecret)}&`,
    });
    expect(body.base_string).toMatch(/^GET&http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth1&oauth_consumer_key%3D/);
    expect(body.normalized_param_string).toContain(`oauth_nonce=${params.oauth_nonce}`);
  });

  it('fails an unknown consumer key and a missing header', async () => {
    const params = { ...oauthParams(), oauth_consumer_key: 'someone-else' };
    const signature = sign('GET', `${server.url}/oauth1`, Object.entries(params));
    const res = await fetch(`${server.url}/oauth1`, { headers: { authorization: header(params, signature) } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { status: string }).status).toBe('fail');
    expect((await fetch(`${server.url}/oauth1`)).status).toBe(401);
  });
});
