import { SCHEMA_V2_0, SCHEMA_V2_1, authParams, parseCollection, parseVariableList } from '@postern/collection';
import { startTestServer, type TestServer } from '@postern/testkit';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDeps } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import type { JobHandler, JobQueue } from '../src/jobs/queue.ts';
import { EXPORT_LIFETIME_MS } from '../src/modules/data-exports/lifetime.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { JsonResponse } from './support/browser.ts';
import { loadFixtureCollection, SETUP_TIMEOUT_MS } from './support/content.ts';
import type { Person } from './support/content.ts';
import { createTeam } from './support/teams.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const quiet: AppDeps['reportError'] = () => undefined;

/** A queue that holds jobs until the test runs them, so "one at a time" is checked without racing the build. */
function manualQueue() {
  const handlers = new Map<string, JobHandler<object>>();
  const pending: { name: string; data: object }[] = [];
  const queue: JobQueue & { runAll(): Promise<void>; pending: typeof pending } = {
    pending,
    work(name, handler) {
      handlers.set(name, handler as JobHandler<object>);
    },
    async send(name, data) {
      pending.push({ name, data });
      return `manual-${pending.length}`;
    },
    async schedule() {},
    async start() {},
    async stop() {},
    async runAll() {
      while (pending.length > 0) {
        const job = pending.shift()!;
        await handlers.get(job.name)!(job.data);
      }
    },
  };
  return queue;
}

