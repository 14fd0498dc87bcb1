import { startTestServer, type TestServer } from '@postern/testkit';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { AppDeps } from '../src/app.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database.ts';
import { createInlineJobQueue } from '../src/jobs/queue.ts';
import { RETENTION_JOB } from '../src/modules/retention/job.ts';
import { BACKOFF_MS, SWEEP_JOB } from '../src/modules/webhooks/service.ts';
import { signWebhook, verifyWebhook } from '../src/modules/webhooks/signature.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { createWorkspace, grant, importCollection } from './support/content.ts';
import type { Person } from './support/content.ts';
import { createTeam, joinTeam } from './support/teams.ts';

const T0 = new Date('2026-11-29T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const quiet: AppDeps['reportError'] = () => undefined;

/** A receiver on 127.0.0.1 that keeps every request and answers statuses from a script (the last repeats). */
async function startReceiver() {
  const received: Array<{ headers: IncomingHttpHeaders; body: string; path: string }> = [];
  let script: number[] = [200];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '' });
      const status = script.length > 1 ? script.shift()! : script[0]!;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`answer ${status}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    answer: (...statuses: number[]) => {
      script = statuses;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The verification of docs/admin.md#webhooks, written out as a receiver would. */
function docsVerify(secret: string, headers: IncomingHttpHeaders, rawBody: string, nowSeconds: number): boolean {
  const timestamp = String(headers['postern-webhook-timestamp']);
  const signature = String(headers['postern-webhook-signature']);
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

forEachDatabase('webhooks', (target) => {
  let t: TestApp;
  let now = T0;
  const clock = () => now;
  const mailer = new MemoryMailer();
  const failures: string[] = [];
  const jobs = createInlineJobQueue((name, error) => failures.push(`${name}: ${String(error)}`));
  let kit: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let owner: Person;
  let admin: Person;
  let member: Person;
  let outsider: Person;
  let teamSpace: string;

  beforeAll(async () => {
    kit = await startTestServer();
    receiver = await startReceiver();
    t = await openTestApp(target, { clock, mailer, jobs, reportError: quiet });
    [owner, admin, member, outsider] = [await signUpPerson(t.app), await signUpPerson(t.app), await signUpPerson(t.app), await signUpPerson(t.app)];
    await createTeam(owner, 'hooks', 'Hooks team');
    await joinTeam(mailer, owner, admin, 'hooks', 'admin');
    await joinTeam(mailer, owner, member, 'hooks', 'member');
    teamSpace = await createWorkspace(owner, { name: 'Hooks space', kind: 'team', teamSlug: 'hooks', teamRole: 'editor' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await kit?.close();
    await receiver?.close();
  });

  const settle = async () => {
    await jobs.drain();
    expect(failures).toEqual([]);
  };
  /** Moves the clock and runs the sweep, as the every-minute job does. */
  const later = async (ms: number) => {
    now = new Date(now.getTime() + ms);
    await jobs.send(SWEEP_JOB, {});
    await settle();
  };
  const register = async (p: Person, body: Record<string, unknown>, base = '/api/teams/hooks') => {
    const res = await p.browser.request('POST', `${base}/webhooks`, { body });
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json() as Promise<{ id: string; secret: string; enabled: boolean }>;
  };
  const deliveries = async (id: string, base = '/api/teams/hooks') => {
    const res = await owner.browser.request('GET', `${base}/webhooks/${id}/deliveries`);
    expect(res.status).toBe(200);
    return (await res.json()).items as Array<Record<string, any>>;
  };
  const remove = async (id: string, base = '/api/teams/hooks') => {
    expect((await owner.browser.request('DELETE', `${base}/webhooks/${id}`)).status).toBe(204);
  };

  it('signs each delivery so the documented verification accepts it, and rejects a changed body or an old timestamp', async () => {
    receiver.received.length = 0;
    receiver.answer(200);
    const endpoint = await register(admin, { url: `${receiver.url}/hook`, events: ['collection.created'], description: 'CI' });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).not.toHaveProperty('secretSealed');
    const imported = await importCollection(owner, teamSpace, { info: { name: 'Signed API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] });
    await settle();

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({ type: 'collection.created', time: T0.toISOString(), data: { workspaceId: teamSpace, collection: { id: imported.id, name: 'Signed API', revision: 1 } } });
    expect(got!.headers['postern-webhook-id']).toBe(body.id);
    expect(got!.headers['postern-webhook-event']).toBe('collection.created');
    expect(got!.headers['postern-webhook-timestamp']).toBe(String(T0.getTime() / 1000));
    expect(got!.headers['content-type']).toBe('application/json');
    const nowSeconds = T0.getTime() / 1000;
    expect(docsVerify(endpoint.secret, got!.headers, got!.body, nowSeconds)).toBe(true);
    const headers = { signature: String(got!.headers['postern-webhook-signature']), timestamp: String(got!.headers['postern-webhook-timestamp']) };
    expect(verifyWebhook(endpoint.secret, headers, got!.body, nowSeconds)).toBe(true);
    // Tampering, another secret, or a replay ten minutes later: refused.
    expect(docsVerify(endpoint.secret, got!.headers, got!.body.replace('Signed API', 'Evil API'), nowSeconds)).toBe(false);
    expect(verifyWebhook('whsec_other', headers, got!.body, nowSeconds)).toBe(false);
    expect(verifyWebhook(endpoint.secret, headers, got!.body, nowSeconds + 600)).toBe(false);
    expect(signWebhook(endpoint.secret, Number(headers.timestamp), got!.body)).toBe(headers.signature);

    // Admins read the secret again (audited); a rotated secret signs from then on.
    const read = await owner.browser.request('GET', `/api/teams/hooks/webhooks/${endpoint.id}/secret`);
    expect(await read.json()).toEqual({ secret: endpoint.secret });
    const rotated = (await (await owner.browser.request('POST', `/api/teams/hooks/webhooks/${endpoint.id}/secret`)).json()).secret;
    expect(rotated).not.toBe(endpoint.secret);
    await owner.browser.request('POST', `/api/teams/hooks/webhooks/${endpoint.id}/ping`);
    await settle();
    const ping = receiver.received[1]!;
    expect(JSON.parse(ping.body)).toMatchObject({ type: 'ping', data: { endpoint: { id: endpoint.id } } });
    expect(docsVerify(rotated, ping.headers, ping.body, nowSeconds)).toBe(true);
    expect(docsVerify(endpoint.secret, ping.headers, ping.body, nowSeconds)).toBe(false);
    await remove(endpoint.id);
  });

  it('retries failures with exponential backoff until a 2xx, logs each attempt, and redelivers the same event', async () => {
    receiver.received.length = 0;
    receiver.answer(500, 503, 200);
    const endpoint = await register(owner, { url: `${receiver.url}/flaky`, events: ['environment.created', 'environment.updated'] });
    const env = await (await owner.browser.request('POST', `/api/workspaces/${teamSpace}/environments`, { body: { name: 'Stage', values: [] } })).json();
    await settle();

    let [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ eventType: 'environment.created', status: 'retrying', attempts: 1, responseStatus: 500, responseExcerpt: 'answer 500' });
    expect(delivery!.error).toContain('only 2xx counts');
    expect(delivery!.nextAttemptAt).toBe(new Date(T0.getTime() + BACKOFF_MS[0]!).toISOString());
    // Not due yet: the sweep sends nothing.
    await later(BACKOFF_MS[0]! - 1000);
    expect(receiver.received).toHaveLength(1);
    await later(1000);
    [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'retrying', attempts: 2, responseStatus: 503 });
    // The second wait is longer than the first.
    expect(new Date(delivery!.nextAttemptAt).getTime() - now.getTime()).toBe(BACKOFF_MS[1]);
    expect(BACKOFF_MS[1]!).toBeGreaterThan(BACKOFF_MS[0]!);
    await later(BACKOFF_MS[1]!);
    [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200, nextAttemptAt: null, error: null });
    expect(delivery!.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toHaveLength(3);
    const eventIds = new Set(receiver.received.map((r) => r.headers['postern-webhook-id']));
    expect(eventIds.size).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body).data.environment).toEqual({ id: env.id, name: 'Stage', revision: 1 });

    // Redeliver: a new log entry, the same event id and body.
    const again = await owner.browser.request('POST', `/api/teams/hooks/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`);
    expect(again.status).toBe(202);
    await settle();
    const log = await deliveries(endpoint.id);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 1, eventId: delivery!.eventId });
    expect(receiver.received.at(-1)!.body).toBe(receiver.received[0]!.body);
    const detail = await (await owner.browser.request('GET', `/api/teams/hooks/webhooks/${endpoint.id}/deliveries/${log[0]!.id}`)).json();
    expect(JSON.parse(detail.payload).id).toBe(delivery!.eventId);
    expect((await owner.browser.request('POST', `/api/teams/hooks/webhooks/${endpoint.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`)).status).toBe(404);
    await remove(endpoint.id);
  });

  it('gives up after 6 attempts, and switches the endpoint off after 5 failed deliveries in a row, telling the admins', async () => {
    const endpoint = await register(admin, { url: `${kit.url}/status/500`, events: ['collection.updated'] });
    const { id } = await importCollection(owner, teamSpace, { info: { name: 'Busy', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] });
    const before = kit.requestCount();
    for (let i = 0; i < 5; i++) {
      const res = await owner.browser.request('PATCH', `/api/collections/${id}/settings`, { body: { description: `change ${i}` } });
      expect(res.status).toBe(200);
    }
    await settle();
    for (const wait of BACKOFF_MS) await later(wait);
    expect(kit.requestCount() - before).toBe(5 * 6);
    const log = await deliveries(endpoint.id);
    expect(log).toHaveLength(5);
    for (const d of log) expect(d).toMatchObject({ status: 'failed', attempts: 6, responseStatus: 500, nextAttemptAt: null });

    const state = await (await owner.browser.request('GET', `/api/teams/hooks/webhooks/${endpoint.id}`)).json();
    expect(state).toMatchObject({ enabled: false, consecutiveFailures: 5 });
    expect(state.disabledReason).toContain('5 deliveries in a row failed');
    for (const p of [owner, admin]) {
      const mail = mailer.to(p.person.email).at(-1)!;
      expect(mail.subject).toBe('A Postern webhook was switched off');
      expect(mail.text).toContain(`${kit.url}/status/500`);
      expect(mail.text).toContain('/teams/hooks/admin/webhooks');
    }
    expect(mailer.to(member.person.email).some((m) => m.subject.includes('webhook'))).toBe(false);

    // Switched off: new events are not queued for it. A ping still goes (to test it).
    await owner.browser.request('PATCH', `/api/collections/${id}/settings`, { body: { description: 'after' } });
    await settle();
    expect(await deliveries(endpoint.id)).toHaveLength(5);
    // Switched back on: a fresh count, and events flow again.
    const on = await (await owner.browser.request('PATCH', `/api/teams/hooks/webhooks/${endpoint.id}`, { body: { enabled: true, url: `${kit.url}/status/204` } })).json();
    expect(on).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    await owner.browser.request('PATCH', `/api/collections/${id}/settings`, { body: { description: 'back' } });
    await settle();
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'delivered', responseStatus: 204 });
    await remove(endpoint.id);
  });

  it('switches the endpoint off at once when it answers 410 Gone', async () => {
    const endpoint = await register(owner, { url: `${kit.url}/status/410`, events: ['ping'] });
    await owner.browser.request('POST', `/api/teams/hooks/webhooks/${endpoint.id}/ping`);
    await settle();
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 410 });
    expect(delivery!.error).toContain('410 Gone');
    const state = await (await owner.browser.request('GET', `/api/teams/hooks/webhooks/${endpoint.id}`)).json();
    expect(state).toMatchObject({ enabled: false });
    expect(state.disabledReason).toContain('410');
    await remove(endpoint.id);
  });

  it('logs an address the egress guard refuses as a failed delivery with the reason, without retrying', async () => {
    // An instance shared with others (public-only), on the same database, with its own queue.
    const sharedJobs = createInlineJobQueue((name, error) => failures.push(`${name}: ${String(error)}`));
    const shared = createApp({ passwordHashing: FAST_HASHING, rateLimits: false, reportError: quiet, database: t.database, clock, mailer, jobs: sharedJobs, egress: { mode: 'public-only', allow: [] } });
    const ownerOnShared = { browser: new Browser(shared) };
    for (const [k, v] of owner.browser.cookies) ownerOnShared.browser.cookies.set(k, v);
    // A literal private address is refused when registered, naming the field.
    const literal = await ownerOnShared.browser.request('POST', '/api/teams/hooks/webhooks', { body: { url: `http://169.254.169.254/latest`, events: ['ping'] } });
    expect(literal.status).toBe(400);
    expect(await literal.json()).toMatchObject({ code: 'EGRESS_REFUSED', errors: [{ path: 'body.url' }] });
    // A name is checked when connecting: localhost resolves to loopback.
    const res = await ownerOnShared.browser.request('POST', '/api/teams/hooks/webhooks', { body: { url: `http://localhost:${kit.port}/status/200`, events: ['ping'] } });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const before = kit.requestCount();
    expect((await ownerOnShared.browser.request('POST', `/api/teams/hooks/webhooks/${id}/ping`)).status).toBe(202);
    await sharedJobs.drain();
    expect(failures).toEqual([]);
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null, nextAttemptAt: null });
    expect(delivery!.error).toMatch(/^Refused by the egress guard: this server does not send to (127\.0\.0\.1|::1) \(localhost resolves to it\): it is a loopback address/);
    expect(delivery!.error).toContain('POSTERN_EGRESS_ALLOW');
    expect(kit.requestCount()).toBe(before);
    await remove(id);
  });

  it('sends each event to the endpoints that subscribe to it: team membership, visibility, workspace endpoints', async () => {
    receiver.received.length = 0;
    receiver.answer(200);
    const teamHook = await register(owner, {
      url: `${receiver.url}/team`,
      events: ['member.added', 'member.role_changed', 'member.removed', 'workspace.visibility_changed', 'collection.deleted', 'secret_finding.detected'],
    });
    const other = await createWorkspace(owner, { name: 'Own space', kind: 'private' });
    const wsHook = await register(owner, { url: `${receiver.url}/ws`, events: ['collection.created', 'collection.deleted'] }, `/api/workspaces/${other}`);

    const newcomer = await signUpPerson(t.app);
    await joinTeam(mailer, owner, newcomer, 'hooks');
    expect((await owner.browser.request('PATCH', `/api/teams/hooks/members/${newcomer.person.username}`, { body: { role: 'admin' } })).status).toBe(200);
    expect((await owner.browser.request('DELETE', `/api/teams/hooks/members/${newcomer.person.username}`)).status).toBe(204);
    expect((await owner.browser.request('PATCH', `/api/workspaces/${teamSpace}`, { body: { kind: 'public' } })).status).toBe(200);
    // A key saved by mistake is found by the secret scan (a job), which reports it.
    const leakyKey = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
    const leaky = { name: 'Leaky', values: [{ key: 'postmanKey', value: leakyKey }] };
    expect((await owner.browser.request('POST', `/api/workspaces/${teamSpace}/environments`, { body: leaky })).status).toBe(201);
    await settle();
    const inOther = await importCollection(owner, other, { info: { name: 'Mine', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] });
    const fork = await owner.browser.request('POST', `/api/collections/${inOther.id}/forks`, { body: { workspaceId: other, label: 'copy' } });
    expect(fork.status).toBe(201);
    const forkId = (await fork.json()).id;
    await settle();
    expect((await owner.browser.request('DELETE', `/api/collections/${inOther.id}`)).status).toBe(204);
    await settle();

    const at = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body));
    expect(at('/team').map((e) => e.type)).toEqual(['member.added', 'member.role_changed', 'member.removed', 'workspace.visibility_changed', 'secret_finding.detected']);
    expect(at('/team')[1].data).toMatchObject({ member: { username: newcomer.person.username }, role: 'admin', reason: 'role-changed' });
    expect(at('/team')[4].data).toEqual({ workspaceId: teamSpace, workspace: { id: teamSpace, name: 'Hooks space' }, count: 1 });
    expect(JSON.stringify(at('/team'))).not.toContain(leakyKey);
    expect(at('/team')[0].data).toEqual({ team: { id: expect.any(String), slug: 'hooks', name: 'Hooks team' }, member: { username: newcomer.person.username }, reason: 'joined' });
    expect(at('/team')[3].data).toMatchObject({ workspaceId: teamSpace, from: { kind: 'team' }, to: { kind: 'public' } });
    // The workspace's own endpoint hears only its workspace; the team's does not hear it.
    expect(at('/ws').map((e) => e.type)).toEqual(['collection.created', 'collection.created', 'collection.deleted']);
    expect(at('/ws')[1].data.collection.id).toBe(forkId);
    expect(at('/ws')[2].data.collection.id).toBe(inOther.id);
    await remove(teamHook.id);
    await remove(wsHook.id, `/api/workspaces/${other}`);
    await owner.browser.request('PATCH', `/api/workspaces/${teamSpace}`, { body: { kind: 'team', teamSlug: 'hooks' } });
  });

  it('lets only team owners and admins (or workspace admins) manage webhooks; others get 403, outsiders 404', async () => {
    const endpoint = await register(owner, { url: `${receiver.url}/x`, events: ['ping'] });
    const base = `/api/teams/hooks/webhooks`;
    const calls: Array<[string, string, Record<string, unknown>?]> = [
      ['GET', base],
      ['POST', base, { url: `${receiver.url}/y`, events: ['ping'] }],
      ['GET', `${base}/${endpoint.id}`],
      ['PATCH', `${base}/${endpoint.id}`, { enabled: false }],
      ['DELETE', `${base}/${endpoint.id}`],
      ['GET', `${base}/${endpoint.id}/secret`],
      ['POST', `${base}/${endpoint.id}/ping`],
      ['GET', `${base}/${endpoint.id}/deliveries`],
    ];
    for (const [method, path, body] of calls) {
      const asMember = await member.browser.request(method, path, body ? { body } : {});
      expect(asMember.status, `${method} ${path} as member`).toBe(403);
      expect((await asMember.json()).code).toBe('TEAM_ROLE_REQUIRED');
      const asOutsider = await outsider.browser.request(method, path, body ? { body } : {});
      expect(asOutsider.status, `${method} ${path} as outsider`).toBe(404);
      expect((await asOutsider.json()).code).toBe('TEAM_NOT_FOUND');
    }
    // Another team's admin cannot reach this endpoint through their own team.
    await createTeam(outsider, 'elsewhere');
    const cross = await outsider.browser.request('GET', `/api/teams/elsewhere/webhooks/${endpoint.id}`);
    expect(cross.status).toBe(404);
    expect((await cross.json()).code).toBe('WEBHOOK_NOT_FOUND');
    // Workspaces: editors and viewers get 403, strangers 404.
    const ws = await createWorkspace(owner, { name: 'Granted', kind: 'private' });
    await grant(owner, ws, member, 'editor');
    const asEditor = await member.browser.request('GET', `/api/workspaces/${ws}/webhooks`);
    expect(asEditor.status).toBe(403);
    expect((await asEditor.json()).code).toBe('WORKSPACE_ROLE_REQUIRED');
    const asStranger = await outsider.browser.request('POST', `/api/workspaces/${ws}/webhooks`, { body: { url: `${receiver.url}/z`, events: ['ping'] } });
    expect(asStranger.status).toBe(404);
    expect((await asStranger.json()).code).toBe('WORKSPACE_NOT_FOUND');
    // Not signed in.
    const anon = await t.app.request(base);
    expect(anon.status).toBe(401);
    // Nothing changed.
    expect((await (await owner.browser.request('GET', base)).json()).items).toEqual([expect.objectContaining({ id: endpoint.id, enabled: true })]);
    await remove(endpoint.id);
  });

  it('documents the webhook routes of both scopes in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, any> } };
    for (const path of ['/api/teams/{slug}/webhooks', '/api/workspaces/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver', '/api/teams/{slug}/webhooks/{endpointId}/ping']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.WebhookDelivery.properties.status.enum).toContain('retrying');
  });

  it('refuses bad input with the field named', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'not a url', events: ['ping'] }, 'body.url'],
      [{ url: 'ftp://example.test/x', events: ['ping'] }, 'body.url'],
      [{ url: 'https://user:pw@example.test/x', events: ['ping'] }, 'body.url'],
      [{ url: 'https://example.test/x', events: ['nope'] }, 'events'],
      [{ url: 'https://example.test/x', events: [] }, 'events'],
    ];
    for (const [body, path] of cases) {
      const res = await owner.browser.request('POST', '/api/teams/hooks/webhooks', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify((await res.json()).errors)).toContain(path);
    }
  });

  it('allows at most 20 endpoints per team or workspace', async () => {
    const ws = await createWorkspace(owner, { name: 'Crowded', kind: 'private' });
    const base = `/api/workspaces/${ws}`;
    for (let i = 0; i < 20; i++) await register(owner, { url: `${receiver.url}/n${i}`, events: ['ping'] }, base);
    const res = await owner.browser.request('POST', `${base}/webhooks`, { body: { url: `${receiver.url}/n20`, events: ['ping'] } });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('WEBHOOK_LIMIT');
    // Deleting the workspace deletes its endpoints.
    expect((await owner.browser.request('DELETE', `/api/workspaces/${ws}`)).status).toBe(204);
    const [left] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from webhook_endpoints where workspace_id = ${ws}`);
    expect(left?.n).toBe(0);
  });

  // Last: it moves the clock 31 days on.
  it('keeps the delivery log 30 days (retention), and the endpoints as long as their owner', async () => {
    const endpoint = await register(owner, { url: `${kit.url}/status/200`, events: ['ping'] });
    await owner.browser.request('POST', `/api/teams/hooks/webhooks/${endpoint.id}/ping`);
    await settle();
    const count = async () =>
      (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from webhook_deliveries where endpoint_id = ${endpoint.id}`))[0]!.n;
    expect(await count()).toBe(1);
    now = new Date(now.getTime() + 29 * DAY);
    await jobs.send(RETENTION_JOB, {});
    await settle();
    expect(await count()).toBe(1);
    now = new Date(now.getTime() + 2 * DAY);
    await jobs.send(RETENTION_JOB, {});
    await settle();
    expect(await count()).toBe(0);
    const [kept] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from webhook_endpoints where id = ${endpoint.id}`);
    expect(kept?.n).toBe(1);
  });
});

describe('webhook signatures', () => {
  it('matches a known HMAC-SHA256 vector over "timestamp.body"', () => {
    const expected = createHmac('sha256', 'whsec_test').update('1700000000.{"a":1}').digest('hex');
    expect(signWebhook('whsec_test', 1700000000, '{"a":1}')).toBe(`v1=${expected}`);
    expect(verifyWebhook('whsec_test', { signature: `v0=bad v1=${expected}`, timestamp: '1700000000' }, '{"a":1}', 1700000100)).toBe(true);
    expect(verifyWebhook('whsec_test', { signature: undefined, timestamp: '1700000000' }, '{"a":1}', 1700000100)).toBe(false);
    expect(verifyWebhook('whsec_test', { signature: `v1=${expected}`, timestamp: 'soon' }, '{"a":1}', 1700000100)).toBe(false);
  });
});
