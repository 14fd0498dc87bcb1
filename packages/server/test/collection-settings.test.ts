import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser } from './support/browser.ts';
import { importCollection, loadFixtureCollection, SETUP_TIMEOUT_MS, setUpCast } from './support/content.ts';
import type { ContentCast } from './support/content.ts';

type Patch = { op: string; path: string; value?: unknown }[];

forEachDatabase('collection and folder settings', (target) => {
  let t: TestApp;
  let cast: ContentCast;

  beforeAll(async () => {
    t = await openTestApp(target);
    cast = await setUpCast(t);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const storedDocument = async (id: string) =>
    JSON.parse((await queryRows<{ document: string }>(t.database.db, sql`select document from collections where id = ${id}`))[0]!.document);
  const settingsPath = (id: string) => `/api/collections/${id}/settings`;
  const folderSettingsPath = (id: string, itemId: string) => `/api/collections/${id}/items/${itemId}/settings`;
  const patch = (who: Browser, path: string, body: unknown, ifMatch?: string) =>
    who.request('PATCH', path, { body, ...(ifMatch && { headers: { 'If-Match': ifMatch } }) });
  const latestChange = async (id: string) => (await (await cast.editor.browser.request('GET', `/api/collections/${id}/changes?limit=1`)).json()).items[0];
  const exported = async (id: string) => (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();
  const outlineOf = async (id: string) => (await cast.editor.browser.request('GET', `/api/collections/${id}/items`)).json();
  const paths = (p: Patch) => p.map((op) => op.path);

  describe('collection settings', () => {
    it('reads name, description, variables, auth and scripts, secrets only for editors', async () => {
      const fixture = loadFixtureCollection();
      const { id } = await importCollection(cast.editor, cast.publicWorkspaceId, fixture);
      const res = await cast.editor.browser.request('GET', settingsPath(id));
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      expect(await res.json()).toEqual({
        revision: 1,
        name: 'Petstore (Postern fixture)',
        description: fixture.info.description,
        variable: fixture.variable,
        auth: fixture.auth,
        event: fixture.event,
      });
      for (const reader of [cast.viewer.browser, cast.anonymous, cast.stranger.browser]) {
        const read = await reader.request('GET', settingsPath(id));
        expect(read.status).toBe(200);
        const text = await read.text();
        expect(text).not.toContain('s3cr3t-token-value');
        expect(text).not.toContain('hunter2-admin');
        const { variable } = JSON.parse(text);
        expect(variable[1]).toEqual({ key: 'token', value: '', type: 'secret', description: 'API token', _postern_redacted: true });
        expect(variable[0]).toEqual(fixture.variable[0]);
      }
      const bare = await importCollection(cast.editor, cast.workspaceId, { info: { name: 'Bare', schema: fixture.info.schema }, item: [] });
      expect(await (await cast.editor.browser.request('GET', settingsPath(bare.id))).json()).toEqual({
        revision: 1,
        name: 'Bare',
        description: null,
        variable: [],
        auth: null,
        event: [],
      });
      const hidden = await cast.stranger.browser.request('GET', settingsPath(bare.id));
      expect(hidden.status).toBe(404);
      expect((await hidden.json()).code).toBe('COLLECTION_NOT_FOUND');
      expect((await cast.anonymous.request('GET', settingsPath(bare.id))).status).toBe(404);
    });

    it('saves variables (secrets sealed) and auth as one small change that replays and restores', async () => {
      const fixture = loadFixtureCollection();
      const { id } = await importCollection(cast.editor, cast.workspaceId, fixture);
      const current = await (await cast.editor.browser.request('GET', settingsPath(id))).json();
      const variable = structuredClone(current.variable);
      variable[0].value = 'https://staging.example.test/v1';
      variable.push({ key: 'apiKey', value: 'k-123-clear', type: 'secret' });
      const auth = { type: 'apikey', apikey: [{ key: 'key', value: 'X-Api-Key', type: 'string' }, { key: 'value', value: '{{apiKey}}', type: 'string' }] };
      const res = await patch(cast.editor.browser, settingsPath(id), { variable, auth }, '"1"');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
      expect(await res.json()).toEqual({ ...current, revision: 2, variable, auth });

      // At rest the new secret is sealed, and the untouched ones kept their ciphertext.
      const before = await storedDocument(id);
      expect(JSON.stringify(before)).not.toContain('k-123-clear');
      expect(before.variable[4].value).toMatch(/^postern-sealed:v1\./);

      const change = await latestChange(id);
      expect(change).toMatchObject({ revision: 2, kind: 'collection_update', summary: "Changed the collection's variables and auth", actorId: cast.editor.account.id });
      expect(change.patch).toEqual([
        { op: 'replace', path: '/variable/0/value', value: 'https://staging.example.test/v1' },
        { op: 'add', path: '/variable/-', value: { key: 'apiKey', value: '[secret]', type: 'secret' } },
        ...change.patch.slice(2),
      ]);
      expect(paths(change.patch).every((p) => p.startsWith('/auth') || p.startsWith('/variable/'))).toBe(true);
      expect(paths(change.patch)).toContain('/auth/type');

      // A viewer sees the new secret redacted; saving that copy back keeps every secret.
      const asViewerSaw = await (await cast.viewer.browser.request('GET', settingsPath(id))).json();
      expect(asViewerSaw.variable[4]).toEqual({ key: 'apiKey', value: '', type: 'secret', _postern_redacted: true });
      const event = [{ listen: 'test', script: { type: 'text/javascript', exec: ["pm.test('ok', () => pm.response.to.have.status(200));"] } }];
      const scripts = await patch(cast.editor.browser, settingsPath(id), { variable: asViewerSaw.variable, event });
      expect(scripts.status).toBe(200);
      const saved = await scripts.json();
      expect(saved.revision).toBe(3);
      expect(saved.variable).toEqual(variable);
      expect(saved.event).toEqual(event);
      const scriptsChange = await latestChange(id);
      expect(scriptsChange.summary).toBe("Changed the collection's scripts");
      expect(paths(scriptsChange.patch).every((p) => p.startsWith('/event/'))).toBe(true);
      expect(JSON.stringify((await storedDocument(id)).variable)).toBe(JSON.stringify(before.variable));

      // The export carries the new settings and the untouched items; history replays to it.
      const text = await (await cast.editor.browser.request('GET', `/api/collections/${id}`)).text();
      // Stored as the client wrote it, key order included (the body check must not reorder).
      expect(text).toContain(JSON.stringify(event));
      const doc = JSON.parse(text);
      expect(doc).toEqual({ ...fixture, variable, auth, event });
      expect(await (await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/3`)).json()).toEqual(doc);
      expect((await (await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/2`)).json()).event).toEqual(fixture.event);

      const restored = await cast.editor.browser.request('POST', `/api/collections/${id}/restore`, { body: { revision: 1 }, headers: { 'If-Match': '"3"' } });
      expect(restored.status).toBe(200);
      expect(await exported(id)).toEqual(fixture);
      expect((await (await cast.editor.browser.request('GET', settingsPath(id))).json()).variable).toEqual(fixture.variable);
    });

    it('renames, describes and removes the auth; a write that changes nothing records nothing', async () => {
      const fixture = loadFixtureCollection();
      const { id } = await importCollection(cast.editor, cast.workspaceId, fixture);
      const res = await patch(cast.editor.browser, settingsPath(id), { name: 'Pet shop', description: 'All about the shop', auth: null });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ revision: 2, name: 'Pet shop', description: 'All about the shop', auth: null });
      const change = await latestChange(id);
      expect(change.summary).toBe("Changed the collection's name, description and auth");
      expect(change.patch).toEqual([
        { op: 'remove', path: '/auth' },
        { op: 'replace', path: '/info/name', value: 'Pet shop' },
        { op: 'replace', path: '/info/description', value: 'All about the shop' },
      ]);
      const doc = await exported(id);
      expect(doc).not.toHaveProperty('auth');
      expect(doc.info).toEqual({ ...fixture.info, name: 'Pet shop', description: 'All about the shop' });
      expect((await outlineOf(id)).collection.name).toBe('Pet shop');

      const same = await patch(cast.editor.browser, settingsPath(id), { name: 'Pet shop', auth: null, event: fixture.event }, '"2"');
      expect(same.status).toBe(200);
      expect(same.headers.get('etag')).toBe('"2"');
      expect((await same.json()).revision).toBe(2);

      const removed = await patch(cast.editor.browser, settingsPath(id), { description: null });
      expect((await removed.json()).description).toBeNull();
      expect((await exported(id)).info).not.toHaveProperty('description');
      expect((await latestChange(id)).patch).toEqual([{ op: 'remove', path: '/info/description' }]);
    });

    it('answers 412 to a stale If-Match, refuses invalid settings and non-editors, and changes nothing', async () => {
      const { id } = await importCollection(cast.editor, cast.workspaceId);
      expect((await patch(cast.editor.browser, settingsPath(id), { name: 'First' }, '"1"')).status).toBe(200);
      const stale = await patch(cast.owner.browser, settingsPath(id), { name: 'From an old copy' }, '"1"');
      expect(stale.status).toBe(412);
      expect(stale.headers.get('content-type')).toBe('application/problem+json');
      expect((await stale.json()).code).toBe('REVISION_MISMATCH');
      expect((await patch(cast.editor.browser, settingsPath(id), { name: 'x' }, 'yesterday')).status).toBe(400);

      const invalid: [unknown, string][] = [
        [{ event: [{ listen: 'onload', script: { exec: [] } }] }, 'json.event.0.listen'],
        [{ auth: { bearer: [] } }, 'json.auth.type'],
        [{ variable: [{ key: { nested: true } }] }, 'json.variable.0.key'],
        [{ name: '  ' }, 'json.name'],
        [{ item: [] }, 'json'],
      ];
      for (const [body, path] of invalid) {
        const res = await patch(cast.editor.browser, settingsPath(id), body);
        expect(res.status).toBe(400);
        const problem = await res.json();
        expect(problem.code).toBe('VALIDATION_FAILED');
        expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect((await patch(cast.viewer.browser, settingsPath(id), { name: 'Viewer' })).status).toBe(403);
      expect((await patch(cast.stranger.browser, settingsPath(id), { name: 'Stranger' })).status).toBe(404);
      expect((await patch(cast.anonymous, settingsPath(id), { name: 'Anonymous' })).status).toBe(401);
      const now = await (await cast.editor.browser.request('GET', settingsPath(id))).json();
      expect(now).toMatchObject({ revision: 2, name: 'First' });
    });
  });

  it('documents the settings routes in the OpenAPI description', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, object>;
      components: { schemas: Record<string, { properties: object }> };
    };
    expect(Object.keys(doc.paths['/api/collections/{id}/settings']!)).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(doc.paths['/api/collections/{id}/items/{itemId}/settings']!)).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(doc.components.schemas.CollectionSettings!.properties)).toEqual(['revision', 'name', 'description', 'variable', 'auth', 'event']);
    expect(doc.components.schemas.CollectionSettingsChanges!.properties).toHaveProperty('auth');
  });

  describe('folder settings', () => {
    it('reads a folder without its items; a request is NOT_A_FOLDER, an unknown item 404', async () => {
      const fixture = loadFixtureCollection();
      const { id } = await importCollection(cast.editor, cast.publicWorkspaceId, fixture);
      const { items } = await outlineOf(id);
      const pets = await cast.anonymous.request('GET', folderSettingsPath(id, items[0].id));
      expect(pets.status).toBe(200);
      expect(pets.headers.get('etag')).toBe('"1"');
      expect(await pets.json()).toEqual({ revision: 1, name: 'Pets', description: 'Everything about pets', variable: [], auth: null, event: [] });
      const nested = await (await cast.viewer.browser.request('GET', folderSettingsPath(id, items[0].children[3].id))).json();
      expect(nested).toMatchObject({ name: 'Nested', auth: { type: 'noauth' }, event: fixture.item[0].item[3].event });

      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { name: 'x' }],
      ] as const) {
        const request = await cast.editor.browser.request(method, folderSettingsPath(id, items[1].id), { body });
        expect(request.status).toBe(400);
        const problem = await request.json();
        expect(problem.code).toBe('NOT_A_FOLDER');
        expect(problem.detail).toBe(`"Upload raw file" is a request; edit it with PUT /api/collections/${id}/items/${items[1].id}.`);
        const missing = await cast.editor.browser.request(method, folderSettingsPath(id, 'nope'), { body });
        expect(missing.status).toBe(404);
        expect((await missing.json()).code).toBe('ITEM_NOT_FOUND');
      }
      expect((await outlineOf(id)).collection.revision).toBe(1);
    });

    it('saves one folder\'s auth, scripts and variables, leaving its children and other folders untouched', async () => {
      const fixture = loadFixtureCollection();
      const { id } = await importCollection(cast.editor, cast.workspaceId, fixture);
      const { items } = await outlineOf(id);
      const folderId = items[0].id;
      const event = [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ["pm.variables.set('x', 1);"] } }];
      const variable = [
        { key: 'petsPath', value: '/pets' },
        { key: 'folderToken', value: 'folder-secret-clear', type: 'secret' },
      ];
      const res = await patch(cast.editor.browser, folderSettingsPath(id, folderId), { auth: { type: 'noauth' }, event, variable, description: 'Pets and photos' }, '"1"');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
      expect(await res.json()).toEqual({ revision: 2, name: 'Pets', description: 'Pets and photos', auth: { type: 'noauth' }, event, variable });

      const stored = await storedDocument(id);
      expect(JSON.stringify(stored)).not.toContain('folder-secret-clear');
      expect(stored.item[0].variable[1].value).toMatch(/^postern-sealed:v1\./);
      const doc = await exported(id);
      const expected = structuredClone(fixture);
      Object.assign(expected.item[0], { auth: { type: 'noauth' }, event, variable });
      // A `{ content, type }` description keeps its type.
      expected.item[0].description = { content: 'Pets and photos', type: 'text/markdown' };
      expect(doc).toEqual(expected);
      expect(doc.item[0].item).toEqual(fixture.item[0].item);

      const change = await latestChange(id);
      expect(change).toMatchObject({ revision: 2, kind: 'item_update', summary: 'Changed the description, variables, auth and scripts of folder "Pets"' });
      expect(paths(change.patch).sort()).toEqual(['/item/0/auth', '/item/0/description/content', '/item/0/event', '/item/0/variable']);
      expect(JSON.stringify(change.patch)).not.toContain('folder-secret-clear');

      const forViewer = await (await cast.viewer.browser.request('GET', folderSettingsPath(id, folderId))).json();
      expect(forViewer.variable[1]).toEqual({ key: 'folderToken', value: '', type: 'secret', _postern_redacted: true });
      // Saved back as the viewer saw it, the secret stays; auth null goes back to inheriting.
      const inherit = await patch(cast.editor.browser, folderSettingsPath(id, folderId), { variable: forViewer.variable, auth: null, name: 'Animals' });
      expect(await inherit.json()).toMatchObject({ revision: 3, name: 'Animals', auth: null, variable });
      expect((await latestChange(id)).patch).toEqual([
        { op: 'remove', path: '/item/0/auth' },
        { op: 'replace', path: '/item/0/name', value: 'Animals' },
      ]);
      const after = await exported(id);
      expect(after.item[0]).not.toHaveProperty('auth');
      expect(after.item[0].item).toEqual(fixture.item[0].item);
      expect(after.item.slice(1)).toEqual(fixture.item.slice(1));
      const outline = await outlineOf(id);
      expect(outline.items[0]).toMatchObject({ id: folderId, name: 'Animals' });
      expect(outline.items[0].children.map((c: { id: string }) => c.id)).toEqual(items[0].children.map((c: { id: string }) => c.id));

      // A nested folder's pointer goes through its parent.
      const nestedId = items[0].children[3].id;
      expect((await patch(cast.editor.browser, folderSettingsPath(id, nestedId), { event: [] })).status).toBe(200);
      expect((await latestChange(id)).patch).toEqual([
        { op: 'remove', path: '/item/0/item/3/event/0' },
      ]);
      expect(await (await cast.editor.browser.request('GET', `/api/collections/${id}/revisions/4`)).json()).toEqual(await exported(id));
      const restored = await cast.editor.browser.request('POST', `/api/collections/${id}/restore`, { body: { revision: 1 } });
      expect(restored.status).toBe(200);
      expect(await exported(id)).toEqual(fixture);

      expect((await patch(cast.viewer.browser, folderSettingsPath(id, folderId), { name: 'Viewer' })).status).toBe(403);
      expect((await patch(cast.owner.browser, folderSettingsPath(id, folderId), { name: 'Stale' }, '"2"')).status).toBe(412);
    });
  });
});
