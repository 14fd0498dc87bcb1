import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp, MemoryMailer, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';

// Windows are aligned on multiples of their length; this start is on a whole hour.
const START = new Date('2026-06-15T12:00:00Z');
const LIMITS = {
  signIn: { limit: 3, windowSeconds: 60 },
  signUp: { limit: 2, windowSeconds: 3600 },
  passwordReset: { limit: 2, windowSeconds: 3600 },
  verification: { limit: 2, windowSeconds: 3600 },
  invitations: { limit: 2, windowSeconds: 3600 },
  oauthToken: { limit: 2, windowSeconds: 60 },
};

// P18: rate limits on sign-in, sign-up, password reset and verification, counted in the database.
forEachDatabase('rate limits', (target) => {
  let t: TestApp;
  let open: TestApp;
  let now = START;
  const mailer = new MemoryMailer();
  const client = (ip?: string) => {
    const browser = new Browser(t.app);
    return (method: string, path: string, body?: unknown) =>
      browser.request(method, path, { ...(body !== undefined && { body }), ...(ip && { headers: { 'X-Forwarded-For': ip } }) });
  };

  beforeAll(async () => {
    t = await openTestApp(target, { mailer, clock: () => now, rateLimits: LIMITS, trustProxy: true });
    // Same database, no limits: to create the people the limited app is tried on.
    open = { ...t, app: createApp({ database: t.database, mailer, clock: () => now, rateLimits: false, passwordHashing: FAST_HASHING }) };
  });
  afterAll(async () => {
    await t?.close();
  });

  const at = (ms: number) => {
    now = new Date(START.getTime() + ms);
  };

  async function expectLimited(res: Response, retryAfter: number) {
    expect(res.status).toBe(429);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(res.headers.get('Retry-After')).toBe(String(retryAfter));
    expect(await res.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  }

  it('limits the OAuth token endpoint per client address (P14)', async () => {
    at(0);
    const fromA = client('203.0.113.40');
    for (let i = 0; i < 2; i++) {
      expect((await fromA('POST', '/api/oauth/token', { grant_type: 'authorization_code', code: 'guess', client_id: 'nobody' })).status).toBe(400);
    }
    await expectLimited(await fromA('POST', '/api/oauth/token', { grant_type: 'authorization_code', code: 'guess', client_id: 'nobody' }), 60);
    await expectLimited(await fromA('POST', '/api/oauth/revoke', { token: 'guess' }), 60);
    expect((await client('203.0.113.41')('POST', '/api/oauth/token', { grant_type: 'authorization_code' })).status).toBe(400);
  });

  it('limits sign-in per client address and login, until the window ends', async () => {
    at(0);
    const { person } = await signUpPerson(open.app);
    const fromA = client('203.0.113.7');
    for (let i = 0; i < 3; i++) {
      expect((await fromA('POST', '/api/sessions', { login: person.username, password: 'wrong password!' })).status).toBe(401);
    }
    at(20_000);
    // The right password does not get past the limit either.
    await expectLimited(await fromA('POST', '/api/sessions', { login: person.username, password: person.password }), 40);
    // Another login from the same address, and the same login from another address, are counted apart.
    expect((await fromA('POST', '/api/sessions', { login: 'someone_else', password: 'wrong password!' })).status).toBe(401);
    expect((await client('198.51.100.2')('POST', '/api/sessions', { login: person.username, password: person.password })).status).toBe(200);
    // The login is compared without case, so changing case does not escape the limit.
    await expectLimited(await fromA('POST', '/api/sessions', { login: person.username.toUpperCase(), password: person.password }), 40);

    at(60_000);
    expect((await fromA('POST', '/api/sessions', { login: person.username, password: person.password })).status).toBe(200);
  });

  it('still lets the route validate a body the limiter could not read, and counts it', async () => {
    at(90 * 60_000);
    const post = (app: typeof t.app, body: string, contentType: string) =>
      app.request('/api/sessions', { method: 'POST', headers: { 'Content-Type': contentType, 'X-Forwarded-For': '192.0.2.200' }, body });
    // The same answers as without the limiter in front.
    for (const [body, type] of [
      ['{"login":', 'application/json'],
      ['login=a&password=b', 'application/x-www-form-urlencoded'],
      ['{"login": "x", "password": "y"}', 'application/json'],
    ] as const) {
      const [limited, unlimited] = [await post(t.app, body, type), await post(open.app, body, type)];
      expect(limited.status).toBe(unlimited.status);
      const [a, b] = [(await limited.json()) as { code: string }, (await unlimited.json()) as { code: string }];
      expect(a.code).toBe(b.code);
    }
    // Two requests had no readable login and shared the key (address, ""); x had its own.
    expect((await post(t.app, '{"login":', 'application/json')).status).toBe(400);
    await expectLimited(await post(t.app, '{"login":', 'application/json'), 60);
  });

  it('limits sign-up per client address', async () => {
    at(2 * 3600_000);
    const fromB = client('192.0.2.10');
    const person = (n: number) => ({ username: `limited_${n}`, email: `limited${n}@example.test`, password: 'correct horse battery', birthDate: '1990-01-01', country: 'FR' });
    expect((await fromB('POST', '/api/accounts', person(1))).status).toBe(201);
    expect((await fromB('POST', '/api/accounts', person(2))).status).toBe(201);
    at(2 * 3600_000 + 600_000);
    await expectLimited(await fromB('POST', '/api/accounts', person(3)), 3000);
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from users where username = 'limited_3'`))[0]!.n).toBe(0);
    expect((await client('192.0.2.11')('POST', '/api/accounts', person(3))).status).toBe(201);
    at(3 * 3600_000);
    expect((await fromB('POST', '/api/accounts', person(4))).status).toBe(201);
  });

  it('limits reset requests per email address, whatever the client address', async () => {
    at(4 * 3600_000);
    const { person } = await signUpPerson(open.app);
    const sent = mailer.to(person.email).length;
    expect((await client('203.0.113.1')('POST', '/api/password-resets', { email: person.email })).status).toBe(202);
    expect((await client('203.0.113.2')('POST', '/api/password-resets', { email: person.email.toUpperCase() })).status).toBe(202);
    await expectLimited(await client('203.0.113.3')('POST', '/api/password-resets', { email: person.email }), 3600);
    // Reset links are mailed in the background.
    for (let waited = 0; mailer.to(person.email).length < sent + 2 && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(mailer.to(person.email).length).toBe(sent + 2);
    // Unknown addresses are counted the same way, so the limit tells nothing either.
    expect((await client('203.0.113.1')('POST', '/api/password-resets', { email: 'ghost@example.test' })).status).toBe(202);
    expect((await client('203.0.113.1')('POST', '/api/password-resets', { email: 'ghost@example.test' })).status).toBe(202);
    await expectLimited(await client('203.0.113.1')('POST', '/api/password-resets', { email: 'ghost@example.test' }), 3600);

    const fromC = client('203.0.113.9');
    for (let i = 0; i < 2; i++) {
      expect((await fromC('POST', '/api/password-resets/complete', { token: 'guess'.repeat(9), password: 'whatever passphrase' })).status).toBe(400);
    }
    await expectLimited(await fromC('POST', '/api/password-resets/complete', { token: 'guess'.repeat(9), password: 'whatever passphrase' }), 3600);
  });

  it('limits verification and resending per client address', async () => {
    at(5 * 3600_000);
    const fromD = client('198.51.100.77');
    for (let i = 0; i < 2; i++) expect((await fromD('POST', '/api/email-verifications', { token: 'nope'.repeat(11) })).status).toBe(400);
    await expectLimited(await fromD('POST', '/api/email-verifications', { token: 'nope'.repeat(11) }), 3600);

    // Signed up through the unlimited app; the same cookies then go to the limited one.
    const { browser } = await signUpPerson(open.app);
    const limitedBrowser = new Browser(t.app);
    for (const [k, v] of browser.cookies) limitedBrowser.cookies.set(k, v);
    const viaLimited = () => limitedBrowser.request('POST', '/api/me/email-verification', { headers: { 'X-Forwarded-For': '198.51.100.78' } });
    expect((await viaLimited()).status).toBe(202);
    expect((await viaLimited()).status).toBe(202);
    await expectLimited(await viaLimited(), 3600);
  });

  it('deletes windows that have ended', async () => {
    const windows = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from rate_limit_windows`))[0]!.n;
    expect(await windows()).toBeGreaterThan(3);
    at(10 * 3600_000);
    expect((await client('192.0.2.99')('POST', '/api/email-verifications', { token: 'nope'.repeat(11) })).status).toBe(400);
    expect(await windows()).toBe(1);
  });

  it('limits team invitations per inviter, since each one sends an email', async () => {
    at(11 * 3600_000);
    const { browser } = await signUpPerson(open.app);
    expect((await browser.request('POST', '/api/teams', { body: { name: 'Limited', slug: 'limited-team' } })).status).toBe(201);
    const limitedBrowser = new Browser(t.app);
    for (const [k, v] of browser.cookies) limitedBrowser.cookies.set(k, v);
    const invite = (n: number) =>
      limitedBrowser.request('POST', '/api/teams/limited-team/invitations', { body: { email: `invitee${n}@example.test`, role: 'member' } });
    expect((await invite(1)).status).toBe(201);
    expect((await invite(2)).status).toBe(201);
    await expectLimited(await invite(3), 3600);
    const stored = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from team_invitations where email = 'invitee3@example.test'`);
    expect(stored[0]!.n).toBe(0);
  });

  it('ignores X-Forwarded-For unless told to trust it, and keys on the socket address', async () => {
    const strict = createApp({
      database: t.database,
      mailer,
      clock: () => now,
      rateLimits: { ...LIMITS, verification: { limit: 1, windowSeconds: 3600 } },
      passwordHashing: FAST_HASHING,
    });
    at(20 * 3600_000);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: strict.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/email-verifications`;
      const post = (ip: string) =>
        fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip }, body: JSON.stringify({ token: 'nope'.repeat(11) }) });
      expect((await post('10.0.0.1')).status).toBe(400);
      // A different forwarded address does not help: the socket address (127.0.0.1) is the key.
      await expectLimited(await post('10.0.0.2'), 3600);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    // In-process requests have no socket: they share one fixed key, forwarded header or not.
    const inProcess = (ip: string) =>
      strict.request('/api/email-verifications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
        body: JSON.stringify({ token: 'nope'.repeat(11) }),
      });
    expect((await inProcess('10.0.0.3')).status).toBe(400);
    await expectLimited(await inProcess('10.0.0.4'), 3600);
  });
});
