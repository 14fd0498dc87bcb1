import { serve } from '@hono/node-server';
import { startTestServer, type TestServer } from '@postern/testkit';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { AppDeps } from '../src/app.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { JsonResponse } from './support/browser.ts';

/** Upstream failures are 5xx problems on purpose; keep them out of the test output. */
const quiet: AppDeps['reportError'] = () => undefined;

forEachDatabase('POST /api/send', (target) => {
  let t: TestApp;
  let kit: TestServer;

  beforeAll(async () => {
    kit = await startTestServer();
    t = await openTestApp(target, { reportError: quiet });
  });
  afterAll(async () => {
    await t?.close();
    await kit?.close();
  });

  /** Another app on the same database with different egress rules. */
  const appWith = (egress: AppDeps['egress']) =>
    createApp({ passwordHashing: FAST_HASHING, rateLimits: false, reportError: quiet, database: t.database, egress });

  const get = (url: string, extra: Record<string, unknown> = {}) => ({ request: { method: 'GET', url }, ...extra });

  it('sends with the runtime and answers the response: variables, headers, body, timings', async () => {
    const { browser } = await signUpPerson(t.app);
    const res = await browser.request('POST', '/api/send', {
      body: {
        request: {
          method: 'POST',
          url: '{{base}}/post?q={{q}}',
          header: [{ key: 'X-Trace', value: '{{q}}' }],
          body: { mode: 'raw', raw: '{"hello":"{{q}}"}', options: { raw: { language: 'json' } } },
        },
        variables: [
          { key: 'base', value: kit.url },
          { key: 'q', value: 'world' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out).toMatchObject({ url: `${kit.url}/post?q=world`, status: 200, statusText: 'OK', bodyEncoding: 'utf8', truncated: false, cookies: [] });
    const echoed = JSON.parse(out.body);
    expect(echoed.args).toEqual({ q: 'world' });
    expect(echoed.headers['x-trace']).toBe('world');
    expect(echoed.headers['content-type']).toBe('application/json');
    expect(echoed.json).toEqual({ hello: 'world' });
    expect(out.headers).toContainEqual({ key: 'content-type', value: expect.stringContaining('application/json') });
    expect(out.size.body).toBe(Buffer.byteLength(out.body));
    expect(out.timings.total).toBeGreaterThan(0);
    expect(out.timings.tcp).toBeGreaterThanOrEqual(0);
  });

  it('follows redirects and returns the cookies set on the way; binary bodies come back as base64', async () => {
    const { browser } = await signUpPerson(t.app);
    const cookies = await (await browser.request('POST', '/api/send', { body: get(`${kit.url}/cookies/set?flavour=oat`) })).json();
    expect(cookies.url).toBe(`${kit.url}/cookies`);
    expect(cookies.cookies).toEqual([expect.objectContaining({ key: 'flavour', value: 'oat', path: '/' })]);

    const manual = await (await browser.request('POST', '/api/send', { body: get(`${kit.url}/redirect/2`, { settings: { followRedirects: false } }) })).json();
    expect(manual.status).toBe(302);

    const bytes = await (await browser.request('POST', '/api/send', { body: get(`${kit.url}/bytes/64?seed=3`) })).json();
    expect(bytes.bodyEncoding).toBe('base64');
    expect(Buffer.from(bytes.body, 'base64')).toHaveLength(64);
  });

  it('works with a write API key and refuses a read-only one', async () => {
    const { browser } = await signUpPerson(t.app);
    const keyOf = async (scopes: string[]) => (await (await browser.request('POST', '/api/me/api-keys', { body: { name: scopes.join(), scopes } })).json()).key as string;
    const call = (key: string) =>
      t.app.request('/api/send', {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(get(`${kit.url}/get`)),
      });
    expect((await call(await keyOf(['read', 'write']))).status).toBe(200);
    const before = kit.requestCount();
    const denied = (await call(await keyOf(['read']))) as JsonResponse;
    expect(denied.status).toBe(403);
    expect((await denied.json()).code).toBe('API_KEY_SCOPE_MISSING');
    expect(kit.requestCount()).toBe(before);
  });

  it('answers 401 to anonymous callers and 400 to invalid bodies, sending nothing', async () => {
    const before = kit.requestCount();
    const anonymous = (await t.app.request('/api/send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(get(`${kit.url}/get`)),
    })) as JsonResponse;
    expect(anonymous.status).toBe(401);

    const { browser } = await signUpPerson(t.app);
    for (const body of [
      {},
      { request: 'not an object' },
      get(`${kit.url}/get`, { settings: { timeoutMs: 120_000 } }),
      get(`${kit.url}/get`, { variables: [{ key: 'a' }] }),
      get(`${kit.url}/get`, { unknown: true }),
      { request: { url: '' } },
      { request: { url: 'file:///etc/passwd' } },
      { request: { url: 'ftp://example.test/x' } },
      { request: { method: 'POST', url: `${kit.url}/post`, body: { mode: 'file', file: { src: '/etc/passwd' } } } },
    ]) {
      const res = await browser.request('POST', '/api/send', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const file = await browser.request('POST', '/api/send', {
      body: { request: { method: 'POST', url: `${kit.url}/post`, body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: '/etc/hostname' }] } } },
    });
    expect((await file.json()).code).toBe('BODY_FILE');
    expect(kit.requestCount()).toBe(before);
  });

  it('answers 504 on a timeout and 502 when the connection fails', async () => {
    const { browser } = await signUpPerson(t.app);
    const slow = await browser.request('POST', '/api/send', { body: get(`${kit.url}/delay/2`, { settings: { timeoutMs: 200 } }) });
    expect(slow.status).toBe(504);
    expect(await slow.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT', detail: expect.stringContaining('200 ms') });

    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await browser.request('POST', '/api/send', { body: get(`http://127.0.0.1:${port}/`) });
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ code: 'UPSTREAM_FAILED', detail: expect.stringContaining('connection refused') });
  });

  it.each([
    ['http://127.0.0.1:{port}/get', 'loopback'],
    ['http://10.0.0.1/', 'private network'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[::1]:{port}/get', 'loopback'],
    ['http://[::ffff:127.0.0.1]:{port}/get', 'loopback'],
    ['http://localhost:{port}/get', 'loopback'],
    ['http://0.0.0.0:{port}/get', 'unspecified'],
  ])('refuses %s under public-only (%s) before connecting', async (url, range) => {
    const app = appWith({ mode: 'public-only', allow: [] });
    const { browser } = await signUpPerson(app);
    const before = kit.requestCount();
    const res = await browser.request('POST', '/api/send', { body: get(url.replace('{port}', String(kit.port))) });
    expect(res.status).toBe(403);
    const problem = await res.json();
    expect(problem.code).toBe('EGRESS_REFUSED');
    expect(problem.detail).toContain(range);
    expect(problem.detail).toContain('POSTERN_EGRESS_ALLOW');
    expect(kit.requestCount()).toBe(before);
  });

  it('sends to what the operator allows, and refuses a redirect to another private address mid-chain', async () => {
    const app = appWith({ mode: 'public-only', allow: ['127.0.0.1'] });
    const { browser } = await signUpPerson(app);
    expect((await browser.request('POST', '/api/send', { body: get(`${kit.url}/redirect/2`) })).status).toBe(200);

    const before = kit.requestCount();
    const target = encodeURIComponent(`http://127.0.0.2:${kit.port}/get`);
    const res = await browser.request('POST', '/api/send', { body: get(`${kit.url}/redirect-to?url=${target}`) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'EGRESS_REFUSED', detail: expect.stringContaining('127.0.0.2') });
    // The first hop reached the allowed server; the second never left.
    expect(kit.requestCount()).toBe(before + 1);
  });

  it('cancels the outgoing request when the client goes away', async () => {
    // An upstream that never answers and reports when its connection closes.
    const sockets: Socket[] = [];
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => (arrived = r));
    const upstream: Server = createServer((req) => {
      sockets.push(req.socket);
      arrived();
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/slow`;

    const { browser } = await signUpPerson(t.app);
    const key = (await (await browser.request('POST', '/api/me/api-keys', { body: { name: 'cancel', scopes: ['read', 'write'] } })).json()).key;
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    try {
      const abort = new AbortController();
      const pending = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/send`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(get(upstreamUrl)),
        signal: abort.signal,
      });
      await arrival;
      const socket = sockets[0]!;
      expect(socket.destroyed).toBe(false);
      const closed = once(socket, 'close');
      abort.abort();
      await expect(pending).rejects.toThrow();
      await closed;
      expect(socket.destroyed).toBe(true);
    } finally {
      server.close();
      upstream.closeAllConnections();
      upstream.close();
    }
  });
});
