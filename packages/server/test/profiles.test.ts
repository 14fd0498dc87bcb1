import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser, JsonResponse } from './support/browser.ts';

const T0 = new Date('2026-06-15T12:00:00Z');

// The smallest real images of each accepted type, and two that must be refused.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00])]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

forEachDatabase('profile, preferences and avatar (P1)', (target) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp(target, { clock: () => T0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** app.request, typed like the Browser's responses (tests read the JSON they assert on). */
  async function call(path: string, init?: RequestInit, env?: unknown): Promise<JsonResponse> {
    return (await t.app.request(path, init, env)) as JsonResponse;
  }

  /** Sends raw bytes like the web app would, with the browser's cookies and CSRF token. */
  function putAvatar(browser: Browser | null, bytes: Buffer, contentType: string, extra: Record<string, string> = {}): Promise<JsonResponse> {
    const headers: Record<string, string> = { 'Content-Type': contentType, ...extra };
    if (browser) {
      headers.Cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      headers['X-CSRF-Token'] = browser.cookies.get('postern_csrf')!;
    }
    return call('/api/me/avatar', { method: 'PUT', headers, body: new Uint8Array(bytes) });
  }
  const avatarRows = async (userId: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from avatars where user_id = ${userId}`))[0]!.n;

  it('shows the new profile fields, email private by default', async () => {
    const { account, person } = await signUpPerson(t.app);
    expect(account).toMatchObject({ bio: null, avatarUrl: null, publicEmail: false, preferences: { theme: 'system' } });
    const res = await call(`/api/users/${person.username.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: person.username, displayName: null, bio: null, avatarUrl: null, email: null });
  });

  it('changes display name, bio, email visibility and preferences', async () => {
    const { browser, person } = await signUpPerson(t.app);
    const res = await browser.request('PATCH', '/api/me', {
      body: { displayName: '  Ada L.  ', bio: 'Engines & APIs', publicEmail: true, preferences: { theme: 'dark' } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      displayName: 'Ada L.',
      bio: 'Engines & APIs',
      publicEmail: true,
      preferences: { theme: 'dark' },
      email: person.email,
    });
    const profile = await (await call(`/api/users/${person.username}`)).json();
    expect(profile).toEqual({ username: person.username, displayName: 'Ada L.', bio: 'Engines & APIs', avatarUrl: null, email: person.email });

    // Omitted fields stay; null and empty clear; the bio may be exactly 500 characters.
    const second = await browser.request('PATCH', '/api/me', { body: { displayName: null, bio: 'x'.repeat(500) } });
    expect(await second.json()).toMatchObject({ displayName: null, bio: 'x'.repeat(500), publicEmail: true, preferences: { theme: 'dark' } });
    const third = await browser.request('PATCH', '/api/me', { body: { bio: '', publicEmail: false } });
    expect(await third.json()).toMatchObject({ bio: null, publicEmail: false });
    expect((await (await call(`/api/users/${person.username}`)).json()).email).toBeNull();
    expect((await (await browser.request('GET', '/api/me')).json()).preferences).toEqual({ theme: 'dark', historyRetentionDays: 30 });
  });

  it('rejects invalid profile changes with 400 and saves nothing', async () => {
    const { browser } = await signUpPerson(t.app);
    const before = await (await browser.request('GET', '/api/me')).json();
    for (const body of [
      { bio: 'x'.repeat(501) },
      { displayName: '' },
      { displayName: 'x'.repeat(101) },
      { publicEmail: 'yes' },
      { preferences: { theme: 'pink' } },
      { preferences: { theme: 'dark', fontSize: 20 } },
      { email: 'other@example.test' },
      { username: 'renamed' },
      { bio: 'fine', operator: true },
    ]) {
      const res = await browser.request('PATCH', '/api/me', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION_FAILED');
    }
    expect(await (await browser.request('GET', '/api/me')).json()).toEqual(before);
  });

  it('needs a signed-in person with the CSRF token to change the profile', async () => {
    const { browser } = await signUpPerson(t.app);
    const anonymous = await call('/api/me', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bio: 'x' }),
    });
    expect(anonymous.status).toBe(401);
    const noCsrf = await browser.request('PATCH', '/api/me', { body: { bio: 'x' }, csrf: 'wrong' });
    expect(noCsrf.status).toBe(403);
    expect((await (await browser.request('GET', '/api/me')).json()).bio).toBeNull();
    expect((await putAvatar(null, PNG, 'image/png')).status).toBe(401);
    expect((await call('/api/me/avatar', { method: 'DELETE' })).status).toBe(401);
  });

  it('stores an avatar with the type read from the bytes and serves it safely', async () => {
    const { browser, person, account } = await signUpPerson(t.app);
    // The header lies; the bytes are a PNG.
    const res = await putAvatar(browser, PNG, 'image/gif');
    expect(res.status).toBe(200);
    const updated = await res.json();
    expect(updated.avatarUrl).toBe(`/api/users/${person.username}/avatar?v=${T0.getTime()}`);
    expect((await (await call(`/api/users/${person.username}`)).json()).avatarUrl).toBe(updated.avatarUrl);

    const image = await call(updated.avatarUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const etag = image.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await call(updated.avatarUrl, { headers: { 'If-None-Match': etag } });
    expect(unchanged.status).toBe(304);

    for (const [bytes, type] of [
      [GIF, 'image/gif'],
      [JPEG, 'image/jpeg'],
      [WEBP, 'image/webp'],
    ] as const) {
      expect((await putAvatar(browser, bytes, 'application/octet-stream')).status).toBe(200);
      const served = await call(`/api/users/${person.username}/avatar`);
      expect(served.headers.get('content-type')).toBe(type);
    }
    expect(await avatarRows(account.id)).toBe(1);

    expect((await browser.request('DELETE', '/api/me/avatar')).status).toBe(204);
    expect((await call(`/api/users/${person.username}/avatar`)).status).toBe(404);
    expect((await (await browser.request('GET', '/api/me')).json()).avatarUrl).toBeNull();
    const again = await browser.request('DELETE', '/api/me/avatar');
    expect(again.status).toBe(404);
    expect((await again.json()).code).toBe('AVATAR_NOT_FOUND');
  });

  it('refuses other file types (415), empty bodies (400) and images over 1 MiB (413), saving nothing', async () => {
    const { browser, account } = await signUpPerson(t.app);
    for (const bytes of [SVG, PDF, Buffer.from('just text')]) {
      const res = await putAvatar(browser, bytes, 'image/png');
      expect(res.status).toBe(415);
      expect((await res.json()).code).toBe('AVATAR_TYPE_UNSUPPORTED');
    }
    const empty = await putAvatar(browser, Buffer.alloc(0), 'image/png');
    expect(empty.status).toBe(400);
    expect((await empty.json()).code).toBe('AVATAR_EMPTY');
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    const tooBig = await putAvatar(browser, big, 'image/png');
    expect(tooBig.status).toBe(413);
    expect(await avatarRows(account.id)).toBe(0);
    expect((await (await browser.request('GET', '/api/me')).json()).avatarUrl).toBeNull();

    // With a larger request limit the avatar's own limit still applies.
    const roomy = createApp({ database: t.database, clock: () => T0, bodyLimitBytes: 4 * 1024 * 1024, rateLimits: false });
    const res = (await roomy.request('/api/me/avatar', {
      method: 'PUT',
      headers: {
        'Content-Type': 'image/png',
        Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'X-CSRF-Token': browser.cookies.get('postern_csrf')!,
      },
      body: new Uint8Array(big),
    })) as JsonResponse;
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('AVATAR_TOO_LARGE');
    expect(await avatarRows(account.id)).toBe(0);
  });

  it('lets a write API key set the avatar but not a read-only one', async () => {
    const { browser, account } = await signUpPerson(t.app);
    const reader = await (await browser.request('POST', '/api/me/api-keys', { body: { name: 'r', scopes: ['read'] } })).json();
    const writer = await (await browser.request('POST', '/api/me/api-keys', { body: { name: 'w', scopes: ['write'] } })).json();
    const refused = await putAvatar(null, PNG, 'image/png', { Authorization: `Bearer ${reader.key}` });
    expect(refused.status).toBe(403);
    expect(await avatarRows(account.id)).toBe(0);
    expect((await putAvatar(null, PNG, 'image/png', { Authorization: `Bearer ${writer.key}` })).status).toBe(200);
    expect(await avatarRows(account.id)).toBe(1);
  });

  it('answers 404 for unknown people and 400 for names that cannot be usernames', async () => {
    expect((await call('/api/users/nobody_at_all')).status).toBe(404);
    expect((await call('/api/users/nobody_at_all/avatar')).status).toBe(404);
    expect((await call('/api/users/a')).status).toBe(400);
    expect((await call('/api/users/%3Cscript%3E')).status).toBe(400);
  });
});
