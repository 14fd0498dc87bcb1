import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { SETUP_TIMEOUT_MS, createWorkspace, grant, importCollection } from './support/content.ts';
import type { Person } from './support/content.ts';
import { createTeam, joinTeam } from './support/teams.ts';

const HOUR_MS = 60 * 60 * 1000;
/** The resources that live inside a workspace; their routes are checked one by one below. */
const CONTENT_PREFIXES = ['/api/workspaces/:', '/api/collections/:', '/api/environments/:', '/api/pull-requests/:', '/api/runs/:', '/api/mocks/:'];
/**
 * Routes that let the operator in without a grant, on purpose, with why. Keep in step with
 * MAY_READ_OPERATOR_FLAG in operator-access-paths.test.ts. None today: keep it that way (P16).
 */
const OPERATOR_WITHOUT_GRANT: Record<string, string> = {};

forEachDatabase('operator access to private workspaces (P16)', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let now = new Date('2026-06-01T10:00:00Z');
  let operator: Person;
  let owner: Person;
  let viewer: Person;
  let stranger: Person;
  let workspaceId: string;
  let collectionId: string;
  let itemId: string;
  let environmentId: string;

  beforeAll(async () => {
    t = await openTestApp(target, { mailer, clock: () => now, publicUrl: 'http://postern.test' });
    operator = await signUpPerson(t.app); // the first account is the operator
    expect(operator.account.operator).toBe(true);
    owner = await signUpPerson(t.app);
    viewer = await signUpPerson(t.app);
    stranger = await signUpPerson(t.app);
    workspaceId = await createWorkspace(owner, { name: 'Secret plans', kind: 'private' });
    await grant(owner, workspaceId, viewer, 'viewer');
    collectionId = (await importCollection(owner, workspaceId)).id;
    const outline = await (await owner.browser.request('GET', `/api/collections/${collectionId}/items`)).json();
    itemId = JSON.stringify(outline).match(/"id":"([^"]+)"/g)!.map((m) => m.slice(6, -1)).find((id) => id !== collectionId)!;
    const env = await owner.browser.request('POST', `/api/workspaces/${workspaceId}/environments`, { body: { name: 'Prod', values: [{ key: 'token', value: 's3cret' }] } });
    expect(env.status).toBe(201);
    environmentId = (await env.json()).id;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const open = async (body: Record<string, unknown>, as: Person = operator) =>
    as.browser.request('POST', '/api/admin/operator-access', { body: { workspaceId, reason: 'security', justification: 'Investigating a reported token leak.', hours: 4, ...body } });
  const openGrant = async (body: Record<string, unknown> = {}) => {
    const res = await open(body);
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };
  const end = async (id: string, as: Person = operator) => as.browser.request('POST', `/api/operator-access/${id}/end`);
  const accessLog = async (as: Person = owner, id = workspaceId) => as.browser.request('GET', `/api/workspaces/${id}/access-log`);

  /** Every GET route inside a workspace, with its parameters filled from the workspace set up above. */
  function contentReads(): { route: string; path: string }[] {
    const routes = new Set(t.app.routes.filter((r) => r.method === 'GET' && CONTENT_PREFIXES.some((p) => r.path.startsWith(p))).map((r) => r.path));
    return [...routes].map((route) => {
      const path = route.replace(/:(\w+)/g, (_, name: string, offset: number) => {
        const before = route.slice(0, offset);
        if (name === 'itemId') return itemId;
        if (name === 'revision') return '1';
        if (before === '/api/workspaces/') return workspaceId;
        if (before === '/api/collections/') return collectionId;
        if (before === '/api/environments/') return environmentId;
        return randomUUID();
      });
      return { route, path };
    });
  }
  const statuses = async (p: Person, reads: { path: string }[]) => Promise.all(reads.map(async (r) => (await p.browser.request('GET', r.path)).status));

  it('only the operator opens grants; the input is checked field by field', async () => {
    const refused = await open({}, owner);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('OPERATOR_ONLY');
    const anonymous = { workspaceId, reason: 'security', justification: 'Investigating a reported token leak.', hours: 4 };
    expect((await new Browser(t.app).request('POST', '/api/admin/operator-access', { body: anonymous })).status).toBe(401);
    expect((await owner.browser.request('GET', '/api/admin/operator-access')).status).toBe(403);

    const noTicket = await open({ reason: 'support_requested' });
    expect(noTicket.status).toBe(400);
    expect((await noTicket.json()).errors.map((e: { path: string }) => e.path)).toContain('body.ticketRef');
    const tooLong = await open({ hours: 73 });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors[0].path).toBe('body.hours');
    const badReason = await open({ reason: 'curiosity' });
    expect(badReason.status).toBe(400);
    expect((await badReason.json()).errors[0].path).toBe('json.reason');
    expect((await open({ justification: 'because' })).status).toBe(400);
    expect((await open({ workspaceId: randomUUID() })).status).toBe(404);
    // Nothing was created by any of these.
    expect((await (await operator.browser.request('GET', '/api/admin/operator-access')).json()).grants).toEqual([]);
  });

  it('without a grant the operator gets 404 on the workspace and every read route in it, like a stranger', async () => {
    const reads = contentReads();
    expect(reads.length).toBeGreaterThan(15);
    const [asOperator, asStranger] = await Promise.all([statuses(operator, reads), statuses(stranger, reads)]);
    expect(asStranger.every((status) => status === 404)).toBe(true);
    const notHidden = reads.map((r, i) => `${r.route} → ${asOperator[i]}`).filter((line, i) => asOperator[i] !== 404 && !(`GET ${reads[i]!.route}` in OPERATOR_WITHOUT_GRANT));
    expect(notHidden).toEqual([]);
    expect(await queryRows(t.database.db, sql`select id from operator_access_reads`)).toEqual([]);
  });

  it('under a grant the operator reads what a viewer reads, every read is logged, nothing can be written', async () => {
    const g = await openGrant({ reason: 'support_requested', ticketRef: 'SUP-1042' });
    expect(g).toMatchObject({ status: 'active', reason: 'support_requested', ticketRef: 'SUP-1042', operator: operator.account.username, workspaceName: 'Secret plans' });

    // The owner was told at once, in the app and by email.
    const mail = mailer.to(owner.person.email).at(-1)!;
    expect(mail.subject).toContain('Secret plans');
    expect(mail.text).toContain('SUP-1042');
    expect(mail.text).toContain(`http://postern.test/w/${workspaceId}/access-log`);
    const feed = await (await owner.browser.request('GET', '/api/me/notifications')).json();
    expect(feed.items[0]).toMatchObject({ type: 'operatorAccess', link: `/w/${workspaceId}/access-log` });
    expect(mailer.to(viewer.person.email).some((m) => m.subject.includes('can now read'))).toBe(false);

    const reads = contentReads();
    const [asOperator, asViewer] = await Promise.all([statuses(operator, reads), statuses(viewer, reads)]);
    expect(reads.map((r, i) => `${r.route} ${asOperator[i]}`)).toEqual(reads.map((r, i) => `${r.route} ${asViewer[i]}`));
    const ok = reads.filter((_, i) => asOperator[i] === 200).map((r) => r.route);
    expect(ok).toEqual(
      expect.arrayContaining([
        '/api/workspaces/:id',
        '/api/workspaces/:workspaceId/collections',
        '/api/collections/:id',
        '/api/collections/:id/items/:itemId',
        '/api/environments/:id',
        '/api/workspaces/:workspaceId/environments',
      ]),
    );
    // The access log (admins only) is not readable under a grant.
    expect((await accessLog(operator)).status).toBe(403);

    // Writes are refused, whatever they are; the content is unchanged.
    const patch = await operator.browser.request('PATCH', `/api/workspaces/${workspaceId}`, { body: { name: 'Mine now' } });
    expect(patch.status).toBe(403);
    expect((await patch.json()).code).toBe('OPERATOR_ACCESS_READ_ONLY');
    expect((await operator.browser.request('DELETE', `/api/collections/${collectionId}`)).status).toBe(403);
    expect((await operator.browser.request('POST', `/api/workspaces/${workspaceId}/environments`, { body: { name: 'Op', values: [] } })).status).toBe(403);
    expect((await operator.browser.request('PUT', `/api/workspaces/${workspaceId}/grants`, { body: { username: operator.account.username, role: 'admin' } })).status).toBe(403);
    const writes = [...new Set(t.app.routes.filter((r) => !['GET', 'HEAD', 'ALL', 'OPTIONS'].includes(r.method) && CONTENT_PREFIXES.some((p) => r.path.startsWith(p))).map((r) => `${r.method} ${r.path}`))];
    expect(writes.length).toBeGreaterThan(10);
    for (const write of writes) {
      const [method, route] = write.split(' ') as [string, string];
      const path = route.replace(/:(\w+)/g, (_, name: string, offset: number) =>
        route.slice(0, offset) === '/api/collections/' ? collectionId : route.slice(0, offset) === '/api/environments/' ? environmentId : name === 'itemId' ? itemId : workspaceId,
      );
      if (write in OPERATOR_WITHOUT_GRANT) continue;
      const res = await operator.browser.request(method, path, { body: {} });
      expect(res.status, write).toBeGreaterThanOrEqual(400);
    }
    const after = await (await owner.browser.request('GET', `/api/workspaces/${workspaceId}`)).json();
    expect(after.name).toBe('Secret plans');
    expect((await owner.browser.request('GET', `/api/collections/${collectionId}`)).status).toBe(200);

    // Every successful read is in the owner's transparency log, with the route and the reason.
    const log = await (await accessLog()).json();
    const logged = new Set(log.reads.map((r: { route: string }) => r.route));
    expect(ok.filter((route) => !logged.has(route) && !(`GET ${route}` in OPERATOR_WITHOUT_GRANT))).toEqual([]);
    expect(log.reads.every((r: { grantId: string; operator: string; method: string }) => r.grantId === g.id && r.operator === operator.account.username && r.method === 'GET')).toBe(true);
    expect(log.reads.some((r: { path: string }) => r.path === `/api/collections/${collectionId}/items/${itemId}`)).toBe(true);
    expect(log.grants[0]).toMatchObject({ id: g.id, reasonLabel: 'Support requested by the owner', ticketRef: 'SUP-1042', status: 'active' });
    // One audit event per logged read, plus the grant.
    const audit = await queryRows<{ action: string; n: number }>(
      t.database.db,
      sql`select action, count(*)::int as n from audit_events where action like 'operator_access.%' group by action order by action`,
    );
    expect(audit).toEqual([
      { action: 'operator_access.granted', n: 1 },
      { action: 'operator_access.read', n: log.reads.length },
    ]);

    // Ended early: 404 again, and the log says so.
    expect((await end(g.id)).status).toBe(200);
    expect((await end(g.id)).status).toBe(409);
    expect((await operator.browser.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(404);
    expect((await operator.browser.request('GET', `/api/collections/${collectionId}`)).status).toBe(404);
    expect((await (await accessLog()).json()).grants[0].status).toBe('ended');
  });

  it('a grant lapses at the end of its time box', async () => {
    const g = await openGrant({ hours: 1 });
    expect((await operator.browser.request('GET', `/api/environments/${environmentId}`)).status).toBe(200);
    now = new Date(now.getTime() + HOUR_MS + 1000);
    expect((await operator.browser.request('GET', `/api/environments/${environmentId}`)).status).toBe(404);
    expect((await operator.browser.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(404);
    expect((await (await accessLog()).json()).grants.find((x: { id: string }) => x.id === g.id).status).toBe('expired');
    expect((await end(g.id)).status).toBe(409);
  });

  it("owner's consent: nothing is readable until the owner agrees; only the workspace's admins decide", async () => {
    const g = await openGrant({ reason: 'owner_consent', justification: 'You asked us to look at a broken import.' });
    expect(g.status).toBe('awaiting_consent');
    expect(mailer.to(owner.person.email).at(-1)!.subject).toContain('asks to read');
    expect((await operator.browser.request('GET', `/api/collections/${collectionId}`)).status).toBe(404);
    // The operator cannot consent for the owner, nor can a viewer or a stranger.
    for (const p of [operator, viewer, stranger]) {
      expect((await p.browser.request('POST', `/api/operator-access/${g.id}/consent`, { body: { agree: true } })).status, p.account.username).toBe(404);
    }
    expect((await operator.browser.request('GET', `/api/collections/${collectionId}`)).status).toBe(404);
    const agreed = await owner.browser.request('POST', `/api/operator-access/${g.id}/consent`, { body: { agree: true } });
    expect(agreed.status).toBe(200);
    expect(await agreed.json()).toMatchObject({ status: 'active', consentedAt: now.toISOString() });
    expect((await operator.browser.request('GET', `/api/collections/${collectionId}`)).status).toBe(200);
    expect((await owner.browser.request('POST', `/api/operator-access/${g.id}/consent`, { body: { agree: true } })).status).toBe(409);
    // The owner ends it themselves.
    expect((await end(g.id, owner)).status).toBe(200);
    expect((await operator.browser.request('GET', `/api/collections/${collectionId}`)).status).toBe(404);

    const declined = await openGrant({ reason: 'owner_consent' });
    const res = await owner.browser.request('POST', `/api/operator-access/${declined.id}/consent`, { body: { agree: false } });
    expect((await res.json()).status).toBe('declined');
    expect((await operator.browser.request('GET', `/api/collections/${collectionId}`)).status).toBe(404);
  });

  it('the transparency log is for the workspace admins only; other owners see nothing of it', async () => {
    const other = await signUpPerson(t.app);
    const own = await createWorkspace(other, { name: 'Other', kind: 'private' });
    expect((await accessLog(other)).status).toBe(404);
    expect((await accessLog(stranger)).status).toBe(404);
    expect((await accessLog(viewer)).status).toBe(403);
    expect((await new Browser(t.app).request('GET', `/api/workspaces/${workspaceId}/access-log`)).status).toBe(401);
    const theirs = await (await accessLog(other, own)).json();
    expect(theirs).toEqual({ grants: [], reads: [] });
    expect(mailer.to(other.person.email).some((m) => m.subject.includes('operator'))).toBe(false);
    // A stranger cannot end a grant they cannot see.
    const g = await openGrant({});
    expect((await end(g.id, stranger)).status).toBe(404);
    expect((await end(g.id, viewer)).status).toBe(404);
    expect((await end(g.id)).status).toBe(200);
  });

  it("a team workspace: the team's admins are told and see the log; audit events carry the team", async () => {
    const teamOwner = await signUpPerson(t.app);
    const admin = await signUpPerson(t.app);
    const member = await signUpPerson(t.app);
    const team = await createTeam(teamOwner, `ops-${Date.now().toString(36)}`);
    await joinTeam(mailer, teamOwner, admin, team.slug, 'admin');
    await joinTeam(mailer, teamOwner, member, team.slug, 'member');
    const teamSpace = await createWorkspace(teamOwner, { name: 'Team work', kind: 'team', teamSlug: team.slug });
    const g = await openGrant({ workspaceId: teamSpace, reason: 'suspected_unlawful_content', justification: 'A report names this workspace.' });
    for (const p of [teamOwner, admin]) expect(mailer.to(p.person.email).at(-1)!.subject, p.account.username).toContain('Team work');
    expect(mailer.to(member.person.email).some((m) => m.subject.includes('Team work'))).toBe(false);
    expect((await operator.browser.request('GET', `/api/workspaces/${teamSpace}`)).status).toBe(200);
    expect((await (await accessLog(admin, teamSpace)).json()).reads).toHaveLength(1);
    expect((await accessLog(member, teamSpace)).status).toBe(403);
    const events = await queryRows<{ action: string; team_id: string | null }>(
      t.database.db,
      sql`select action, team_id from audit_events where target_id = ${teamSpace} and action like 'operator_access.%' order by occurred_at, action`,
    );
    expect(events.map((e) => e.action).sort()).toEqual(['operator_access.granted', 'operator_access.read']);
    const [teamRow] = await queryRows<{ id: string }>(t.database.db, sql`select id from teams where slug = ${team.slug}`);
    expect(events.map((e) => e.team_id)).toEqual(events.map(() => teamRow!.id));
    expect((await end(g.id, admin)).status).toBe(200);
  });
});
