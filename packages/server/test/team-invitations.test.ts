import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { createTeamStore } from '../src/modules/teams/store.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { createTeam, invitationTokenFor, joinTeam } from './support/teams.ts';

// Setup migrates a database and signs several people up: allow for a busy machine.
const SETUP_TIMEOUT_MS = 120_000;
type Person = Awaited<ReturnType<typeof signUpPerson>>;
const DAY = 24 * 60 * 60 * 1000;

forEachDatabase('team invitations', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let now = new Date('2026-06-15T12:00:00Z');
  let owner: Person;
  let admin: Person;
  let member: Person;
  let stranger: Person;
  let anonymous: Browser;

  beforeAll(async () => {
    t = await openTestApp(target, { mailer, clock: () => now, publicUrl: 'https://postern.example' });
    owner = await signUpPerson(t.app);
    admin = await signUpPerson(t.app);
    member = await signUpPerson(t.app);
    stranger = await signUpPerson(t.app);
    anonymous = new Browser(t.app);
    await createTeam(owner, 'crew', 'The Crew');
    await joinTeam(mailer, owner, admin, 'crew', 'admin');
    await joinTeam(mailer, owner, member, 'crew', 'member');
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const invitationRows = (email: string) =>
    queryRows<{ email: string; token_hash: string; role: string; expires_at: Date }>(
      t.database.db,
      sql`select email, token_hash, role, expires_at from team_invitations where lower(email) = lower(${email})`,
    );
  const countInvitations = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from team_invitations`))[0]!.n;
  const invite = (by: Person | { browser: Browser }, email: string, role = 'member', slug = 'crew') =>
    by.browser.request('POST', `/api/teams/${slug}/invitations`, { body: { email, role } });

  describe('POST /api/teams/:slug/invitations', () => {
    it('emails a single-use link and stores only a hash of its token, for 7 days', async () => {
      const res = await admin.browser.request('POST', '/api/teams/crew/invitations', { body: { email: ' New.Person@Example.test ' } });
      expect(res.status).toBe(201);
      const invitation = await res.json();
      expect(invitation).toEqual({
        id: expect.any(String),
        email: 'New.Person@Example.test',
        role: 'member',
        invitedBy: admin.person.username,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 7 * DAY).toISOString(),
      });
      const [message] = mailer.to('new.person@example.test');
      expect(message!.subject).toBe('Join The Crew on Postern');
      expect(message!.text).toContain(admin.person.username);
      expect(message!.text).toMatch(/https:\/\/postern\.example\/invitations#token=[A-Za-z0-9_-]{43}/);
      const token = invitationTokenFor(mailer, 'new.person@example.test');
      const [row] = await invitationRows('new.person@example.test');
      expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row!.token_hash).not.toContain(token);
    });

    it('replaces an earlier invitation of the same address', async () => {
      await invite(owner, 'twice@example.test');
      const first = invitationTokenFor(mailer, 'twice@example.test');
      await invite(owner, 'TWICE@example.test', 'admin');
      const second = invitationTokenFor(mailer, 'twice@example.test');
      expect(await invitationRows('twice@example.test')).toHaveLength(1);
      expect((await stranger.browser.request('GET', `/api/invitations/${first}`)).status).toBe(404);
      expect((await (await stranger.browser.request('GET', `/api/invitations/${second}`)).json()).role).toBe('admin');
    });

    it('is for the owner and admins: members 403, outsiders 404, anonymous 401; nothing saved or sent', async () => {
      const before = { rows: await countInvitations(), mail: mailer.sent.length };
      const byMember = await invite(member, 'x1@example.test');
      expect(byMember.status).toBe(403);
      expect((await byMember.json()).code).toBe('TEAM_ROLE_REQUIRED');
      const byStranger = await invite(stranger, 'x2@example.test');
      expect(byStranger.status).toBe(404);
      expect((await byStranger.json()).code).toBe('TEAM_NOT_FOUND');
      expect((await invite({ browser: anonymous }, 'x3@example.test')).status).toBe(401);
      expect(await countInvitations()).toBe(before.rows);
      expect(mailer.sent.length).toBe(before.mail);
    });

    it('refuses invalid input; nothing saved or sent', async () => {
      const before = { rows: await countInvitations(), mail: mailer.sent.length };
      for (const body of [{ email: 'not-an-email' }, { email: 'a@example.test', role: 'owner' }, {}, { email: `${'a'.repeat(250)}@x.test` }]) {
        const res = await owner.browser.request('POST', '/api/teams/crew/invitations', { body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      }
      expect(await countInvitations()).toBe(before.rows);
      expect(mailer.sent.length).toBe(before.mail);
    });

    it('keeps no invitation (and no address) when the email cannot be sent', async () => {
      // The same database, an app whose mail transport fails.
      const broken = createApp({
        database: t.database,
        passwordHashing: FAST_HASHING,
        clock: () => now,
        reportError: () => {},
        mailer: { send: () => Promise.reject(new Error('smtp down')) },
      });
      const ownerBrowser = new Browser(broken);
      expect((await ownerBrowser.request('POST', '/api/sessions', { body: { login: owner.person.username, password: owner.person.password } })).status).toBe(200);
      const res = await ownerBrowser.request('POST', '/api/teams/crew/invitations', { body: { email: 'lost@example.test' } });
      expect(res.status).toBe(500);
      expect(await invitationRows('lost@example.test')).toHaveLength(0);
    });
  });

  describe('listing and revoking', () => {
    it('lists pending invitations to the owner and admins, paginated', async () => {
      await invite(owner, 'list1@example.test');
      await invite(owner, 'list2@example.test');
      const first = await (await admin.browser.request('GET', '/api/teams/crew/invitations?limit=1')).json();
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const all = [];
      for (let cursor: string | null = null, i = 0; i < 20; i++) {
        const page = await (await owner.browser.request('GET', `/api/teams/crew/invitations?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        all.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(all.map((i: { email: string }) => i.email)).toEqual(expect.arrayContaining(['list1@example.test', 'list2@example.test']));
      expect(all).toHaveLength(await countInvitations());
      expect((await member.browser.request('GET', '/api/teams/crew/invitations')).status).toBe(403);
      expect((await stranger.browser.request('GET', '/api/teams/crew/invitations')).status).toBe(404);
      expect((await anonymous.request('GET', '/api/teams/crew/invitations')).status).toBe(401);
    });

    it('revokes: the row and the address are deleted, the link stops working', async () => {
      const created = await (await invite(owner, 'revoked@example.test')).json();
      const token = invitationTokenFor(mailer, 'revoked@example.test');
      expect((await member.browser.request('DELETE', `/api/teams/crew/invitations/${created.id}`)).status).toBe(403);
      expect((await stranger.browser.request('DELETE', `/api/teams/crew/invitations/${created.id}`)).status).toBe(404);
      expect((await anonymous.request('DELETE', `/api/teams/crew/invitations/${created.id}`)).status).toBe(401);
      expect((await owner.browser.request('DELETE', '/api/teams/crew/invitations/not-a-uuid')).status).toBe(400);
      expect(await invitationRows('revoked@example.test')).toHaveLength(1);
      expect((await admin.browser.request('DELETE', `/api/teams/crew/invitations/${created.id}`)).status).toBe(204);
      expect(await invitationRows('revoked@example.test')).toHaveLength(0);
      expect((await stranger.browser.request('POST', `/api/invitations/${token}/accept`)).status).toBe(404);
      const again = await admin.browser.request('DELETE', `/api/teams/crew/invitations/${created.id}`);
      expect(again.status).toBe(404);
      expect((await again.json()).code).toBe('INVITATION_NOT_FOUND');
    });

    it("cannot revoke another team's invitation", async () => {
      await createTeam(stranger, 'elsewhere');
      const created = await (await invite(stranger, 'theirs@example.test', 'member', 'elsewhere')).json();
      expect((await owner.browser.request('DELETE', `/api/teams/crew/invitations/${created.id}`)).status).toBe(404);
      expect(await invitationRows('theirs@example.test')).toHaveLength(1);
    });
  });

  describe('following the link', () => {
    it('previews team, inviter and role to a signed-in person, without the address', async () => {
      await invite(owner, 'preview@example.test', 'admin');
      const token = invitationTokenFor(mailer, 'preview@example.test');
      const res = await stranger.browser.request('GET', `/api/invitations/${token}`);
      expect(res.status).toBe(200);
      const preview = await res.json();
      expect(preview).toEqual({
        team: { slug: 'crew', name: 'The Crew' },
        invitedBy: owner.person.username,
        role: 'admin',
        expiresAt: new Date(now.getTime() + 7 * DAY).toISOString(),
      });
      expect(JSON.stringify(preview)).not.toContain('preview@example.test');
      expect((await anonymous.request('GET', `/api/invitations/${token}`)).status).toBe(401);
      expect((await stranger.browser.request('GET', '/api/invitations/short')).status).toBe(400);
      const unknown = await stranger.browser.request('GET', `/api/invitations/${'A'.repeat(43)}`);
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).code).toBe('INVITATION_NOT_FOUND');
    });

    it("accepts with any account (the address need not match); the address is then gone", async () => {
      const joiner = await signUpPerson(t.app);
      await invite(owner, 'someone.else@example.test', 'admin');
      const token = invitationTokenFor(mailer, 'someone.else@example.test');
      expect((await anonymous.request('POST', `/api/invitations/${token}/accept`)).status).toBe(401);
      const res = await joiner.browser.request('POST', `/api/invitations/${token}/accept`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ slug: 'crew', role: 'admin' });
      expect((await joiner.browser.request('GET', '/api/teams/crew')).status).toBe(200);
      expect(await invitationRows('someone.else@example.test')).toHaveLength(0);
      const anywhere = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from team_invitations where email ilike ${'%someone.else%'}`,
      );
      expect(anywhere[0]!.n).toBe(0);
      // Single use.
      expect((await stranger.browser.request('POST', `/api/invitations/${token}/accept`)).status).toBe(404);
      expect((await stranger.browser.request('GET', '/api/teams/crew')).status).toBe(404);
    });

    it('an existing member accepting keeps their role', async () => {
      await invite(owner, 'admin-again@example.test', 'member');
      const res = await admin.browser.request('POST', `/api/invitations/${invitationTokenFor(mailer, 'admin-again@example.test')}/accept`);
      expect(res.status).toBe(200);
      expect((await res.json()).role).toBe('admin');
      expect(await invitationRows('admin-again@example.test')).toHaveLength(0);
    });

    it('declines without an account; the address is gone and the link dead', async () => {
      await invite(owner, 'no.thanks@example.test');
      const token = invitationTokenFor(mailer, 'no.thanks@example.test');
      expect((await anonymous.request('POST', `/api/invitations/${'x'}/decline`)).status).toBe(400);
      expect((await anonymous.request('POST', `/api/invitations/${token}/decline`)).status).toBe(204);
      expect(await invitationRows('no.thanks@example.test')).toHaveLength(0);
      expect((await anonymous.request('POST', `/api/invitations/${token}/decline`)).status).toBe(404);
      expect((await stranger.browser.request('POST', `/api/invitations/${token}/accept`)).status).toBe(404);
    });
  });

  describe('expiry', () => {
    it('after 7 days the link is dead and the row with its address is swept', async () => {
      await invite(owner, 'late@example.test');
      const token = invitationTokenFor(mailer, 'late@example.test');
      now = new Date(now.getTime() + 7 * DAY + 1000);
      try {
        expect(await invitationRows('late@example.test')).toHaveLength(1);
        expect((await stranger.browser.request('POST', `/api/invitations/${token}/accept`)).status).toBe(404);
        expect(await invitationRows('late@example.test')).toHaveLength(0);
        expect((await stranger.browser.request('GET', '/api/teams/crew')).status).toBe(404);
      } finally {
        now = new Date(now.getTime() - 7 * DAY - 1000);
      }
    });

    it('listing sweeps expired invitations', async () => {
      await invite(owner, 'swept@example.test');
      now = new Date(now.getTime() + 8 * DAY);
      try {
        const list = await (await owner.browser.request('GET', '/api/teams/crew/invitations')).json();
        expect(list.items.map((i: { email: string }) => i.email)).not.toContain('swept@example.test');
        expect(await invitationRows('swept@example.test')).toHaveLength(0);
      } finally {
        now = new Date(now.getTime() - 8 * DAY);
      }
    });

    it('the store deletes what expired by a given time, and nothing else', async () => {
      await invite(owner, 'old@example.test');
      const store = createTeamStore(t.database.db);
      const pending = await countInvitations();
      expect(await store.deleteExpired(new Date(now.getTime() + 6 * DAY))).toBe(0);
      expect(await countInvitations()).toBe(pending);
      expect(await store.deleteExpired(new Date(now.getTime() + 7 * DAY))).toBe(pending);
      expect(await countInvitations()).toBe(0);
      expect(await invitationRows('old@example.test')).toHaveLength(0);
    });
  });
});
