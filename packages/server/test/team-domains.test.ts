import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { createInlineJobQueue } from '../src/jobs/queue.ts';
import { APPLY_JOB } from '../src/modules/team-domains/service.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser } from './support/browser.ts';
import { SETUP_TIMEOUT_MS } from './support/content.ts';
import { startDnsServer } from './support/dns-server.ts';
import { createTeam, joinTeam } from './support/teams.ts';

const START = new Date('2026-09-01T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'correct horse battery';

// P11, P12, P23: verified domains by DNS TXT record, masked emails, domain capture with notice,
// and email changes of managed accounts waiting for a team admin's approval.
forEachDatabase('team domains (P11, P12)', (target) => {
  let t: TestApp;
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let now = START;
  const mailer = new MemoryMailer();
  const jobs = createInlineJobQueue((name, error) => {
    throw new Error(`job ${name} failed: ${String(error)}`);
  });

  beforeAll(async () => {
    dns = await startDnsServer();
    t = await openTestApp(target, { mailer, jobs, clock: () => now, publicUrl: 'https://postern.example', dnsResolver: dns.address });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await dns?.close();
  });

  let n = 0;
  /** A person with an address in `domain`. */
  const person = (domain: string) => {
    n += 1;
    return signUpPerson(t.app, { username: `dom_${n}_${Date.now() % 100000}`, email: `user${n}.${Date.now() % 100000}@${domain}` });
  };
  const addDomain = async (browser: Browser, slug: string, domain: string) => {
    const res = await browser.request('POST', `/api/teams/${slug}/domains`, { body: { domain } });
    expect(res.status).toBe(201);
    return res.json() as Promise<{ domain: string; status: string; record: { name: string; type: string; value: string } }>;
  };
  const verify = (browser: Browser, slug: string, domain: string) => browser.request('POST', `/api/teams/${slug}/domains/${domain}/verify`);
  const audit = (teamId: string | null, action: string) =>
    queryRows<{ action: string; target_id: string; team_id: string | null; details: Record<string, unknown> }>(
      t.database.db,
      sql`select action, target_id, team_id, details from audit_events where action = ${action} and (${teamId}::uuid is null or team_id = ${teamId}::uuid)`,
    );
  const teamId = async (slug: string) =>
    (await queryRows<{ id: string }>(t.database.db, sql`select id from teams where slug = ${slug}`))[0]!.id;

  it('gives a TXT record, verifies it through the configured resolver, and audits it', async () => {
    const owner = await person('verify.test');
    await createTeam(owner, 'verify-team');
    const added = await addDomain(owner.browser, 'verify-team', 'Verify.Test.');
    expect(added).toMatchObject({ domain: 'verify.test', status: 'pending', record: { name: '_postern-challenge.verify.test', type: 'TXT' } });
    expect(added.record.value).toMatch(/^postern-verification=[A-Za-z0-9_-]{24}$/);

    // NXDOMAIN: the challenge name does not exist.
    const missingName = await verify(owner.browser, 'verify-team', 'verify.test');
    expect(missingName.status).toBe(422);
    expect((await missingName.json()).code).toBe('DNS_NAME_NOT_FOUND');
    // The name exists with no TXT record.
    dns.records.set('_postern-challenge.verify.test', []);
    expect((await (await verify(owner.browser, 'verify-team', 'verify.test')).json()).code).toBe('DNS_RECORD_MISSING');
    // A wrong token.
    dns.records.set('_postern-challenge.verify.test', ['postern-verification=not-the-token', 'v=spf1 -all']);
    const wrong = await verify(owner.browser, 'verify-team', 'verify.test');
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).code).toBe('DNS_RECORD_MISMATCH');

    dns.records.set('_postern-challenge.verify.test', ['v=spf1 -all', added.record.value]);
    const ok = await verify(owner.browser, 'verify-team', 'verify.test');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'verified', verifiedAt: START.toISOString() });
    const id = await teamId('verify-team');
    expect(await audit(id, 'team.domain_added')).toHaveLength(1);
    expect(await audit(id, 'team.domain_verified')).toMatchObject([{ team_id: id, details: { domain: 'verify.test' } }]);

    // A re-check finds it again; a re-check without the record un-verifies it.
    expect((await verify(owner.browser, 'verify-team', 'verify.test')).status).toBe(200);
    expect(await audit(id, 'team.domain_rechecked')).toHaveLength(1);
    dns.records.delete('_postern-challenge.verify.test');
    expect((await verify(owner.browser, 'verify-team', 'verify.test')).status).toBe(422);
    const [listed] = (await (await owner.browser.request('GET', '/api/teams/verify-team/domains')).json()).items;
    expect(listed).toMatchObject({ domain: 'verify.test', status: 'pending', verifiedAt: null });

    // Adding it twice is refused; removal works and is audited.
    expect((await owner.browser.request('POST', '/api/teams/verify-team/domains', { body: { domain: 'verify.test' } })).status).toBe(409);
    const bad = await owner.browser.request('POST', '/api/teams/verify-team/domains', { body: { domain: 'https://x' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('body.domain');
    expect((await owner.browser.request('DELETE', '/api/teams/verify-team/domains/verify.test')).status).toBe(204);
    expect((await owner.browser.request('GET', '/api/teams/verify-team/domains')).status).toBe(200);
    expect(await audit(id, 'team.domain_removed')).toHaveLength(1);
    expect((await verify(owner.browser, 'verify-team', 'verify.test')).status).toBe(404);
  });

  it('lets only one team verify a domain, and keeps domains from members (403) and outsiders (404)', async () => {
    const a = await person('shared.test');
    const b = await person('other.test');
    const member = await person('other.test');
    await createTeam(a, 'team-a');
    await createTeam(b, 'team-b');
    await joinTeam(mailer, b, member, 'team-b');
    const ra = await addDomain(a.browser, 'team-a', 'shared.test');
    const rb = await addDomain(b.browser, 'team-b', 'shared.test');
    dns.records.set('_postern-challenge.shared.test', [ra.record.value, rb.record.value]);
    expect((await verify(a.browser, 'team-a', 'shared.test')).status).toBe(200);
    const second = await verify(b.browser, 'team-b', 'shared.test');
    expect(second.status).toBe(409);
    expect((await second.json()).code).toBe('DOMAIN_VERIFIED_BY_ANOTHER_TEAM');

    const asMember = await member.browser.request('POST', '/api/teams/team-b/domains', { body: { domain: 'member.test' } });
    expect(asMember.status).toBe(403);
    expect((await asMember.json()).code).toBe('TEAM_ROLE_REQUIRED');
    expect((await member.browser.request('GET', '/api/teams/team-b/domains')).status).toBe(403);
    expect((await verify(member.browser, 'team-b', 'shared.test')).status).toBe(403);
    const outsider = await a.browser.request('GET', '/api/teams/team-b/domains');
    expect(outsider.status).toBe(404);
    expect((await outsider.json()).code).toBe('TEAM_NOT_FOUND');
    expect((await verify(a.browser, 'team-b', 'shared.test')).status).toBe(404);

    // The sign-up and email settings warnings learn which team holds the domain.
    const lookup = await (await a.browser.request('GET', '/api/team-domains/lookup?email=x@Shared.test')).json();
    expect(lookup).toEqual({ domain: 'shared.test', team: 'Team team-a', managed: false });
    expect(await (await a.browser.request('GET', '/api/team-domains/lookup?email=x@nobody.test')).json()).toMatchObject({ team: null });
  });

  it('shows owners and admins members’ emails in full only within verified domains (P12)', async () => {
    const owner = await person('mask.test');
    const inside = await person('mask.test');
    const outside = await person('elsewhere.test');
    await createTeam(owner, 'mask-team');
    await joinTeam(mailer, owner, inside, 'mask-team');
    await joinTeam(mailer, owner, outside, 'mask-team');
    const emails = async (browser: Browser) =>
      Object.fromEntries(
        ((await (await browser.request('GET', '/api/teams/mask-team/members')).json()).items as { username: string; email?: string }[]).map((m) => [
          m.username,
          m.email,
        ]),
      );
    const masked = (email: string) => `${email[0]}•••@${email.split('@')[1]}`;
    // No verified domain yet: every address is masked.
    let seen = await emails(owner.browser);
    expect(seen[inside.person.username]).toBe(masked(inside.person.email));
    expect(seen[outside.person.username]).toBe(masked(outside.person.email));
    // Members see no emails at all.
    expect(Object.values(await emails(inside.browser)).every((e) => e === undefined)).toBe(true);

    const added = await addDomain(owner.browser, 'mask-team', 'mask.test');
    dns.records.set('_postern-challenge.mask.test', [added.record.value]);
    expect((await verify(owner.browser, 'mask-team', 'mask.test')).status).toBe(200);
    seen = await emails(owner.browser);
    expect(seen[inside.person.username]).toBe(inside.person.email);
    expect(seen[outside.person.username]).toBe(masked(outside.person.email));
    expect(JSON.stringify(seen)).not.toContain(outside.person.email);

    // A suspended admin sees the team but manages none of its domains.
    expect((await owner.browser.request('PATCH', `/api/teams/mask-team/members/${inside.person.username}`, { body: { role: 'admin' } })).status).toBe(200);
    expect((await inside.browser.request('GET', '/api/teams/mask-team/domains')).status).toBe(200);
    expect((await owner.browser.request('PUT', `/api/teams/mask-team/members/${inside.person.username}/suspension`)).status).toBe(200);
    const suspended = await inside.browser.request('GET', '/api/teams/mask-team/domains');
    expect(suspended.status).toBe(403);
    expect((await suspended.json()).code).toBe('TEAM_ROLE_REQUIRED');
  });

  describe('domain capture and approval of email changes (P11)', () => {
    let owner: Awaited<ReturnType<typeof signUpPerson>>;
    let admin: Awaited<ReturnType<typeof signUpPerson>>;
    let employee: Awaited<ReturnType<typeof signUpPerson>>;
    let outsider: Awaited<ReturnType<typeof signUpPerson>>;
    let otherAdmin: Awaited<ReturnType<typeof signUpPerson>>;
    let id: string;

    beforeAll(async () => {
      owner = await person('acme.test');
      admin = await person('acme.test');
      employee = await person('acme.test');
      outsider = await person('free.test');
      otherAdmin = await person('free.test');
      await createTeam(owner, 'acme');
      await joinTeam(mailer, owner, admin, 'acme', 'admin');
      await createTeam(otherAdmin, 'free');
      id = await teamId('acme');
    });

    it('refuses capture before verification, and by an admin who is not the owner', async () => {
      const added = await addDomain(owner.browser, 'acme', 'acme.test');
      const early = await owner.browser.request('POST', '/api/teams/acme/domains/acme.test/capture', { body: { noticeDays: 3 } });
      expect(early.status).toBe(409);
      expect((await early.json()).code).toBe('DOMAIN_NOT_VERIFIED');
      dns.records.set('_postern-challenge.acme.test', [added.record.value]);
      expect((await verify(admin.browser, 'acme', 'acme.test')).status).toBe(200);
      const byAdmin = await admin.browser.request('POST', '/api/teams/acme/domains/acme.test/capture', { body: { noticeDays: 3 } });
      expect(byAdmin.status).toBe(403);
      const tooShort = await owner.browser.request('POST', '/api/teams/acme/domains/acme.test/capture', { body: { noticeDays: 0 } });
      expect(tooShort.status).toBe(400);
    });

    it('tells every account in the domain first and manages them only after the notice', async () => {
      const sentBefore = mailer.sent.length;
      const res = await owner.browser.request('POST', '/api/teams/acme/domains/acme.test/capture', {
        body: { noticeDays: 3, contact: 'the IT desk in room 4' },
      });
      expect(res.status).toBe(200);
      const effectiveAt = new Date(START.getTime() + 3 * DAY).toISOString();
      expect((await res.json()).capture).toMatchObject({ noticeDays: 3, effectiveAt, notifiedAccounts: 3, managedAccounts: 0 });
      // Email: what changes, when, who to contact. Nobody outside the domain is told.
      const notice = mailer.to(employee.person.email).at(-1)!;
      expect(notice.subject).toBe('Your Postern account will be managed by Team acme');
      expect(notice.text).toContain('from 2026-09-04 (UTC)');
      expect(notice.text).toContain('approval');
      expect(notice.text).toContain(`ask the team's owner, ${owner.person.username}, or the IT desk in room 4`);
      expect(mailer.sent.slice(sentBefore).map((m) => m.to)).not.toContain(outsider.person.email);
      // In-app notification.
      const feed = await (await employee.browser.request('GET', '/api/me/notifications')).json();
      expect(feed.items[0].title).toContain('Team acme will manage your account from 2026-09-04');
      expect(await audit(id, 'team.domain_capture_started')).toMatchObject([{ details: { noticeDays: 3, notified: 3 } }]);
      expect((await owner.browser.request('POST', '/api/teams/acme/domains/acme.test/capture', { body: {} })).status).toBe(409);

      // Before the effective time: not managed; an email change goes through as usual.
      expect(await (await employee.browser.request('GET', '/api/me/managed-account')).json()).toMatchObject({
        managedBy: { team: 'Team acme', active: false },
        pendingApproval: null,
      });
      const before = await employee.browser.request('POST', '/api/me/email-change', { body: { newEmail: 'early@free.test', password: PASSWORD } });
      expect(await before.json()).toEqual({ pendingEmail: 'early@free.test' });
      expect((await employee.browser.request('DELETE', '/api/me/email-change')).status).toBe(204);
      await jobs.send(APPLY_JOB, {});
      await jobs.drain();
      expect(await audit(id, 'account.managed')).toHaveLength(0);
      const managedInList = async () => {
        const members = (await (await owner.browser.request('GET', '/api/teams/acme/members')).json()).items as { username: string; managed?: boolean }[];
        return members.find((m) => m.username === admin.person.username)?.managed;
      };
      expect(await managedInList()).toBe(false);

      now = new Date(START.getTime() + 3 * DAY + 1000);
      await jobs.send(APPLY_JOB, {});
      await jobs.drain();
      const managed = await audit(id, 'account.managed');
      expect(managed.map((e) => e.target_id).sort()).toEqual([owner.account.id, admin.account.id, employee.account.id].sort());
      expect(await (await employee.browser.request('GET', '/api/me/managed-account')).json()).toMatchObject({ managedBy: { active: true } });
      // The console's member list shows it (to owners and admins, like suspensions).
      expect(await managedInList()).toBe(true);
    });

    it('makes a managed account’s email change wait for an admin of the managing team', async () => {
      const newEmail = `moved.${employee.person.username}@free.test`;
      const res = await employee.browser.request('POST', '/api/me/email-change', { body: { newEmail, password: PASSWORD } });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ pendingEmail: newEmail, awaitingApproval: true, managedBy: 'Team acme' });
      // Nothing went to the new address; the person is told it waits.
      expect(mailer.to(newEmail)).toHaveLength(0);
      expect(mailer.to(employee.person.email).at(-1)!.subject).toBe('Your email change waits for approval');
      expect(await (await employee.browser.request('GET', '/api/me/managed-account')).json()).toMatchObject({ pendingApproval: newEmail });
      expect((await (await employee.browser.request('GET', '/api/me')).json()).email).toBe(employee.person.email);

      // Admins see it (the new address outside the verified domain is masked); an admin of another team cannot approve.
      const list = await (await admin.browser.request('GET', '/api/teams/acme/email-change-approvals')).json();
      expect(list.items).toEqual([
        expect.objectContaining({ username: employee.person.username, currentEmail: employee.person.email, newEmail: `m•••@free.test` }),
      ]);
      const adminFeed = await (await admin.browser.request('GET', '/api/me/notifications')).json();
      expect(adminFeed.items[0].title).toBe('An email change in Team acme waits for your approval');
      const foreign = await otherAdmin.browser.request('POST', `/api/teams/free/email-change-approvals/${employee.person.username}/approve`);
      expect(foreign.status).toBe(404);
      expect((await foreign.json()).code).toBe('NO_PENDING_APPROVAL');
      expect((await otherAdmin.browser.request('POST', `/api/teams/acme/email-change-approvals/${employee.person.username}/approve`)).status).toBe(404);
      expect(mailer.to(newEmail)).toHaveLength(0);

      // Approval: the normal confirmation flow continues.
      expect((await admin.browser.request('POST', `/api/teams/acme/email-change-approvals/${employee.person.username}/approve`)).status).toBe(204);
      const confirm = mailer.to(newEmail).at(-1)!;
      expect(confirm.subject).toBe('Confirm your new email address for Postern');
      const token = /email-change#token=([A-Za-z0-9_-]+)/.exec(confirm.text)![1];
      expect((await employee.browser.request('POST', '/api/email-changes/complete', { body: { token } })).status).toBe(204);
      expect((await (await employee.browser.request('GET', '/api/me')).json()).email).toBe(newEmail);
      expect(await audit(id, 'account.email_change_approved')).toMatchObject([{ target_id: employee.account.id, team_id: id }]);
      expect((await (await admin.browser.request('GET', '/api/teams/acme/email-change-approvals')).json()).items).toEqual([]);
    });

    it('lets an admin deny a change, and leaves non-managed accounts alone', async () => {
      const newEmail = `away.${admin.person.username}@free.test`;
      const res = await admin.browser.request('POST', '/api/me/email-change', { body: { newEmail, password: PASSWORD } });
      expect((await res.json()).awaitingApproval).toBe(true);
      expect((await owner.browser.request('POST', `/api/teams/acme/email-change-approvals/${admin.person.username}/deny`)).status).toBe(204);
      expect(mailer.to(admin.person.email).at(-1)!.subject).toBe('Your email change was not approved');
      expect(mailer.to(newEmail)).toHaveLength(0);
      expect(await (await admin.browser.request('GET', '/api/me/managed-account')).json()).toMatchObject({ pendingApproval: null });
      expect(await audit(id, 'account.email_change_denied')).toHaveLength(1);
      // Approving what no longer waits.
      expect((await owner.browser.request('POST', `/api/teams/acme/email-change-approvals/${admin.person.username}/approve`)).status).toBe(404);

      // An account outside the domain changes its email as before.
      const free = await outsider.browser.request('POST', '/api/me/email-change', { body: { newEmail: `new.${outsider.person.username}@free.test`, password: PASSWORD } });
      expect(await free.json()).toEqual({ pendingEmail: `new.${outsider.person.username}@free.test` });
      expect(await (await outsider.browser.request('GET', '/api/me/managed-account')).json()).toEqual({ managedBy: null, pendingApproval: null });
    });

    it('manages a new sign-up in the captured domain at once and tells them', async () => {
      const lookup = await (await outsider.browser.request('GET', '/api/team-domains/lookup?email=new@acme.test')).json();
      expect(lookup).toEqual({ domain: 'acme.test', team: 'Team acme', managed: true });
      const newcomer = await person('acme.test');
      expect(mailer.to(newcomer.person.email).some((m) => m.subject === 'Your Postern account will be managed by Team acme')).toBe(true);
      const change = await newcomer.browser.request('POST', '/api/me/email-change', { body: { newEmail: `x.${newcomer.person.username}@free.test`, password: PASSWORD } });
      expect((await change.json()).awaitingApproval).toBe(true);
    });

    it('releases the accounts when the domain is removed', async () => {
      expect((await owner.browser.request('DELETE', '/api/teams/acme/domains/acme.test')).status).toBe(204);
      expect(await (await employee.browser.request('GET', '/api/me/managed-account')).json()).toMatchObject({ managedBy: null });
    });
  });
});
