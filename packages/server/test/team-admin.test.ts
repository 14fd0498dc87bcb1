import { parse } from 'csv-parse/sync';
import { TOTP } from 'otpauth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { createTeam, joinTeam } from './support/teams.ts';

// Setup migrates a database and signs several people up: allow for a busy machine.
const SETUP_TIMEOUT_MS = 120_000;
type Person = Awaited<ReturnType<typeof signUpPerson>>;
const JUSTIFICATION = 'A leaked API key was used from an unknown network; we need to see which sessions exist.';

forEachDatabase('team admin console: suspension, audit log, incidents', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let operator: Person;
  let owner: Person;
  let admin: Person;
  let member: Person;
  let otherOwner: Person;
  let workspaceId: string;
  let otherWorkspaceId: string;

  beforeAll(async () => {
    t = await openTestApp(target, { mailer });
    // The first account of an instance is its operator.
    operator = await signUpPerson(t.app);
    owner = await signUpPerson(t.app);
    admin = await signUpPerson(t.app);
    member = await signUpPerson(t.app);
    otherOwner = await signUpPerson(t.app);
    await createTeam(owner, 'acme');
    await joinTeam(mailer, owner, admin, 'acme', 'admin');
    await joinTeam(mailer, owner, member, 'acme', 'member');
    await createTeam(otherOwner, 'other');
    await joinTeam(mailer, otherOwner, member, 'other', 'member');
    const ws = await owner.browser.request('POST', '/api/workspaces', { body: { name: 'Acme APIs', kind: 'team', teamSlug: 'acme' } });
    expect(ws.status).toBe(201);
    workspaceId = (await ws.json()).id;
    // A private workspace shared with the whole team: a suspended member must not reach it either.
    const other = await owner.browser.request('POST', '/api/workspaces', { body: { name: 'Owner private', kind: 'private' } });
    otherWorkspaceId = (await other.json()).id;
    expect((await owner.browser.request('PUT', `/api/workspaces/${otherWorkspaceId}/grants`, { body: { teamSlug: 'acme', role: 'viewer' } })).status).toBe(200);
    // A direct grant on the team's workspace: suspension overrides it too.
    expect((await owner.browser.request('PUT', `/api/workspaces/${workspaceId}/grants`, { body: { username: member.person.username, role: 'editor' } })).status).toBe(200);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const rows = <R extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<R>(t.database.db, query);
  const events = (action: string) => rows<{ actor_id: string | null; target_type: string | null; target_id: string | null; team_id: string | null; details: Record<string, unknown> }>(sql`select * from audit_events where action = ${action} order by occurred_at`);
  const idOf = async (p: Person) => (await rows<{ id: string }>(sql`select id from users where username = ${p.person.username}`))[0]!.id;
  const teamId = async (slug: string) => (await rows<{ id: string }>(sql`select id from teams where slug = ${slug}`))[0]!.id;

  describe('suspending a member', () => {
    const path = () => `/api/teams/acme/members/${member.person.username}/suspension`;

    it('ends access to every team workspace at once, keeps membership, and lifts cleanly', async () => {
      expect((await member.browser.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(200);
      expect((await member.browser.request('GET', `/api/workspaces/${otherWorkspaceId}`)).status).toBe(200);

      const res = await admin.browser.request('PUT', path());
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ username: member.person.username, suspended: true, role: 'member' });

      // Neither membership, nor a direct grant, nor a grant to the team reaches the workspaces.
      expect((await member.browser.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(404);
      expect((await member.browser.request('GET', `/api/workspaces/${otherWorkspaceId}`)).status).toBe(404);
      const listed = await (await member.browser.request('GET', '/api/workspaces')).json();
      expect(listed.items.map((w: { id: string }) => w.id)).not.toContain(workspaceId);
      expect(listed.items.map((w: { id: string }) => w.id)).not.toContain(otherWorkspaceId);
      // Still a member; other teams are untouched.
      expect((await member.browser.request('GET', '/api/teams/acme')).status).toBe(200);
      expect((await member.browser.request('GET', '/api/teams/other')).status).toBe(200);
      // Only admins see who is suspended.
      const asAdmin = await (await admin.browser.request('GET', '/api/teams/acme/members')).json();
      expect(asAdmin.items.find((m: { username: string }) => m.username === member.person.username).suspended).toBe(true);
      const asMember = await (await member.browser.request('GET', '/api/teams/acme/members')).json();
      expect(asMember.items[0]).not.toHaveProperty('suspended');

      const [event] = await events('team.member.suspended');
      expect(event).toMatchObject({ actor_id: await idOf(admin), target_type: 'account', target_id: await idOf(member), team_id: await teamId('acme') });

      expect((await owner.browser.request('DELETE', path())).status).toBe(200);
      expect((await member.browser.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(200);
      expect((await member.browser.request('GET', `/api/workspaces/${otherWorkspaceId}`)).status).toBe(200);
      expect(await events('team.member.unsuspended')).toHaveLength(1);
    });

    it('refuses members, outsiders, suspending the owner or yourself', async () => {
      expect((await member.browser.request('PUT', `/api/teams/acme/members/${admin.person.username}/suspension`)).status).toBe(403);
      expect((await otherOwner.browser.request('PUT', path())).status).toBe(404);
      expect((await admin.browser.request('PUT', `/api/teams/acme/members/${owner.person.username}/suspension`)).status).toBe(403);
      const self = await admin.browser.request('PUT', `/api/teams/acme/members/${admin.person.username}/suspension`);
      expect(self.status).toBe(409);
      expect((await self.json()).code).toBe('CANNOT_SUSPEND_SELF');
    });

    it('a suspended admin can manage nothing', async () => {
      expect((await owner.browser.request('PUT', `/api/teams/acme/members/${admin.person.username}/suspension`)).status).toBe(200);
      const res = await admin.browser.request('PATCH', `/api/teams/acme/members/${member.person.username}`, { body: { role: 'admin' } });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('TEAM_MEMBER_SUSPENDED');
      expect((await admin.browser.request('GET', '/api/teams/acme/audit-events')).status).toBe(403);
      expect((await admin.browser.request('DELETE', `/api/teams/acme/members/${member.person.username}`)).status).toBe(403);
      expect((await admin.browser.request('POST', '/api/teams/acme/invitations', { body: { email: 'x@example.test', role: 'member' } })).status).toBe(403);
      expect((await owner.browser.request('DELETE', `/api/teams/acme/members/${admin.person.username}/suspension`)).status).toBe(200);
    });
  });

  describe('removing a member', () => {
    it('ends their access to the team workspaces, including direct grants, and is recorded', async () => {
      const leaver = await signUpPerson(t.app);
      await joinTeam(mailer, owner, leaver, 'acme', 'member');
      await owner.browser.request('PUT', `/api/workspaces/${workspaceId}/grants`, { body: { username: leaver.person.username, role: 'admin' } });
      expect((await leaver.browser.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(200);
      expect((await admin.browser.request('DELETE', `/api/teams/acme/members/${leaver.person.username}`)).status).toBe(204);
      expect((await leaver.browser.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(404);
      const removed = await events('team.member.removed');
      expect(removed.at(-1)).toMatchObject({ target_id: await idOf(leaver), team_id: await teamId('acme') });
    });
  });

  describe('security events are recorded without personal values', () => {
    it('records sign-in, failed sign-in, sign-out, API keys and role changes', async () => {
      const browser = new Browser(t.app);
      expect((await browser.request('POST', '/api/sessions', { body: { login: member.person.username, password: 'wrong password!!' } })).status).toBe(401);
      expect((await browser.request('POST', '/api/sessions', { body: { login: 'nobody_here', password: 'wrong password!!' } })).status).toBe(401);
      expect((await browser.request('POST', '/api/sessions', { body: { login: member.person.username, password: member.person.password } })).status).toBe(200);
      const key = await (await browser.request('POST', '/api/me/api-keys', { body: { name: 'ci', scopes: ['read'] } })).json();
      expect((await browser.request('DELETE', `/api/me/api-keys/${key.id}`)).status).toBe(204);
      expect((await browser.request('DELETE', '/api/sessions/current')).status).toBe(204);
      expect((await owner.browser.request('PATCH', `/api/teams/acme/members/${member.person.username}`, { body: { role: 'admin' } })).status).toBe(200);
      expect((await owner.browser.request('PATCH', `/api/teams/acme/members/${member.person.username}`, { body: { role: 'member' } })).status).toBe(200);

      const memberId = await idOf(member);
      const failed = await events('auth.sign_in_failed');
      expect(failed).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor_id: null, target_id: memberId, details: { reason: 'password' } }),
          expect.objectContaining({ actor_id: null, target_id: null, details: { reason: 'unknown_login' } }),
        ]),
      );
      expect((await events('auth.signed_in')).some((e) => e.actor_id === memberId)).toBe(true);
      expect((await events('auth.signed_out')).some((e) => e.actor_id === memberId)).toBe(true);
      expect((await events('api_key.created')).at(-1)).toMatchObject({ actor_id: memberId, target_id: key.id });
      expect((await events('api_key.revoked')).at(-1)).toMatchObject({ actor_id: memberId, target_id: key.id });
      expect((await events('team.member.role_changed')).at(-1)).toMatchObject({ details: { from: 'admin', to: 'member' }, team_id: await teamId('acme') });
      expect((await events('team.invitation.sent')).length).toBeGreaterThan(0);
      expect((await events('team.invitation.accepted')).length).toBeGreaterThan(0);

      // No event anywhere holds an email, a name or a network address.
      const all = await rows<{ details: unknown }>(sql`select details from audit_events`);
      const text = JSON.stringify(all);
      for (const p of [operator, owner, admin, member]) expect(text).not.toContain(p.person.email);
      expect(text).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
    });

    it('records two-factor on and off, and a password reset', async () => {
      const person = await signUpPerson(t.app);
      const personId = await idOf(person);
      const { secret } = await (await person.browser.request('POST', '/api/me/totp')).json();
      const code = TOTP.generate({ secret: new TOTP({ secret }).secret });
      expect((await person.browser.request('POST', '/api/me/totp/confirm', { body: { code } })).status).toBe(200);
      expect((await person.browser.request('DELETE', '/api/me/totp', { body: { password: person.person.password } })).status).toBe(204);
      expect((await events('account.two_factor_enabled')).at(-1)).toMatchObject({ actor_id: personId, target_id: personId });
      expect((await events('account.two_factor_disabled')).at(-1)).toMatchObject({ actor_id: personId, target_id: personId });

      const anonymous = new Browser(t.app);
      expect((await anonymous.request('POST', '/api/password-resets', { body: { email: person.person.email } })).status).toBe(202);
      await expect.poll(() => mailer.to(person.person.email).some((m) => m.text.includes('reset-password#token='))).toBe(true);
      const token = /reset-password#token=([A-Za-z0-9_-]+)/.exec(mailer.to(person.person.email).at(-1)!.text)![1];
      expect((await anonymous.request('POST', '/api/password-resets/complete', { body: { token, password: 'a brand new passphrase' } })).status).toBe(204);
      expect((await events('account.password_changed')).at(-1)).toMatchObject({ actor_id: personId, target_id: personId, details: {} });
    });

    it('records workspace visibility changes for the team', async () => {
      const ws = await (await owner.browser.request('POST', '/api/workspaces', { body: { name: 'Vis', kind: 'team', teamSlug: 'acme' } })).json();
      expect((await owner.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body: { kind: 'private' } })).status).toBe(200);
      expect((await events('workspace.visibility_changed')).at(-1)).toMatchObject({ target_id: ws.id, team_id: await teamId('acme'), details: { from: 'team', to: 'private' } });
    });
  });

  describe('the audit log', () => {
    it('shows team admins their team’s events, not other teams’ nor members’ sign-ins', async () => {
      const res = await admin.browser.request('GET', '/api/teams/acme/audit-events?limit=200');
      expect(res.status).toBe(200);
      const page = await res.json();
      const actions = page.items.map((e: { action: string }) => e.action);
      expect(actions).toContain('team.member.suspended');
      expect(actions).not.toContain('auth.signed_in');
      expect(actions).not.toContain('auth.sign_in_failed');
      // "other" team's invitations are not acme's.
      const otherId = await teamId('other');
      expect(page.items.every((e: { details: Record<string, unknown> }) => JSON.stringify(e).indexOf(otherId) === -1)).toBe(true);
      const suspended = page.items.find((e: { action: string; target: string }) => e.action === 'team.member.suspended' && e.target === member.person.username);
      expect(suspended).toMatchObject({ actor: admin.person.username, target: member.person.username, targetType: 'account' });
    });

    it('filters by action prefix, actor, target, text and dates, and pages with a cursor', async () => {
      const get = async (query: string) => (await (await owner.browser.request('GET', `/api/teams/acme/audit-events?${query}`)).json()).items as { action: string; actor: string | null; target: string | null }[];
      const byPrefix = await get('action=team.member');
      expect(byPrefix.length).toBeGreaterThan(0);
      expect(byPrefix.every((e) => e.action.startsWith('team.member.'))).toBe(true);
      // A prefix matches whole segments only.
      expect(await get('action=team.mem')).toEqual([]);
      const byActor = await get(`actor=${admin.person.username}`);
      expect(byActor.length).toBeGreaterThan(0);
      expect(byActor.every((e) => e.actor === admin.person.username)).toBe(true);
      expect(await get('actor=no_such_user')).toEqual([]);
      const byTarget = await get(`target=${member.person.username}`);
      expect(byTarget.length).toBeGreaterThan(0);
      expect(byTarget.every((e) => e.target === member.person.username)).toBe(true);
      expect((await get('q=unsuspend')).map((e) => e.action)).toEqual(['team.member.unsuspended', 'team.member.unsuspended']);
      expect(await get('to=2000-01-01T00:00:00Z')).toEqual([]);
      expect((await get('from=2000-01-01T00:00:00Z')).length).toBeGreaterThan(0);
      const bad = await owner.browser.request('GET', '/api/teams/acme/audit-events?from=yesterday-ish');
      expect(bad.status).toBe(400);

      const all = await get('limit=200');
      const first = await (await owner.browser.request('GET', '/api/teams/acme/audit-events?limit=2')).json();
      expect(first.items).toHaveLength(2);
      const second = await (await owner.browser.request('GET', `/api/teams/acme/audit-events?limit=2&cursor=${first.nextCursor}`)).json();
      expect([...first.items, ...second.items].map((e: { id: string }) => e.id)).toEqual(all.slice(0, 4).map((e) => (e as unknown as { id: string }).id));
    });

    it('exports CSV and JSON lines, and records the export', async () => {
      const csv = await owner.browser.request('GET', '/api/teams/acme/audit-events/export?format=csv&action=team.member');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-acme-.*\.csv"/);
      const records = parse(await csv.text(), { columns: true }) as Record<string, string>[];
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((r) => r.action!.startsWith('team.member.'))).toBe(true);
      expect(Object.keys(records[0]!)).toEqual(['occurred_at', 'action', 'actor', 'target_type', 'target_id', 'target', 'details', 'id']);

      const jsonl = await owner.browser.request('GET', '/api/teams/acme/audit-events/export?format=jsonl');
      expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
      const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.length).toBeGreaterThan(records.length);
      const exports = await events('audit.exported');
      expect(exports.at(-2)).toMatchObject({ actor_id: await idOf(owner), team_id: await teamId('acme'), details: { format: 'csv', filters: ['action'] } });
      expect(exports.at(-1)).toMatchObject({ details: { format: 'jsonl', filters: [] } });
    });

    it('refuses members and outsiders, and has no way to change events', async () => {
      expect((await member.browser.request('GET', '/api/teams/acme/audit-events')).status).toBe(403);
      expect((await member.browser.request('GET', '/api/teams/acme/audit-events/export')).status).toBe(403);
      expect((await otherOwner.browser.request('GET', '/api/teams/acme/audit-events')).status).toBe(404);
      expect((await new Browser(t.app).request('GET', '/api/teams/acme/audit-events')).status).toBe(401);
      const [any] = await rows<{ id: string }>(sql`select id from audit_events limit 1`);
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        expect([404, 405]).toContain((await operator.browser.request(method, `/api/admin/audit-events/${any!.id}`, { body: {} })).status);
      }
    });

    it('gives the operator every event, and nobody else', async () => {
      const res = await operator.browser.request('GET', '/api/admin/audit-events?action=auth&limit=200');
      expect(res.status).toBe(200);
      const actions = new Set((await res.json()).items.map((e: { action: string }) => e.action));
      expect(actions).toContain('auth.signed_in');
      expect(actions).toContain('auth.sign_in_failed');
      expect((await owner.browser.request('GET', '/api/admin/audit-events')).status).toBe(403);
      expect((await owner.browser.request('GET', '/api/admin/audit-events/export')).status).toBe(403);
      const csv = await operator.browser.request('GET', '/api/admin/audit-events/export?format=csv&q=nothing-matches-this');
      expect(csv.status).toBe(200);
      expect((await csv.text()).trim()).toBe('occurred_at,action,actor,target_type,target_id,target,details,id');
    });
  });

  describe('security incidents', () => {
    let incidentId: string;
    const base = () => `/api/teams/acme/incidents/${incidentId}`;

    it('only the owner opens one, with a justification', async () => {
      const asAdmin = await admin.browser.request('POST', '/api/teams/acme/incidents', { body: { title: 'Leak', justification: JUSTIFICATION } });
      expect(asAdmin.status).toBe(403);
      expect((await asAdmin.json()).code).toBe('INCIDENT_OWNER_ONLY');
      expect((await member.browser.request('POST', '/api/teams/acme/incidents', { body: { title: 'Leak', justification: JUSTIFICATION } })).status).toBe(403);
      expect((await otherOwner.browser.request('POST', '/api/teams/acme/incidents', { body: { title: 'Leak', justification: JUSTIFICATION } })).status).toBe(404);
      const short = await owner.browser.request('POST', '/api/teams/acme/incidents', { body: { title: 'Leak', justification: 'because' } });
      expect(short.status).toBe(400);
      expect(JSON.stringify(await short.json())).toContain('justification');

      const res = await owner.browser.request('POST', '/api/teams/acme/incidents', { body: { title: 'Leaked key', justification: JUSTIFICATION } });
      expect(res.status).toBe(201);
      const incident = await res.json();
      expect(incident).toMatchObject({ title: 'Leaked key', openedBy: owner.person.username, open: true });
      incidentId = incident.id;
      expect((await events('incident.opened')).at(-1)).toMatchObject({ target_id: incidentId, team_id: await teamId('acme'), details: {} });
    });

    it('gives no member data outside an incident', async () => {
      const noSuch = '00000000-0000-4000-8000-000000000000';
      for (const part of ['members', `members/${member.person.username}/usage`, `members/${member.person.username}/devices`]) {
        expect((await owner.browser.request('GET', `/api/teams/acme/incidents/${noSuch}/${part}`)).status).toBe(404);
      }
    });

    it('lets the owner view members, usage and devices inside it, recording every view', async () => {
      const before = (await events('incident.data_viewed')).length;
      const members = await owner.browser.request('GET', `${base()}/members`);
      expect(members.status).toBe(200);
      expect((await members.json()).items.map((m: { username: string }) => m.username)).toContain(member.person.username);
      const usage = await owner.browser.request('GET', `${base()}/members/${member.person.username}/usage`);
      expect(usage.status).toBe(200);
      expect(await usage.json()).toMatchObject({ username: member.person.username, requestsLast30Days: expect.any(Number), lastSessionSeenAt: expect.any(String) });
      const devices = await owner.browser.request('GET', `${base()}/members/${member.person.username}/devices`);
      expect(devices.status).toBe(200);
      const list = (await devices.json()).items;
      expect(list.length).toBeGreaterThan(0);
      expect(list[0]).toMatchObject({ browser: expect.any(String), os: expect.any(String) });

      const viewed = await events('incident.data_viewed');
      expect(viewed.length - before).toBe(3);
      expect(viewed.slice(-2).map((e) => [e.target_id, e.details])).toEqual([
        [await idOf(member), { incidentId, data: 'usage' }],
        [await idOf(member), { incidentId, data: 'devices' }],
      ]);
      // The incident page shows the same views as its access log, to the owner and admins.
      const page = await (await admin.browser.request('GET', base())).json();
      expect(page.canView).toBe(false);
      expect(page.accessLog.map((e: { data: string; subject: string | null; viewer: string }) => [e.data, e.subject, e.viewer])).toEqual([
        ['devices', member.person.username, owner.person.username],
        ['usage', member.person.username, owner.person.username],
        ['members', null, owner.person.username],
      ]);
    });

    it('refuses admins, members and other teams’ owners even while it is open', async () => {
      expect((await admin.browser.request('GET', `${base()}/members`)).status).toBe(403);
      expect((await admin.browser.request('GET', `${base()}/members/${member.person.username}/devices`)).status).toBe(403);
      expect((await member.browser.request('GET', `${base()}/members`)).status).toBe(403);
      expect((await otherOwner.browser.request('GET', `${base()}/members`)).status).toBe(404);
      // An incident of one team opens nothing through another team's address.
      expect((await otherOwner.browser.request('GET', `/api/teams/other/incidents/${incidentId}/members`)).status).toBe(404);
      // Someone outside the team is not a subject.
      expect((await owner.browser.request('GET', `${base()}/members/${otherOwner.person.username}/usage`)).status).toBe(404);
    });

    it('ends access when closed', async () => {
      expect((await admin.browser.request('POST', `${base()}/close`)).status).toBe(403);
      const closed = await owner.browser.request('POST', `${base()}/close`);
      expect(closed.status).toBe(200);
      expect(await closed.json()).toMatchObject({ open: false, closedBy: owner.person.username });
      const before = (await events('incident.data_viewed')).length;
      for (const part of ['members', `members/${member.person.username}/usage`, `members/${member.person.username}/devices`]) {
        const res = await owner.browser.request('GET', `${base()}/${part}`);
        expect(res.status).toBe(403);
        expect((await res.json()).code).toBe('INCIDENT_CLOSED');
      }
      expect((await events('incident.data_viewed')).length).toBe(before);
      expect((await owner.browser.request('POST', `${base()}/close`)).status).toBe(409);
      const list = await (await owner.browser.request('GET', '/api/teams/acme/incidents')).json();
      expect(list).toMatchObject({ canOpen: true, items: [{ id: incidentId, open: false }] });
      expect((await member.browser.request('GET', '/api/teams/acme/incidents')).status).toBe(403);
    });
  });
});