forEachDatabase('download my data (P21)', (target) => {
  let t: TestApp;
  let kit: TestServer;
  const mailer = new MemoryMailer();
  const jobs = manualQueue();
  let now = new Date('2026-05-04T09:00:00.000Z');
  let person: Person;
  let teamOwner: Person;
  let exportId: string;
  let zip: Record<string, Uint8Array>;

  const json = (path: string) => JSON.parse(strFromU8(zip[path]!));

  beforeAll(async () => {
    kit = await startTestServer();
    t = await openTestApp(target, { mailer, jobs, reportError: quiet, clock: () => new Date(now) });
    teamOwner = await signUpPerson(t.app);
    person = await signUpPerson(t.app);

    // Activity in several features, so the export has something to find in each.
    const put = await t.app.request('/api/me/avatar', {
      method: 'PUT',
      headers: {
        'Content-Type': 'image/png',
        Cookie: [...person.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'X-CSRF-Token': person.browser.cookies.get('postern_csrf')!,
      },
      body: new Uint8Array(PNG),
    });
    expect(put.status).toBe(200);
    const choice = { consent: true, legitimateInterest: true };
    const consent = await person.browser.request('POST', '/api/privacy/consent', {
      body: { choices: { functional: choice, performance: choice, targeting: { consent: false, legitimateInterest: false } }, method: 'banner' },
    });
    expect(consent.status).toBe(201);
    expect((await person.browser.request('POST', '/api/send', { body: { request: { method: 'GET', url: `${kit.url}/status/200?probe=export` } } })).status).toBe(200);
    // Someone else typed this person's email address into an invitation (data not collected from them).
    await createTeam(teamOwner, 'inviters');
    expect((await teamOwner.browser.request('POST', '/api/teams/inviters/invitations', { body: { email: person.person.email, role: 'member' } })).status).toBe(201);

    const workspaces = (await (await person.browser.request('GET', '/api/workspaces')).json()).items;
    const personal = workspaces.find((w: { kind: string }) => w.kind === 'personal').id;
    for (let i = 0; i < 2; i++) {
      expect((await person.browser.request('POST', `/api/workspaces/${personal}/collections`, { body: loadFixtureCollection() })).status).toBe(201);
    }
    const legacy = {
      info: { name: 'Legacy', schema: SCHEMA_V2_0 },
      auth: { type: 'basic', basic: { username: 'ana', password: 'pw' } },
      item: [{ name: 'Folder', item: [{ name: 'Me', request: { method: 'GET', url: 'http://127.0.0.1:9/me', auth: { type: 'bearer', bearer: { token: 'tk' } } } }] }],
    };
    expect((await person.browser.request('POST', `/api/workspaces/${personal}/collections`, { body: legacy })).status).toBe(201);
    const environment = { name: 'Staging', values: [{ key: 'token', value: 'env-secret-value', type: 'secret', enabled: true }] };
    expect((await person.browser.request('POST', `/api/workspaces/${personal}/environments`, { body: environment })).status).toBe(201);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await t?.close();
    await kit?.close();
  });

  const list = async (p: Person) => {
    const res = await p.browser.request('GET', '/api/me/exports');
    expect(res.status).toBe(200);
    return (await res.json()).exports as Array<Record<string, any>>;
  };

  it('starts one export at a time: a second start while one is queued is refused with 409', async () => {
    const [a, b] = await Promise.all([person.browser.request('POST', '/api/me/exports'), person.browser.request('POST', '/api/me/exports')]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await refused.json()).code).toBe('EXPORT_IN_PROGRESS');
    const started = await (a.status === 202 ? a : b).json();
    exportId = started.id;
    expect(started).toMatchObject({ status: 'queued', progress: 0, downloadUrl: null });
    const exports = await list(person);
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ id: exportId, status: 'queued', progress: 0 });
    // Saves also queue secret scans (P17); only the export matters here.
    expect(jobs.pending.filter((job) => !job.name.startsWith('secrets.'))).toEqual([{ name: 'data-export.build', data: { exportId } }]);
  });

  it('builds the ZIP in the job, marks it ready for 7 days and emails a link that carries no data or token', async () => {
    await jobs.runAll();
    const [ready] = await list(person);
    expect(ready).toMatchObject({
      id: exportId,
      status: 'ready',
      progress: 100,
      expiresAt: new Date(now.getTime() + EXPORT_LIFETIME_MS).toISOString(),
      downloadUrl: `/api/me/exports/${exportId}/download`,
      downloadCount: 0,
      errorCode: null,
    });
    expect(ready!.size).toBeGreaterThan(0);
    const mail = mailer.to(person.person.email).at(-1)!;
    expect(mail.subject).toMatch(/data export is ready/);
    expect(mail.text).toContain('/settings/privacy/exports');
    expect(mail.text).not.toContain(exportId);
    expect(mail.text).not.toMatch(/token=|\/api\//);
    // Another export can start once this one is built.
    const again = await person.browser.request('POST', '/api/me/exports');
    expect(again.status).toBe(202);
    await jobs.runAll();
  });

  it('serves the ZIP to its owner only, as an attachment, counting and auditing the download', async () => {
    const res = await person.browser.request('GET', `/api/me/exports/${exportId}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="postern-data-${person.person.username}-2026-05-04\\.zip"$`));
    expect(res.headers.get('cache-control')).toBe('no-store');
    zip = unzipSync(new Uint8Array(await res.arrayBuffer()));

    const [row] = await queryRows<{ download_count: number; last_downloaded_at: unknown }>(
      t.database.db,
      sql`select download_count, last_downloaded_at from data_exports where id = ${exportId}`,
    );
    expect(row!.download_count).toBe(1);
    expect(row!.last_downloaded_at).not.toBeNull();
    const audit = await queryRows<{ actor_id: string; target_type: string; details: unknown }>(
      t.database.db,
      sql`select actor_id, target_type, details from audit_events where action = 'privacy.export.downloaded' and target_id = ${exportId}`,
    );
    expect(audit).toEqual([{ actor_id: person.account.id, target_type: 'data_export', details: {} }]);
    expect(
      await queryRows(t.database.db, sql`select 1 from audit_events where action = 'privacy.export.ready' and target_id = ${exportId}`),
    ).toHaveLength(1);

    // Someone else's export is not there for anyone else; anonymous callers must sign in.
    const stranger = await signUpPerson(t.app);
    const theirs = await stranger.browser.request('GET', `/api/me/exports/${exportId}/download`);
    expect(theirs.status).toBe(404);
    expect((await theirs.json()).code).toBe('EXPORT_NOT_FOUND');
    expect(await list(stranger)).toEqual([]);
    expect((await t.app.request(`/api/me/exports/${exportId}/download`)).status).toBe(401);
  });

  it('holds every personal-data record about the person, selected through the data map, with each column explained', async () => {
    const data = json('personal-data.json');
    expect(data).toMatchObject({ format: 'postern-personal-data/1', subject: { accountId: person.account.id } });
    const users = data.tables.users;
    expect(users.rows).toHaveLength(1);
    expect(users.rows[0]).toMatchObject({ id: person.account.id, username: person.person.username, email: person.person.email });
    expect(users.rows[0]).not.toHaveProperty('password_hash');
    expect(users.primaryKey).toEqual(['id']);
    expect(users.columns.email).toMatchObject({ category: expect.stringMatching(/^user\./), purposes: expect.any(Array), legalBasis: expect.any(String) });
    expect(users.description).toEqual(expect.any(String));
    expect(JSON.stringify(data)).not.toContain('argon2');

    expect(data.tables.sessions.rows.length).toBeGreaterThanOrEqual(1);
    expect(data.tables.sessions.rows.every((r: Record<string, unknown>) => typeof r.id === 'string' && !('token_hash' in r))).toBe(true);
    expect(data.tables.request_history.rows).toEqual([expect.objectContaining({ url: `${kit.url}/status/200?probe=export`, method: 'GET' })]);
    expect(data.tables.consent_records.rows).toHaveLength(1);
    const invitation = data.tables.team_invitations;
    expect(invitation.rows).toEqual([expect.objectContaining({ email: person.person.email })]);
    expect(invitation.linkedBy).toEqual([expect.objectContaining({ column: 'email', by: 'email' })]);
    expect(invitation.rows[0]).not.toHaveProperty('token_hash');

    // The avatar is its own file, referenced from the JSON.
    expect(data.tables.avatars.rows[0].bytes).toEqual({ file: 'profile/avatar.png', contentType: 'image/png' });
    expect(data.files).toEqual(['profile/avatar.png']);
    expect(Buffer.from(zip['profile/avatar.png']!)).toEqual(PNG);

    // Nothing about other people: the team owner's account is not in it.
    expect(JSON.stringify(data)).not.toContain(teamOwner.person.email);
  });

  it('holds the collections and environments in Postman formats, with unique file names and secrets in clear', async () => {
    const names = Object.keys(zip).sort();
    const fixtureName = loadFixtureCollection().info.name;
    expect(names).toEqual(
      expect.arrayContaining([
        `collections/${fixtureName}.postman_collection.json`,
        `collections/${fixtureName} (2).postman_collection.json`,
        'environments/Staging.postman_environment.json',
        'index.html',
        'personal-data.json',
      ]),
    );
    for (const name of names.filter((n) => n.startsWith(`collections/${fixtureName}`))) {
      const parsed = parseCollection(strFromU8(zip[name]!), { source: name }) as { info: { schema: string; name: string } };
      expect(parsed.info.schema).toBe(SCHEMA_V2_1);
      expect(parsed).toEqual(loadFixtureCollection());
    }
    // A collection imported as v2.0 comes out as v2.1: only the way auth parameters are written changes.
    const legacy = parseCollection(strFromU8(zip['collections/Legacy.postman_collection.json']!)) as Record<string, any>;
    expect(legacy.info).toEqual({ name: 'Legacy', schema: SCHEMA_V2_1 });
    expect(legacy.auth.basic).toEqual([
      { key: 'username', value: 'ana', type: 'string' },
      { key: 'password', value: 'pw', type: 'string' },
    ]);
    const request = legacy.item[0].item[0].request;
    expect(authParams(request.auth)).toEqual({ token: 'tk' });
    expect(request.auth.bearer).toEqual([{ key: 'token', value: 'tk', type: 'string' }]);
    const environment = json('environments/Staging.postman_environment.json');
    expect(parseVariableList(environment, { kind: 'environment' })).toBeTruthy();
    expect(environment).toMatchObject({
      id: expect.any(String),
      name: 'Staging',
      values: [{ key: 'token', value: 'env-secret-value', type: 'secret', enabled: true }],
      _postman_variable_scope: 'environment',
    });
  });

  it('explains in index.html what is held, why, on what basis, who sees it, for how long, where it came from and the rights', async () => {
    const html = strFromU8(zip['index.html']!);
    expect(html).toMatch(/^<!doctype html>/);
    for (const heading of ['Categories of data held and why', 'Purposes', 'Who receives it', 'How long it is kept', 'Where data came from when not from you', 'Your rights']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('user.contact.email');
    expect(html).toMatch(/Legal obligation|Performance of the contract/);
    expect(html).toContain('A member of a team entered your email address to invite you.');
    expect(html).toContain('supervisory authority');
    expect(html).toMatch(/Erasure/);
    expect(html).toMatch(/Rectification/);
    expect(html).toContain('No mail provider');
    // Self-contained: no scripts, no external assets.
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!localhost)/i);
  });

  it('refuses API keys, which may still start and list exports', async () => {
    const created = await person.browser.request('POST', '/api/me/api-keys', { body: { name: 'ci', scopes: ['read', 'write'], expiresInDays: null } });
    expect(created.status).toBe(201);
    const key = (await created.json()).key as string;
    const withKey = (method: string, path: string) => t.app.request(path, { method, headers: { Authorization: `Bearer ${key}` } }) as Promise<JsonResponse>;
    const refused = await withKey('GET', `/api/me/exports/${exportId}/download`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('API_KEY_NOT_ALLOWED');
    expect((await withKey('GET', '/api/me/exports')).status).toBe(200);
    // The API description says so too.
    const openapi = await ((await t.app.request('/api/openapi.json')) as JsonResponse).json();
    expect(openapi.paths['/api/me/exports/{id}/download'].get.security).toEqual([{ session: [] }]);
    expect(Object.keys(openapi.paths['/api/me/exports/{id}/download'].get.responses)).toEqual(['200', '401', '403', '404', '409', '410']);
    const [row] = await queryRows<{ download_count: number }>(t.database.db, sql`select download_count from data_exports where id = ${exportId}`);
    expect(row!.download_count).toBe(1);
  });

  it('answers 410 once expired, and retention then deletes the ZIP', async () => {
    now = new Date(now.getTime() + EXPORT_LIFETIME_MS + 1000);
    const gone = await person.browser.request('GET', `/api/me/exports/${exportId}/download`);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    expect(await gone.json()).toMatchObject({ code: 'EXPORT_EXPIRED', detail: expect.stringMatching(/Start a new one/) });
    expect((await list(person)).every((e) => e.status === 'expired' && e.downloadUrl === null)).toBe(true);

    // The daily retention job (P19) empties expired exports through the data map's 'exports' task.
    await jobs.send('retention.run', {});
    await jobs.runAll();
    const rows = await queryRows<{ status: string; bytes: unknown }>(t.database.db, sql`select status, bytes from data_exports where user_id = ${person.account.id}`);
    expect(rows).toEqual([
      { status: 'expired', bytes: null },
      { status: 'expired', bytes: null },
    ]);
    expect((await person.browser.request('GET', `/api/me/exports/${exportId}/download`)).status).toBe(410);
  });
});
