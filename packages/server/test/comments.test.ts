import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { importCollection, SETUP_TIMEOUT_MS, setUpCast } from './support/content.ts';
import type { ContentCast } from './support/content.ts';

forEachDatabase('comments (P2)', (target) => {
  let t: TestApp;
  let cast: ContentCast;
  let collectionId: string;
  let itemId: string;

  beforeAll(async () => {
    t = await openTestApp(target);
    cast = await setUpCast(t);
    collectionId = (await importCollection(cast.editor, cast.workspaceId)).id;
    itemId = (await (await cast.editor.browser.request('GET', `/api/collections/${collectionId}/items`)).json()).items[1].id;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const countComments = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from collection_comments`))[0]!.n;
  const path = () => `/api/collections/${collectionId}/comments`;

  it('lets viewers comment on the collection and on a request, and lists them page by page', async () => {
    const onCollection = await cast.viewer.browser.request('POST', path(), { body: { body: 'Nice collection' } });
    expect(onCollection.status).toBe(201);
    expect(await onCollection.json()).toMatchObject({ collectionId, itemId: null, authorId: cast.viewer.account.id, body: 'Nice collection', updatedAt: null });
    const onItem = await cast.editor.browser.request('POST', path(), { body: { itemId, body: 'This upload needs a size limit' } });
    expect(onItem.status).toBe(201);
    const first = await (await cast.viewer.browser.request('GET', `${path()}?limit=1`)).json();
    expect(first.items.map((c: { body: string }) => c.body)).toEqual(['Nice collection']);
    const second = await (await cast.viewer.browser.request('GET', `${path()}?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((c: { body: string }) => c.body)).toEqual(['This upload needs a size limit']);
    const forItem = await (await cast.viewer.browser.request('GET', `${path()}?itemId=${itemId}`)).json();
    expect(forItem.items).toEqual([expect.objectContaining({ itemId, authorId: cast.editor.account.id })]);
  });

  it('refuses empty, too long and misplaced comments and strangers, saving nothing', async () => {
    const before = await countComments();
    expect((await cast.viewer.browser.request('POST', path(), { body: { body: '  ' } })).status).toBe(400);
    expect((await cast.viewer.browser.request('POST', path(), { body: { body: 'x'.repeat(10_001) } })).status).toBe(400);
    const misplaced = await cast.viewer.browser.request('POST', path(), { body: { body: 'hi', itemId: 'nope' } });
    expect(misplaced.status).toBe(400);
    expect((await misplaced.json()).code).toBe('ITEM_NOT_FOUND');
    expect((await cast.stranger.browser.request('POST', path(), { body: { body: 'hi' } })).status).toBe(404);
    expect((await cast.stranger.browser.request('GET', path())).status).toBe(404);
    expect((await cast.anonymous.request('POST', path(), { body: { body: 'hi' } })).status).toBe(401);
    expect((await cast.anonymous.request('GET', path())).status).toBe(404);
    expect(await countComments()).toBe(before);
  });

  it('lets anonymous people read, but not write, comments in a public workspace', async () => {
    const { id } = await importCollection(cast.editor, cast.publicWorkspaceId);
    expect((await cast.stranger.browser.request('POST', `/api/collections/${id}/comments`, { body: { body: 'From outside' } })).status).toBe(201);
    const res = await cast.anonymous.request('GET', `/api/collections/${id}/comments`);
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((c: { body: string }) => c.body)).toEqual(['From outside']);
  });

  it('lets authors edit and delete their own comments, and admins delete any', async () => {
    const mine = await (await cast.viewer.browser.request('POST', path(), { body: { body: 'Typo here' } })).json();
    expect((await cast.editor.browser.request('PATCH', `/api/comments/${mine.id}`, { body: { body: 'Hijack' } })).status).toBe(403);
    expect((await cast.viewer.browser.request('PATCH', `/api/comments/${mine.id}`, { body: { body: '' } })).status).toBe(400);
    const edited = await cast.viewer.browser.request('PATCH', `/api/comments/${mine.id}`, { body: { body: 'Fixed' } });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ body: 'Fixed', updatedAt: expect.any(String) });
    expect((await cast.stranger.browser.request('DELETE', `/api/comments/${mine.id}`)).status).toBe(404);
    expect((await cast.editor.browser.request('DELETE', `/api/comments/${mine.id}`)).status).toBe(403);
    expect((await cast.viewer.browser.request('DELETE', `/api/comments/${mine.id}`)).status).toBe(204);
    const other = await (await cast.viewer.browser.request('POST', path(), { body: { body: 'Spam' } })).json();
    expect((await cast.owner.browser.request('DELETE', `/api/comments/${other.id}`)).status).toBe(204);
    expect((await cast.owner.browser.request('DELETE', `/api/comments/${other.id}`)).status).toBe(404);
  });
});
