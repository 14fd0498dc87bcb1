import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { DATA_MAP } from '../src/db/datamap/index.ts';
import { createAuditService } from '../src/modules/audit/service.ts';
import { createAuditStore } from '../src/modules/audit/store.ts';
import { createRetention } from '../src/modules/retention/job.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { JsonResponse } from './support/browser.ts';
import { SETUP_TIMEOUT_MS, importCollection, setUpCast } from './support/content.ts';
import type { ContentCast, Person } from './support/content.ts';

const DAY = 24 * 60 * 60 * 1000;

/** A small collection: examples using collection and environment variables, a POST, a slow one. */
function shop(userName: string) {
  return {
    info: { name: 'Shop', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [
      { key: 'baseUrl', value: 'https://api.example.test' },
      { key: 'userName', value: 'from collection' },
    ],
    item: [
      {
        name: 'Get user',
        request: { method: 'GET', url: '{{baseUrl}}/users/1' },
        response: [
          {
            name: 'User 1',
            originalRequest: { method: 'GET', url: '{{baseUrl}}/users/1' },
            code: 200,
            header: [{ key: 'Content-Type', value: 'application/json' }, { key: 'Set-Cookie', value: 'sid=abc' }],
            body: `{"id":1,"name":"${userName}","greeting":"hi {{userName}}","tier":"{{tier}}"}`,
          },
          {
            name: 'User missing',
            originalRequest: { method: 'GET', url: '{{baseUrl}}/users/1' },
            code: 404,
            body: '{"error":"no such user"}',
          },
        ],
      },
      {
        name: 'Area',
        request: { method: 'GET', url: '{{baseUrl}}/{{area}}/items' },
        response: [{ name: 'Area items', originalRequest: { method: 'GET', url: '{{baseUrl}}/{{area}}/items' }, code: 200, body: '[1,2,3]' }],
      },
      {
        name: 'Create user',
        request: { method: 'POST', url: '{{baseUrl}}/users' },
        response: [{ name: 'Created', originalRequest: { method: 'POST', url: '{{baseUrl}}/users' }, code: 201, body: '{"id":2}' }],
      },
      {
        name: 'Slow',
        request: { method: 'GET', url: '{{baseUrl}}/slow' },
        response: [{ name: 'Slow answer', originalRequest: { method: 'GET', url: '{{baseUrl}}/slow' }, code: 200, responseTime: 120, body: 'done' }],
      },
    ],
  };
}

forEachDatabase('hosted mock servers', (target) => {
  let t: TestApp;
  let cast: ContentCast;
  let now = new Date('2026-06-01T10:00:00Z');
  let collectionId: string;
  let environmentId: string;

  beforeAll(async () => {
    t = await openTestApp(target, { clock: () => now, publicUrl: 'http://postern.test' });
    cast = await setUpCast(t);
    collectionId = (await importCollection(cast.owner, cast.workspaceId, shop('Ada'))).id;
    // Revision 2: the user is renamed.
    const put = await cast.owner.browser.request('PUT', `/api/collections/${collectionId}`, { body: shop('Grace') });
    expect(put.status, await put.clone().text()).toBe(200);
    const env = await cast.owner.browser.request('POST', `/api/workspaces/${cast.workspaceId}/environments`, {
      body: { name: 'Staging', values: [{ key: 'userName', value: 'from env' }, { key: 'tier', value: 'gold' }, { key: 'area', value: 'shop' }] },
    });
    expect(env.status).toBe(201);
    environmentId = (await env.json()).id;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const createMock = async (as: Person, body: Record<string, unknown>, workspaceId = cast.workspaceId) =>
    as.browser.request('POST', `/api/workspaces/${workspaceId}/mocks`, { body: { name: 'Shop mock', collectionId, ...body } });
  const created = async (body: Record<string, unknown>) => {
    const res = await createMock(cast.owner, body);
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };
  /** A request to a mock as any client would send it: no cookies, no CSRF token. */
  const call = (id: string, path: string, init: RequestInit = {}) => t.app.request(`/mock/${id}${path}`, init) as Promise<JsonResponse>;
  const apiKey = async (p: Person) => {
    const res = await p.browser.request('POST', '/api/me/api-keys', { body: { name: 'mocks', scopes: ['read'], expiresInDays: null } });
    expect(res.status).toBe(201);
    return (await res.json()).key as string;
  };

  it('creates a mock for editors, answers its URL, and lists it for viewers only', async () => {
    const mock = await created({ private: false });
    expect(mock).toMatchObject({ name: 'Shop mock', private: false, delay: true, enabled: true, callRetentionDays: 30, collectionRevision: null, environmentId: null });
    expect(mock.url).toBe(`http://postern.test/mock/${mock.id}`);

    const viewerTry = await createMock(cast.viewer, {});
    expect(viewerTry.status).toBe(403);
    expect((await viewerTry.json()).code).toBe('WORKSPACE_ROLE_REQUIRED');
    expect((await createMock(cast.stranger, {})).status).toBe(404);
    expect((await createMock(cast.editor, { callRetentionDays: 91 })).status).toBe(400);
    expect((await createMock(cast.editor, { collectionRevision: 9 })).status).toBe(400);
    // A collection or environment of another workspace is refused.
    expect((await createMock(cast.editor, {}, cast.publicWorkspaceId)).status).toBe(400);

    const list = await (await cast.viewer.browser.request('GET', `/api/workspaces/${cast.workspaceId}/mocks`)).json();
    expect(list.items.map((m: { id: string }) => m.id)).toContain(mock.id);
    expect((await cast.viewer.browser.request('GET', `/api/mocks/${mock.id}`)).status).toBe(200);
    expect((await cast.stranger.browser.request('GET', `/api/mocks/${mock.id}`)).status).toBe(404);
    expect((await cast.viewer.browser.request('PATCH', `/api/mocks/${mock.id}`, { body: { name: 'Mine' } })).status).toBe(403);
    expect((await cast.viewer.browser.request('DELETE', `/api/mocks/${mock.id}`)).status).toBe(403);

    const res = await call(mock.id, '/users/1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    // The latest saved state, collection variables resolved in the body, unknown ones kept.
    expect(await res.json()).toEqual({ id: 1, name: 'Grace', greeting: 'hi from collection', tier: '{{tier}}' });
    // Every method and subpath reaches the mock; x-mock-* headers pick examples.
    expect((await call(mock.id, '/users', { method: 'POST', body: '{"name":"x"}' })).status).toBe(201);
    const picked = await call(mock.id, '/users/1', { headers: { 'x-mock-response-code': '404' } });
    expect(picked.status).toBe(404);
    expect(await picked.json()).toEqual({ error: 'no such user' });
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/workspaces/{id}/mocks']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/mocks/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(doc.paths['/api/mocks/{id}/calls']!).sort()).toEqual(['delete', 'get']);
    const none = await call(mock.id, '/nothing/here?x=1', { method: 'DELETE' });
    expect(none.status).toBe(404);
    expect((await none.json()).error.name).toBe('mockRequestNotFoundError');
  });

  it('pins a revision, resolves environment variables, and follows collection saves', async () => {
    const pinned = await created({ private: false, collectionRevision: 1, environmentId });
    const latest = await created({ private: false, environmentId });
    expect(await (await call(pinned.id, '/users/1')).json()).toEqual({ id: 1, name: 'Ada', greeting: 'hi from env', tier: 'gold' });
    expect((await (await call(latest.id, '/users/1')).json()).name).toBe('Grace');
    // An environment variable in the example's path resolves too: /{{area}}/items is /shop/items.
    expect(await (await call(latest.id, '/shop/items')).text()).toBe('[1,2,3]');
    expect((await call(latest.id, '/other/items')).status).toBe(404);

    // Saving the collection reaches the unpinned mock at once (its cached copy is dropped), not the pinned one.
    const put = await cast.editor.browser.request('PUT', `/api/collections/${collectionId}`, { body: shop('Hopper') });
    expect(put.status).toBe(200);
    expect((await (await call(latest.id, '/users/1')).json()).name).toBe('Hopper');
    expect((await (await call(pinned.id, '/users/1')).json()).name).toBe('Ada');
    // So does saving the environment.
    const env = await cast.editor.browser.request('PUT', `/api/environments/${environmentId}`, {
      body: { name: 'Staging', values: [{ key: 'userName', value: 'changed' }, { key: 'tier', value: 'gold' }, { key: 'area', value: 'shop' }] },
    });
    expect(env.status, await env.clone().text()).toBe(200);
    expect((await (await call(pinned.id, '/users/1')).json()).greeting).toBe('hi changed');
  });

  it('waits example delays unless switched off', async () => {
    const mock = await created({ private: false });
    let started = performance.now();
    expect(await (await call(mock.id, '/slow')).text()).toBe('done');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    const patched = await cast.editor.browser.request('PATCH', `/api/mocks/${mock.id}`, { body: { delay: false } });
    expect((await patched.json()).delay).toBe(false);
    started = performance.now();
    expect(await (await call(mock.id, '/slow')).text()).toBe('done');
    expect(performance.now() - started).toBeLessThan(110);
  });

  it('private mocks need an API key of someone who may view the workspace', async () => {
    const mock = await created({});
    expect(mock.private).toBe(true);
    const without = await call(mock.id, '/users/1');
    expect(without.status).toBe(401);
    expect(without.headers.get('content-type')).toContain('application/problem+json');
    expect((await without.json()).code).toBe('MOCK_API_KEY_REQUIRED');
    // A session cookie is no credential here.
    expect((await call(mock.id, '/users/1', { headers: { cookie: cast.owner.browser.cookies.size ? [...cast.owner.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '' } })).status).toBe(401);
    const invalid = await call(mock.id, '/users/1', { headers: { 'x-api-key': 'pst_not-a-key' } });
    expect(invalid.status).toBe(401);
    expect((await invalid.json()).code).toBe('API_KEY_INVALID');
    const strangerKey = await apiKey(cast.stranger);
    const denied = await call(mock.id, '/users/1', { headers: { 'x-api-key': strangerKey } });
    expect(denied.status).toBe(403);
    expect((await denied.json()).code).toBe('MOCK_ACCESS_DENIED');
    const viewerKey = await apiKey(cast.viewer);
    const ok = await call(mock.id, '/users/1', { headers: { 'x-api-key': viewerKey } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).id).toBe(1);

    // Made public (audited), it answers anyone; the audit log has no personal data in its details.
    await cast.owner.browser.request('PATCH', `/api/mocks/${mock.id}`, { body: { private: false } });
    expect((await call(mock.id, '/users/1')).status).toBe(200);
    const audited = await queryRows<{ action: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`select action, details from audit_events where target_id = ${mock.id} order by occurred_at, id`,
    );
    expect(audited.map((a) => a.action).sort()).toEqual(['mock.created', 'mock.visibility_changed']);
    expect(audited.find((a) => a.action === 'mock.visibility_changed')!.details).toEqual({ private: false });
  });

  it('logs each call without credentials, pages the log, clears it, and purges it by the mock’s retention', async () => {
    const mock = await created({ callRetentionDays: 2 });
    const key = await apiKey(cast.editor);
    const big = 'x'.repeat(20_000);
    now = new Date('2026-06-01T10:00:00Z');
    for (let i = 0; i < 3; i++) {
      now = new Date(Date.parse('2026-06-01T10:00:00Z') + i * 1000);
      const res = await call(mock.id, `/users/1?i=${i}`, {
        method: 'GET',
        headers: { 'x-api-key': key, authorization: 'Bearer secret', cookie: 'postern_session=abc', 'x-trace': `t${i}` },
      });
      expect(res.status).toBe(200);
    }
    now = new Date('2026-06-03T12:00:00Z');
    expect((await call(mock.id, '/users', { method: 'POST', body: big, headers: { 'x-api-key': key, 'content-type': 'text/plain' } })).status).toBe(201);

    const first = await (await cast.viewer.browser.request('GET', `/api/mocks/${mock.id}/calls?limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({ method: 'POST', path: '/users', status: 201, example: 'Created' });
    expect(first.items[0].requestBody).toHaveLength(16 * 1024);
    expect(first.items[1]).toMatchObject({ method: 'GET', path: '/users/1?i=2', status: 200, example: 'User 1' });
    const names = (headers: [string, string][]) => headers.map(([k]) => k.toLowerCase());
    expect(names(first.items[1].requestHeaders)).toContain('x-trace');
    for (const secret of ['authorization', 'cookie', 'x-api-key']) expect(names(first.items[1].requestHeaders)).not.toContain(secret);
    expect(names(first.items[1].responseHeaders)).toContain('content-type');
    expect(names(first.items[1].responseHeaders)).not.toContain('set-cookie');
    const second = await (await cast.viewer.browser.request('GET', `/api/mocks/${mock.id}/calls?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((c: { path: string }) => c.path)).toEqual(['/users/1?i=1', '/users/1?i=0']);
    expect(second.nextCursor).toBeNull();
    expect((await cast.stranger.browser.request('GET', `/api/mocks/${mock.id}/calls`)).status).toBe(404);

    // Retention: as of June 4th 11:00, the calls of June 1st are past the mock's 2 days; June 3rd's stays.
    const retention = createRetention({
      db: t.database.db,
      audit: createAuditService({ store: createAuditStore(t.database.db), clock: () => now }),
      clock: () => now,
      eraseDue: async () => {},
      // The mock call log's declaration only: its task and rule are what is tested here.
      map: DATA_MAP.filter((d) => getTableConfig(d.table).name === 'mock_calls'),
    });
    const asOf = new Date(now.getTime() + DAY - 60 * 60 * 1000);
    const plan = await retention.planRetention(asOf);
    expect(plan).toEqual([expect.objectContaining({ table: 'mock_calls', count: 3 })]);
    await retention.applyRetention(asOf);
    const after = await (await cast.viewer.browser.request('GET', `/api/mocks/${mock.id}/calls`)).json();
    expect(after.items.map((c: { method: string }) => c.method)).toEqual(['POST']);

    expect((await cast.viewer.browser.request('DELETE', `/api/mocks/${mock.id}/calls`)).status).toBe(403);
    const cleared = await cast.editor.browser.request('DELETE', `/api/mocks/${mock.id}/calls`);
    expect(await cleared.json()).toEqual({ deleted: 1 });
    expect((await (await cast.viewer.browser.request('GET', `/api/mocks/${mock.id}/calls`)).json()).items).toEqual([]);
  });

  it('a disabled or deleted mock answers 404', async () => {
    const mock = await created({ private: false });
    expect((await call(mock.id, '/users/1')).status).toBe(200);
    await cast.editor.browser.request('PATCH', `/api/mocks/${mock.id}`, { body: { enabled: false } });
    const off = await call(mock.id, '/users/1');
    expect(off.status).toBe(404);
    expect((await off.json()).code).toBe('MOCK_NOT_FOUND');
    await cast.editor.browser.request('PATCH', `/api/mocks/${mock.id}`, { body: { enabled: true } });
    expect((await call(mock.id, '/users/1')).status).toBe(200);
    expect((await cast.editor.browser.request('DELETE', `/api/mocks/${mock.id}`)).status).toBe(204);
    expect((await call(mock.id, '/users/1')).status).toBe(404);
    expect((await call('not-an-id', '/users/1')).status).toBe(404);
    expect((await cast.editor.browser.request('GET', `/api/mocks/${mock.id}`)).status).toBe(404);
    const audited = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where target_id = ${mock.id} order by occurred_at, id`);
    expect(audited.map((a) => a.action).sort()).toEqual(['mock.created', 'mock.deleted']);
  });
});
