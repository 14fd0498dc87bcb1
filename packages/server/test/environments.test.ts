import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { SETUP_TIMEOUT_MS, setUpCast } from './support/content.ts';
import type { ContentCast } from './support/content.ts';

const environment = () => ({
  id: '5d1f0c1e-2222-4f3a-9b1c-0a1b2c3d4e5f',
  name: 'Staging',
  values: [
    { key: 'baseUrl', value: 'https://staging.example.test', type: 'default', enabled: true },
    { key: 'password', value: 'env-secret-pw', type: 'secret', enabled: true },
    { key: 'unused', value: '', type: 'default', enabled: false },
  ],
  _postman_variable_scope: 'environment',
  _postman_exported_at: '2026-01-02T03:04:05.678Z',
  _postman_exported_using: 'Postman/11.0.0',
});

forEachDatabase('environments and globals (P2)', (target) => {
  let t: TestApp;
  let cast: ContentCast;

  beforeAll(async () => {
    t = await openTestApp(target);
    cast = await setUpCast(t);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const countEnvironments = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from environments`))[0]!.n;
  const create = async (workspaceId = cast.workspaceId) => {
    const res = await cast.editor.browser.request('POST', `/api/workspaces/${workspaceId}/environments`, { body: environment() });
    expect(res.status).toBe(201);
    return res.json();
  };

  it('imports an environment and exports it back identical; the secret is sealed at rest', async () => {
    const summary = await create();
    expect(summary).toMatchObject({ name: 'Staging', revision: 1, workspaceId: cast.workspaceId });
    const res = await cast.editor.browser.request('GET', `/api/environments/${summary.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.text()).toBe(JSON.stringify(environment()));
    const [row] = await queryRows<{ document: string }>(t.database.db, sql`select document from environments where id = ${summary.id}`);
    expect(row!.document).not.toContain('env-secret-pw');
    expect(JSON.parse(row!.document).values[1].value).toMatch(/^postern-sealed:/);
  });

  it('redacts secrets for viewers and anonymous public readers', async () => {
    const { id } = await create(cast.publicWorkspaceId);
    for (const reader of [cast.viewer.browser, cast.anonymous]) {
      const res = await reader.request('GET', `/api/environments/${id}`);
      expect(res.status).toBe(200);
      const doc = await res.json();
      expect(doc.values[1]).toEqual({ key: 'password', value: '', type: 'secret', enabled: true, _postern_redacted: true });
      expect(doc.values[0].value).toBe('https://staging.example.test');
    }
    const list = await cast.anonymous.request('GET', `/api/workspaces/${cast.publicWorkspaceId}/environments`);
    expect(list.status).toBe(200);
    expect((await list.json()).items.map((e: { id: string }) => e.id)).toContain(id);
  });

  it('replaces with If-Match, keeps unseen secrets, answers 412 when stale', async () => {
    const { id } = await create();
    const seenByViewer = await (await cast.viewer.browser.request('GET', `/api/environments/${id}`)).json();
    expect((await cast.viewer.browser.request('PUT', `/api/environments/${id}`, { body: seenByViewer })).status).toBe(403);
    seenByViewer.name = 'Staging 2';
    const put = await cast.editor.browser.request('PUT', `/api/environments/${id}`, { body: seenByViewer, headers: { 'If-Match': '"1"' } });
    expect(put.status).toBe(200);
    expect((await put.json()).name).toBe('Staging 2');
    const after = await (await cast.editor.browser.request('GET', `/api/environments/${id}`)).json();
    expect(after.values[1]).toEqual({ key: 'password', value: 'env-secret-pw', type: 'secret', enabled: true });
    const stale = await cast.owner.browser.request('PUT', `/api/environments/${id}`, { body: environment(), headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(412);
  });

  it('records every change, with secrets never in clear', async () => {
    const { id } = await create();
    const doc = await (await cast.editor.browser.request('GET', `/api/environments/${id}`)).json();
    doc.values[0].value = 'https://prod.example.test';
    doc.values[1].value = 'rotated-pw';
    expect((await cast.editor.browser.request('PUT', `/api/environments/${id}`, { body: doc })).status).toBe(200);
    const res = await cast.viewer.browser.request('GET', `/api/environments/${id}/changes?limit=1`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('rotated-pw');
    expect(text).not.toContain('postern-sealed');
    const page = JSON.parse(text);
    expect(page.items[0]).toMatchObject({ revision: 2, actorId: cast.editor.account.id, summary: 'Replaced the environment "Staging"' });
    expect(page.items[0].patch).toEqual([
      { op: 'replace', path: '/values/0/value', value: 'https://prod.example.test' },
      { op: 'replace', path: '/values/1/value', value: '[secret]' },
    ]);
    const older = await (await cast.viewer.browser.request('GET', `/api/environments/${id}/changes?cursor=${page.nextCursor}`)).json();
    expect(older.items.map((c: { revision: number }) => c.revision)).toEqual([1]);
    expect(JSON.stringify(older)).not.toContain('env-secret-pw');
    expect((await cast.stranger.browser.request('GET', `/api/environments/${id}/changes`)).status).toBe(404);
  });

  it('refuses invalid input and unauthorized people without saving', async () => {
    const before = await countEnvironments();
    const path = `/api/workspaces/${cast.workspaceId}/environments`;
    const bad = await cast.editor.browser.request('POST', path, { body: { name: 'x', values: [{ key: 'k', enabled: 'yes' }] } });
    expect(bad.status).toBe(400);
    const problem = await bad.json();
    expect(problem.code).toBe('INVALID_VARIABLE_LIST');
    expect(problem.errors[0].path).toMatch(/^body\.values\[0\]/);
    expect((await cast.viewer.browser.request('POST', path, { body: environment() })).status).toBe(403);
    expect((await cast.stranger.browser.request('POST', path, { body: environment() })).status).toBe(404);
    expect((await cast.anonymous.request('POST', path, { body: environment() })).status).toBe(401);
    expect(await countEnvironments()).toBe(before);
    const { id } = await create();
    expect((await cast.stranger.browser.request('GET', `/api/environments/${id}`)).status).toBe(404);
    expect((await cast.anonymous.request('GET', `/api/environments/${id}`)).status).toBe(404);
    expect((await cast.stranger.browser.request('GET', `/api/workspaces/${cast.workspaceId}/environments`)).status).toBe(404);
  });

  it('lists page by page and deletes (editor only)', async () => {
    const workspace = await (await cast.owner.browser.request('POST', '/api/workspaces', { body: { name: 'Envs', kind: 'private' } })).json();
    for (const name of ['One', 'Two']) {
      const res = await cast.owner.browser.request('POST', `/api/workspaces/${workspace.id}/environments`, { body: { name, values: [] } });
      expect(res.status).toBe(201);
    }
    const first = await (await cast.owner.browser.request('GET', `/api/workspaces/${workspace.id}/environments?limit=1`)).json();
    expect(first.items.map((e: { name: string }) => e.name)).toEqual(['One']);
    const second = await (await cast.owner.browser.request('GET', `/api/workspaces/${workspace.id}/environments?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((e: { name: string }) => e.name)).toEqual(['Two']);
    const { id } = await create();
    expect((await cast.viewer.browser.request('DELETE', `/api/environments/${id}`)).status).toBe(403);
    expect((await cast.editor.browser.request('DELETE', `/api/environments/${id}`)).status).toBe(204);
    expect((await cast.editor.browser.request('GET', `/api/environments/${id}`)).status).toBe(404);
  });

  it('keeps workspace globals, sealed, with revisions', async () => {
    const path = `/api/workspaces/${cast.workspaceId}/globals`;
    const empty = await cast.viewer.browser.request('GET', path);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('etag')).toBe('"0"');
    expect(await empty.json()).toEqual({ values: [] });
    const globals = { values: [{ key: 'g', value: 'visible', enabled: true }, { key: 'gs', value: 'global-secret', type: 'secret', enabled: true }] };
    expect((await cast.viewer.browser.request('PUT', path, { body: globals })).status).toBe(403);
    expect((await cast.editor.browser.request('PUT', path, { body: { values: 'no' } })).status).toBe(400);
    const put = await cast.editor.browser.request('PUT', path, { body: globals, headers: { 'If-Match': '"0"' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"1"');
    expect(await put.json()).toEqual(globals);
    expect((await cast.editor.browser.request('PUT', path, { body: globals, headers: { 'If-Match': '"0"' } })).status).toBe(412);
    const [row] = await queryRows<{ document: string }>(t.database.db, sql`select document from workspace_globals where workspace_id = ${cast.workspaceId}`);
    expect(row!.document).not.toContain('global-secret');
    const forViewer = await (await cast.viewer.browser.request('GET', path)).json();
    expect(forViewer.values[1]).toMatchObject({ value: '', _postern_redacted: true });
    expect((await cast.stranger.browser.request('GET', path)).status).toBe(404);
    expect((await cast.anonymous.request('GET', path)).status).toBe(404);
  });

  it('serves any revision of an environment and restores one as a new recorded change', async () => {
    const { id } = await create();
    const doc = await (await cast.editor.browser.request('GET', `/api/environments/${id}`)).json();
    doc.name = 'Production';
    doc.values[0].value = 'https://prod.example.test';
    doc.values[1].value = 'prod-pw';
    doc.values.push({ key: 'added', value: '1', type: 'default', enabled: true });
    expect((await cast.editor.browser.request('PUT', `/api/environments/${id}`, { body: doc })).status).toBe(200);

    const rev1 = await cast.editor.browser.request('GET', `/api/environments/${id}/revisions/1`);
    expect(rev1.status).toBe(200);
    // Byte for byte, key order included: history is kept as json, not jsonb.
    expect(await rev1.text()).toBe(JSON.stringify(environment()));
    const rev1ForViewer = await (await cast.viewer.browser.request('GET', `/api/environments/${id}/revisions/1`)).json();
    expect(rev1ForViewer.values[1]).toMatchObject({ value: '', _postern_redacted: true });
    expect((await cast.editor.browser.request('GET', `/api/environments/${id}/revisions/2`)).status).toBe(200);
    const missing = await cast.editor.browser.request('GET', `/api/environments/${id}/revisions/3`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('REVISION_NOT_FOUND');
    expect((await cast.editor.browser.request('GET', `/api/environments/${id}/revisions/zero`)).status).toBe(400);
    expect((await cast.stranger.browser.request('GET', `/api/environments/${id}/revisions/1`)).status).toBe(404);

    const restorePath = `/api/environments/${id}/restore`;
    expect((await cast.viewer.browser.request('POST', restorePath, { body: { revision: 1 } })).status).toBe(403);
    expect((await cast.stranger.browser.request('POST', restorePath, { body: { revision: 1 } })).status).toBe(404);
    expect((await cast.anonymous.request('POST', restorePath, { body: { revision: 1 } })).status).toBe(401);
    expect((await cast.editor.browser.request('POST', restorePath, { body: { revision: 0 } })).status).toBe(400);
    expect((await cast.editor.browser.request('POST', restorePath, { body: { revision: 7 } })).status).toBe(404);
    expect((await cast.editor.browser.request('POST', restorePath, { body: { revision: 1 }, headers: { 'If-Match': '"1"' } })).status).toBe(412);
    expect((await (await cast.editor.browser.request('GET', `/api/environments/${id}`)).json()).name).toBe('Production');

    const restored = await cast.editor.browser.request('POST', restorePath, { body: { revision: 1 }, headers: { 'If-Match': '"2"' } });
    expect(restored.status).toBe(200);
    expect(restored.headers.get('etag')).toBe('"3"');
    expect(await restored.json()).toMatchObject({ revision: 3, name: 'Staging' });
    expect(await (await cast.editor.browser.request('GET', `/api/environments/${id}`)).text()).toBe(JSON.stringify(environment()));
    const latest = await (await cast.viewer.browser.request('GET', `/api/environments/${id}/changes?limit=1`)).json();
    expect(latest.items[0]).toMatchObject({ revision: 3, summary: 'Restored revision 1', actorId: cast.editor.account.id });
    expect(JSON.stringify(latest)).not.toContain('env-secret-pw');
    expect(latest.items[0].patch).toContainEqual({ op: 'replace', path: '/values/1/value', value: '[secret]' });
  });

  it('records every change to the globals, serves any revision and restores one', async () => {
    const workspace = await (await cast.owner.browser.request('POST', '/api/workspaces', { body: { name: 'Globals history', kind: 'private' } })).json();
    const path = `/api/workspaces/${workspace.id}/globals`;
    expect((await (await cast.owner.browser.request('GET', `${path}/changes`)).json()).items).toEqual([]);
    expect((await cast.owner.browser.request('GET', `${path}/revisions/1`)).status).toBe(404);
    const first = { values: [{ key: 'host', value: 'a.example.test', enabled: true }, { key: 'token', value: 'first-token', type: 'secret', enabled: true }] };
    const second = { values: [{ key: 'host', value: 'b.example.test', enabled: true }, { key: 'token', value: 'second-token', type: 'secret', enabled: true }] };
    expect((await cast.owner.browser.request('PUT', path, { body: first })).status).toBe(200);
    expect((await cast.owner.browser.request('PUT', path, { body: second })).status).toBe(200);

    const changes = await cast.owner.browser.request('GET', `${path}/changes`);
    expect(changes.status).toBe(200);
    const text = await changes.text();
    expect(text).not.toMatch(/first-token|second-token|postern-sealed/);
    const page = JSON.parse(text);
    expect(page.items.map((c: { revision: number; summary: string }) => [c.revision, c.summary])).toEqual([
      [2, 'Saved the globals'],
      [1, 'Created the globals'],
    ]);
    expect(page.items[0]).toMatchObject({ actorId: cast.owner.account.id });
    expect(page.items[0].patch).toEqual([
      { op: 'replace', path: '/values/0/value', value: 'b.example.test' },
      { op: 'replace', path: '/values/1/value', value: '[secret]' },
    ]);
    const firstPage = await (await cast.owner.browser.request('GET', `${path}/changes?limit=1`)).json();
    const secondPage = await (await cast.owner.browser.request('GET', `${path}/changes?limit=1&cursor=${firstPage.nextCursor}`)).json();
    expect(secondPage.items.map((c: { revision: number }) => c.revision)).toEqual([1]);

    const rev1 = await cast.owner.browser.request('GET', `${path}/revisions/1`);
    expect(rev1.status).toBe(200);
    expect(await rev1.json()).toEqual(first);
    expect((await cast.owner.browser.request('GET', `${path}/revisions/3`)).status).toBe(404);
    expect((await cast.stranger.browser.request('GET', `${path}/changes`)).status).toBe(404);
    expect((await cast.stranger.browser.request('GET', `${path}/revisions/1`)).status).toBe(404);

    expect((await cast.stranger.browser.request('POST', `${path}/restore`, { body: { revision: 1 } })).status).toBe(404);
    expect((await cast.anonymous.request('POST', `${path}/restore`, { body: { revision: 1 } })).status).toBe(401);
    expect((await cast.owner.browser.request('POST', `${path}/restore`, { body: { revision: 'one' } })).status).toBe(400);
    expect((await cast.owner.browser.request('POST', `${path}/restore`, { body: { revision: 1 }, headers: { 'If-Match': '"1"' } })).status).toBe(412);
    const restored = await cast.owner.browser.request('POST', `${path}/restore`, { body: { revision: 1 }, headers: { 'If-Match': '"2"' } });
    expect(restored.status).toBe(200);
    expect(restored.headers.get('etag')).toBe('"3"');
    expect(await restored.json()).toEqual(first);
    expect(await (await cast.owner.browser.request('GET', path)).json()).toEqual(first);
    const latest = await (await cast.owner.browser.request('GET', `${path}/changes?limit=1`)).json();
    expect(latest.items[0]).toMatchObject({ revision: 3, summary: 'Restored revision 1' });
  });

  it('lets viewers read the history of the globals but not restore it', async () => {
    const path = `/api/workspaces/${cast.workspaceId}/globals`;
    const current = await cast.editor.browser.request('GET', path);
    const values = { values: [{ key: 'v', value: String(Date.now()), enabled: true }] };
    expect((await cast.editor.browser.request('PUT', path, { body: values, headers: { 'If-Match': current.headers.get('etag')! } })).status).toBe(200);
    const changes = await cast.viewer.browser.request('GET', `${path}/changes?limit=1`);
    expect(changes.status).toBe(200);
    const [latest] = (await changes.json()).items;
    expect((await cast.viewer.browser.request('GET', `${path}/revisions/${latest.revision}`)).status).toBe(200);
    expect((await cast.viewer.browser.request('POST', `${path}/restore`, { body: { revision: 1 } })).status).toBe(403);
  });

  it('starts the history of globals saved before it was kept at their revision then (migration 0002)', async () => {
    const workspace = await (await cast.owner.browser.request('POST', '/api/workspaces', { body: { name: 'Old globals', kind: 'private' } })).json();
    const old = { values: [{ key: 'legacy', value: 'kept', enabled: true }] };
    // A row as an earlier version left it: revision 4, no recorded changes.
    await t.database.db.execute(
      sql`insert into workspace_globals (workspace_id, document, revision, updated_by) values (${workspace.id}, ${JSON.stringify(old)}, 4, ${cast.owner.account.id})`,
    );
    const migration = readFileSync(join(MIGRATIONS_FOLDER, '0002_globals_history.sql'), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').find((statement) => statement.includes('INSERT INTO "globals_changes"'));
    await t.database.db.execute(sql.raw(backfill!));
    const path = `/api/workspaces/${workspace.id}/globals`;
    const page = await (await cast.owner.browser.request('GET', `${path}/changes`)).json();
    expect(page.items).toEqual([expect.objectContaining({ revision: 4, summary: 'Recorded when history began', actorId: cast.owner.account.id })]);
    const earlier = await cast.owner.browser.request('GET', `${path}/revisions/3`);
    expect(earlier.status).toBe(404);
    expect((await earlier.json()).code).toBe('REVISION_NOT_FOUND');
    const next = { values: [{ key: 'legacy', value: 'changed', enabled: true }] };
    expect((await cast.owner.browser.request('PUT', path, { body: next, headers: { 'If-Match': '"4"' } })).status).toBe(200);
    expect(await (await cast.owner.browser.request('GET', `${path}/revisions/4`)).json()).toEqual(old);
    const restored = await cast.owner.browser.request('POST', `${path}/restore`, { body: { revision: 4 } });
    expect(restored.status).toBe(200);
    expect(await restored.json()).toEqual(old);
  });
});
