import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@postern/testkit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { AppDeps } from '../src/app.ts';
import { DATA_MAP, tableName } from '../src/db/datamap/index.ts';
import { createInlineJobQueue, type InlineJobQueue } from '../src/jobs/queue.ts';
import { auditEvents } from '../src/modules/audit/schema.ts';
import { monitorRuns, monitors as monitorsTable } from '../src/modules/monitors/schema.ts';
import { MONITOR_TICK_JOB } from '../src/modules/monitors/scheduler.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, MemoryMailer, openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { SETUP_TIMEOUT_MS, importCollection, setUpCast, type ContentCast } from './support/content.ts';

const quiet: AppDeps['reportError'] = () => undefined;
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const testScript = (...lines: string[]) => [{ listen: 'test', script: { type: 'text/javascript', exec: lines } }];
const expectStatus = (code: number) => testScript(`pm.test('status ${code}', () => pm.response.to.have.status(${code}));`);
/** A collection of one request to `url` that expects `status`. */
const oneRequest = (name: string, url: string, status = 200) => ({
  info: { name, schema: SCHEMA },
  item: [{ name: 'request', request: { method: 'GET', url }, event: expectStatus(status) }],
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('\n*** SKIPPING the monitor TLS option test: openssl is not installed ***\n');

/** An HTTP target whose answers the test switches: 200 when healthy, 500 otherwise; counts requests. */
async function startSwitchable() {
  const state = { healthy: true, failFirst: 0, count: 0 };
  const server = createHttpServer((_req, res) => {
    state.count++;
    const ok = state.healthy && state.count > state.failFirst;
    res.writeHead(ok ? 200 : 500, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'down');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { state, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Receives webhook POSTs. */
async function startReceiver() {
  const bodies: { event: string; headers: Record<string, unknown>; body: Record<string, any> }[] = [];
  const server = createHttpServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, any>;
      bodies.push({ event: body.event as string, headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { bodies, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

/** A self-signed HTTPS server answering 200 (openssl makes the certificate). */
async function startHttps(): Promise<{ server: Server; url: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'postern-monitor-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '2', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'pipe' });
  const server = createHttpsServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (_req, res) => res.writeHead(200).end('secure'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const close = (server: { close(cb: () => void): void } | undefined) => new Promise<void>((r) => (server ? server.close(() => r()) : r()));

forEachDatabase('monitors', (target) => {
  let t: TestApp;
  let kit: TestServer;
  let cast: ContentCast;
  let jobs: InlineJobQueue;
  let mailer: MemoryMailer;
  let now = new Date('2026-03-27T12:00:00Z');
  const clock = () => now;
  let passingId: string;
  let flaky: Awaited<ReturnType<typeof startSwitchable>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    kit = await startTestServer();
    flaky = await startSwitchable();
    receiver = await startReceiver();
    jobs = createInlineJobQueue();
    mailer = new MemoryMailer();
    t = await openTestApp(target, { reportError: quiet, clock, jobs, mailer });
    cast = await setUpCast(t);
    passingId = (await importCollection(cast.owner, cast.workspaceId, oneRequest('Passing', `${kit.url}/get`))).id;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await jobs?.drain();
    await t?.close();
    await kit?.close();
    await close(flaky?.server);
    await close(receiver?.server);
  });

  const create = (browser: Browser, body: Record<string, unknown>, workspaceId = cast.workspaceId) =>
    browser.request('POST', `/api/workspaces/${workspaceId}/monitors`, { body: { name: 'M', collectionId: passingId, cron: '*/5 * * * *', ...body } });
  const created = async (body: Record<string, unknown>) => {
    const res = await create(cast.editor.browser, body);
    expect(res.status).toBe(201);
    return res.json();
  };
  const tick = async () => {
    await jobs.send(MONITOR_TICK_JOB, {});
    await jobs.drain();
  };
  const runsOf = async (id: string) => {
    const res = await cast.viewer.browser.request('GET', `/api/monitors/${id}/runs?limit=200`);
    expect(res.status).toBe(200);
    return (await res.json()).items as any[];
  };
  /** Runs the monitor now and answers the finished run with its results. */
  const runNow = async (id: string) => {
    const res = await cast.editor.browser.request('POST', `/api/monitors/${id}/run`);
    expect(res.status).toBe(202);
    const queued = await res.json();
    expect(queued).toMatchObject({ monitorId: id, trigger: 'manual', status: 'queued', attempts: 0 });
    await jobs.drain();
    const detail = await cast.viewer.browser.request('GET', `/api/monitors/${id}/runs/${queued.id}`);
    expect(detail.status).toBe(200);
    return detail.json();
  };
  const monitorFor = async (collection: unknown, body: Record<string, unknown> = {}) => {
    const collectionId = (await importCollection(cast.owner, cast.workspaceId, collection)).id;
    return created({ collectionId, ...body });
  };

  it('creates a monitor with the defaults of the contract, reads, lists, changes and deletes it (audited)', async () => {
    const res = await create(cast.editor.browser, { name: 'Health', timezone: 'Europe/Berlin' });
    expect(res.status).toBe(201);
    const monitor = await res.json();
    expect(monitor).toMatchObject({
      name: 'Health',
      workspaceId: cast.workspaceId,
      collectionId: passingId,
      collectionName: 'Passing',
      environmentId: null,
      environmentName: null,
      cron: '*/5 * * * *',
      timezone: 'Europe/Berlin',
      enabled: true,
      options: { followRedirects: true, requestDelayMs: 0, requestTimeoutMs: 30_000, verifyTls: true, retries: 0 },
      notifications: { onFailure: true, onError: true, emails: [cast.editor.person.email], webhookUrl: null, repeatLimit: 3 },
      nextRunAt: '2026-03-27T12:05:00.000Z',
      lastRun: null,
    });
    expect((await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}`)).status).toBe(200);
    const list = await (await cast.viewer.browser.request('GET', `/api/workspaces/${cast.workspaceId}/monitors`)).json();
    expect(list.items.map((m: { id: string }) => m.id)).toContain(monitor.id);

    const patch = await cast.owner.browser.request('PATCH', `/api/monitors/${monitor.id}`, {
      body: { name: 'Renamed', options: { retries: 2 }, notifications: { emails: [cast.viewer.person.email, cast.owner.person.email] } },
    });
    expect(patch.status).toBe(200);
    const changed = await patch.json();
    expect(changed.name).toBe('Renamed');
    expect(changed.options).toEqual({ followRedirects: true, requestDelayMs: 0, requestTimeoutMs: 30_000, verifyTls: true, retries: 2 });
    expect([...changed.notifications.emails].sort()).toEqual([cast.viewer.person.email, cast.owner.person.email].sort());
    expect(changed.notifications.repeatLimit).toBe(3);

    const off = await (await cast.owner.browser.request('PATCH', `/api/monitors/${monitor.id}`, { body: { enabled: false } })).json();
    expect(off.nextRunAt).toBeNull();

    expect((await cast.owner.browser.request('DELETE', `/api/monitors/${monitor.id}`)).status).toBe(204);
    expect((await cast.owner.browser.request('GET', `/api/monitors/${monitor.id}`)).status).toBe(404);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'monitor'), eq(auditEvents.targetId, monitor.id)));
    expect(audit.map((e) => e.action).sort()).toEqual(['monitor.created', 'monitor.deleted', 'monitor.updated', 'monitor.updated']);
    expect(JSON.stringify(audit.map((e) => e.details))).not.toContain('@');
  });

  it('refuses a bad cron, time zone, collection, recipient or option with a 400 naming the field', async () => {
    const problem = async (body: Record<string, unknown>) => {
      const res = await create(cast.editor.browser, body);
      expect(res.status).toBe(400);
      const json = await res.json();
      return { code: json.code as string, paths: (json.errors ?? []).map((e: { path: string }) => e.path) as string[] };
    };
    expect(await problem({ cron: '61 * * * *' })).toEqual({ code: 'INVALID_CRON', paths: ['body.cron'] });
    expect(await problem({ cron: '* * * *' })).toEqual({ code: 'INVALID_CRON', paths: ['body.cron'] });
    expect(await problem({ cron: '0 * * * * *' })).toEqual({ code: 'INVALID_CRON', paths: ['body.cron'] });
    expect(await problem({ cron: 'every day' })).toEqual({ code: 'INVALID_CRON', paths: ['body.cron'] });
    expect(await problem({ timezone: 'Mars/Olympus' })).toEqual({ code: 'INVALID_TIMEZONE', paths: ['body.timezone'] });
    expect(await problem({ timezone: '+02:00' })).toEqual({ code: 'INVALID_TIMEZONE', paths: ['body.timezone'] });
    const elsewhere = (await importCollection(cast.owner, cast.publicWorkspaceId, oneRequest('Elsewhere', `${kit.url}/get`))).id;
    expect(await problem({ collectionId: elsewhere })).toEqual({ code: 'COLLECTION_NOT_FOUND', paths: ['body.collectionId'] });
    expect(await problem({ notifications: { emails: [cast.stranger.person.email] } })).toEqual({
      code: 'MONITOR_RECIPIENT_NOT_MEMBER',
      paths: ['body.notifications.emails.0'],
    });
    expect((await problem({ notifications: { repeatLimit: 11 } })).code).toBe('VALIDATION_FAILED');
    expect((await problem({ options: { retries: 4 } })).code).toBe('VALIDATION_FAILED');
    expect((await problem({ notifications: { webhookUrl: 'ftp://example.test/' } })).code).toBe('VALIDATION_FAILED');
    expect((await problem({ name: '' })).code).toBe('VALIDATION_FAILED');
    const monitor = await created({});
    const bad = await cast.editor.browser.request('PATCH', `/api/monitors/${monitor.id}`, { body: { timezone: 'Nowhere/City' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: 'body.timezone' })]);
  });

  it('lets viewers read, editors change; strangers see nothing', async () => {
    const monitor = await created({});
    expect((await create(cast.viewer.browser, {})).status).toBe(403);
    expect((await cast.viewer.browser.request('PATCH', `/api/monitors/${monitor.id}`, { body: { name: 'x' } })).status).toBe(403);
    expect((await cast.viewer.browser.request('POST', `/api/monitors/${monitor.id}/run`)).status).toBe(403);
    expect((await cast.viewer.browser.request('DELETE', `/api/monitors/${monitor.id}`)).status).toBe(403);
    expect((await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/runs`)).status).toBe(200);
    expect((await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/stats`)).status).toBe(200);
    for (const [method, path] of [
      ['GET', `/api/monitors/${monitor.id}`],
      ['GET', `/api/monitors/${monitor.id}/runs`],
      ['GET', `/api/monitors/${monitor.id}/stats`],
      ['POST', `/api/monitors/${monitor.id}/run`],
      ['PATCH', `/api/monitors/${monitor.id}`],
      ['DELETE', `/api/monitors/${monitor.id}`],
      ['GET', `/api/workspaces/${cast.workspaceId}/monitors`],
    ] as const) {
      const res = await cast.stranger.browser.request(method, path, method === 'PATCH' ? { body: { name: 'x' } } : {});
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await create(cast.stranger.browser, {})).status).toBe(404);
    expect((await new Browser(t.app).request('GET', `/api/monitors/${monitor.id}`)).status).toBe(401);
  });

  it('computes the next run in the time zone across a DST change, runs due monitors only, and runs missed ticks once', async () => {
    now = new Date('2026-03-27T12:00:00Z');
    // 09:00 in Berlin: 08:00 UTC before the change on 29 March, 07:00 UTC after it.
    const daily = await created({ cron: '0 9 * * *', timezone: 'Europe/Berlin' });
    expect(daily.nextRunAt).toBe('2026-03-28T08:00:00.000Z');
    const hourly = await created({ cron: '30 * * * *' });
    expect(hourly.nextRunAt).toBe('2026-03-27T12:30:00.000Z');
    const disabled = await created({ cron: '* * * * *', enabled: false });

    now = new Date('2026-03-27T12:30:00Z');
    await tick();
    expect(await runsOf(daily.id)).toEqual([]);
    expect(await runsOf(disabled.id)).toEqual([]);
    const first = await runsOf(hourly.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ trigger: 'schedule', scheduledFor: '2026-03-27T12:30:00.000Z', status: 'passed', attempts: 1 });
    // The same tick again (another process, a second job): nothing more.
    await tick();
    expect(await runsOf(hourly.id)).toHaveLength(1);

    // Down for five hours: the missed ticks run once, then the schedule continues from now.
    now = new Date('2026-03-27T17:45:00Z');
    await tick();
    const afterDowntime = await runsOf(hourly.id);
    expect(afterDowntime).toHaveLength(2);
    expect(afterDowntime[0].scheduledFor).toBe('2026-03-27T13:30:00.000Z');
    expect((await (await cast.viewer.browser.request('GET', `/api/monitors/${hourly.id}`)).json()).nextRunAt).toBe('2026-03-27T18:30:00.000Z');

    // Even if next_run_at were moved back to a tick that already ran, the unique index refuses a second run.
    await t.database.db.update(monitorsTable).set({ nextRunAt: new Date('2026-03-27T13:30:00Z') }).where(eq(monitorsTable.id, hourly.id));
    await tick();
    expect(await runsOf(hourly.id)).toHaveLength(2);

    now = new Date('2026-03-28T08:00:00Z');
    await tick();
    expect((await runsOf(daily.id)).map((r) => r.scheduledFor)).toEqual(['2026-03-28T08:00:00.000Z']);
    const view = await (await cast.viewer.browser.request('GET', `/api/monitors/${daily.id}`)).json();
    expect(view.nextRunAt).toBe('2026-03-29T07:00:00.000Z');
    expect(view.lastRun).toMatchObject({ status: 'passed', finishedAt: expect.any(String) });
    expect(await runsOf(disabled.id)).toEqual([]);
    // Switched off so the later tests' ticks leave them alone.
    for (const m of [daily, hourly]) await cast.editor.browser.request('PATCH', `/api/monitors/${m.id}`, { body: { enabled: false } });
  });

  it('sends a run whose job was lost again, and ends a run whose process stopped', async () => {
    const monitor = await created({ enabled: false });
    const empty = { requests: 0, assertionsPassed: 0, assertionsFailed: 0, errors: 0 };
    const at = (ms: number) => new Date(now.getTime() - ms);
    const [lost] = await t.database.db
      .insert(monitorRuns)
      .values({ monitorId: monitor.id, trigger: 'schedule', scheduledFor: at(20 * 60_000), status: 'queued', counts: empty, results: [], createdAt: at(20 * 60_000) })
      .returning();
    const [stuck] = await t.database.db
      .insert(monitorRuns)
      .values({ monitorId: monitor.id, trigger: 'schedule', scheduledFor: at(120 * 60_000), status: 'running', counts: empty, results: [], createdAt: at(120 * 60_000), startedAt: at(120 * 60_000) })
      .returning();
    await tick();
    const byId = new Map((await runsOf(monitor.id)).map((r) => [r.id, r]));
    expect(byId.get(lost!.id)).toMatchObject({ status: 'passed', attempts: 1 });
    expect(byId.get(stuck!.id)).toMatchObject({ status: 'error', error: expect.stringMatching(/stopped/) });
  });

  it('stores per-request results: pass, failed assertion, request error, timeout', async () => {
    const passing = await runNow((await created({ enabled: false })).id);
    expect(passing).toMatchObject({ status: 'passed', attempts: 1, counts: { requests: 1, assertionsPassed: 1, assertionsFailed: 0, errors: 0 }, error: null });
    expect(passing.results).toEqual([expect.objectContaining({ name: 'request', method: 'GET', status: 200, assertions: [{ name: 'status 200', passed: true }] })]);
    expect(passing.durationMs).toBeGreaterThanOrEqual(0);
    expect(passing.avgResponseMs).toEqual(passing.results[0].timeMs);
    expect(passing.startedAt).not.toBeNull();
    expect(passing.finishedAt).not.toBeNull();

    const failing = await runNow((await monitorFor(oneRequest('Failing', `${kit.url}/status/404`), { enabled: false })).id);
    expect(failing).toMatchObject({ status: 'failed', counts: { requests: 1, assertionsPassed: 0, assertionsFailed: 1, errors: 0 } });
    expect(failing.results[0]).toMatchObject({ status: 404, assertions: [{ name: 'status 200', passed: false, error: expect.any(String) }] });

    const unreachable = await runNow((await monitorFor(oneRequest('Unreachable', 'http://127.0.0.1:1/'), { enabled: false })).id);
    expect(unreachable.status).toBe('error');
    expect(unreachable.counts.errors).toBeGreaterThan(0);
    expect(unreachable.results[0].error).toEqual(expect.any(String));

    const slow = await runNow((await monitorFor(oneRequest('Slow', `${kit.url}/delay/3`), { enabled: false, options: { requestTimeoutMs: 300 } })).id);
    expect(slow.status).toBe('error');
    expect(slow.results[0].error).toMatch(/time/i);
  });

  it('follows redirects or not, as the option says', async () => {
    const collection = oneRequest('Redirect', `${kit.url}/redirect/1`);
    const follow = await runNow((await monitorFor(collection, { enabled: false })).id);
    expect(follow.status).toBe('passed');
    const stay = await runNow((await monitorFor(collection, { enabled: false, options: { followRedirects: false } })).id);
    expect(stay.status).toBe('failed');
    expect(stay.results[0].status).toBe(302);
  });

  it.skipIf(!hasOpenssl)('checks TLS certificates unless verifyTls is off', async () => {
    const https = await startHttps();
    try {
      const collection = oneRequest('TLS', https.url);
      const strict = await runNow((await monitorFor(collection, { enabled: false })).id);
      expect(strict.status).toBe('error');
      expect(strict.results[0].error).toMatch(/certificate|self.signed/i);
      const relaxed = await runNow((await monitorFor(collection, { enabled: false, options: { verifyTls: false } })).id);
      expect(relaxed.status).toBe('passed');
    } finally {
      await close(https.server);
      https.cleanup();
    }
  });

  it('retries a failed run up to options.retries times and keeps the attempt count', async () => {
    flaky.state.healthy = true;
    flaky.state.count = 0;
    flaky.state.failFirst = 2;
    const recovering = await runNow((await monitorFor(oneRequest('Flaky', flaky.url), { enabled: false, options: { retries: 2 } })).id);
    expect(recovering).toMatchObject({ status: 'passed', attempts: 3 });
    expect(flaky.state.count).toBe(3);

    flaky.state.healthy = false;
    flaky.state.count = 0;
    const down = await runNow((await monitorFor(oneRequest('Down', flaky.url), { enabled: false, options: { retries: 1 } })).id);
    expect(down).toMatchObject({ status: 'failed', attempts: 2 });
    expect(flaky.state.count).toBe(2);
    flaky.state.failFirst = 0;
  });

  it('notifies by email and webhook at most repeatLimit times per failing streak, then once on recovery', async () => {
    const monitor = await monitorFor(oneRequest('Notified', flaky.url), {
      name: 'Notified',
      enabled: false,
      notifications: { repeatLimit: 2, webhookUrl: receiver.url, emails: [cast.owner.person.email, cast.viewer.person.email] },
    });
    const to = cast.viewer.person.email;
    const before = mailer.to(to).length;
    receiver.bodies.length = 0;
    const sequence = [false, false, false, true, true, false];
    for (const healthy of sequence) {
      flaky.state.healthy = healthy;
      await runNow(monitor.id);
    }
    const mails = mailer.to(to).slice(before);
    expect(mails.map((m) => m.subject)).toEqual([
      'Monitor "Notified" failed',
      'Monitor "Notified" failed',
      'Monitor "Notified" recovered',
      'Monitor "Notified" failed',
    ]);
    // The link opens the run in the web app (packages/web/src/monitors: /w/:workspaceId/monitors/:monitorId?run=).
    expect(mails[0]!.text).toContain(`/w/${monitor.workspaceId}/monitors/${monitor.id}?run=`);
    expect(mailer.to(cast.owner.person.email).slice(-4).map((m) => m.subject)).toEqual(mails.map((m) => m.subject));
    expect(receiver.bodies.map((b) => b.event)).toEqual(['monitor.failed', 'monitor.failed', 'monitor.recovered', 'monitor.failed']);
    expect(receiver.bodies[0]!.headers['content-type']).toBe('application/json');
    expect(receiver.bodies[0]!.body).toMatchObject({ monitor: { id: monitor.id, name: 'Notified' }, run: { status: 'failed', counts: { assertionsFailed: 1 } } });

    // Errors notify only when onError is on.
    const quietOnError = await monitorFor(oneRequest('Quiet', 'http://127.0.0.1:1/'), { enabled: false, notifications: { onError: false } });
    const mailsBefore = mailer.sent.length;
    await runNow(quietOnError.id);
    expect(mailer.sent.length).toBe(mailsBefore);
    flaky.state.healthy = true;
  });

  it('pages the run history and serves the stats of finished runs, oldest first', async () => {
    const monitor = await created({ enabled: false });
    const ran = [];
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 60_000);
      ran.push(await runNow(monitor.id));
    }
    const page1 = await (await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/runs?limit=2`)).json();
    expect(page1.items.map((r: { id: string }) => r.id)).toEqual([ran[2].id, ran[1].id]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await (await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/runs?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toEqual({ items: [expect.objectContaining({ id: ran[0].id })], nextCursor: null });
    // Another id of the same shape (its last hex digit changed) is no run of this monitor.
    const otherId = ran[0].id.replace(/.$/, (last: string) => (last === '0' ? '1' : '0'));
    expect((await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/runs/${otherId}`)).status).toBe(404);

    const stats = await (await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/stats?days=7`)).json();
    expect(stats.points.map((p: { runId: string }) => p.runId)).toEqual(ran.map((r) => r.id));
    expect(stats.points[0]).toEqual({
      runId: ran[0].id,
      at: ran[0].finishedAt,
      status: 'passed',
      avgResponseMs: ran[0].avgResponseMs,
      maxResponseMs: ran[0].results[0].timeMs,
      failedAssertions: 0,
      errors: 0,
    });
    // A window that ends before the runs: the runs are older than a day once the clock moves on.
    now = new Date(now.getTime() + 2 * 24 * 3600_000);
    expect((await (await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/stats?days=1`)).json()).points).toEqual([]);
    expect((await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/stats?days=0`)).status).toBe(400);
    expect((await cast.viewer.browser.request('GET', `/api/monitors/${monitor.id}/stats?days=91`)).status).toBe(400);
  });

  it('goes with its collection, keeps run history 90 days, and is in the OpenAPI document', async () => {
    const collectionId = (await importCollection(cast.owner, cast.workspaceId, oneRequest('Temporary', `${kit.url}/get`))).id;
    const monitor = await created({ collectionId });
    expect((await cast.owner.browser.request('DELETE', `/api/collections/${collectionId}`)).status).toBe(204);
    expect((await cast.owner.browser.request('GET', `/api/monitors/${monitor.id}`)).status).toBe(404);
    const runs = DATA_MAP.find((d) => tableName(d) === 'monitor_runs');
    expect(runs?.retention).toMatchObject({ kind: 'age', column: 'created_at', days: 90 });
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/workspaces/{workspaceId}/monitors', '/api/monitors/{id}', '/api/monitors/{id}/run', '/api/monitors/{id}/runs', '/api/monitors/{id}/runs/{runId}', '/api/monitors/{id}/stats']),
    );
  });

  it('sends through the egress guard and stops a run at the overall time limit', async () => {
    // Only 127.0.0.1 (the test servers) is allowed; 127.0.0.2 is a loopback address like any private one.
    const guardedJobs = createInlineJobQueue();
    const guarded = createApp({
      passwordHashing: FAST_HASHING,
      rateLimits: false,
      reportError: quiet,
      database: t.database,
      clock,
      jobs: guardedJobs,
      mailer,
      egress: { mode: 'public-only', allow: ['127.0.0.1'] },
      monitorRunTimeLimitMs: 500,
    });
    const editor = new Browser(guarded);
    const signIn = await editor.request('POST', '/api/sessions', { body: { login: cast.editor.person.email, password: cast.editor.person.password } });
    expect(signIn.status).toBe(200);
    const run = async (collection: unknown, body: Record<string, unknown> = {}) => {
      const collectionId = (await importCollection(cast.owner, cast.workspaceId, collection)).id;
      const monitor = await (await editor.request('POST', `/api/workspaces/${cast.workspaceId}/monitors`, { body: { name: 'G', collectionId, cron: '0 0 * * *', enabled: false, ...body } })).json();
      const queued = await (await editor.request('POST', `/api/monitors/${monitor.id}/run`)).json();
      await guardedJobs.drain();
      return (await editor.request('GET', `/api/monitors/${monitor.id}/runs/${queued.id}`)).json();
    };
    const refused = await run(oneRequest('Private', `http://127.0.0.2:${kit.port}/get`));
    expect(refused.status).toBe('error');
    expect(refused.results[0].error).toMatch(/loopback|refused|egress/i);
    const allowed = await run(oneRequest('Allowed', `${kit.url}/get`));
    expect(allowed.status).toBe('passed');
    const long = await run(oneRequest('Long', `${kit.url}/delay/3`), { options: { requestTimeoutMs: 10_000 } });
    expect(long.status).toBe('error');
    expect(long.error).toMatch(/longer than/);
  });
});
