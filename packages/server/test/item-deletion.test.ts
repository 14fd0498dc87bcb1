import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser, FIREFOX_ON_LINUX } from './support/browser.ts';
import type { JsonResponse } from './support/browser.ts';
import { createWorkspace, importCollection, SETUP_TIMEOUT_MS } from './support/content.ts';
import type { Person } from './support/content.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

// P24: each item of information can be deleted on its own, and deleting removes the stored data
// (not just a flag that hides it).
forEachDatabase('deleting single items of information (P24)', (target) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp(target);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.database.db, query))[0]!.n;
  const me = async (p: Person) => (await p.browser.request('GET', '/api/me')).json();

  function putAvatar(browser: Browser, bytes: Buffer): Promise<JsonResponse> {
    const headers: Record<string, string> = {
      'Content-Type': 'image/png',
      Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'X-CSRF-Token': browser.cookies.get('postern_csrf')!,
    };
    return t.app.request('/api/me/avatar', { method: 'PUT', headers, body: new Uint8Array(bytes) }) as Promise<JsonResponse>;
  }

  it('deletes the avatar: the bytes and the change time are gone', async () => {
    const p = await signUpPerson(t.app);
    expect((await putAvatar(p.browser, PNG)).status).toBe(200);
    expect(await count(sql`select count(*)::int as n from avatars where user_id = ${p.account.id}`)).toBe(1);

    expect((await p.browser.request('DELETE', '/api/me/avatar')).status).toBe(204);
    expect(await count(sql`select count(*)::int as n from avatars where user_id = ${p.account.id}`)).toBe(0);
    // No copy of the bytes anywhere in the table (for instance under another row).
    expect(await count(sql`select count(*)::int as n from avatars where bytes = ${PNG}`)).toBe(0);
    const [user] = await queryRows<{ avatar_updated_at: Date | null }>(t.database.db, sql`select avatar_updated_at from users where id = ${p.account.id}`);
    expect(user!.avatar_updated_at).toBeNull();
    expect((await me(p)).avatarUrl).toBeNull();
    expect((await p.browser.request('GET', `/api/users/${p.person.username}/avatar`)).status).toBe(404);
    const again = await p.browser.request('DELETE', '/api/me/avatar');
    expect(again.status).toBe(404);
    expect((await again.json()).code).toBe('AVATAR_NOT_FOUND');
  });

  it('clears the bio and the display name with null, in the database too', async () => {
    const p = await signUpPerson(t.app);
    const set = await p.browser.request('PATCH', '/api/me', { body: { displayName: 'Ada L.', bio: 'Engines & APIs' } });
    expect(await set.json()).toMatchObject({ displayName: 'Ada L.', bio: 'Engines & APIs' });

    const cleared = await p.browser.request('PATCH', '/api/me', { body: { displayName: null, bio: null } });
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toMatchObject({ displayName: null, bio: null });
    const [row] = await queryRows<{ display_name: string | null; bio: string | null }>(
      t.database.db,
      sql`select display_name, bio from users where id = ${p.account.id}`,
    );
    expect(row).toEqual({ display_name: null, bio: null });
    const profile = await (await new Browser(t.app).request('GET', `/api/users/${p.person.username}`)).json();
    expect(profile).toMatchObject({ displayName: null, bio: null });
  });

  it('lets the author list and delete their own comment: the row is removed, even after losing access', async () => {
    const owner = await signUpPerson(t.app);
    const author = await signUpPerson(t.app);
    const workspaceId = await createWorkspace(owner, { name: 'Shared', kind: 'private' });
    const granted = await owner.browser.request('PUT', `/api/workspaces/${workspaceId}/grants`, { body: { username: author.account.username, role: 'viewer' } });
    const grantId = (await granted.json()).id as string;
    const collection = await importCollection(owner, workspaceId);
    const post = (body: string) => author.browser.request('POST', `/api/collections/${collection.id}/comments`, { body: { body } });
    const first = await (await post('First remark')).json();
    const second = await (await post('Second remark')).json();

    // "Your information" lists the comments with where they are.
    const mine = await (await author.browser.request('GET', '/api/me/comments')).json();
    expect(mine.items).toEqual([
      expect.objectContaining({ id: second.id, body: 'Second remark', collectionName: collection.name, workspaceId }),
      expect.objectContaining({ id: first.id, body: 'First remark', collectionName: collection.name, workspaceId }),
    ]);
    expect((await (await owner.browser.request('GET', '/api/me/comments')).json()).items).toEqual([]);

    // Another person cannot delete it; the author can, and the row is gone.
    const stranger = await signUpPerson(t.app);
    expect((await stranger.browser.request('DELETE', `/api/comments/${first.id}`)).status).toBe(404);
    expect((await author.browser.request('DELETE', `/api/comments/${first.id}`)).status).toBe(204);
    expect(await count(sql`select count(*)::int as n from collection_comments where id = ${first.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from collection_comments where body = 'First remark'`)).toBe(0);

    // Access removed: the comment is still theirs to find and delete.
    expect((await owner.browser.request('DELETE', `/api/workspaces/${workspaceId}/grants/${grantId}`)).status).toBe(204);
    const later = await (await author.browser.request('GET', '/api/me/comments')).json();
    expect(later.items).toEqual([expect.objectContaining({ id: second.id, collectionName: null, workspaceId: null })]);
    expect((await author.browser.request('DELETE', `/api/comments/${second.id}`)).status).toBe(204);
    expect(await count(sql`select count(*)::int as n from collection_comments where author_id = ${author.account.id}`)).toBe(0);
  });

  it('deletes one history entry, then all of them, from the database', async () => {
    const p = await signUpPerson(t.app);
    const other = await signUpPerson(t.app);
    for (const [who, n] of [
      [p, 1],
      [p, 2],
      [p, 3],
      [other, 4],
    ] as const) {
      await t.database.db.execute(sql`
        insert into request_history (user_id, method, url, request, duration_ms, created_at)
        values (${who.account.id}, 'GET', ${`https://history.test/${n}`}, '{}'::json, 1, now() - ${`${n} minutes`}::interval)`);
    }
    const entries = (await (await p.browser.request('GET', '/api/history')).json()).items as Array<{ id: string; url: string }>;
    expect(entries.map((e) => e.url)).toEqual(['https://history.test/1', 'https://history.test/2', 'https://history.test/3']);

    expect((await p.browser.request('DELETE', `/api/history/${entries[0]!.id}`)).status).toBe(204);
    expect(await count(sql`select count(*)::int as n from request_history where id = ${entries[0]!.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from request_history where user_id = ${p.account.id}`)).toBe(2);
    // Someone else's entry is never found.
    const otherEntry = (await (await other.browser.request('GET', '/api/history')).json()).items[0];
    expect((await p.browser.request('DELETE', `/api/history/${otherEntry.id}`)).status).toBe(404);

    expect((await p.browser.request('DELETE', '/api/history')).status).toBe(204);
    expect(await count(sql`select count(*)::int as n from request_history where user_id = ${p.account.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from request_history where user_id = ${other.account.id}`)).toBe(1);
  });

  it('ends one session: the row is deleted and its cookie stops working', async () => {
    const p = await signUpPerson(t.app);
    const laptop = new Browser(t.app, FIREFOX_ON_LINUX);
    expect((await laptop.request('POST', '/api/sessions', { body: { login: p.person.username, password: p.person.password } })).status).toBe(200);
    expect(await count(sql`select count(*)::int as n from sessions where user_id = ${p.account.id}`)).toBe(2);

    const list = (await (await p.browser.request('GET', '/api/sessions')).json()).sessions as Array<{ id: string; current: boolean }>;
    const other = list.find((s) => !s.current)!;
    expect((await p.browser.request('DELETE', `/api/sessions/${other.id}`)).status).toBe(204);
    expect(await count(sql`select count(*)::int as n from sessions where user_id = ${p.account.id}`)).toBe(1);
    expect((await laptop.request('GET', '/api/me')).status).toBe(401);
    expect((await p.browser.request('GET', '/api/me')).status).toBe(200);
  });
});
