import { sql } from 'drizzle-orm';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { openDatabase, queryRows } from '../src/db/database.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { AppEnv } from '../src/http/env.ts';
import { Browser, FIREFOX_ON_LINUX, newPerson } from './support/browser.ts';
import { forEachDatabase } from './for-each-database.ts';

const TODAY = new Date('2026-06-15T12:00:00Z');

forEachDatabase('accounts and sessions', (target) => {
  let database: DatabaseHandle;
  let app: OpenAPIHono<AppEnv>;
  let now = TODAY;
  const passwordHashing = { memoryCost: 1024, timeCost: 1 };

  beforeAll(async () => {
    database = await openDatabase(target.config());
    await migrate(database);
    // Rate limits have their own tests; here every request comes from one in-process client.
    app = createApp({ database, clock: () => now, passwordHashing, rateLimits: false });
  });
  afterAll(async () => {
    await database?.close();
  });

  const countUsers = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users`))[0]!.n;

  async function signUp(overrides: Record<string, unknown> = {}) {
    const browser = new Browser(app);
    const person = newPerson(overrides);
    const res = await browser.request('POST', '/api/accounts', { body: person });
    expect(res.status).toBe(201);
    return { browser, person, account: await res.json() };
  }

  it('signs up: the first account is the operator, later ones are not', async () => {
    const first = await signUp({ username: 'First_One', email: 'First@Example.test' });
    expect(first.account).toEqual({
      id: expect.any(String),
      username: 'First_One',
      displayName: null,
      bio: null,
      avatarUrl: null,
      email: 'First@Example.test',
      publicEmail: false,
      preferences: { theme: 'system', historyRetentionDays: 30 },
      emailVerified: false,
      operator: true,
      createdAt: TODAY.toISOString(),
    });
    expect(JSON.stringify(first.account)).not.toMatch(/argon|password|hash/i);
    const second = await signUp();
    expect(second.account.operator).toBe(false);
    const [stored] = await queryRows<{ password_hash: string }>(
      database.db,
      sql`select password_hash from users where id = ${first.account.id}`,
    );
    expect(stored!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('sets HttpOnly SameSite=Lax session and readable CSRF cookies, without Secure over http', async () => {
    const { browser } = await signUp();
    const session = browser.lastSetCookies.find((c) => c.startsWith('postern_session='))!;
    const csrf = browser.lastSetCookies.find((c) => c.startsWith('postern_csrf='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/; Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/; SameSite=Lax/);
    const token = browser.cookies.get('postern_session')!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await queryRows<{ token_hash: string }>(database.db, sql`select token_hash from sessions`);
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
    expect(rows.some((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('marks the cookies Secure when PUBLIC_URL is https', async () => {
    const secureApp = createApp({ database, clock: () => now, passwordHashing, rateLimits: false, publicUrl: 'https://postern.example' });
    const browser = new Browser(secureApp);
    const res = await browser.request('POST', '/api/accounts', { body: newPerson() });
    expect(res.status).toBe(201);
    expect(browser.lastSetCookies).toHaveLength(2);
    for (const cookie of browser.lastSetCookies) expect(cookie).toMatch(/; Secure/);
  });

  it('refuses people under 13, or under their country’s higher minimum, and saves nothing', async () => {
    const before = await countUsers();
    const cases: [string, string, number][] = [
      ['US', '2013-06-16', 403],
      ['US', '2013-06-15', 201],
      ['ES', '2012-06-16', 403],
      ['ES', '2012-06-15', 201],
      ['DE', '2010-06-16', 403],
      ['de', '2010-06-15', 201],
    ];
    for (const [country, birthDate, status] of cases) {
      const res = await new Browser(app).request('POST', '/api/accounts', { body: newPerson({ country, birthDate }) });
      expect([country, birthDate, res.status]).toEqual([country, birthDate, status]);
      if (status === 403) {
        const problem = await res.json();
        expect(problem.code).toBe('BELOW_MINIMUM_AGE');
        expect(res.headers.getSetCookie()).toEqual([]);
      }
    }
    expect(await countUsers()).toBe(before + 3);
  });

  it('answers 409 for a username or email already taken, whatever the case', async () => {
    const { person } = await signUp({ username: 'Grace_H', email: 'grace@example.test' });
    const before = await countUsers();
    const sameName = await new Browser(app).request('POST', '/api/accounts', { body: newPerson({ username: 'grace_h' }) });
    expect(sameName.status).toBe(409);
    expect((await sameName.json()).code).toBe('USERNAME_TAKEN');
    const sameEmail = await new Browser(app).request('POST', '/api/accounts', {
      body: newPerson({ email: person.email.toUpperCase() }),
    });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.headers.get('content-type')).toBe('application/problem+json');
    expect((await sameEmail.json()).code).toBe('EMAIL_TAKEN');
    expect(await countUsers()).toBe(before);
  });

  it('answers invalid sign-ups with 400 field errors and saves nothing', async () => {
    const before = await countUsers();
    const res = await new Browser(app).request('POST', '/api/accounts', {
      body: { username: 'a b', email: 'not-an-email', password: 'short', birthDate: '1990-13-40', country: 'FRA' },
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'json.birthDate',
      'json.country',
      'json.email',
      'json.password',
      'json.username',
    ]);
    const tooLong = await new Browser(app).request('POST', '/api/accounts', { body: newPerson({ username: 'x'.repeat(40) }) });
    expect(tooLong.status).toBe(400);
    const future = await new Browser(app).request('POST', '/api/accounts', { body: newPerson({ birthDate: '2999-01-01' }) });
    expect(future.status).toBe(400);
    expect(await countUsers()).toBe(before);
  });

  it('signs in by username or email, and gives the same 401 for an unknown account or a wrong password', async () => {
    const { person, account } = await signUp({ username: 'Linus_T' });
    for (const login of ['linus_t', person.email.toUpperCase()]) {
      const browser = new Browser(app);
      const res = await browser.request('POST', '/api/sessions', { body: { login, password: person.password } });
      expect(res.status).toBe(200);
      expect((await res.json()).id).toBe(account.id);
      const me = await browser.request('GET', '/api/me');
      expect((await me.json()).username).toBe('Linus_T');
    }
    const wrong = await new Browser(app).request('POST', '/api/sessions', { body: { login: 'Linus_T', password: 'wrong password!' } });
    const unknown = await new Browser(app).request('POST', '/api/sessions', { body: { login: 'nobody_here', password: 'wrong password!' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a.code).toBe('INVALID_CREDENTIALS');
    expect({ ...a, correlationId: '' }).toEqual({ ...b, correlationId: '' });
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const invalid = await new Browser(app).request('POST', '/api/sessions', { body: { login: '' } });
    expect(invalid.status).toBe(400);
    // A cross-site form can post text/plain but not JSON, so it cannot sign a visitor in.
    const fromForm = await app.request('/api/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ login: 'Linus_T', password: person.password }),
    });
    expect(fromForm.status).toBe(415);
    expect(((await fromForm.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(fromForm.headers.getSetCookie()).toEqual([]);
  });

  it('GET /api/me returns the signed-in account with its email, and 401 without a session', async () => {
    const { browser, person, account } = await signUp();
    const res = await browser.request('GET', '/api/me');
    expect(res.status).toBe(200);
    // GET /api/me alone also reports a pending email change (P23; none here).
    expect(await res.json()).toEqual({ ...account, email: person.email, pendingEmail: null });
    const anonymous = await new Browser(app).request('GET', '/api/me');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).code).toBe('UNAUTHENTICATED');
  });

  it('lists own sessions with browser, OS and last seen, and revokes one; another person’s answers 404', async () => {
    const { browser: onMac, person } = await signUp();
    const onLinux = new Browser(app, FIREFOX_ON_LINUX);
    expect((await onLinux.request('POST', '/api/sessions', { body: { login: person.username, password: person.password } })).status).toBe(200);

    const listed = await (await onMac.request('GET', '/api/sessions')).json();
    expect(listed.sessions).toHaveLength(2);
    const mine = listed.sessions.find((s: any) => s.current);
    const other = listed.sessions.find((s: any) => !s.current);
    expect(mine).toMatchObject({ browser: 'Chrome', os: 'macOS', lastSeenAt: TODAY.toISOString() });
    expect(other).toMatchObject({ browser: 'Firefox', os: 'Linux' });

    const stranger = (await signUp()).browser;
    const strangers = await stranger.request('DELETE', `/api/sessions/${other.id}`);
    expect(strangers.status).toBe(404);
    expect((await onLinux.request('GET', '/api/me')).status).toBe(200);

    expect((await onMac.request('DELETE', `/api/sessions/${other.id}`)).status).toBe(204);
    expect((await onLinux.request('GET', '/api/me')).status).toBe(401);
    expect((await onMac.request('DELETE', `/api/sessions/${other.id}`)).status).toBe(404);
    expect((await onMac.request('DELETE', '/api/sessions/not-a-uuid')).status).toBe(400);
    const after = await (await onMac.request('GET', '/api/sessions')).json();
    expect(after.sessions.map((s: any) => s.id)).toEqual([mine.id]);
  });

  it('signs out: the old cookie no longer works and the cookies are cleared', async () => {
    const { browser } = await signUp();
    const token = browser.cookies.get('postern_session')!;
    const res = await browser.request('DELETE', '/api/sessions/current');
    expect(res.status).toBe(204);
    expect(browser.lastSetCookies.some((c) => c.startsWith('postern_session=;') && /Max-Age=0/.test(c))).toBe(true);
    const replay = new Browser(app);
    replay.cookies.set('postern_session', token);
    expect((await replay.request('GET', '/api/me')).status).toBe(401);
  });

  it('refuses state-changing cookie requests with a missing or wrong X-CSRF-Token', async () => {
    const { browser } = await signUp();
    const missing = await browser.request('DELETE', '/api/sessions/current', { csrf: false });
    expect(missing.status).toBe(403);
    expect((await missing.json()).code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await browser.request('DELETE', '/api/sessions/current', { csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    // A cookie planted by someone else does not help: the token is bound to the session.
    browser.cookies.set('postern_csrf', 'planted');
    expect((await browser.request('DELETE', '/api/sessions/current', { csrf: 'planted' })).status).toBe(403);
    expect((await browser.request('GET', '/api/me')).status).toBe(200);
  });

  it('slides the expiry with use and expires sessions idle for 30 days', async () => {
    const { browser } = await signUp();
    try {
      now = new Date(TODAY.getTime() + 20 * 86_400_000);
      expect((await browser.request('GET', '/api/me')).status).toBe(200);
      expect(browser.lastSetCookies.some((c) => c.startsWith('postern_session='))).toBe(true);
      now = new Date(TODAY.getTime() + 45 * 86_400_000);
      expect((await browser.request('GET', '/api/me')).status).toBe(200);
      now = new Date(TODAY.getTime() + 76 * 86_400_000);
      expect((await browser.request('GET', '/api/me')).status).toBe(401);
    } finally {
      now = TODAY;
    }
  });
});
