import { startTestServer, type TestServer } from '@postern/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { AppError } from '../src/errors.ts';
import { MAX_HISTORY_ENTRIES } from '../src/modules/history/retention.ts';
import { createHistoryService } from '../src/modules/history/service.ts';
import type { HistoryStore } from '../src/modules/history/store.ts';
import type { SendOutcome } from '../src/modules/send/service.ts';
import type { WorkspaceAccess } from '../src/policies/workspaces.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { createWorkspace } from './support/content.ts';
import type { Person } from './support/content.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Upstream failures are 5xx problems on purpose; keep them out of the test output. */
const quiet: AppDeps['reportError'] = () => undefined;

forEachDatabase('history of sent requests (issue #5; P19, P25)', (target) => {
  let t: TestApp;
  let kit: TestServer;
  // The app's clock: retention is tested by moving it forward (in steps shorter than a session's life).
  let now = new Date('2026-03-01T12:00:00.000Z');

  beforeAll(async () => {
    kit = await startTestServer();
    t = await openTestApp(target, { reportError: quiet, clock: () => new Date(now) });
  });
  afterAll(async () => {
    await t?.close();
    await kit?.close();
  });

  const send = (p: Person, request: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    p.browser.request('POST', '/api/send', { body: { request, ...extra } });
  const list = async (p: Person, query = '') => {
    const res = await p.browser.request('GET', `/api/history${query}`);
    expect(res.status).toBe(200);
    return res.json() as Promise<{ items: Array<Record<string, any>>; nextCursor: string | null }>;
  };
  const setRetention = async (p: Person, days: number) =>
    p.browser.request('PATCH', '/api/me', { body: { preferences: { historyRetentionDays: days } } });
  const rowsOf = async (p: Person) =>
    queryRows<Record<string, unknown>>(t.database.db, sql`select row_to_json(h)::text as row from request_history h where user_id = ${p.account.id}`);

  it('records each send, answered or failed, newest first, with what a list needs', async () => {
    const p = await signUpPerson(t.app);
    expect((await send(p, { method: 'post', url: `${kit.url}/status/201` })).status).toBe(200);
    now = new Date(now.getTime() + 1000);
    const failed = await send(p, { method: 'GET', url: `${kit.url}/delay/2` }, { settings: { timeoutMs: 100 } });
    expect(failed.status).toBe(504);

    const page = await list(p);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      expect.objectContaining({ method: 'GET', url: `${kit.url}/delay/2`, status: null, errorCode: 'UPSTREAM_TIMEOUT', responseSize: null }),
      expect.objectContaining({ method: 'POST', url: `${kit.url}/status/201`, status: 201, errorCode: null, workspaceId: null }),
    ]);
    expect(page.items[1]!.responseSize).toBeGreaterThan(0);
    expect(page.items[1]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(page.items[0]!.createdAt).toBe(now.toISOString());
    // A list gives no request bodies; the entry does.
    expect(page.items[0]).not.toHaveProperty('request');
    const entry = await (await p.browser.request('GET', `/api/history/${page.items[1]!.id}`)).json();
    expect(entry).toMatchObject({ request: { method: 'post', url: `${kit.url}/status/201` }, bodyOmitted: false });
  });

  it('stores the request as written: values resolved from an environment, secrets included, never land in history', async () => {
    const p = await signUpPerson(t.app);
    const workspaceId = await createWorkspace(p, { name: 'Secrets', kind: 'private' });
    const secret = 'tok-3c1d9f-very-secret';
    const imported = await p.browser.request('POST', `/api/workspaces/${workspaceId}/environments`, {
      body: {
        name: 'Prod',
        values: [
          { key: 'base', value: kit.url, type: 'default', enabled: true },
          { key: 'token', value: secret, type: 'secret', enabled: true },
        ],
      },
    });
    expect(imported.status).toBe(201);
    // As the web app does: the environment's values become the send's variables.
    const environment = await (await p.browser.request('GET', `/api/environments/${(await imported.json()).id}`)).json();
    const variables = environment.values.map((v: { key: string; value: string }) => ({ key: v.key, value: v.value }));
    expect(variables).toContainEqual({ key: 'token', value: secret });
    const request = {
      method: 'POST',
      url: { raw: '{{base}}/anything?key={{token}}', host: ['{{base}}'], path: ['anything'], query: [{ key: 'key', value: '{{token}}' }] },
      header: [{ key: 'Authorization', value: 'Bearer {{token}}' }],
      auth: { type: 'apikey', apikey: [{ key: 'value', value: '{{token}}' }, { key: 'key', value: 'X-Key' }] },
      body: { mode: 'raw', raw: '{"token":"{{token}}"}' },
    };
    const res = await send(p, request, { variables, workspaceId });
    expect(res.status).toBe(200);
    // The echo proves the secret went out…
    expect((await res.json()).body).toContain(secret);

    // …and the history keeps only the placeholders.
    const rows = await rowsOf(p);
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.row)).not.toContain(secret);
    const [item] = (await list(p)).items;
    expect(item).toMatchObject({ url: '{{base}}/anything?key={{token}}', workspaceId, status: 200 });
    expect((await (await p.browser.request('GET', `/api/history/${item!.id}`)).json()).request).toEqual(request);
  });

  it('keeps a request over 64 KiB without its body', async () => {
    const p = await signUpPerson(t.app);
    const res = await send(p, { method: 'POST', url: `${kit.url}/post`, header: [{ key: 'X-Kept', value: 'yes' }], body: { mode: 'raw', raw: 'x'.repeat(70 * 1024) } });
    expect(res.status).toBe(200);
    const [item] = (await list(p)).items;
    const entry = await (await p.browser.request('GET', `/api/history/${item!.id}`)).json();
    expect(entry.bodyOmitted).toBe(true);
    expect(entry.request).toEqual({ method: 'POST', url: `${kit.url}/post`, header: [{ key: 'X-Kept', value: 'yes' }] });
  });

  it('links entries to workspace, collection and item, filters by workspace, and drops a workspace the person cannot read', async () => {
    const owner = await signUpPerson(t.app);
    const other = await signUpPerson(t.app);
    const mine = await createWorkspace(owner, { name: 'Mine', kind: 'private' });
    const theirs = await createWorkspace(other, { name: 'Theirs', kind: 'private' });
    const collectionId = '0b7c6a52-3d0e-4f5a-9c1b-2d3e4f5a6b7c';
    await send(owner, { url: `${kit.url}/get` }, { workspaceId: mine, collectionId, itemId: 'item-1' });
    await send(owner, { url: `${kit.url}/get?x=1` }, { workspaceId: theirs, collectionId, itemId: 'item-2' });

    const all = (await list(owner)).items;
    expect(all.map((e) => [e.url, e.workspaceId, e.collectionId, e.itemId])).toEqual(
      expect.arrayContaining([
        [`${kit.url}/get`, mine, collectionId, 'item-1'],
        [`${kit.url}/get?x=1`, null, null, null],
      ]),
    );
    const filtered = (await list(owner, `?workspaceId=${mine}`)).items;
    expect(filtered.map((e) => e.url)).toEqual([`${kit.url}/get`]);
  });

  it('records nothing when the person keeps no history, and applies a shorter retention at once', async () => {
    const p = await signUpPerson(t.app);
    await send(p, { url: `${kit.url}/get` });
    expect((await list(p)).items).toHaveLength(1);

    const off = await setRetention(p, 0);
    expect(off.status).toBe(200);
    expect((await off.json()).preferences).toMatchObject({ historyRetentionDays: 0 });
    // Choosing "don't keep history" deleted what was there.
    expect(await rowsOf(p)).toHaveLength(0);
    const before = kit.requestCount();
    expect((await send(p, { url: `${kit.url}/get` })).status).toBe(200);
    expect(kit.requestCount()).toBe(before + 1);
    expect(await rowsOf(p)).toHaveLength(0);
    expect((await list(p)).items).toEqual([]);
  });

  it('deletes entries older than the retention period on writes and lists (injected clock)', async () => {
    const p = await signUpPerson(t.app);
    expect((await setRetention(p, 7)).status).toBe(200);
    await send(p, { url: `${kit.url}/get?n=old` });
    now = new Date(now.getTime() + 3 * DAY_MS);
    await send(p, { url: `${kit.url}/get?n=newer` });
    now = new Date(now.getTime() + 5 * DAY_MS);
    // Eight days after the first send: the list deletes it before answering.
    expect((await list(p)).items.map((e) => e.url)).toEqual([`${kit.url}/get?n=newer`]);
    expect(await rowsOf(p)).toHaveLength(1);

    // A write prunes too: one day's retention leaves only today's send (the change itself pruned the rest).
    expect((await setRetention(p, 1)).status).toBe(200);
    expect(await rowsOf(p)).toHaveLength(0);
    await send(p, { url: `${kit.url}/get?n=today` });
    now = new Date(now.getTime() + DAY_MS + 1000);
    await send(p, { url: `${kit.url}/get?n=tomorrow` });
    expect((await rowsOf(p)).map((r) => String(r.row))).toEqual([expect.stringContaining('n=tomorrow')]);
  });

  it(`keeps at most ${MAX_HISTORY_ENTRIES} entries per person, removing the oldest`, async () => {
    const p = await signUpPerson(t.app);
    const other = await signUpPerson(t.app);
    // Older than any send below but inside the default 30 days; inserted directly to stay fast.
    await t.database.db.execute(sql`
      insert into request_history (user_id, method, url, request, duration_ms, created_at)
      select ${p.account.id}::uuid, 'GET', 'https://filler.test/' || n, '{}'::json, 1, ${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz + n * interval '1 millisecond'
      from generate_series(1, ${MAX_HISTORY_ENTRIES}) as n`);
    await send(other, { url: `${kit.url}/get` });
    await send(p, { url: `${kit.url}/get?n=latest` });

    const urls = await queryRows<{ url: string }>(t.database.db, sql`select url from request_history where user_id = ${p.account.id} order by created_at`);
    expect(urls).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(urls[0]!.url).toBe('https://filler.test/2');
    expect(urls.at(-1)!.url).toBe(`${kit.url}/get?n=latest`);
    // Someone else's history is untouched by the cap.
    expect(await rowsOf(other)).toHaveLength(1);

    // Pages walk the whole history newest first without repeats.
    let cursor: string | null = null;
    const seen = new Set<string>();
    let pages = 0;
    do {
      const page = await list(p, `?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of page.items) seen.add(item.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(MAX_HISTORY_ENTRIES / 200);
    expect(seen.size).toBe(MAX_HISTORY_ENTRIES);
  });

  it("answers 404 for someone else's entries, deletes one entry or all, and 400 for invalid input", async () => {
    const p = await signUpPerson(t.app);
    const stranger = await signUpPerson(t.app);
    await send(p, { url: `${kit.url}/get?n=1` });
    await send(p, { url: `${kit.url}/get?n=2` });
    const [second, first] = (await list(p)).items;

    for (const [method, path] of [
      ['GET', `/api/history/${first!.id}`],
      ['DELETE', `/api/history/${first!.id}`],
    ] as const) {
      const res = await stranger.browser.request(method, path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).code).toBe('HISTORY_ENTRY_NOT_FOUND');
    }
    expect((await list(stranger)).items).toEqual([]);
    // The stranger's "clear all" clears only their own.
    expect((await stranger.browser.request('DELETE', '/api/history')).status).toBe(204);
    expect(await rowsOf(p)).toHaveLength(2);

    expect((await p.browser.request('DELETE', `/api/history/${first!.id}`)).status).toBe(204);
    expect((await p.browser.request('GET', `/api/history/${first!.id}`)).status).toBe(404);
    expect((await list(p)).items.map((e) => e.id)).toEqual([second!.id]);
    expect((await p.browser.request('DELETE', '/api/history')).status).toBe(204);
    expect((await list(p)).items).toEqual([]);

    for (const [method, path, body] of [
      ['GET', '/api/history/not-a-uuid', undefined],
      ['DELETE', '/api/history/not-a-uuid', undefined],
      ['GET', '/api/history?limit=0', undefined],
      ['GET', '/api/history?workspaceId=nope', undefined],
      ['GET', '/api/history?cursor=garbage', undefined],
      ['GET', `/api/history?cursor=${Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url')}`, undefined],
      ['PATCH', '/api/me', { preferences: { historyRetentionDays: 14 } }],
      ['PATCH', '/api/me', { preferences: { historyRetentionDays: '30' } }],
      ['POST', '/api/send', { request: { url: `${kit.url}/get` }, workspaceId: 'nope' }],
      ['POST', '/api/send', { request: { url: `${kit.url}/get` }, itemId: '' }],
    ] as const) {
      const res = await p.browser.request(method, path, body === undefined ? {} : { body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await rowsOf(p)).toHaveLength(0);

    const anonymous = await t.app.request('/api/history');
    expect(anonymous.status).toBe(401);
  });

  it('documents the routes in the OpenAPI description', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, object>;
      components: { schemas: Record<string, { properties: object }> };
    };
    expect(Object.keys(doc.paths['/api/history']!)).toEqual(expect.arrayContaining(['get', 'delete']));
    expect(Object.keys(doc.paths['/api/history/{id}']!)).toEqual(expect.arrayContaining(['get', 'delete']));
    expect(doc.components.schemas.SendRequest!.properties).toHaveProperty('workspaceId');
  });
});

