/**
 * Secret scanning of workspace content (P17): every save is scanned in the background, findings
 * keep only a masked preview and a hash, states persist across saves, a workspace with active
 * findings cannot be made public, admins are notified, and the re-scan job catches old content.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { createInlineJobQueue } from '../src/jobs/queue.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { SETUP_TIMEOUT_MS, createWorkspace, grant, setUpCast } from './support/content.ts';
import type { ContentCast, Person } from './support/content.ts';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const pmak = () => `PMAK-${hex(12)}-${hex(17)}`;
const jwt = () => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: hex(6), iat: 1700000000 })}.${randomBytes(32).toString('base64url')}`;
const bearer = () => randomBytes(24).toString('base64url');
const privateKey = () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const request = (name: string, request: Record<string, unknown>) => ({ name, request: { method: 'POST', url: 'https://api.example.test/x', ...request } });
const collection = (items: unknown[]) => ({ info: { name: 'Leaky', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items });

forEachDatabase('secret findings (P17)', (target) => {
  let t: TestApp;
  let cast: ContentCast;
  const jobs = createInlineJobQueue((name, error) => {
    throw new Error(`job ${name} failed: ${String(error)}`);
  });
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    t = await openTestApp(target, { jobs, mailer });
    cast = await setUpCast(t);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const findingRows = (itemId: string) =>
    queryRows<Record<string, unknown>>(t.database.db, sql`select * from secret_findings where item_id = ${itemId} order by json_path`);
  const list = async (p: Person, workspaceId: string, query = '') => {
    const res = await p.browser.request('GET', `/api/workspaces/${workspaceId}/secret-findings${query}`);
    expect(res.status).toBe(200);
    return (await res.json()).items as Record<string, any>[];
  };
  const importLeaky = async (workspaceId: string, items: unknown[]) => {
    const res = await cast.editor.browser.request('POST', `/api/workspaces/${workspaceId}/collections`, { body: collection(items) });
    expect(res.status).toBe(201);
    await jobs.drain();
    return (await res.json()).id as string;
  };

  it('finds a PMAK key, a JWT in an escaped raw body, a bearer header and a private key; stores only hash and mask', async () => {
    const secrets = { pmak: pmak(), jwt: jwt(), bearer: bearer(), key: privateKey() };
    const id = await importLeaky(cast.workspaceId, [
      request('pmak', { header: [{ key: 'X-Api-Key', value: secrets.pmak }] }),
      request('jwt', { body: { mode: 'raw', raw: JSON.stringify({ token: secrets.jwt }) } }),
      request('bearer', { header: [{ key: 'Authorization', value: `Bearer ${secrets.bearer}` }] }),
      request('key', { body: { mode: 'raw', raw: JSON.stringify({ pem: secrets.key }) } }),
      request('placeholders', {
        header: [
          { key: 'Authorization', value: 'Bearer {{token}}' },
          { key: 'X-Api-Key', value: 'PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
        ],
      }),
    ]);
    const rows = await findingRows(id);
    const rules = rows.map((r) => r.rule_id).sort();
    expect(rules).toEqual(['postern/bearer-token', 'postern/jwt', 'postern/postman-api-key', 'postern/private-key'].sort());
    const stored = JSON.stringify(rows);
    for (const secret of Object.values(secrets)) {
      expect(stored).not.toContain(secret);
      // Not even a long piece of it.
      expect(stored).not.toContain(secret.replace(/-----[A-Z ]+-----|\s/g, '').slice(8, 28));
    }
    const pmakRow = rows.find((r) => r.rule_id === 'postern/postman-api-key')!;
    expect(pmakRow.masked).toBe(`PMAK…(${secrets.pmak.length})`);
    expect(pmakRow.value_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pmakRow).toMatchObject({ state: 'active', item_kind: 'collection', workspace_id: cast.workspaceId, json_path: '$.item[0].request.header[0].value' });

    // Members see them masked, with the request they belong to.
    const seen = await list(cast.viewer, cast.workspaceId, `?itemId=${id}`);
    expect(seen).toHaveLength(4);
    expect(JSON.stringify(seen)).not.toContain(secrets.pmak);
    expect(seen.every((f) => typeof f.target === 'string' && f.itemName === 'Leaky')).toBe(true);
    expect(seen[0]).not.toHaveProperty('valueSha256');
    const counts = await (await cast.viewer.browser.request('GET', `/api/workspaces/${cast.workspaceId}/secret-findings/counts`)).json();
    expect(counts.total).toBeGreaterThanOrEqual(4);
  });

  it('creates no findings for placeholders and variables', async () => {
    const id = await importLeaky(cast.workspaceId, [
      request('vars', { header: [{ key: 'Authorization', value: 'Bearer {{accessToken}}' }, { key: 'X-Api-Key', value: '{{apiKey}}' }] }),
      request('fake', { body: { mode: 'raw', raw: '{"password":"changeme","token":"your-token-here"}' } }),
    ]);
    expect(await findingRows(id)).toEqual([]);
  });

  it('keeps states across re-saves, marks vanished values removed, and audits changes', async () => {
    const key = pmak();
    const id = await importLeaky(cast.workspaceId, [request('a', { header: [{ key: 'X-Api-Key', value: key }] })]);
    const [finding] = await list(cast.editor, cast.workspaceId, `?itemId=${id}`);
    // Viewers may not change states; strangers do not learn the finding exists.
    expect((await cast.viewer.browser.request('PATCH', `/api/secret-findings/${finding!.id}`, { body: { state: 'revoked' } })).status).toBe(403);
    expect((await cast.stranger.browser.request('PATCH', `/api/secret-findings/${finding!.id}`, { body: { state: 'revoked' } })).status).toBe(404);
    const bad = await cast.editor.browser.request('PATCH', `/api/secret-findings/${finding!.id}`, { body: { state: 'ignored' } });
    expect(bad.status).toBe(400);
    const res = await cast.editor.browser.request('PATCH', `/api/secret-findings/${finding!.id}`, { body: { state: 'revoked', note: 'Rotated in Postman' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'revoked', note: 'Rotated in Postman', stateChangedBy: { username: cast.editor.account.username } });

    // Re-saving the same value keeps the state; a name change is not a new finding.
    const put = await cast.editor.browser.request('PUT', `/api/collections/${id}`, {
      body: { ...collection([request('a renamed', { header: [{ key: 'X-Api-Key', value: key }] })]) },
    });
    expect(put.status).toBe(200);
    await jobs.drain();
    let rows = await findingRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: finding!.id, state: 'revoked', removed_at: null });

    // The value leaves: the finding is marked removed (kept with its state), hidden from the default list.
    await cast.editor.browser.request('PUT', `/api/collections/${id}`, { body: collection([request('a', { header: [] })]) });
    await jobs.drain();
    rows = await findingRows(id);
    expect(rows[0]!.removed_at).not.toBeNull();
    expect(await list(cast.editor, cast.workspaceId, `?itemId=${id}`)).toEqual([]);
    expect(await list(cast.editor, cast.workspaceId, `?itemId=${id}&includeRemoved=true`)).toHaveLength(1);

    const audit = await queryRows<{ action: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`select action, details from audit_events where target_id = ${finding!.id}`,
    );
    expect(audit).toEqual([{ action: 'secrets.finding_state_changed', details: expect.objectContaining({ from: 'active', to: 'revoked' }) }]);
  });

  it('scans environments and globals too, and deleting an environment deletes its findings', async () => {
    const token = pmak();
    const env = await cast.editor.browser.request('POST', `/api/workspaces/${cast.workspaceId}/environments`, {
      body: { name: 'Prod', values: [{ key: 'postmanKey', value: token, type: 'default', enabled: true }, { key: 'sealed', value: pmak(), type: 'secret', enabled: true }] },
    });
    expect(env.status).toBe(201);
    const envId = (await env.json()).id;
    const globals = await cast.editor.browser.request('PUT', `/api/workspaces/${cast.workspaceId}/globals`, {
      body: { values: [{ key: 'jwt', value: jwt(), type: 'default', enabled: true }] },
    });
    expect(globals.status).toBe(200);
    await jobs.drain();
    const envFindings = await list(cast.editor, cast.workspaceId, `?itemKind=environment&itemId=${envId}`);
    // Secret-typed variables are encrypted and hidden from readers: not findings.
    expect(envFindings.map((f) => [f.target, f.ruleId])).toEqual([['postmanKey', 'postern/postman-api-key']]);
    const globalFindings = await list(cast.editor, cast.workspaceId, '?itemKind=globals');
    expect(globalFindings.map((f) => [f.target, f.ruleId])).toEqual([['jwt', 'postern/jwt']]);
    expect((await cast.editor.browser.request('DELETE', `/api/environments/${envId}`)).status).toBe(204);
    expect(await findingRows(envId)).toEqual([]);
  });

  it('non-members (and anonymous readers of a public workspace) get 404 on findings', async () => {
    for (const path of [`/api/workspaces/${cast.workspaceId}/secret-findings`, `/api/workspaces/${cast.workspaceId}/secret-findings/counts`]) {
      const res = await cast.stranger.browser.request('GET', path);
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe('WORKSPACE_NOT_FOUND');
    }
    expect((await cast.anonymous.request('GET', `/api/workspaces/${cast.publicWorkspaceId}/secret-findings`)).status).toBe(401);
    expect((await cast.stranger.browser.request('GET', `/api/workspaces/${cast.publicWorkspaceId}/secret-findings`)).status).toBe(404);
  });

  describe('making a workspace public', () => {
    it('is refused while findings are active, and allowed once they are resolved', async () => {
      const workspaceId = await createWorkspace(cast.owner, { name: 'Going public', kind: 'private' });
      await grant(cast.owner, workspaceId, cast.editor, 'editor');
      const id = await importLeaky(workspaceId, [request('a', { header: [{ key: 'X-Api-Key', value: pmak() }] }), request('b', { header: [{ key: 'Authorization', value: `Bearer ${bearer()}` }] })]);
      const refused = await cast.owner.browser.request('PATCH', `/api/workspaces/${workspaceId}`, { body: { kind: 'public' } });
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      const problem = await refused.json();
      expect(problem.code).toBe('WORKSPACE_HAS_ACTIVE_SECRETS');
      expect(problem.detail).toContain('2 active secret findings');
      expect(problem.detail).toContain('collection "Leaky"');
      expect(problem.detail).toContain(`/w/${workspaceId}/secrets`);
      expect((await (await cast.owner.browser.request('GET', `/api/workspaces/${workspaceId}`)).json()).kind).toBe('private');

      const findings = await list(cast.owner, workspaceId, `?itemId=${id}`);
      await cast.owner.browser.request('PATCH', `/api/secret-findings/${findings[0]!.id}`, { body: { state: 'false_positive' } });
      expect((await cast.owner.browser.request('PATCH', `/api/workspaces/${workspaceId}`, { body: { kind: 'public' } })).status).toBe(409);
      await cast.owner.browser.request('PATCH', `/api/secret-findings/${findings[1]!.id}`, { body: { state: 'accepted_risk' } });
      const allowed = await cast.owner.browser.request('PATCH', `/api/workspaces/${workspaceId}`, { body: { kind: 'public' } });
      expect(allowed.status).toBe(200);
      expect((await allowed.json()).kind).toBe('public');
    });

    it('catches a secret saved just before, whose background scan has not run yet', async () => {
      const workspaceId = await createWorkspace(cast.owner, { name: 'Racing', kind: 'private' });
      const res = await cast.owner.browser.request('POST', `/api/workspaces/${workspaceId}/collections`, {
        body: collection([request('a', { header: [{ key: 'X-Api-Key', value: pmak() }] })]),
      });
      expect(res.status).toBe(201);
      // No drain: the guard scans itself.
      const refused = await cast.owner.browser.request('PATCH', `/api/workspaces/${workspaceId}`, { body: { kind: 'public' } });
      expect(refused.status).toBe(409);
      await jobs.drain();
    });
  });

  it('notifies the workspace admins only (in-app and email), once per new finding', async () => {
    const workspaceId = await createWorkspace(cast.owner, { name: 'Notify me', kind: 'private' });
    await grant(cast.owner, workspaceId, cast.editor, 'editor');
    await grant(cast.owner, workspaceId, cast.viewer, 'viewer');
    const before = mailer.sent.length;
    const key = pmak();
    const id = await importLeaky(workspaceId, [request('a', { header: [{ key: 'X-Api-Key', value: key }] })]);
    const feed = async (p: Person) => (await (await p.browser.request('GET', '/api/me/notifications')).json()).items as { title: string; link: string }[];
    const ownerFeed = (await feed(cast.owner)).filter((n) => n.link === `/w/${workspaceId}/secrets`);
    expect(ownerFeed.map((n) => n.title)).toEqual(['1 new secret found in Notify me']);
    for (const p of [cast.editor, cast.viewer]) expect((await feed(p)).some((n) => n.link === `/w/${workspaceId}/secrets`)).toBe(false);
    const mails = mailer.sent.slice(before);
    expect(mails.map((m) => m.to)).toEqual([cast.owner.person.email]);
    expect(mails[0]!.text).not.toContain(key);
    // The same value saved again is not news.
    await cast.editor.browser.request('PUT', `/api/collections/${id}`, { body: collection([request('b', { header: [{ key: 'X-Api-Key', value: key }] })]) });
    await jobs.drain();
    expect((await feed(cast.owner)).filter((n) => n.link === `/w/${workspaceId}/secrets`)).toHaveLength(1);
  });

  it('the re-scan finds secrets in content the save-time scan never saw, and shows progress', async () => {
    const workspaceId = await createWorkspace(cast.owner, { name: 'Old content', kind: 'private' });
    await grant(cast.owner, workspaceId, cast.editor, 'editor');
    const id = await importLeaky(workspaceId, [request('a', { header: [] })]);
    expect(await findingRows(id)).toEqual([]);
    // Content written before scanning existed (or under older rules): changed behind the app's back.
    const key = pmak();
    const doc = collection([request('a', { header: [{ key: 'X-Api-Key', value: key }] })]);
    await queryRows(t.database.db, sql`update collections set document = ${JSON.stringify(doc)} where id = ${id}`);
    expect(await findingRows(id)).toEqual([]);

    // Editors may not start it; admins may.
    expect((await cast.editor.browser.request('POST', `/api/workspaces/${workspaceId}/secret-scans`)).status).toBe(403);
    expect((await cast.stranger.browser.request('POST', `/api/workspaces/${workspaceId}/secret-scans`)).status).toBe(404);
    const queued = await cast.owner.browser.request('POST', `/api/workspaces/${workspaceId}/secret-scans`);
    expect(queued.status).toBe(202);
    expect((await queued.json()).status).toBe('queued');
    await jobs.drain();
    const status = await (await cast.editor.browser.request('GET', `/api/workspaces/${workspaceId}/secret-scans/latest`)).json();
    expect(status).toMatchObject({ status: 'done', trigger: 'request', itemsTotal: 1, itemsDone: 1, newFindings: 1 });
    expect((await findingRows(id)).map((r) => r.rule_id)).toEqual(['postern/postman-api-key']);

    // The daily job goes through every workspace.
    await queryRows(t.database.db, sql`delete from secret_findings where item_id = ${id}`);
    expect(jobs.scheduled.some((s) => s.name === 'secrets.rescan_all' && s.tz === 'UTC')).toBe(true);
    await jobs.send('secrets.rescan_all', {});
    await jobs.drain();
    expect((await findingRows(id)).map((r) => r.rule_id)).toEqual(['postern/postman-api-key']);
    expect((await (await cast.owner.browser.request('GET', `/api/workspaces/${workspaceId}/secret-scans/latest`)).json()).trigger).toBe('schedule');
  });
});
