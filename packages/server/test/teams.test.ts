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

forEachDatabase('teams', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let owner: Person;
  let admin: Person;
  let member: Person;
  let stranger: Person;
  let anonymous: Browser;

  beforeAll(async () => {
    t = await openTestApp(target, { mailer });
    owner = await signUpPerson(t.app);
    admin = await signUpPerson(t.app);
    member = await signUpPerson(t.app);
    stranger = await signUpPerson(t.app);
    anonymous = new Browser(t.app);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const rows = <R extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<R>(t.database.db, query);
  const count = async (table: string) => (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
  const rolesOf = async (slug: string) =>
    Object.fromEntries(
      (
        await rows<{ username: string; role: string }>(
          sql`select u.username, m.role from team_members m join users u on u.id = m.user_id join teams t on t.id = m.team_id where t.slug = ${slug}`,
        )
      ).map((r) => [r.username, r.role]),
    );

  /** A team with an owner, an admin and a member. */
  async function fullTeam(slug: string) {
    await createTeam(owner, slug);
    await joinTeam(mailer, owner, admin, slug, 'admin');
    await joinTeam(mailer, owner, member, slug, 'member');
  }

  describe('POST /api/teams', () => {
    it('creates a team owned by its creator', async () => {
      const res = await owner.browser.request('POST', '/api/teams', { body: { slug: 'core', name: ' Core team ' } });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({
        slug: 'core',
        name: 'Core team',
        createdAt: expect.any(String),
        role: 'owner',
        abilities: { canUpdate: true, canManageMembers: true, canInvite: true, canDelete: true, canTransfer: true },
      });
      expect(await rolesOf('core')).toEqual({ [owner.person.username]: 'owner' });
    });

    it('refuses a taken handle, ignoring case', async () => {
      await createTeam(owner, 'taken');
      const before = await count('teams');
      const res = await stranger.browser.request('POST', '/api/teams', { body: { slug: 'taken', name: 'Mine' } });
      expect(res.status).toBe(409);
      expect((await res.json()).code).toBe('TEAM_SLUG_TAKEN');
      expect(await count('teams')).toBe(before);
    });

    it('needs sign-in and valid input; nothing is saved otherwise', async () => {
      const before = await count('teams');
      expect((await anonymous.request('POST', '/api/teams', { body: { slug: 'anon', name: 'x' } })).status).toBe(401);
      for (const body of [{ slug: 'Upper', name: 'x' }, { slug: '-x', name: 'x' }, { slug: 'ok', name: '' }, { slug: 'a'.repeat(40), name: 'x' }, { name: 'x' }]) {
        const res = await owner.browser.request('POST', '/api/teams', { body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      }
      expect(await count('teams')).toBe(before);
      expect(await count('team_members')).toBe(before);
    });
  });

  describe('reading teams', () => {
    it('lists my teams, paginated, and hides others', async () => {
      for (const slug of ['page-a', 'page-b', 'page-c']) await createTeam(member, slug);
      const first = await (await member.browser.request('GET', '/api/teams?limit=2')).json();
      expect(first.items.map((x: { slug: string }) => x.slug)).toEqual(['page-a', 'page-b']);
      const second = await (await member.browser.request('GET', `/api/teams?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second.items.map((x: { slug: string }) => x.slug)).toEqual(['page-c']);
      expect(second.nextCursor).toBeNull();
      const others = await (await stranger.browser.request('GET', '/api/teams')).json();
      expect(others.items.map((x: { slug: string }) => x.slug)).not.toContain('page-a');
      expect((await anonymous.request('GET', '/api/teams')).status).toBe(401);
      expect((await member.browser.request('GET', '/api/teams?limit=0')).status).toBe(400);
      expect((await member.browser.request('GET', '/api/teams?cursor=nonsense')).status).toBe(400);
    });

    it('shows a team to members only; others get 404', async () => {
      await fullTeam('readers');
      const res = await member.browser.request('GET', '/api/teams/readers');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ slug: 'readers', role: 'member', memberCount: 3, abilities: { canUpdate: false, canInvite: false } });
      const missing = await stranger.browser.request('GET', '/api/teams/readers');
      expect(missing.status).toBe(404);
      expect((await missing.json()).code).toBe('TEAM_NOT_FOUND');
      expect((await stranger.browser.request('GET', '/api/teams/no-such-team')).status).toBe(404);
      expect((await anonymous.request('GET', '/api/teams/readers')).status).toBe(401);
      expect((await member.browser.request('GET', '/api/teams/Bad_Slug')).status).toBe(400);
    });

    it('lists members with username, display name and role but no email (P12)', async () => {
      await fullTeam('roster');
      const res = await member.browser.request('GET', '/api/teams/roster/members?limit=2');
      expect(res.status).toBe(200);
      const first = await res.json();
      expect(first.items).toHaveLength(2);
      const second = await (await member.browser.request('GET', `/api/teams/roster/members?limit=2&cursor=${first.nextCursor}`)).json();
      const all = [...first.items, ...second.items];
      expect(all.map((m: { username: string }) => m.username).sort()).toEqual(
        [owner.person.username, admin.person.username, member.person.username].sort(),
      );
      expect(all.find((m: { username: string }) => m.username === owner.person.username)).toEqual({
        username: owner.person.username,
        displayName: null,
        role: 'owner',
        joinedAt: expect.any(String),
      });
      const text = JSON.stringify(all);
      for (const p of [owner, admin, member]) expect(text).not.toContain(p.person.email);
      expect((await stranger.browser.request('GET', '/api/teams/roster/members')).status).toBe(404);
      expect((await anonymous.request('GET', '/api/teams/roster/members')).status).toBe(401);
    });
  });

  describe('PATCH /api/teams/:slug', () => {
    it('lets the owner and admins rename; members get 403, outsiders 404', async () => {
      await fullTeam('renamed');
      const res = await admin.browser.request('PATCH', '/api/teams/renamed', { body: { name: 'New name' } });
      expect(res.status).toBe(200);
      expect((await res.json()).name).toBe('New name');
      const denied = await member.browser.request('PATCH', '/api/teams/renamed', { body: { name: 'Mine' } });
      expect(denied.status).toBe(403);
      expect((await denied.json()).code).toBe('TEAM_ROLE_REQUIRED');
      expect((await stranger.browser.request('PATCH', '/api/teams/renamed', { body: { name: 'x' } })).status).toBe(404);
      expect((await anonymous.request('PATCH', '/api/teams/renamed', { body: { name: 'x' } })).status).toBe(401);
      expect((await owner.browser.request('PATCH', '/api/teams/renamed', { body: { name: '' } })).status).toBe(400);
      const [row] = await rows<{ name: string }>(sql`select name from teams where slug = 'renamed'`);
      expect(row!.name).toBe('New name');
    });

    it('changes the handle unless taken', async () => {
      await createTeam(owner, 'old-handle');
      await createTeam(owner, 'other-handle');
      const taken = await owner.browser.request('PATCH', '/api/teams/old-handle', { body: { slug: 'other-handle' } });
      expect(taken.status).toBe(409);
      const res = await owner.browser.request('PATCH', '/api/teams/old-handle', { body: { slug: 'new-handle' } });
      expect(res.status).toBe(200);
      expect((await owner.browser.request('GET', '/api/teams/new-handle')).status).toBe(200);
      expect((await owner.browser.request('GET', '/api/teams/old-handle')).status).toBe(404);
    });
  });

  describe('DELETE /api/teams/:slug', () => {
    it('is for the owner only', async () => {
      await fullTeam('doomed');
      const byAdmin = await admin.browser.request('DELETE', '/api/teams/doomed');
      expect(byAdmin.status).toBe(403);
      expect((await stranger.browser.request('DELETE', '/api/teams/doomed')).status).toBe(404);
      expect((await anonymous.request('DELETE', '/api/teams/doomed')).status).toBe(401);
      expect((await owner.browser.request('DELETE', '/api/teams/doomed')).status).toBe(204);
      expect(await rows(sql`select 1 from teams where slug = 'doomed'`)).toHaveLength(0);
      expect((await member.browser.request('GET', '/api/teams/doomed')).status).toBe(404);
    });

    it('refuses while workspaces belong to the team', async () => {
      await createTeam(owner, 'has-ws');
      const ws = await owner.browser.request('POST', '/api/workspaces', { body: { name: 'Shared', kind: 'team', teamSlug: 'has-ws' } });
      expect(ws.status).toBe(201);
      const res = await owner.browser.request('DELETE', '/api/teams/has-ws');
      expect(res.status).toBe(409);
      expect((await res.json()).code).toBe('TEAM_HAS_WORKSPACES');
      expect(await rows(sql`select 1 from teams where slug = 'has-ws'`)).toHaveLength(1);
      expect(await rolesOf('has-ws')).toEqual({ [owner.person.username]: 'owner' });
    });
  });

  describe('member roles', () => {
    it('owner and admins change roles; nobody becomes or unseats the owner this way', async () => {
      await fullTeam('roles');
      const promote = await admin.browser.request('PATCH', `/api/teams/roles/members/${member.person.username}`, { body: { role: 'admin' } });
      expect(promote.status).toBe(200);
      expect((await promote.json()).role).toBe('admin');
      const demote = await owner.browser.request('PATCH', `/api/teams/roles/members/${member.person.username}`, { body: { role: 'member' } });
      expect(demote.status).toBe(200);

      const touchOwner = await admin.browser.request('PATCH', `/api/teams/roles/members/${owner.person.username}`, { body: { role: 'member' } });
      expect(touchOwner.status).toBe(403);
      const makeOwner = await owner.browser.request('PATCH', `/api/teams/roles/members/${admin.person.username}`, { body: { role: 'owner' } });
      expect(makeOwner.status).toBe(400);
      const byMember = await member.browser.request('PATCH', `/api/teams/roles/members/${admin.person.username}`, { body: { role: 'member' } });
      expect(byMember.status).toBe(403);
      expect((await stranger.browser.request('PATCH', `/api/teams/roles/members/${member.person.username}`, { body: { role: 'admin' } })).status).toBe(404);
      expect((await anonymous.request('PATCH', `/api/teams/roles/members/${member.person.username}`, { body: { role: 'admin' } })).status).toBe(401);
      const notMember = await owner.browser.request('PATCH', `/api/teams/roles/members/${stranger.person.username}`, { body: { role: 'admin' } });
      expect(notMember.status).toBe(404);
      expect((await notMember.json()).code).toBe('MEMBER_NOT_FOUND');
      expect(await rolesOf('roles')).toEqual({
        [owner.person.username]: 'owner',
        [admin.person.username]: 'admin',
        [member.person.username]: 'member',
      });
    });

    it('removes members; admins cannot remove the owner; members may remove only themselves', async () => {
      await fullTeam('removal');
      expect((await member.browser.request('DELETE', `/api/teams/removal/members/${admin.person.username}`)).status).toBe(403);
      expect((await admin.browser.request('DELETE', `/api/teams/removal/members/${owner.person.username}`)).status).toBe(403);
      expect((await stranger.browser.request('DELETE', `/api/teams/removal/members/${member.person.username}`)).status).toBe(404);
      expect((await anonymous.request('DELETE', `/api/teams/removal/members/${member.person.username}`)).status).toBe(401);
      expect((await admin.browser.request('DELETE', `/api/teams/removal/members/${member.person.username}`)).status).toBe(204);
      expect(await rolesOf('removal')).toEqual({ [owner.person.username]: 'owner', [admin.person.username]: 'admin' });
      expect((await member.browser.request('GET', '/api/teams/removal')).status).toBe(404);
      const self = await owner.browser.request('DELETE', `/api/teams/removal/members/${owner.person.username}`);
      expect(self.status).toBe(409);
      expect((await self.json()).code).toBe('OWNER_MUST_TRANSFER');
    });

    it('lets members leave, but the owner must transfer first', async () => {
      await fullTeam('leaving');
      expect((await member.browser.request('POST', '/api/teams/leaving/leave')).status).toBe(204);
      const byOwner = await owner.browser.request('POST', '/api/teams/leaving/leave');
      expect(byOwner.status).toBe(409);
      expect((await byOwner.json()).code).toBe('OWNER_MUST_TRANSFER');
      expect((await stranger.browser.request('POST', '/api/teams/leaving/leave')).status).toBe(404);
      expect((await anonymous.request('POST', '/api/teams/leaving/leave')).status).toBe(401);
      expect(await rolesOf('leaving')).toEqual({ [owner.person.username]: 'owner', [admin.person.username]: 'admin' });
    });

    it('transfers ownership to a member; the old owner becomes an admin', async () => {
      await fullTeam('handover');
      expect((await admin.browser.request('POST', '/api/teams/handover/transfer', { body: { username: admin.person.username } })).status).toBe(403);
      const outsider = await owner.browser.request('POST', '/api/teams/handover/transfer', { body: { username: stranger.person.username } });
      expect(outsider.status).toBe(404);
      expect((await owner.browser.request('POST', '/api/teams/handover/transfer', { body: {} })).status).toBe(400);
      expect((await anonymous.request('POST', '/api/teams/handover/transfer', { body: { username: member.person.username } })).status).toBe(401);
      expect(await rolesOf('handover')).toMatchObject({ [owner.person.username]: 'owner' });

      const res = await owner.browser.request('POST', '/api/teams/handover/transfer', { body: { username: member.person.username } });
      expect(res.status).toBe(200);
      expect((await res.json()).role).toBe('owner');
      expect(await rolesOf('handover')).toEqual({
        [owner.person.username]: 'admin',
        [admin.person.username]: 'admin',
        [member.person.username]: 'owner',
      });
      expect((await owner.browser.request('POST', '/api/teams/handover/leave')).status).toBe(204);
      expect((await owner.browser.request('DELETE', '/api/teams/handover')).status).toBe(404);
    });

    it('keeps exactly one owner in the database', async () => {
      await createTeam(owner, 'one-owner');
      await expect(
        t.database.db.execute(
          sql`insert into team_members (team_id, user_id, role) select id, ${stranger.account.id}, 'owner' from teams where slug = 'one-owner'`,
        ),
      ).rejects.toThrow();
    });
  });
});
