/**
 * Audit of the egress guard (issue #8 item 8) end to end: names that resolve to private
 * addresses, redirects to internal addresses in send and runs, unusual spellings of loopback,
 * DNS rebinding, and the allow-list. Receivers are local servers; names resolve through a
 * scripted resolver, never the internet.
 */
import { startTestServer, type TestServer } from '@postern/testkit';
import type { LookupAddress } from 'node:dns';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { AppDeps } from '../src/app.ts';
import { createGuardedDispatcher } from '../src/egress/dispatcher.ts';
import { createEgressGuard } from '../src/egress/policy.ts';
import type { EgressSettings } from '../src/egress/policy.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser } from './support/browser.ts';

const quiet: AppDeps['reportError'] = () => undefined;
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** A resolver answering from a table; a name with several answers gives the next one on each call (the last repeats). */
function scriptedResolver(table: Record<string, string[]>) {
  const calls: string[] = [];
  const seen = new Map<string, number>();
  const resolve = (host: string, _options: unknown, cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
    calls.push(host);
    const answers = table[host];
    if (!answers) {
      queueMicrotask(() => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []));
      return;
    }
    const n = seen.get(host) ?? 0;
    seen.set(host, n + 1);
    const address = answers[Math.min(n, answers.length - 1)]!;
    queueMicrotask(() => cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]));
  };
  return { resolve, calls };
}

/** Sends one GET through a guarded dispatcher; answers the status or the error's code and message. */
async function get(settings: EgressSettings, url: string, resolver?: ReturnType<typeof scriptedResolver>, handle = createGuardedDispatcher(createEgressGuard(settings), {}, resolver?.resolve)) {
  try {
    const res = await request(url, { dispatcher: handle.dispatcher, reset: true });
    await res.body.dump();
    return { status: res.statusCode };
  } catch (error) {
    const e = error as { code?: string; message: string; cause?: { code?: string; message: string } };
    const inner = e.code === 'EGRESS_REFUSED' ? e : (e.cause ?? e);
    return { code: inner.code, message: inner.message };
  }
}

