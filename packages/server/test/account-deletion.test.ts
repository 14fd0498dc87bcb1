import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { subjectRows } from '../src/db/datamap/index.ts';
import { createInlineJobQueue } from '../src/jobs/queue.ts';
import { eraseAccount } from '../src/modules/account-deletion/erasure.ts';
import { openAccountPurger } from '../src/modules/account-deletion/purger.ts';
import { ERASE_JOB } from '../src/modules/account-deletion/service.ts';
import { createAuditService } from '../src/modules/audit/service.ts';
import { createAuditStore } from '../src/modules/audit/store.ts';
import { createDeletionLedger } from '../src/modules/deletion-ledger/service.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { createWorkspace, importCollection, loadFixtureCollection } from './support/content.ts';
import type { Person } from './support/content.ts';
import { createTeam, joinTeam } from './support/teams.ts';

const T0 = new Date('2026-07-01T09:00:10Z');
const DAY = 24 * 60 * 60 * 1000;

forEachDatabase('account deletion (P24)', (target) => {
  let t: TestApp;
  let now = T0;
  const clock = () => now;
  const mailer = new MemoryMailer();
  const secretKey = randomBytes(32);
  const jobs = createInlineJobQueue((name, error) => {
    throw new Error(`job ${name} failed: ${String(error)}`);
  });
  let operator: Person;

  beforeAll(async () => {
    t = await openTestApp(target, { clock, mailer, secretKey, jobs });
    operator = await signUpPerson(t.app);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const purger = () =>
    openAccountPurger({
      db: t.database.db,
      secretKey,
      clock,
      mailer,
      audit: createAuditService({ store: createAuditStore(t.database.db), clock }),
      reportError: (error) => {
        throw error;
      },
    });
  const ledger = () => createDeletionLedger({ db: t.database.db, secretKey, clock });
  const rows = <R extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<R>(t.database.db, query);
  const restoreTokenFor = (email: string) => {
    const token = mailer.to(email).at(-1)?.text.match(/\/restore-account#token=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no restore link sent to ${email}`);
    return token;
  };
  const signIn = (login: string, password = 'correct horse battery', extra: Record<string, unknown> = {}) =>
    new Browser(t.app).request('POST', '/api/sessions', { body: { login, password, ...extra } });
  const restore = (body: Record<string, unknown>) => new Browser(t.app).request('POST', '/api/account-restorations', { body });

  describe('re-authentication', () => {
    it('needs the right password, and the authenticator code when 2FA is on', async () => {
      const p = await signUpPerson(t.app);
      const missing = await p.browser.request('POST', '/api/me/deletion', { body: {} });
      expect(missing.status).toBe(400);
      expect((await missing.json()).code).toBe('PASSWORD_REQUIRED');
      const wrong = await p.browser.request('POST', '/api/me/deletion', { body: { password: 'not my password' } });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).code).toBe('PASSWORD_INCORRECT');
      // Without the CSRF header a cookie session cannot delete.
      expect((await p.browser.request('POST', '/api/me/deletion', { body: { password: p.person.password }, csrf: 'nope' })).status).toBe(403);
      // API keys never manage the account.
      const key = await (await p.browser.request('POST', '/api/me/api-keys', { body: { name: 'ci', scopes: ['read', 'write'], expiresInDays: null } })).json();
      const byKey = await t.app.request('/api/me/deletion', { headers: { Authorization: `Bearer ${key.key}` } });
      expect(byKey.status).toBe(403);

      const secret = (await (await p.browser.request('POST', '/api/me/totp')).json()).secret as string;
      const code = (at: Date) => TOTP.generate({ secret: toSecret(secret), timestamp: at.getTime() });
      expect((await p.browser.request('POST', '/api/me/totp/confirm', { body: { code: code(now) } })).status).toBe(200);
      expect((await (await p.browser.request('GET', '/api/me/deletion')).json()).reauthentication).toEqual({ method: 'password', totp: true });
      now = new Date(now.getTime() + 60_000);
      const noTotp = await p.browser.request('POST', '/api/me/deletion', { body: { password: p.person.password } });
      expect(noTotp.status).toBe(401);
      expect((await noTotp.json()).code).toBe('TOTP_REQUIRED');
      const badTotp = await p.browser.request('POST', '/api/me/deletion', { body: { password: p.person.password, totpCode: code(new Date(now.getTime() - 10 * 60_000)) } });
      expect(badTotp.status).toBe(401);
      expect((await badTotp.json()).code).toBe('TOTP_INVALID');
      expect((await p.browser.request('GET', '/api/me')).status).toBe(200);
      const ok = await p.browser.request('POST', '/api/me/deletion', { body: { password: p.person.password, totpCode: code(now) } });
      expect(ok.status).toBe(202);
    });

    it('asks accounts without a password for an emailed code, with limited attempts and an expiry', async () => {
      const p = await signUpPerson(t.app);
      await t.database.db.execute(sql`update users set password_hash = null where id = ${p.account.id}`);
      expect((await (await p.browser.request('GET', '/api/me/deletion')).json()).reauthentication).toEqual({ method: 'email_code', totp: false });
      const noCode = await p.browser.request('POST', '/api/me/deletion', { body: {} });
      expect((await noCode.json()).code).toBe('DELETION_CODE_REQUIRED');
      expect((await p.browser.request('POST', '/api/me/deletion/code')).status).toBe(204);
      const code = mailer.to(p.person.email).at(-1)!.text.match(/code: (\d{6})/)![1]!;
      const wrongCode = code === '000000' ? '000001' : '000000';
      for (let i = 1; i <= 4; i++) {
        const res = await p.browser.request('POST', '/api/me/deletion', { body: { code: wrongCode } });
        expect(res.status).toBe(403);
        expect((await res.json()).code).toBe('DELETION_CODE_INVALID');
      }
      // The fifth wrong guess kills the code: even the right one no longer works.
      expect((await (await p.browser.request('POST', '/api/me/deletion', { body: { code: wrongCode } })).json()).code).toBe('DELETION_CODE_EXPIRED');
      expect((await (await p.browser.request('POST', '/api/me/deletion', { body: { code } })).json()).code).toBe('DELETION_CODE_EXPIRED');
      // A new code expires after 15 minutes.
      await p.browser.request('POST', '/api/me/deletion/code');
      const second = mailer.to(p.person.email).at(-1)!.text.match(/code: (\d{6})/)![1]!;
      now = new Date(now.getTime() + 16 * 60_000);
      expect((await (await p.browser.request('POST', '/api/me/deletion', { body: { code: second } })).json()).code).toBe('DELETION_CODE_EXPIRED');
      await p.browser.request('POST', '/api/me/deletion/code');
      const third = mailer.to(p.person.email).at(-1)!.text.match(/code: (\d{6})/)![1]!;
      expect((await p.browser.request('POST', '/api/me/deletion', { body: { code: third } })).status).toBe(202);
      // A password account is told to use its password.
      const withPassword = await signUpPerson(t.app);
      expect((await withPassword.browser.request('POST', '/api/me/deletion/code')).status).toBe(409);
    });

    it('refuses to delete the operator account', async () => {
      const res = await operator.browser.request('POST', '/api/me/deletion', { body: { password: operator.person.password } });
      expect(res.status).toBe(409);
      expect((await res.json()).code).toBe('OPERATOR_ACCOUNT');
    });
  });

  describe('a person with content everywhere', () => {
    let person: Person;
    let colleague: Person;
    let teamCollectionId: string;
    let personalCollectionId: string;
    let publicCommentId: string;
    let apiKey: string;

    beforeAll(async () => {
      person = await signUpPerson(t.app);
      colleague = await signUpPerson(t.app);
      await createTeam(colleague, 'crew');
      await joinTeam(mailer, colleague, person, 'crew');
      const teamWorkspace = await createWorkspace(person, { name: 'Crew space', kind: 'team', teamSlug: 'crew' });
      teamCollectionId = (await importCollection(person, teamWorkspace)).id;
      const personal = (await (await person.browser.request('GET', '/api/workspaces')).json()).items.find((w: { kind: string }) => w.kind === 'personal');
      personalCollectionId = (await importCollection(person, personal.id)).id;
      const publicWorkspace = await createWorkspace(colleague, { name: 'Open space', kind: 'public' });
      const publicCollection = await importCollection(colleague, publicWorkspace, loadFixtureCollection());
      const comment = await person.browser.request('POST', `/api/collections/${publicCollection.id}/comments`, { body: { body: 'Nice API!' } });
      expect(comment.status).toBe(201);
      publicCommentId = (await comment.json()).id;
      // An invitation to another team waits at the person's address.
      await createTeam(colleague, 'other');
      expect((await colleague.browser.request('POST', '/api/teams/other/invitations', { body: { email: person.person.email, role: 'member' } })).status).toBe(201);
      apiKey = (await (await person.browser.request('POST', '/api/me/api-keys', { body: { name: 'ci', scopes: ['read'], expiresInDays: null } })).json()).key;
    }, 120_000);

    it('previews what goes, what stays and why, and when', async () => {
      const res = await person.browser.request('GET', '/api/me/deletion');
      expect(res.status).toBe(200);
      const preview = await res.json();
      expect(preview.graceDays).toBe(15);
      expect(new Date(preview.purgeAt).getTime()).toBe(now.getTime() + 15 * DAY);
      const deleted = Object.fromEntries(preview.deleted.map((d: { table: string; rows: number }) => [d.table, d.rows]));
      expect(deleted).toMatchObject({ users: 1, workspaces: 1, team_members: 1, team_invitations: 1, api_keys: 1 });
      expect(deleted.sessions).toBeGreaterThanOrEqual(1);
      const remaining = Object.fromEntries(preview.remaining.map((r: { table: string }) => [r.table, r]));
      // The team workspace and its collection stay; the collection in the personal workspace goes with it.
      expect(remaining.workspaces.rows).toBe(1);
      expect(remaining.workspaces.reason).toContain('belongs to a team');
      expect(remaining.collections.rows).toBe(2);
      expect(remaining.collections.reason).toContain('Deleted user');
      expect(remaining.collection_comments.rows).toBe(1);
      expect(preview.notes.join(' ')).toMatch(/tombstone/);
      expect(preview.notes.join(' ')).toMatch(/[Bb]ackups/);
    });

    it('disables sign-in, sessions and API keys at once, and mails the restore link', async () => {
      const other = new Browser(t.app);
      expect((await other.request('POST', '/api/sessions', { body: { login: person.person.username, password: person.person.password } })).status).toBe(200);

      const res = await person.browser.request('POST', '/api/me/deletion', { body: { password: person.person.password } });
      expect(res.status).toBe(202);
      const body = await res.json();
      expect(new Date(body.purgeAt).getTime()).toBe(now.getTime() + 15 * DAY);
      expect(person.browser.cookies.has('postern_session')).toBe(false);

      expect((await other.request('GET', '/api/me')).status).toBe(401);
      expect((await t.app.request('/api/me', { headers: { Authorization: `Bearer ${apiKey}` } })).status).toBe(401);
      const signedIn = await signIn(person.person.email, person.person.password);
      expect(signedIn.status).toBe(403);
      expect((await signedIn.json()).code).toBe('ACCOUNT_PENDING_DELETION');
      expect((await (await signIn(person.person.email, 'wrong password!')).json()).code).toBe('INVALID_CREDENTIALS');
      expect((await rows(sql`select count(*)::int as n from sessions where user_id = ${person.account.id}`))[0]!.n).toBe(0);
      expect((await rows(sql`select count(*)::int as n from api_keys where user_id = ${person.account.id}`))[0]!.n).toBe(0);

      const mail = mailer.to(person.person.email).at(-1)!;
      expect(mail.subject).toBe('Your Postern account will be deleted');
      expect(mail.text).toContain(body.purgeAt.slice(0, 10));
      expect(mail.text).toContain('Deleted user');
      const audit = await rows<{ action: string; actor_id: string | null }>(sql`select action, actor_id from audit_events where action = 'account.deletion_requested' and actor_id = ${person.account.id}`);
      expect(audit).toHaveLength(1);
      // The purge job was queued and, run early, did nothing.
      await jobs.drain();
      expect((await rows(sql`select count(*)::int as n from users where id = ${person.account.id}`))[0]!.n).toBe(1);
    });

    it('restores within the window with the link, once; and with the password', async () => {
      const token = restoreTokenFor(person.person.email);
      now = new Date(now.getTime() + 14 * DAY);
      expect((await restore({ token })).status).toBe(204);
      expect((await restore({ token })).status).toBe(400);
      expect((await signIn(person.person.username, person.person.password)).status).toBe(200);
      expect(mailer.to(person.person.email).at(-1)!.subject).toBe('Your Postern account was restored');
      expect(await rows(sql`select action from audit_events where action = 'account.restored' and actor_id = ${person.account.id}`)).toHaveLength(1);

      // Deleted again, then restored from the sign-in details.
      const again = await signIn(person.person.username, person.person.password);
      expect(again.status).toBe(200);
      const browser = new Browser(t.app);
      await browser.request('POST', '/api/sessions', { body: { login: person.person.username, password: person.person.password } });
      expect((await browser.request('POST', '/api/me/deletion', { body: { password: person.person.password } })).status).toBe(202);
      expect((await restore({ login: person.person.username, password: 'wrong password!' })).status).toBe(401);
      expect((await restore({ login: person.person.username, password: person.person.password })).status).toBe(204);
      expect((await restore({ login: person.person.username, password: person.person.password })).status).toBe(401);

      // And deleted for the last time.
      person.browser = new Browser(t.app);
      await person.browser.request('POST', '/api/sessions', { body: { login: person.person.username, password: person.person.password } });
      expect((await person.browser.request('POST', '/api/me/deletion', { body: { password: person.person.password } })).status).toBe(202);
    });

    it('purges once the grace period is over: nothing of the person remains but anonymized shared content', async () => {
      const token = restoreTokenFor(person.person.email);
      const subject = { accountId: person.account.id, email: person.person.email };
      expect((await subjectRows(t.database.db, subject)).length).toBeGreaterThan(3);
      // Not yet due: the job and eraseDue leave the account alone.
      now = new Date(now.getTime() + 15 * DAY - 60_000);
      await jobs.send(ERASE_JOB, { accountId: person.account.id });
      await jobs.drain();
      expect((await purger().eraseDue(now)).accountIds).not.toContain(person.account.id);
      expect(await ledger().wasErased(person.account.id)).toBe(false);

      now = new Date(now.getTime() + 2 * 60_000);
      await jobs.send(ERASE_JOB, { accountId: person.account.id });
      await jobs.drain();

      expect(await subjectRows(t.database.db, subject)).toEqual([]);
      expect(await rows(sql`select 1 from users where id = ${person.account.id}`)).toHaveLength(0);
      const [teamCollection] = await rows<{ created_by: string | null }>(sql`select created_by from collections where id = ${teamCollectionId}`);
      expect(teamCollection).toEqual({ created_by: null });
      expect(await rows(sql`select 1 from collections where id = ${personalCollectionId}`)).toHaveLength(0);
      const [comment] = await rows<{ author_id: string | null; body: string }>(sql`select author_id, body from collection_comments where id = ${publicCommentId}`);
      expect(comment).toEqual({ author_id: null, body: 'Nice API!' });
      expect(await rows(sql`select 1 from team_invitations where lower(email) = lower(${person.person.email})`)).toHaveLength(0);
      // The colleague still reads the collection, shown without an author.
      expect((await colleague.browser.request('GET', `/api/collections/${teamCollectionId}`)).status).toBe(200);

      const receipt = mailer.to(person.person.email).at(-1)!;
      expect(receipt.subject).toBe('Receipt: your Postern account has been deleted');
      expect(await ledger().wasErased(person.account.id)).toBe(true);
      expect(await ledger().wasEmailErased(person.person.email)).toBe(true);
      const [erased] = await rows<{ actor_id: string | null; target_id: string | null; details: Record<string, unknown> }>(
        sql`select actor_id, target_id, details from audit_events where action = 'account.erased' order by occurred_at desc limit 1`,
      );
      expect(erased!.actor_id).toBeNull();
      expect(erased!.target_id).toBeNull();
      expect(JSON.stringify(erased!.details)).not.toContain(person.person.username);
      expect(erased!.details.deleted).toEqual(expect.any(Number));
      // No trace of the person's email, username or id in any audit entry.
      const audit = JSON.stringify(await rows(sql`select * from audit_events`));
      expect(audit).not.toContain(person.account.id);
      expect(audit).not.toContain(person.person.email);

      // Restoring after the purge is impossible.
      const late = await restore({ token });
      expect(late.status).toBe(404);
      expect((await late.json()).code).toBe('RESTORE_NOT_POSSIBLE');
      expect((await restore({ login: person.person.username, password: person.person.password })).status).toBe(401);

      // Erasing again (ledger replay after a restore) changes nothing.
      const second = await eraseAccount(t.database.db, person.account.id, { ledger: ledger(), clock });
      expect(second).toEqual({ accountId: person.account.id, erased: false, tables: {} });
    });
  });

  it("erases a child's suspended account when its deletion is due, without the grace period", async () => {
    const child = await signUpPerson(t.app);
    const reviewer = operator;
    expect((await new Browser(t.app).request('POST', `/api/accounts/${child.person.username}/underage-reports`, { body: {} })).status).toBe(202);
    const reports = (await (await reviewer.browser.request('GET', '/api/admin/underage-reports?status=open')).json()).reports;
    const report = reports.find((r: { account: { username: string } }) => r.account.username === child.person.username);
    expect((await reviewer.browser.request('POST', `/api/admin/underage-reports/${report.id}/confirm`)).status).toBe(200);
    const result = await purger().eraseDue(now);
    expect(result.accountIds).toEqual([child.account.id]);
    expect(await subjectRows(t.database.db, { accountId: child.account.id, email: child.person.email })).toEqual([]);
    expect(mailer.to(child.person.email).at(-1)!.subject).toBe('Receipt: your Postern account has been deleted');
    expect((await purger().eraseDue(now)).erased).toBe(0);
  });

  it('hands a deleted owner’s team to its longest-standing admin, never leaving it ownerless (P24)', async () => {
    const owner = await signUpPerson(t.app);
    const early = await signUpPerson(t.app);
    const admin = await signUpPerson(t.app);
    await createTeam(owner, 'succession', 'Succession');
    await joinTeam(mailer, owner, early, 'succession', 'member');
    await joinTeam(mailer, owner, admin, 'succession', 'admin');
    const alone = await createTeam(owner, 'solo-team', 'Solo');
    expect(alone).toBeTruthy();

    const preview = await (await owner.browser.request('GET', '/api/me/deletion')).json();
    expect(preview.notes).toContain(
      `You own the team “Succession”: at the purge its ownership passes to @${admin.person.username} (transfer it yourself before then to choose someone else).`,
    );
    expect(preview.notes.some((n: string) => n.startsWith('You own the team “Solo” and nobody else is in it'))).toBe(true);

    expect((await owner.browser.request('POST', '/api/me/deletion', { body: { password: owner.person.password } })).status).toBe(202);
    // The inline queue runs the (not yet due) erase job at once: let it pass before the clock moves.
    await jobs.drain();
    now = new Date(now.getTime() + 16 * DAY);
    const result = await purger().eraseDue(now);
    expect(result.accountIds).toContain(owner.account.id);
    now = new Date(now.getTime() + DAY);

    const members = await rows<{ user_id: string; role: string }>(
      sql`select m.user_id, m.role from team_members m join teams t on t.id = m.team_id where t.slug = 'succession' order by m.role`,
    );
    expect(members).toEqual(
      expect.arrayContaining([
        { user_id: admin.account.id, role: 'owner' },
        { user_id: early.account.id, role: 'member' },
      ]),
    );
    expect(members).toHaveLength(2);
    const handed = await rows<{ target_id: string; actor_id: string | null }>(
      sql`select target_id, actor_id from audit_events where action = 'team.ownership_transferred' and details->>'reason' = 'owner_account_erased'`,
    );
    expect(handed).toEqual([{ target_id: admin.account.id, actor_id: null }]);
    // The new owner can use every owner right.
    expect((await admin.browser.request('PATCH', '/api/teams/succession', { body: { name: 'Succession 2' } })).status).toBe(200);
  });
});

function toSecret(base32: string) {
  return new TOTP({ secret: base32 }).secret;
}
