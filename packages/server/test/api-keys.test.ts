import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { JsonResponse } from './support/browser.ts';

const T0 = new Date('2026-06-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

forEachDatabase('personal API keys', (target) => {
  let t: TestApp;
  let now = T0;

  beforeAll(async () => {
    t = await openTestApp(target, { clock: () => now });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** app.request, typed like the Browser's responses (tests read the JSON they assert on). */
  async function call(path: string, init?: RequestInit, env?: unknown): Promise<JsonResponse> {
    return (await t.app.request(path, init, env)) as JsonResponse;
  }

  const countKeys = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from api_keys`))[0]!.n;

  /** A request authenticated only by the key: no cookies, no CSRF header. */
  function withKey(key: string, method: string, path: string, body?: unknown): Promise<JsonResponse> {
    const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return call(path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  }

  async function createKey(browser: Awaited<ReturnType<typeof signUpPerson>>['browser'], body: Record<string, unknown>) {
    const res = await browser.request('POST', '/api/me/api-keys', { body });
    expect(res.status).toBe(201);
    return res.json();
  }

  it('creates a key shown once, stores only its hash, and lists it without the secret', async () => {
    now = T0;
    const { browser } = await signUpPerson(t.app);
    const created = await createKey(browser, { name: 'CI', scopes: ['write', 'read', 'read'], expiresInDays: 30 });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'CI',
      key: expect.stringMatching(/^pst_[A-Za-z0-9_-]{43}$/),
      prefix: created.key.slice(0, 12),
      scopes: ['read', 'write'],
      createdAt: T0.toISOString(),
      lastUsedAt: null,
      expiresAt: new Date(T0.getTime() + 30 * DAY).toISOString(),
    });
    const [row] = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from api_keys where id = ${created.id}`);
    expect(row!.token_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const list = await browser.request('GET', '/api/me/api-keys');
    expect(list.status).toBe(200);
    const page = await list.json();
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([{ ...created, key: undefined }].map(({ key: _key, ...rest }) => rest));
    expect(JSON.stringify(page)).not.toContain(created.key);
  });

  it('authenticates Bearer requests as the owner, without a CSRF token', async () => {
    now = T0;
    const { browser, account } = await signUpPerson(t.app);
    const { key } = await createKey(browser, { name: 'laptop', scopes: ['read', 'write'], expiresInDays: null });
    const me = await withKey(key, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(account.id);
    const patched = await withKey(key, 'PATCH', '/api/me', { bio: 'written by a script' });
    expect(patched.status).toBe(200);
    expect((await patched.json()).bio).toBe('written by a script');
    // A browser cookie sent along does not turn the request into a cookie session needing CSRF.
    const both = await call('/api/me', {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${key}`,
        Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ bio: 'again' }),
    });
    expect(both.status).toBe(200);
  });

  it('refuses unknown, malformed, revoked and expired keys with 401 instead of serving anonymously', async () => {
    now = T0;
    const { browser } = await signUpPerson(t.app);
    for (const authorization of ['Bearer pst_nope', 'Bearer something-else', 'bearer  pst_x', 'Bearer', 'Bearer a b']) {
      const res = await call('/api/users/nobody_here', { headers: { Authorization: authorization } });
      expect(res.status, authorization).toBe(401);
      expect((await res.json()).code).toBe('API_KEY_INVALID');
    }
    // Another scheme (say, Basic from a password-protecting proxy) is left alone: the cookie decides.
    const basic = await call('/api/me', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect((await basic.json()).code).toBe('UNAUTHENTICATED');
    const basicWithCookie = await browser.request('GET', '/api/me', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basicWithCookie.status).toBe(200);

    const revoked = await createKey(browser, { name: 'old', scopes: ['read'], expiresInDays: null });
    expect((await withKey(revoked.key, 'GET', '/api/me')).status).toBe(200);
    expect((await browser.request('DELETE', `/api/me/api-keys/${revoked.id}`)).status).toBe(204);
    const afterRevoke = await withKey(revoked.key, 'GET', '/api/me');
    expect(afterRevoke.status).toBe(401);
    expect((await afterRevoke.json()).code).toBe('API_KEY_INVALID');

    const shortLived = await createKey(browser, { name: 'one day', scopes: ['read'], expiresInDays: 1 });
    now = new Date(T0.getTime() + DAY - 1000);
    expect((await withKey(shortLived.key, 'GET', '/api/me')).status).toBe(200);
    now = new Date(T0.getTime() + DAY);
    expect((await withKey(shortLived.key, 'GET', '/api/me')).status).toBe(401);
    now = T0;
  });

  it('lets a read-only key only GET, and no key manage the account', async () => {
    now = T0;
    const { browser } = await signUpPerson(t.app);
    const reader = await createKey(browser, { name: 'reader', scopes: ['read'], expiresInDays: null });
    const writer = await createKey(browser, { name: 'writer', scopes: ['write'], expiresInDays: null });

    expect((await withKey(reader.key, 'GET', '/api/me')).status).toBe(200);
    const refused = await withKey(reader.key, 'PATCH', '/api/me', { bio: 'nope' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('API_KEY_SCOPE_MISSING');
    expect((await browser.request('GET', '/api/me')).status).toBe(200);
    expect((await (await browser.request('GET', '/api/me')).json()).bio).toBeNull();

    const accountManagement: [string, string, unknown?][] = [
      ['POST', '/api/me/api-keys', { name: 'minted', scopes: ['write'], expiresInDays: null }],
      ['GET', '/api/me/api-keys'],
      ['DELETE', `/api/me/api-keys/${reader.id}`],
      ['GET', '/api/me/totp'],
      ['POST', '/api/me/totp'],
      ['DELETE', '/api/me/totp', { password: 'x' }],
      ['POST', '/api/me/totp/recovery-codes', { password: 'x' }],
      ['GET', '/api/sessions'],
      ['DELETE', '/api/sessions/current'],
      ['POST', '/api/me/password', { password: 'x' }],
      ['GET', '/api/me/api-keys/'],
    ];
    for (const [method, path, body] of accountManagement) {
      for (const key of [reader.key, writer.key]) {
        const res = await withKey(key, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect((await res.json()).code).toBe('API_KEY_NOT_ALLOWED');
      }
    }
    // Nothing was minted or revoked through the keys.
    const page = await (await browser.request('GET', '/api/me/api-keys')).json();
    expect(page.items.map((k: { name: string }) => k.name).sort()).toEqual(['reader', 'writer']);
  });

  it('records last use at most once a minute', async () => {
    now = T0;
    const { browser } = await signUpPerson(t.app);
    const { id, key } = await createKey(browser, { name: 'busy', scopes: ['read'], expiresInDays: null });
    const lastUsed = async () =>
      (await queryRows<{ at: Date | null }>(t.database.db, sql`select last_used_at as at from api_keys where id = ${id}`))[0]!.at;

    now = new Date(T0.getTime() + 1000);
    await withKey(key, 'GET', '/api/me');
    expect(new Date(String(await lastUsed())).getTime()).toBe(T0.getTime() + 1000);
    now = new Date(T0.getTime() + 59_000);
    await withKey(key, 'GET', '/api/me');
    expect(new Date(String(await lastUsed())).getTime()).toBe(T0.getTime() + 1000);
    now = new Date(T0.getTime() + 61_000);
    await withKey(key, 'GET', '/api/me');
    expect(new Date(String(await lastUsed())).getTime()).toBe(T0.getTime() + 61_000);
    const listed = await (await browser.request('GET', '/api/me/api-keys')).json();
    expect(listed.items[0].lastUsedAt).toBe(new Date(T0.getTime() + 61_000).toISOString());
    now = T0;
  });

  it('pages the list newest first', async () => {
    const { browser } = await signUpPerson(t.app);
    for (let i = 0; i < 3; i++) {
      now = new Date(T0.getTime() + i * 1000);
      await createKey(browser, { name: `key ${i}`, scopes: ['read'], expiresInDays: null });
    }
    const first = await (await browser.request('GET', '/api/me/api-keys?limit=2')).json();
    expect(first.items.map((k: { name: string }) => k.name)).toEqual(['key 2', 'key 1']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await browser.request('GET', `/api/me/api-keys?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'key 0' })], nextCursor: null });
    const bad = await browser.request('GET', '/api/me/api-keys?cursor=garbage');
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('INVALID_CURSOR');
    now = T0;
  });

  it('needs a signed-in session with a CSRF token, and keeps keys to their owner', async () => {
    const { browser } = await signUpPerson(t.app);
    const other = await signUpPerson(t.app);
    const key = await createKey(browser, { name: 'mine', scopes: ['read'], expiresInDays: null });
    const before = await countKeys();

    for (const [method, path] of [
      ['POST', '/api/me/api-keys'],
      ['GET', '/api/me/api-keys'],
      ['DELETE', `/api/me/api-keys/${key.id}`],
    ] as const) {
      const res = await call(path, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(method === 'POST' && { body: JSON.stringify({ name: 'x', scopes: ['read'], expiresInDays: null }) }),
      });
      expect(res.status).toBe(401);
    }
    const noCsrf = await browser.request('POST', '/api/me/api-keys', {
      body: { name: 'x', scopes: ['read'], expiresInDays: null },
      csrf: 'wrong',
    });
    expect(noCsrf.status).toBe(403);
    expect((await noCsrf.json()).code).toBe('CSRF_TOKEN_INVALID');

    const stolen = await other.browser.request('DELETE', `/api/me/api-keys/${key.id}`);
    expect(stolen.status).toBe(404);
    const othersList = await (await other.browser.request('GET', '/api/me/api-keys')).json();
    expect(othersList.items).toEqual([]);
    expect(await countKeys()).toBe(before);
    expect((await withKey(key.key, 'GET', '/api/me')).status).toBe(200);
  });

  it('rejects invalid input with 400 and saves nothing', async () => {
    const { browser } = await signUpPerson(t.app);
    const before = await countKeys();
    const bad = [
      {},
      { name: '', scopes: ['read'], expiresInDays: null },
      { name: '   ', scopes: ['read'], expiresInDays: null },
      { name: 'x'.repeat(101), scopes: ['read'], expiresInDays: null },
      { name: 'x', scopes: [], expiresInDays: null },
      { name: 'x', scopes: ['admin'], expiresInDays: null },
      { name: 'x', scopes: ['read'], expiresInDays: 0 },
      { name: 'x', scopes: ['read'], expiresInDays: 366 },
      { name: 'x', scopes: ['read'], expiresInDays: 1.5 },
      { name: 'x', scopes: 'read', expiresInDays: null },
    ];
    for (const body of bad) {
      const res = await browser.request('POST', '/api/me/api-keys', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await res.json()).code).toBe('VALIDATION_FAILED');
    }
    expect((await browser.request('DELETE', '/api/me/api-keys/not-a-uuid')).status).toBe(400);
    expect((await browser.request('GET', '/api/me/api-keys?limit=0')).status).toBe(400);
    expect(await countKeys()).toBe(before);
  });

  it('treats a missing expiresInDays as a key that never expires', async () => {
    const { browser } = await signUpPerson(t.app);
    const created = await createKey(browser, { name: 'forever', scopes: ['read'] });
    expect(created.expiresAt).toBeNull();
  });
});