describe('egress guard at connect time', () => {
  let kit: TestServer;
  beforeAll(async () => {
    kit = await startTestServer();
  });
  afterAll(async () => {
    await kit?.close();
  });
  const publicOnly: EgressSettings = { mode: 'public-only', allow: [] };

  it('refuses a public-looking name that resolves to a private, loopback or metadata address', async () => {
    const dns = scriptedResolver({ 'api.example.test': ['10.1.2.3'], 'meta.example.test': ['169.254.169.254'], 'self.example.test': ['127.0.0.1'], 'v6.example.test': ['::1'] });
    for (const [host, range] of [
      ['api.example.test', 'private network'],
      ['meta.example.test', 'link-local'],
      ['self.example.test', 'loopback'],
      ['v6.example.test', 'loopback'],
    ] as const) {
      const before = kit.requestCount();
      const out = await get(publicOnly, `http://${host}:${kit.port}/get`, dns);
      expect(out.code, host).toBe('EGRESS_REFUSED');
      expect(out.message).toContain(`${host} resolves to it`);
      expect(out.message).toContain(range);
      expect(kit.requestCount()).toBe(before);
    }
    expect(dns.calls).toEqual(['api.example.test', 'meta.example.test', 'self.example.test', 'v6.example.test']);
  });

  it.each([
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['[0:0:0:0:0:ffff:a9fe:a9fe]', 'link-local'],
    ['2130706433', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['127.1', 'loopback'],
    ['0', 'unspecified'],
    ['[fe80::1]', 'link-local'],
    ['[fd00::1]', 'unique-local'],
  ])('refuses the address spelled %s (%s) before connecting', async (host, range) => {
    const before = kit.requestCount();
    const out = await get(publicOnly, `http://${host}:${kit.port}/get`);
    expect(out.code).toBe('EGRESS_REFUSED');
    expect(out.message).toContain(range);
    expect(kit.requestCount()).toBe(before);
  });

  it('checks every new connection, so a name rebound from an allowed to a private address is refused (DNS rebinding)', async () => {
    // 127.0.0.1 stands in for a public address here (allowed), since tests never reach the internet.
    const dns = scriptedResolver({ 'rebind.example.test': ['127.0.0.1', '127.0.0.2'] });
    const settings: EgressSettings = { mode: 'public-only', allow: ['127.0.0.1'] };
    const handle = createGuardedDispatcher(createEgressGuard(settings), {}, dns.resolve);
    try {
      expect(await get(settings, `http://rebind.example.test:${kit.port}/get`, dns, handle)).toEqual({ status: 200 });
      // The first connection was closed (reset); the next one resolves again and gets the private answer.
      const second = await get(settings, `http://rebind.example.test:${kit.port}/get`, dns, handle);
      expect(second.code).toBe('EGRESS_REFUSED');
      expect(second.message).toContain('127.0.0.2');
      expect(dns.calls).toEqual(['rebind.example.test', 'rebind.example.test']);
    } finally {
      await handle.close();
    }
  });

  it('lets through what POSTERN_EGRESS_ALLOW lists: host names, CIDRs, single addresses', async () => {
    const dns = scriptedResolver({ 'intranet.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
    expect(await get({ mode: 'public-only', allow: ['intranet.test'] }, `http://intranet.test:${kit.port}/get`, dns)).toEqual({ status: 200 });
    expect((await get({ mode: 'public-only', allow: ['intranet.test'] }, `http://other.test:${kit.port}/get`, dns)).code).toBe('EGRESS_REFUSED');
    expect(await get({ mode: 'public-only', allow: ['127.0.0.0/8'] }, `http://127.0.0.1:${kit.port}/get`)).toEqual({ status: 200 });
    expect(await get({ mode: 'public-only', allow: ['127.0.0.1'] }, `http://2130706433:${kit.port}/get`)).toEqual({ status: 200 });
    expect((await get({ mode: 'public-only', allow: ['127.0.0.1'] }, `http://127.0.0.2:${kit.port}/get`)).code).toBe('EGRESS_REFUSED');
    // The local single-user default sends anywhere.
    expect(await get({ mode: 'open', allow: [] }, `http://127.0.0.1:${kit.port}/get`)).toEqual({ status: 200 });
  });
});

forEachDatabase('egress guard in send and runs', (target) => {
  let t: TestApp;
  let kit: TestServer;
  beforeAll(async () => {
    kit = await startTestServer();
    t = await openTestApp(target, { reportError: quiet });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await kit?.close();
  });
  // `localhost` plays the public host: allowed by name, while its addresses by number are not.
  const appAllowingLocalhost = () =>
    createApp({ passwordHashing: FAST_HASHING, rateLimits: false, reportError: quiet, database: t.database, egress: { mode: 'public-only', allow: ['localhost'] } });

  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/get`],
    ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['[::ffff:127.0.0.1]', (port: number) => `http://[::ffff:127.0.0.1]:${port}/get`],
  ])('send refuses a redirect to %s at that hop', async (shown, to) => {
    const { browser } = await signUpPerson(appAllowingLocalhost());
    const before = kit.requestCount();
    const url = `http://localhost:${kit.port}/redirect-to?url=${encodeURIComponent(to(kit.port))}`;
    const res = await browser.request('POST', '/api/send', { body: { request: { method: 'GET', url } } });
    expect(res.status).toBe(403);
    const problem = await res.json();
    expect(problem.code).toBe('EGRESS_REFUSED');
    expect(problem.detail).toContain(shown.replace(/^\[::ffff:(.*)\]$/, '$1'));
    // The first hop reached the allowed host; the redirect never left.
    expect(kit.requestCount()).toBe(before + 1);
  });

  it.each(['2130706433', '0177.0.0.1', '0x7f.1', '[::1]'])('send refuses loopback spelled %s', async (host) => {
    const { browser } = await signUpPerson(appAllowingLocalhost());
    const before = kit.requestCount();
    const res = await browser.request('POST', '/api/send', { body: { request: { method: 'GET', url: `http://${host}:${kit.port}/get` } } });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('EGRESS_REFUSED');
    expect(kit.requestCount()).toBe(before);
  });

  it('pm.sendRequest in a script goes through the same guard', async () => {
    const { browser } = await signUpPerson(appAllowingLocalhost());
    const before = kit.requestCount();
    const script = [
      `pm.sendRequest('http://127.0.0.1:${kit.port}/get', (err, res) => console.log(err ? 'refused: ' + err.message : 'reached ' + res.code));`,
    ];
    const res = await browser.request('POST', '/api/send', {
      body: { request: { method: 'GET', url: `http://localhost:${kit.port}/get` }, events: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: script } }] },
    });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.console.map((l: { message: string }) => l.message).join('\n')).toMatch(/refused: .*127\.0\.0\.1.*loopback/);
    // Only the main request (to the allowed name) arrived.
    expect(kit.requestCount()).toBe(before + 1);
  });

  it('a run records a redirect to the metadata address as a refused request', async () => {
    const app = appAllowingLocalhost();
    const { browser } = await signUpPerson(app);
    const ws = await (await browser.request('POST', '/api/workspaces', { body: { name: 'Guarded runs', kind: 'private' } })).json();
    const hop = (to: string) => `http://localhost:${kit.port}/redirect-to?url=${encodeURIComponent(to)}`;
    const collection = {
      info: { name: 'Redirects', schema: SCHEMA },
      item: [
        { name: 'to metadata', request: { method: 'GET', url: hop('http://169.254.169.254/latest/meta-data/') } },
        { name: 'to loopback', request: { method: 'GET', url: hop(`http://127.0.0.1:${kit.port}/get`) } },
        { name: 'allowed', request: { method: 'GET', url: `http://localhost:${kit.port}/get` } },
      ],
    };
    const imported = await (await browser.request('POST', `/api/workspaces/${ws.id}/collections`, { body: collection })).json();
    const before = kit.requestCount();
    const { runId } = await (await browser.request('POST', `/api/collections/${imported.id}/runs`, { body: {} })).json();
    const run = await waitForEnd(browser, runId);
    expect(run.status).toBe('finished');
    expect(run.results.map((r: { status: number | null }) => r.status)).toEqual([null, null, 200]);
    expect(run.results[0].error).toMatch(/169\.254\.169\.254.*link-local/);
    expect(run.results[1].error).toMatch(/127\.0\.0\.1.*loopback/);
    // Two first hops and the allowed request reached the server; no redirect did.
    expect(kit.requestCount()).toBe(before + 3);
  });
});

async function waitForEnd(browser: Browser, runId: string) {
  for (let i = 0; i < 400; i++) {
    const run = await (await browser.request('GET', `/api/runs/${runId}`)).json();
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the run did not end');
}
