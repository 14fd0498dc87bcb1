import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { createWorkspaceAccess } from '../src/policies/workspaces.ts';
import type { WorkspaceAccess } from '../src/policies/workspaces.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { createTeam, joinTeam } from './support/teams.ts';

// Setup migrates a database and signs several people up: allow for a busy machine.
const SETUP_TIMEOUT_MS = 120_000;
type Person = Awaited<ReturnType<typeof signUpPerson>>;

forEachDatabase('workspaces (P10, P13)', (target) => {
  let t: TestApp;
  let access: WorkspaceAccess;
  let operator: Person;
  let owner: Person;
  let stranger: Person;
  let anonymous: Browser;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    t = await openTestApp(target, { mailer });
    access = createWorkspaceAccess(t.database.db);
    operator = await signUpPerson(t.app); // the first account runs the instance
    owner = await signUpPerson(t.app);
    stranger = await signUpPerson(t.app);
    anonymous = new Browser(t.app);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
  const actor = (p: Person) => ({ id: p.account.id as string, username: p.account.username as string, operator: p.account.operator as boolean });

  async function createWorkspace(p: Person, body: Record<string, unknown>) {
    const res = await p.browser.request('POST', '/api/workspaces', { body });
    expect(res.status).toBe(201);
    return res.json();
  }

  describe('personal workspace', () => {
    it('is created at sign-up', async () => {
      const fresh = await signUpPerson(t.app);
      const rows = await queryRows<{ name: string }>(
        t.database.db,
        sql`select name from workspaces where owner_id = ${fresh.account.id} and kind = 'personal'`,
      );
      expect(rows).toEqual([{ name: 'Personal' }]);
    });

    it('exists once per account, and is recreated lazily for accounts without one (e.g. made elsewhere)', async () => {
      await t.database.db.execute(sql`delete from workspaces where owner_id = ${owner.account.id} and kind = 'personal'`);
      const res = await owner.browser.request('GET', '/api/workspaces');
      expect(res.status).toBe(200);
      const page = await res.json();
      const personal = page.items.filter((w: { kind: string }) => w.kind === 'personal');
      expect(personal).toHaveLength(1);
      expect(personal[0]).toMatchObject({ name: 'Personal', role: 'admin', abilities: { canView: true, canEdit: true, canAdmin: true } });
      await owner.browser.request('GET', '/api/workspaces');
      const rows = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from workspaces where owner_id = ${owner.account.id} and kind = 'personal'`,
      );
      expect(rows[0]!.n).toBe(1);
    });

    it('cannot be deleted, shared or made public', async () => {
      const { items } = await (await owner.browser.request('GET', '/api/workspaces')).json();
      const personal = items.find((w: { kind: string }) => w.kind === 'personal');
      const del = await owner.browser.request('DELETE', `/api/workspaces/${personal.id}`);
      expect(del.status).toBe(409);
      expect((await del.json()).code).toBe('PERSONAL_WORKSPACE_FIXED');
      const patch = await owner.browser.request('PATCH', `/api/workspaces/${personal.id}`, { body: { kind: 'public' } });
      expect(patch.status).toBe(409);
      const grant = await owner.browser.request('PUT', `/api/workspaces/${personal.id}/grants`, {
        body: { username: stranger.person.username, role: 'viewer' },
      });
      expect(grant.status).toBe(409);
      expect(await count('workspace_grants')).toBe(0);
      const rename = await owner.browser.request('PATCH', `/api/workspaces/${personal.id}`, { body: { name: 'Mine' } });
      expect(rename.status).toBe(200);
      expect((await rename.json()).name).toBe('Mine');
    });
  });

  describe('POST /api/workspaces', () => {
    it('creates a private workspace owned by the creator', async () => {
      const ws = await createWorkspace(owner, { name: '  Payments API ', kind: 'private', description: 'Internal' });
      expect(ws).toMatchObject({
        name: 'Payments API',
        kind: 'private',
        description: 'Internal',
        team: null,
        role: 'admin',
        abilities: { canView: true, canEdit: true, canAdmin: true },
        webPath: `/w/${ws.id}`,
      });
      const got = await owner.browser.request('GET', `/api/workspaces/${ws.id}`);
      expect(got.status).toBe(200);
      expect(await got.json()).toEqual(ws);
    });

    it('needs sign-in', async () => {
      const before = await count('workspaces');
      const res = await anonymous.request('POST', '/api/workspaces', { body: { name: 'x', kind: 'private' } });
      expect(res.status).toBe(401);
      expect(await count('workspaces')).toBe(before);
    });

    it('refuses invalid input and saves nothing', async () => {
      const before = await count('workspaces');
      for (const body of [
        { name: '', kind: 'private' },
        { name: 'x', kind: 'personal' },
        { name: 'x', kind: 'secret' },
        { name: 'x'.repeat(101), kind: 'private' },
        { name: 'x', kind: 'team' },
        { name: 'x', kind: 'private', teamSlug: 'some-team' },
        { kind: 'private' },
      ]) {
        const res = await owner.browser.request('POST', '/api/workspaces', { body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }
      expect(await count('workspaces')).toBe(before);
    });

    it('refuses a team the creator is not a member of, as not found', async () => {
      const before = await count('workspaces');
      const res = await owner.browser.request('POST', '/api/workspaces', { body: { name: 'x', kind: 'team', teamSlug: 'nobody-team' } });
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe('TEAM_NOT_FOUND');
      expect(await count('workspaces')).toBe(before);
    });
  });

  describe('private workspaces are invisible to others', () => {
    it('answers 404 to a stranger, to anonymous readers and to the operator, everywhere', async () => {
      const ws = await createWorkspace(owner, { name: 'Secret plans', kind: 'private' });
      for (const who of [stranger.browser, operator.browser, anonymous]) {
        for (const [method, path, body] of [
          ['GET', `/api/workspaces/${ws.id}`],
          ['PATCH', `/api/workspaces/${ws.id}`, { name: 'pwned' }],
          ['DELETE', `/api/workspaces/${ws.id}`],
          ['GET', `/api/workspaces/${ws.id}/grants`],
          ['PUT', `/api/workspaces/${ws.id}/grants`, { username: stranger.person.username, role: 'admin' }],
          ['DELETE', `/api/workspaces/${ws.id}/grants/00000000-0000-4000-8000-000000000000`],
        ] as const) {
          const res = await who.request(method, path, body === undefined ? {} : { body });
          const expected = who === anonymous && method !== 'GET' ? 401 : who === anonymous && path.endsWith('/grants') ? 401 : 404;
          expect(res.status, `${method} ${path}`).toBe(expected);
          if (expected === 404) expect((await res.json()).code).toBe('WORKSPACE_NOT_FOUND');
        }
      }
      const listed = await (await stranger.browser.request('GET', '/api/workspaces')).json();
      expect(listed.items.map((w: { id: string }) => w.id)).not.toContain(ws.id);
      const operatorList = await (await operator.browser.request('GET', '/api/workspaces')).json();
      expect(operatorList.items.map((w: { id: string }) => w.id)).not.toContain(ws.id);
      const [row] = await queryRows<{ name: string }>(t.database.db, sql`select name from workspaces where id = ${ws.id}`);
      expect(row!.name).toBe('Secret plans');
      expect(await count('workspace_grants')).toBe(0);
    });

    it('WorkspaceAccess: require/roleOf agree with the routes', async () => {
      const ws = await createWorkspace(owner, { name: 'Access', kind: 'private' });
      await expect(access.require(actor(owner), ws.id, 'admin')).resolves.toEqual({ workspaceId: ws.id, role: 'admin' });
      await expect(access.require(actor(operator), ws.id, 'viewer')).rejects.toMatchObject({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
      await expect(access.require(actor(stranger), ws.id, 'viewer')).rejects.toMatchObject({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
      await expect(access.require(undefined, ws.id, 'viewer')).rejects.toMatchObject({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
      await expect(access.require(actor(owner), 'not-a-uuid', 'viewer')).rejects.toMatchObject({ status: 404 });
      await expect(access.require(actor(owner), '00000000-0000-4000-8000-000000000000', 'viewer')).rejects.toMatchObject({ status: 404 });
      expect(await access.roleOf(actor(stranger), ws.id)).toBeNull();
      expect(await access.roleOf(actor(owner), ws.id)).toBe('admin');

      await owner.browser.request('PUT', `/api/workspaces/${ws.id}/grants`, { body: { username: stranger.person.username, role: 'viewer' } });
      expect(await access.roleOf(actor(stranger), ws.id)).toBe('viewer');
      await expect(access.require(actor(stranger), ws.id, 'editor')).rejects.toMatchObject({ status: 403, code: 'WORKSPACE_ROLE_REQUIRED' });
    });
  });

  describe('public workspaces (P13)', () => {
    it('are readable without signing in at a stable address, and only readable', async () => {
      const ws = await createWorkspace(owner, { name: 'Open API', kind: 'public' });
      const res = await anonymous.request('GET', `/api/workspaces/${ws.id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id: ws.id,
        name: 'Open API',
        webPath: `/w/${ws.id}`,
        role: 'public',
        abilities: { canView: true, canEdit: false, canAdmin: false },
      });
      const strangerView = await (await stranger.browser.request('GET', `/api/workspaces/${ws.id}`)).json();
      expect(strangerView.role).toBe('public');
      const patch = await stranger.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body: { name: 'mine now' } });
      expect(patch.status).toBe(403);
      expect((await patch.json()).code).toBe('WORKSPACE_ROLE_REQUIRED');
      const grants = await stranger.browser.request('GET', `/api/workspaces/${ws.id}/grants`);
      expect(grants.status).toBe(403);
      expect((await anonymous.request('PATCH', `/api/workspaces/${ws.id}`, { body: { name: 'x' } })).status).toBe(401);
      await expect(access.require(undefined, ws.id, 'viewer')).resolves.toEqual({ workspaceId: ws.id, role: 'public' });
      await expect(access.require(undefined, ws.id, 'editor')).rejects.toMatchObject({ status: 401 });
      await expect(access.require(actor(stranger), ws.id, 'editor')).rejects.toMatchObject({ status: 403, code: 'WORKSPACE_ROLE_REQUIRED' });
    });

    it('going private hides it again', async () => {
      const ws = await createWorkspace(owner, { name: 'Briefly open', kind: 'public' });
      const res = await owner.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body: { kind: 'private' } });
      expect(res.status).toBe(200);
      expect((await res.json()).kind).toBe('private');
      expect((await anonymous.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(404);
      expect((await stranger.browser.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(404);
    });
  });

  describe('team workspaces and grants', () => {
    let teamOwner: Person;
    let teamAdmin: Person;
    let teamMember: Person;
    let outsider: Person;
    let viewerTeamMember: Person;

    beforeAll(async () => {
      teamOwner = await signUpPerson(t.app);
      teamAdmin = await signUpPerson(t.app);
      teamMember = await signUpPerson(t.app);
      outsider = await signUpPerson(t.app);
      viewerTeamMember = await signUpPerson(t.app);
      await createTeam(teamOwner, 'ws-team');
      await joinTeam(mailer, teamOwner, teamAdmin, 'ws-team', 'admin');
      await joinTeam(mailer, teamOwner, teamMember, 'ws-team', 'member');
      await createTeam(viewerTeamMember, 'readers-team');
      await joinTeam(mailer, viewerTeamMember, outsider, 'readers-team', 'member');
    }, SETUP_TIMEOUT_MS);

    it("gives the team's members the default role, and its owner and admins admin", async () => {
      const ws = await createWorkspace(teamMember, { name: 'Team space', kind: 'team', teamSlug: 'ws-team', teamRole: 'viewer' });
      expect(ws).toMatchObject({ kind: 'team', team: { slug: 'ws-team', name: 'Team ws-team' }, teamRole: 'viewer', role: 'admin' });
      const byOwner = await (await teamOwner.browser.request('GET', `/api/workspaces/${ws.id}`)).json();
      expect(byOwner).toMatchObject({ role: 'admin', abilities: { canAdmin: true } });
      expect(await access.roleOf(actor(teamAdmin), ws.id)).toBe('admin');
      expect((await outsider.browser.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(404);

      const other = await createWorkspace(teamOwner, { name: 'Defaults', kind: 'team', teamSlug: 'ws-team' });
      const asMember = await (await teamMember.browser.request('GET', `/api/workspaces/${other.id}`)).json();
      expect(asMember).toMatchObject({ role: 'editor', abilities: { canView: true, canEdit: true, canAdmin: false } });
      const denied = await teamMember.browser.request('PATCH', `/api/workspaces/${other.id}`, { body: { name: 'mine' } });
      expect(denied.status).toBe(403);
      expect((await denied.json()).code).toBe('WORKSPACE_ROLE_REQUIRED');
      const listed = await (await teamMember.browser.request('GET', '/api/workspaces')).json();
      expect(listed.items.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining([ws.id, other.id]));
      expect(listed.items.find((w: { id: string }) => w.id === other.id).role).toBe('editor');

      // Leaving the team ends the access it gave.
      const leaver = await signUpPerson(t.app);
      await joinTeam(mailer, teamOwner, leaver, 'ws-team');
      expect(await access.roleOf(actor(leaver), other.id)).toBe('editor');
      const leaversOwn = await createWorkspace(leaver, { name: 'Made by the leaver', kind: 'team', teamSlug: 'ws-team' });
      expect((await leaver.browser.request('POST', '/api/teams/ws-team/leave')).status).toBe(204);
      expect((await leaver.browser.request('GET', `/api/workspaces/${other.id}`)).status).toBe(404);
      // What they made in the team stays the team's.
      expect((await leaver.browser.request('GET', `/api/workspaces/${leaversOwn.id}`)).status).toBe(404);
      const leaverList = await (await leaver.browser.request('GET', '/api/workspaces')).json();
      expect(leaverList.items.map((w: { id: string }) => w.id)).not.toContain(leaversOwn.id);
      expect((await (await teamOwner.browser.request('GET', `/api/workspaces/${leaversOwn.id}`)).json()).role).toBe('admin');
      // Taking it out of the team makes it the taker's, not the departed creator's.
      const detached = await teamAdmin.browser.request('PATCH', `/api/workspaces/${leaversOwn.id}`, { body: { kind: 'private' } });
      expect(detached.status).toBe(200);
      expect((await detached.json()).role).toBe('admin');
      expect((await leaver.browser.request('GET', `/api/workspaces/${leaversOwn.id}`)).status).toBe(404);
      expect((await teamOwner.browser.request('GET', `/api/workspaces/${leaversOwn.id}`)).status).toBe(404);
    });

    it('grants roles to people and teams; the highest role wins', async () => {
      const ws = await createWorkspace(teamOwner, { name: 'Granted', kind: 'team', teamSlug: 'ws-team', teamRole: 'viewer' });
      const put = (body: Record<string, unknown>) => teamOwner.browser.request('PUT', `/api/workspaces/${ws.id}/grants`, { body });

      const direct = await put({ username: teamMember.person.username, role: 'editor' });
      expect(direct.status).toBe(200);
      const grant = await direct.json();
      expect(grant).toEqual({
        id: expect.any(String),
        role: 'editor',
        user: { username: teamMember.person.username, displayName: null },
        team: null,
        createdAt: expect.any(String),
      });
      expect(await access.roleOf(actor(teamMember), ws.id)).toBe('editor'); // grant beats the team default (viewer)

      // A direct viewer grant does not lower the team admin's admin role.
      expect((await put({ username: teamAdmin.person.username, role: 'viewer' })).status).toBe(200);
      expect(await access.roleOf(actor(teamAdmin), ws.id)).toBe('admin');

      // Replacing a grant changes it in place.
      const replaced = await (await put({ username: teamMember.person.username, role: 'admin' })).json();
      expect(replaced.id).toBe(grant.id);
      expect(await access.roleOf(actor(teamMember), ws.id)).toBe('admin');

      // A grant to a whole team reaches its members; only your own teams can be named.
      expect(await access.roleOf(actor(outsider), ws.id)).toBeNull();
      const notMine = await put({ teamSlug: 'readers-team', role: 'viewer' });
      expect(notMine.status).toBe(404);
      expect((await notMine.json()).code).toBe('TEAM_NOT_FOUND');
      await joinTeam(mailer, viewerTeamMember, teamOwner, 'readers-team');
      const teamGrant = await put({ teamSlug: 'readers-team', role: 'viewer' });
      expect(teamGrant.status).toBe(200);
      expect((await teamGrant.json()).team).toEqual({ slug: 'readers-team', name: 'Team readers-team' });
      expect(await access.roleOf(actor(outsider), ws.id)).toBe('viewer');
      const outsiderView = await (await outsider.browser.request('GET', `/api/workspaces/${ws.id}`)).json();
      expect(outsiderView).toMatchObject({ role: 'viewer', abilities: { canView: true, canEdit: false, canAdmin: false } });
      await expect(access.require(actor(outsider), ws.id, 'editor')).rejects.toMatchObject({ status: 403 });
      // The team grant (viewer) and a direct grant (editor): the higher wins.
      await put({ username: outsider.person.username, role: 'editor' });
      expect(await access.roleOf(actor(outsider), ws.id)).toBe('editor');

      const list = await (await outsider.browser.request('GET', `/api/workspaces/${ws.id}/grants?limit=2`)).json();
      expect(list.items).toHaveLength(2);
      const rest = await (await outsider.browser.request('GET', `/api/workspaces/${ws.id}/grants?cursor=${list.nextCursor}`)).json();
      expect([...list.items, ...rest.items]).toHaveLength(4);
      expect(rest.nextCursor).toBeNull();
      expect(JSON.stringify([...list.items, ...rest.items])).not.toMatch(/@example/);

      // Taking a grant back.
      const outsiderGrant = [...list.items, ...rest.items].find((g: { user: { username: string } | null }) => g.user?.username === outsider.person.username);
      expect((await outsider.browser.request('DELETE', `/api/workspaces/${ws.id}/grants/${outsiderGrant.id}`)).status).toBe(403);
      expect((await teamOwner.browser.request('DELETE', `/api/workspaces/${ws.id}/grants/${outsiderGrant.id}`)).status).toBe(204);
      expect(await access.roleOf(actor(outsider), ws.id)).toBe('viewer');
      const gone = await teamOwner.browser.request('DELETE', `/api/workspaces/${ws.id}/grants/${outsiderGrant.id}`);
      expect(gone.status).toBe(404);
      expect((await gone.json()).code).toBe('GRANT_NOT_FOUND');
    });

    it('grant endpoints: denial and invalid input save nothing', async () => {
      const ws = await createWorkspace(teamOwner, { name: 'Guarded', kind: 'private' });
      await teamOwner.browser.request('PUT', `/api/workspaces/${ws.id}/grants`, { body: { username: teamMember.person.username, role: 'editor' } });
      const grants = await queryRows<{ id: string }>(t.database.db, sql`select id from workspace_grants where workspace_id = ${ws.id}`);
      expect(grants).toHaveLength(1);
      const before = await count('workspace_grants');

      const byEditor = await teamMember.browser.request('PUT', `/api/workspaces/${ws.id}/grants`, { body: { username: outsider.person.username, role: 'admin' } });
      expect(byEditor.status).toBe(403);
      expect((await teamMember.browser.request('DELETE', `/api/workspaces/${ws.id}/grants/${grants[0]!.id}`)).status).toBe(403);
      expect((await teamMember.browser.request('GET', `/api/workspaces/${ws.id}/grants`)).status).toBe(200);
      expect((await outsider.browser.request('GET', `/api/workspaces/${ws.id}/grants`)).status).toBe(404);
      expect((await outsider.browser.request('DELETE', `/api/workspaces/${ws.id}/grants/${grants[0]!.id}`)).status).toBe(404);
      expect((await anonymous.request('GET', `/api/workspaces/${ws.id}/grants`)).status).toBe(401);
      expect((await anonymous.request('PUT', `/api/workspaces/${ws.id}/grants`, { body: { username: 'x_user', role: 'admin' } })).status).toBe(401);

      for (const body of [
        { role: 'editor' },
        { username: outsider.person.username, teamSlug: 'ws-team', role: 'editor' },
        { username: outsider.person.username, role: 'owner' },
        { username: 'no', role: 'viewer' },
        { teamSlug: 'Bad Slug', role: 'viewer' },
      ]) {
        const res = await teamOwner.browser.request('PUT', `/api/workspaces/${ws.id}/grants`, { body });
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      const unknown = await teamOwner.browser.request('PUT', `/api/workspaces/${ws.id}/grants`, { body: { username: 'nobody_here', role: 'viewer' } });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).code).toBe('USER_NOT_FOUND');
      expect((await teamOwner.browser.request('DELETE', `/api/workspaces/${ws.id}/grants/not-a-uuid`)).status).toBe(400);
      expect((await teamOwner.browser.request('GET', `/api/workspaces/${ws.id}/grants?limit=999`)).status).toBe(400);
      expect(await count('workspace_grants')).toBe(before);
    });

    it('PATCH changes visibility between private, team and public', async () => {
      const ws = await createWorkspace(teamOwner, { name: 'Shifting', kind: 'private' });
      expect((await teamMember.browser.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(404);

      const toTeam = await teamOwner.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body: { kind: 'team', teamSlug: 'ws-team' } });
      expect(toTeam.status).toBe(200);
      expect(await toTeam.json()).toMatchObject({ kind: 'team', team: { slug: 'ws-team' } });
      expect((await teamMember.browser.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(200);

      const toPublic = await teamOwner.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body: { kind: 'public' } });
      expect(await toPublic.json()).toMatchObject({ kind: 'public', team: { slug: 'ws-team' } });
      expect((await anonymous.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(200);
      expect((await (await teamMember.browser.request('GET', `/api/workspaces/${ws.id}`)).json()).role).toBe('editor');

      const toPrivate = await teamOwner.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body: { kind: 'private' } });
      expect(await toPrivate.json()).toMatchObject({ kind: 'private', team: null });
      expect((await teamMember.browser.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(404);
      expect((await anonymous.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(404);

      const snapshot = async () =>
        (await queryRows(t.database.db, sql`select name, kind, team_id, description from workspaces where id = ${ws.id}`))[0];
      const before = await snapshot();
      for (const body of [
        { kind: 'team' },
        { kind: 'personal' },
        { kind: 'private', teamSlug: 'ws-team' },
        { name: '' },
        { teamRole: 'owner' },
        { description: 'x'.repeat(2001) },
      ]) {
        const res = await teamOwner.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body });
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      const foreignTeam = await teamOwner.browser.request('PATCH', `/api/workspaces/${ws.id}`, { body: { kind: 'team', teamSlug: 'no-such-team' } });
      expect(foreignTeam.status).toBe(404);
      expect(await snapshot()).toEqual(before);
    });

    it('DELETE removes the workspace and its grants (admin only)', async () => {
      const ws = await createWorkspace(teamOwner, { name: 'Short-lived', kind: 'team', teamSlug: 'ws-team' });
      await teamOwner.browser.request('PUT', `/api/workspaces/${ws.id}/grants`, { body: { username: outsider.person.username, role: 'viewer' } });
      expect((await teamMember.browser.request('DELETE', `/api/workspaces/${ws.id}`)).status).toBe(403);
      expect((await outsider.browser.request('DELETE', `/api/workspaces/${ws.id}`)).status).toBe(403);
      expect((await stranger.browser.request('DELETE', `/api/workspaces/${ws.id}`)).status).toBe(404);
      expect((await anonymous.request('DELETE', `/api/workspaces/${ws.id}`)).status).toBe(401);
      expect((await teamOwner.browser.request('DELETE', '/api/workspaces/not-a-uuid')).status).toBe(400);
      expect((await teamAdmin.browser.request('DELETE', `/api/workspaces/${ws.id}`)).status).toBe(204);
      expect(await queryRows(t.database.db, sql`select 1 from workspaces where id = ${ws.id}`)).toHaveLength(0);
      expect(await queryRows(t.database.db, sql`select 1 from workspace_grants where workspace_id = ${ws.id}`)).toHaveLength(0);
      expect((await teamOwner.browser.request('GET', `/api/workspaces/${ws.id}`)).status).toBe(404);
    });
  });

  describe('GET /api/workspaces', () => {
    it('pages through the workspaces I have a role in, by name, and needs sign-in', async () => {
      const lister = await signUpPerson(t.app);
      for (const name of ['Bravo', 'Alpha', 'Charlie']) await createWorkspace(lister, { name, kind: 'private' });
      await createWorkspace(lister, { name: 'Delta', kind: 'public' });
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await lister.browser.request('GET', `/api/workspaces?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        const page = await res.json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        names.push(...page.items.map((w: { name: string }) => w.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(names).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Personal']);
      // Someone else's public workspace is reachable by its address, not listed as mine.
      const mine = await (await stranger.browser.request('GET', '/api/workspaces?limit=200')).json();
      expect(mine.items.map((w: { name: string }) => w.name)).not.toContain('Delta');
      expect((await anonymous.request('GET', '/api/workspaces')).status).toBe(401);
      expect((await lister.browser.request('GET', '/api/workspaces?cursor=garbage')).status).toBe(400);
    });
  });
});
