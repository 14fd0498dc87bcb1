import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { createApp } from '../src/app.ts';
import { FAST_HASHING, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { importCollection, loadFixtureCollection, SETUP_TIMEOUT_MS, setUpCast } from './support/content.ts';
import type { ContentCast } from './support/content.ts';

forEachDatabase('collections (P2)', (target) => {
  let t: TestApp;
  let cast: ContentCast;

  beforeAll(async () => {
    t = await openTestApp(target);
    cast = await setUpCast(t);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const countCollections = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from collections`))[0]!.n;
  const storedDocument = async (id: string) =>
    (await queryRows<{ document: string }>(t.database.db, sql`select document from collections where id = ${id}`))[0]!.document;

  describe('import and export', () => {
    it('imports a Postman collection and exports it back identical, key order included', async () => {
      const fixture = loadFixtureCollection();
      const summary = await importCollection(cast.editor, cast.workspaceId, fixture);
      expect(summary).toMatchObject({
        workspaceId: cast.workspaceId,
        name: 'Petstore (Postern fixture)',
        requestCount: 7,
        revision: 1,
        forkedFromId: null,
      });
      const res = await cast.editor.browser.request('GET', `/api/collections/${summary.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      const unchanged = await cast.editor.browser.request('GET', `/api/collections/${summary.id}`, { headers: { 'If-None-Match': '"1"' } });
      expect(unchanged.status).toBe(304);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual(fixture);
      expect(text).toBe(JSON.stringify(fixture));
    });

    it('imports collections larger than the 1 MiB limit of other requests, and refuses a body over the document limit', async () => {
      const big = loadFixtureCollection();
      const filler = 'x'.repeat(64 * 1024);
      big.item = Array.from({ length: 24 }, (_, i) => ({ name: `big ${i}`, request: { method: 'POST', url: 'https://example.test', body: { mode: 'raw', raw: filler } } }));
      expect(JSON.stringify(big).length).toBeGreaterThan(1024 * 1024);
      const summary = await importCollection(cast.editor, cast.workspaceId, big);
      expect(summary.requestCount).toBe(24);
      const before = await countCollections();
      // The same database behind an app configured with a lower document limit.
      const limited = createApp({ database: t.database, passwordHashing: FAST_HASHING, rateLimits: false, documentBodyLimitBytes: 1024 * 1024 });
      const editor = await signUpPerson(limited);
      const { items } = await (await editor.browser.request('GET', '/api/workspaces')).json();
      const res = await editor.browser.request('POST', `/api/workspaces/${items[0].id}/collections`, { body: big });
      expect(res.status).toBe(413);
      expect((await res.json()).code).toBe('PAYLOAD_TOO_LARGE');
      expect(await countCollections()).toBe(before);
    });

    it('accepts v2.0 collections and keeps them as they were written', async () => {
      const v20 = {
        info: { name: 'Old one', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
        item: [{ name: 'Basic', request: { url: 'https://example.test', method: 'GET', auth: { type: 'basic', basic: { username: 'a', password: 'b' } } } }],
      };
      const summary = await importCollection(cast.owner, cast.workspaceId, v20);
      const res = await cast.owner.browser.request('GET', `/api/collections/${summary.id}`);
      expect(await res.json()).toEqual(v20);
    });

    it('refuses an invalid collection with the JSON path, and saves nothing', async () => {
      const before = await countCollections();
      const bad = loadFixtureCollection();
      bad.item[1].request.method = 42;
      const res = await cast.editor.browser.request('POST', `/api/workspaces/${cast.workspaceId}/collections`, { body: bad });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = await res.json();
      expect(problem.code).toBe('INVALID_COLLECTION');
      expect(problem.errors[0].path).toBe('body.item[1].request.method');
      const notACollection = await cast.editor.browser.request('POST', `/api/workspaces/${cast.workspaceId}/collections`, { body: { values: [] } });
      expect(notACollection.status).toBe(400);
      const array = await cast.editor.browser.request('POST', `/api/workspaces/${cast.workspaceId}/collections`, { body: [1] });
      expect(array.status).toBe(400);
      expect(await countCollections()).toBe(before);
    });

    it('lets only editors import: viewer 403, stranger 404, anonymous 401', async () => {
      const before = await countCollections();
      const path = `/api/workspaces/${cast.workspaceId}/collections`;
      const body = loadFixtureCollection();
      expect((await cast.viewer.browser.request('POST', path, { body })).status).toBe(403);
      expect((await cast.stranger.browser.request('POST', path, { body })).status).toBe(404);
      expect((await cast.anonymous.request('POST', path, { body })).status).toBe(401);
      expect((await cast.anonymous.request('POST', `/api/workspaces/${cast.publicWorkspaceId}/collections`, { body })).status).toBe(401);
      expect(await countCollections()).toBe(before);
    });
  });

  describe('reading', () => {
    it('lists summaries page by page', async () => {
      const workspace = await (await cast.owner.browser.request('POST', '/api/workspaces', { body: { name: 'Lists', kind: 'private' } })).json();
      for (const name of ['A', 'B', 'C']) {
        await importCollection(cast.owner, workspace.id, { info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] });
      }
      const first = await (await cast.owner.browser.request('GET', `/api/workspaces/${workspace.id}/collections?limit=2`)).json();
      expect(first.items.map((c: { name: string }) => c.name)).toEqual(['A', 'B']);
      expect(first.items[0]).not.toHaveProperty('document');
      const second = await (await cast.owner.browser.request('GET', `/api/workspaces/${workspace.id}/collections?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second).toEqual({ items: [expect.objectContaining({ name: 'C' })], nextCursor: null });
      expect((await cast.stranger.browser.request('GET', `/api/workspaces/${workspace.id}/collections`)).status).toBe(404);
      expect((await cast.owner.browser.request('GET', `/api/workspaces/${workspace.id}/collections?cursor=junk`)).status).toBe(400);
    });

    it('hides the collection from strangers and anonymous readers of a private workspace', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      for (const path of [`/api/collections/${id}`, `/api/collections/${id}/items`, `/api/collections/${id}/changes`]) {
        const stranger = await cast.stranger.browser.request('GET', path);
        expect(stranger.status).toBe(404);
        expect((await stranger.json()).code).toBe('COLLECTION_NOT_FOUND');
        expect((await cast.anonymous.request('GET', path)).status).toBe(404);
      }
      expect((await cast.editor.browser.request('GET', '/api/collections/not-a-uuid')).status).toBe(400);
    });
  });

  describe('secrets at rest (P2)', () => {
    it('stores secret variables sealed: the raw row holds no clear value', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const raw = await storedDocument(id);
      expect(raw).not.toContain('s3cr3t-token-value');
      expect(raw).not.toContain('hunter2-admin');
      const stored = JSON.parse(raw);
      expect(stored.variable[1].value).toMatch(/^postern-sealed:v1\./);
      expect(stored.variable[0].value).toBe('https://petstore.example.test/v1');
      const changes = await queryRows<{ patch: unknown }>(t.database.db, sql`select patch from collection_changes where collection_id = ${id}`);
      expect(JSON.stringify(changes)).not.toContain('s3cr3t-token-value');
    });

    it('shows viewers and anonymous public readers an empty value with a marker, editors the value', async () => {
      const { id } = await importCollection(cast.editor, cast.publicWorkspaceId);
      const forEditor = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(forEditor.variable[1]).toEqual({ key: 'token', value: 's3cr3t-token-value', type: 'secret', description: 'API token' });
      for (const reader of [cast.viewer.browser, cast.anonymous, cast.stranger.browser]) {
        const res = await reader.request('GET', `/api/collections/${id}`);
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).not.toContain('s3cr3t-token-value');
        expect(text).not.toContain('hunter2-admin');
        const doc = JSON.parse(text);
        expect(doc.variable[1]).toEqual({ key: 'token', value: '', type: 'secret', description: 'API token', _postern_redacted: true });
        expect(doc.variable[0].value).toBe('https://petstore.example.test/v1');
      }
      const anonymousList = await cast.anonymous.request('GET', `/api/workspaces/${cast.publicWorkspaceId}/collections`);
      expect(anonymousList.status).toBe(200);
      expect((await cast.anonymous.request('PUT', `/api/collections/${id}`, { body: loadFixtureCollection() })).status).toBe(401);
    });

    it('keeps a secret when a document read without it is saved back', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const asViewerSaw = await (await cast.viewer.browser.request('GET', `/api/collections/${id}`)).json();
      expect((await cast.viewer.browser.request('PUT', `/api/collections/${id}`, { body: asViewerSaw })).status).toBe(403);
      asViewerSaw.info.name = 'Renamed';
      const res = await cast.editor.browser.request('PUT', `/api/collections/${id}`, { body: asViewerSaw });
      expect(res.status).toBe(200);
      const after = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(after.variable[1]).toEqual({ key: 'token', value: 's3cr3t-token-value', type: 'secret', description: 'API token' });
      expect(after.info.name).toBe('Renamed');
      // Only the name changed: the unchanged secrets were not re-sealed into a spurious diff.
      const changes = await (await cast.editor.browser.request('GET', `/api/collections/${id}/changes`)).json();
      expect(changes.items[0].patch).toEqual([{ op: 'replace', path: '/info/name', value: 'Renamed' }]);
    });

    it('never shows secret values in clear in the history', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const doc = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      doc.variable[1].value = 'rotated-token-value';
      expect((await cast.editor.browser.request('PUT', `/api/collections/${id}`, { body: doc })).status).toBe(200);
      const res = await cast.editor.browser.request('GET', `/api/collections/${id}/changes`);
      const text = await res.text();
      expect(text).not.toContain('rotated-token-value');
      expect(text).not.toContain('s3cr3t-token-value');
      expect(text).not.toContain('postern-sealed');
      expect(JSON.parse(text).items[0].patch).toEqual([{ op: 'replace', path: '/variable/1/value', value: '[secret]' }]);
      const exported = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(exported.variable[1].value).toBe('rotated-token-value');
    });
  });

  describe('whole-collection writes', () => {
    it('replaces with If-Match, answers 412 to a stale revision and keeps the newer content', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const doc = loadFixtureCollection();
      doc.info.description = 'First edit';
      const first = await cast.editor.browser.request('PUT', `/api/collections/${id}`, { body: doc, headers: { 'If-Match': '"1"' } });
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"2"');
      expect((await first.json()).revision).toBe(2);
      doc.info.description = 'Concurrent edit from an old copy';
      const stale = await cast.owner.browser.request('PUT', `/api/collections/${id}`, { body: doc, headers: { 'If-Match': '"1"' } });
      expect(stale.status).toBe(412);
      expect((await stale.json()).code).toBe('REVISION_MISMATCH');
      const now = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(now.info.description).toBe('First edit');
      const badHeader = await cast.editor.browser.request('PUT', `/api/collections/${id}`, { body: doc, headers: { 'If-Match': 'yesterday' } });
      expect(badHeader.status).toBe(400);
    });

    it('refuses invalid replacements and non-editors without changing anything', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const bad = loadFixtureCollection();
      bad.item = 'nope';
      const res = await cast.editor.browser.request('PUT', `/api/collections/${id}`, { body: bad });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].path).toBe('body.item');
      expect((await cast.viewer.browser.request('PUT', `/api/collections/${id}`, { body: loadFixtureCollection() })).status).toBe(403);
      expect((await cast.stranger.browser.request('PUT', `/api/collections/${id}`, { body: loadFixtureCollection() })).status).toBe(404);
      const outline = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      expect(outline.collection.revision).toBe(1);
    });

    it('deletes (editor only), with its history', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      expect((await cast.viewer.browser.request('DELETE', `/api/collections/${id}`)).status).toBe(403);
      expect((await cast.stranger.browser.request('DELETE', `/api/collections/${id}`)).status).toBe(404);
      expect((await cast.editor.browser.request('DELETE', `/api/collections/${id}`, { headers: { 'If-Match': '"7"' } })).status).toBe(412);
      expect((await cast.editor.browser.request('DELETE', `/api/collections/${id}`)).status).toBe(204);
      expect((await cast.editor.browser.request('GET', `/api/collections/${id}`)).status).toBe(404);
      const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from collection_changes where collection_id = ${id}`);
      expect(rows[0]!.n).toBe(0);
    });
  });

  describe('items', () => {
    it('gives every item a stable id without adding ids to the document', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const res = await cast.viewer.browser.request('GET', `/api/collections/${id}/items`);
      expect(res.status).toBe(200);
      const { items } = await res.json();
      expect(items.map((i: { name: string; type: string }) => [i.name, i.type])).toEqual([
        ['Pets', 'folder'],
        ['Upload raw file', 'request'],
        ['GraphQL query', 'request'],
        ['Health (no body)', 'request'],
      ]);
      expect(items[0].children[3]).toMatchObject({ name: 'Nested', type: 'folder', children: [{ name: 'Search (urlencoded)', type: 'request', method: 'POST' }] });
      // Requests carry their method for the sidebar's badges; folders do not.
      expect(items.map((i: { method?: string }) => i.method)).toEqual([undefined, 'PUT', 'POST', 'HEAD']);
      const exported = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).text();
      expect(exported).toBe(JSON.stringify(loadFixtureCollection()));
    });

    it('edits one request: only it changes, the history records its diff, ids survive', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const { items } = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      const createPet = items[0].children[1];
      const got = await cast.viewer.browser.request('GET', `/api/collections/${id}/items/${createPet.id}`);
      expect(got.status).toBe(200);
      const { item, parentId } = await got.json();
      expect(parentId).toBe(items[0].id);
      expect(item).toEqual(loadFixtureCollection().item[0].item[1]);
      item.request.method = 'PUT';
      const put = await cast.editor.browser.request('PUT', `/api/collections/${id}/items/${createPet.id}`, { body: item, headers: { 'If-Match': '"1"' } });
      expect(put.status).toBe(200);
      expect(put.headers.get('etag')).toBe('"2"');
      expect(await put.json()).toMatchObject({ id: createPet.id, revision: 2, item: { request: { method: 'PUT' } } });
      const expected = loadFixtureCollection();
      expected.item[0].item[1].request.method = 'PUT';
      expect(await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json()).toEqual(expected);
      const changes = await (await cast.viewer.browser.request('GET', `/api/collections/${id}/changes`)).json();
      expect(changes.items[0]).toMatchObject({
        revision: 2,
        actorId: cast.editor.account.id,
        kind: 'item_update',
        summary: 'Edited request "Create pet (raw JSON)"',
        patch: [{ op: 'replace', path: '/item/0/item/1/request/method', value: 'PUT' }],
      });
      const stale = await cast.owner.browser.request('PUT', `/api/collections/${id}/items/${createPet.id}`, { body: item, headers: { 'If-Match': '"1"' } });
      expect(stale.status).toBe(412);
      const outline = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      expect(outline.items[0].children[1].id).toBe(createPet.id);
    });

    it('refuses invalid items, unknown items and non-editors', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const { items } = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      const itemPath = `/api/collections/${id}/items/${items[1].id}`;
      const invalid = await cast.editor.browser.request('PUT', itemPath, { body: { name: 'x', request: { url: 5 } } });
      expect(invalid.status).toBe(400);
      const problem = await invalid.json();
      expect(problem.code).toBe('INVALID_ITEM');
      expect(problem.errors[0].path).toMatch(/^body\.item\.request/);
      expect((await cast.viewer.browser.request('PUT', itemPath, { body: { name: 'x', request: 'https://a.test' } })).status).toBe(403);
      expect((await cast.viewer.browser.request('DELETE', itemPath)).status).toBe(403);
      expect((await cast.stranger.browser.request('GET', itemPath)).status).toBe(404);
      const missing = await cast.editor.browser.request('GET', `/api/collections/${id}/items/nope`);
      expect(missing.status).toBe(404);
      expect((await missing.json()).code).toBe('ITEM_NOT_FOUND');
      expect((await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).headers.get('etag')).toBe('"1"');
    });

    it('adds requests and folders where asked and deletes them', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const { items } = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      const nested = items[0].children[3];
      const request = { name: 'Delete pet', request: { method: 'DELETE', url: '{{baseUrl}}/pets/1' } };
      const added = await cast.editor.browser.request('POST', `/api/collections/${id}/items`, { body: { parentId: nested.id, item: request, index: 0 } });
      expect(added.status).toBe(201);
      const created = await added.json();
      expect(created).toMatchObject({ parentId: nested.id, revision: 2, item: request });
      const folder = await (await cast.editor.browser.request('POST', `/api/collections/${id}/items`, { body: { item: { name: 'Admin', item: [] } } })).json();
      expect(folder.parentId).toBeNull();
      let doc = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(doc.item[0].item[3].item[0]).toEqual(request);
      expect(doc.item.at(-1)).toEqual({ name: 'Admin', item: [] });
      const badParent = await cast.editor.browser.request('POST', `/api/collections/${id}/items`, { body: { parentId: items[1].id, item: request } });
      expect(badParent.status).toBe(400);
      expect((await cast.viewer.browser.request('POST', `/api/collections/${id}/items`, { body: { item: request } })).status).toBe(403);
      const deleted = await cast.editor.browser.request('DELETE', `/api/collections/${id}/items/${created.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.headers.get('etag')).toBe('"4"');
      doc = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(doc.item[0].item[3].item.map((i: { name: string }) => i.name)).toEqual(['Search (urlencoded)']);
      // Each revision replays from the recorded item-level patches.
      const rev3 = await (await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/3`)).json();
      expect(rev3.item[0].item[3].item[0]).toEqual(request);
      expect(rev3.item.at(-1)).toEqual({ name: 'Admin', item: [] });
      expect(await (await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/4`)).json()).toEqual(doc);
    });
  });

  describe('moving items', () => {
    const names = (items: { name: string }[]) => items.map((i) => i.name);

    it('moves requests and folders within the collection, recorded as one move that replays', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const { items } = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      const [pets, upload, , health] = items;
      const nested = pets.children[3];
      const move = (itemId: string, body: unknown, headers: Record<string, string> = {}) =>
        cast.editor.browser.request('POST', `/api/collections/${id}/items/${itemId}/move`, { body, headers });

      // A top-level request into a folder, first.
      const into = await move(health.id, { parentId: nested.id, index: 0 }, { 'If-Match': '"1"' });
      expect(into.status).toBe(200);
      expect(into.headers.get('etag')).toBe('"2"');
      expect(await into.json()).toMatchObject({ id: health.id, parentId: nested.id, revision: 2, item: { name: 'Health (no body)' } });
      // Down one place among its siblings (the index counts without the moved item).
      expect((await move(upload.id, { parentId: null, index: 2 })).status).toBe(200);
      // A folder to the top level, at the end.
      expect((await move(nested.id, { parentId: null })).status).toBe(200);

      const doc = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(names(doc.item)).toEqual(['Pets', 'GraphQL query', 'Upload raw file', 'Nested']);
      expect(names(doc.item[0].item)).toEqual(['List pets', 'Create pet (raw JSON)', 'Upload photo (form-data)']);
      expect(names(doc.item[3].item)).toEqual(['Health (no body)', 'Search (urlencoded)']);
      // Ids follow their items.
      const outline = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      expect(outline.items[3]).toMatchObject({ id: nested.id, children: [{ id: health.id }, { name: 'Search (urlencoded)' }] });

      const changes = await (await cast.viewer.browser.request('GET', `/api/collections/${id}/changes?limit=3`)).json();
      expect(changes.items[2]).toMatchObject({ revision: 2, kind: 'item_move', summary: 'Moved request "Health (no body)"', patch: [{ op: 'move', from: '/item/3', path: '/item/0/item/3/item/0' }] });
      expect(await (await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/4`)).json()).toEqual(doc);
      const rev2 = await (await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/2`)).json();
      expect(names(rev2.item[0].item[3].item)).toEqual(['Health (no body)', 'Search (urlencoded)']);
    });

    it('refuses impossible moves, stale revisions and non-editors without changing anything', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      const { items } = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      const [pets, upload] = items;
      const nested = pets.children[3];
      const move = (browser: typeof cast.editor.browser, itemId: string, body: unknown, headers: Record<string, string> = {}) =>
        browser.request('POST', `/api/collections/${id}/items/${itemId}/move`, { body, headers });
      const cases: Array<[string, unknown, number, string]> = [
        [pets.id, { parentId: nested.id }, 400, 'INVALID_MOVE'],
        [pets.id, { parentId: pets.id }, 400, 'INVALID_MOVE'],
        [pets.id, { parentId: upload.id }, 400, 'PARENT_NOT_FOUND'],
        [pets.id, { parentId: 'no-such-folder' }, 400, 'PARENT_NOT_FOUND'],
        [pets.id, { index: 1 }, 400, 'VALIDATION_FAILED'],
        [pets.id, { parentId: null, index: -1 }, 400, 'VALIDATION_FAILED'],
        ['no-such-item', { parentId: null }, 404, 'ITEM_NOT_FOUND'],
      ];
      for (const [itemId, body, status, code] of cases) {
        const res = await move(cast.editor.browser, itemId, body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status]);
        expect((await res.json()).code).toBe(code);
      }
      expect((await move(cast.editor.browser, upload.id, { parentId: null, index: 0 }, { 'If-Match': '"7"' })).status).toBe(412);
      expect((await move(cast.viewer.browser, upload.id, { parentId: null, index: 0 })).status).toBe(403);
      expect((await move(cast.stranger.browser, upload.id, { parentId: null, index: 0 })).status).toBe(404);
      expect((await move(cast.anonymous, upload.id, { parentId: null, index: 0 })).status).toBe(401);
      const exported = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).text();
      expect(exported).toBe(JSON.stringify(loadFixtureCollection()));
    });
  });

  describe('history', () => {
    it('serves any revision and restores one as a new recorded change', async () => {
      const fixture = loadFixtureCollection();
      const { id } = await importCollection(cast.editor, cast.workspaceId, fixture);
      const { items } = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      await cast.editor.browser.request('DELETE', `/api/collections/${id}/items/${items[3].id}`);
      const renamed = structuredClone(fixture);
      renamed.item.pop();
      renamed.info.name = 'Renamed';
      renamed.variable[1].value = 'new-token';
      await cast.owner.browser.request('PUT', `/api/collections/${id}`, { body: renamed });

      const rev1 = await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/1`);
      expect(rev1.status).toBe(200);
      expect(await rev1.json()).toEqual(fixture);
      const rev1ForViewer = await (await cast.viewer.browser.request('GET', `/api/collections/${id}/revisions/1`)).json();
      expect(rev1ForViewer.variable[1].value).toBe('');
      expect((await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/9`)).status).toBe(404);
      expect((await cast.stranger.browser.request('GET', `/api/collections/${id}/revisions/1`)).status).toBe(404);

      const page1 = await (await cast.viewer.browser.request('GET', `/api/collections/${id}/changes?limit=2`)).json();
      expect(page1.items.map((c: { revision: number; kind: string }) => [c.revision, c.kind])).toEqual([
        [3, 'replace'],
        [2, 'item_delete'],
      ]);
      const page2 = await (await cast.viewer.browser.request('GET', `/api/collections/${id}/changes?limit=2&cursor=${page1.nextCursor}`)).json();
      expect(page2.items.map((c: { revision: number; kind: string }) => [c.revision, c.kind])).toEqual([[1, 'import']]);
      expect(page2.nextCursor).toBeNull();

      expect((await cast.viewer.browser.request('POST', `/api/collections/${id}/restore`, { body: { revision: 1 } })).status).toBe(403);
      expect((await cast.editor.browser.request('POST', `/api/collections/${id}/restore`, { body: { revision: 0 } })).status).toBe(400);
      const restored = await cast.editor.browser.request('POST', `/api/collections/${id}/restore`, { body: { revision: 1 }, headers: { 'If-Match': '"3"' } });
      expect(restored.status).toBe(200);
      expect((await restored.json()).revision).toBe(4);
      const now = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
      expect(now).toEqual(fixture);
      const latest = await (await cast.editor.browser.request('GET', `/api/collections/${id}/changes?limit=1`)).json();
      expect(latest.items[0]).toMatchObject({ revision: 4, kind: 'restore', summary: 'Restored revision 1', actorId: cast.editor.account.id });
      const outline = await (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
      expect(outline.items[0].id).toBe(items[0].id);
    });
  });
});