describe('recordSend when the history cannot be written', () => {
  it('still answers the send (or its error) and reports the failure', async () => {
    const broken = new Error('database gone');
    const reported: unknown[] = [];
    const failing = {
      preferencesOf: async () => ({}),
      insert: async () => {
        throw broken;
      },
    } as unknown as HistoryStore;
    const access = { roleOf: async () => 'admin', require: async () => ({ workspaceId: '', role: 'admin' }) } as unknown as WorkspaceAccess;
    const service = createHistoryService({ store: failing, access, clock: () => new Date(), reportError: (e) => reported.push(e) });
    const actor = { id: '00000000-0000-4000-8000-000000000001', username: 'ada', operator: false };
    const outcome = { status: 204, size: { total: 10 }, timings: { total: 5 } } as unknown as SendOutcome;

    await expect(service.recordSend(actor, { request: { url: 'https://example.test/' }, links: {} }, async () => outcome)).resolves.toBe(outcome);
    const upstream = new AppError(502, 'UPSTREAM_FAILED', 'refused');
    await expect(
      service.recordSend(actor, { request: { url: 'https://example.test/' }, links: {} }, async () => {
        throw upstream;
      }),
    ).rejects.toBe(upstream);
    expect(reported).toEqual([broken, broken]);
  });
});
