import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import type { JsonResponse } from './support/browser.ts';

forEachDatabase('reports of child accounts (P7)', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let operator: Browser;

  beforeAll(async () => {
    // Rate limits on, to prove the report endpoint has one.
    const generous = { limit: 1000, windowSeconds: 3600 };
    t = await openTestApp(target, {
      mailer,
      rateLimits: { signUp: generous, signIn: generous, verification: generous, underageReports: { limit: 9, windowSeconds: 3600 } },
    });
    const first = await signUpPerson(t.app);
    expect(first.account.operator).toBe(true);
    operator = first.browser;
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (path: string, init?: RequestInit) => (await t.app.request(path, init)) as JsonResponse;
  const report = (username: string, body?: unknown) =>
    call(`/api/accounts/${username}/underage-reports`, {
      method: 'POST',
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
  const openReports = async () => (await (await operator.request('GET', '/api/admin/underage-reports?status=open')).json()).reports;

  it('takes a report from anyone, with or without a note, and shows it to the operator only', async () => {
    const child = await signUpPerson(t.app);
    expect((await report(child.person.username, { note: 'Says in their bio they are 11.' })).status).toBe(202);
    expect((await report(child.person.username)).status).toBe(202);
    expect((await report('nobody_here', {})).status).toBe(404);
    // A signed-in reporter is named.
    const reporter = await signUpPerson(t.app);
    expect((await reporter.browser.request('POST', `/api/accounts/${child.person.username}/underage-reports`, { body: {} })).status).toBe(202);

    expect((await reporter.browser.request('GET', '/api/admin/underage-reports')).status).toBe(403);
    expect((await call('/api/admin/underage-reports')).status).toBe(401);
    const reports = (await openReports()).filter((r: { account: { username: string } }) => r.account.username === child.person.username);
    expect(reports).toHaveLength(3);
    expect(reports.map((r: { note: string | null }) => r.note)).toEqual(['Says in their bio they are 11.', null, null]);
    expect(reports.map((r: { reportedBy: string | null }) => r.reportedBy)).toEqual([null, null, reporter.person.username]);
    expect(reports[0]).toMatchObject({ status: 'open', ageCheckRecord: null, account: { suspendedAt: null, deletionScheduledFor: null } });
    // Non-operators cannot review.
    expect((await reporter.browser.request('POST', `/api/admin/underage-reports/${reports[0].id}/confirm`)).status).toBe(403);
    expect((await child.browser.request('GET', '/api/me')).status).toBe(200);
  });

  it('keeps no raw address of the reporter', async () => {
    const rows = await queryRows<{ reporter_network: string | null }>(t.database.db, sql`select reporter_network from underage_reports`);
    // In-process requests have no address at all; a real one would be cut to its /24 network.
    expect(rows.every((r) => r.reporter_network === null || r.reporter_network.endsWith('/24') || r.reporter_network.endsWith('/48'))).toBe(true);
  });

  it('dismissing changes nothing for the account', async () => {
    const person = await signUpPerson(t.app);
    expect((await report(person.person.username, { note: 'mistake' })).status).toBe(202);
    const { id } = (await openReports()).find((r: { account: { username: string } }) => r.account.username === person.person.username);
    const res = await operator.request('POST', `/api/admin/underage-reports/${id}/dismiss`);
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('dismissed');
    expect((await person.browser.request('GET', '/api/me')).status).toBe(200);
    expect((await new Browser(t.app).request('POST', '/api/sessions', { body: { login: person.person.username, password: person.person.password } })).status).toBe(200);
    expect((await call(`/api/users/${person.person.username}`)).status).toBe(200);
    expect((await operator.request('POST', `/api/admin/underage-reports/${id}/dismiss`)).status).toBe(409);
  });

  it('confirming suspends the account at once, schedules its deletion and emails its holder', async () => {
    const child = await signUpPerson(t.app);
    const keyRes = await child.browser.request('POST', '/api/me/api-keys', { body: { name: 'cli', scopes: ['read'], expiresInDays: null } });
    expect(keyRes.status).toBe(201);
    const { key: token } = await keyRes.json();
    expect((await call('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

    const reporter = await signUpPerson(t.app);
    await reporter.browser.request('POST', `/api/accounts/${child.person.username}/underage-reports`, { body: { note: 'My classmate.' } });
    const { id } = (await openReports()).find((r: { account: { username: string } }) => r.account.username === child.person.username);

    const before = Date.now();
    const res = await operator.request('POST', `/api/admin/underage-reports/${id}/confirm`);
    expect(res.status).toBe(200);
    const confirmed = await res.json();
    expect(confirmed.status).toBe('confirmed');
    expect(new Date(confirmed.account.suspendedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Children's data goes without the 15-day grace: due now, for issue #7's deletion job.
    expect(new Date(confirmed.account.deletionScheduledFor).getTime()).toBeLessThanOrEqual(Date.now());

    // The existing session ended.
    expect((await child.browser.request('GET', '/api/me')).status).toBe(401);
    // Signing in is refused with a clear reason.
    const signIn = await new Browser(t.app).request('POST', '/api/sessions', { body: { login: child.person.username, password: child.person.password } });
    expect(signIn.status).toBe(403);
    const problem = await signIn.json();
    expect(problem.code).toBe('ACCOUNT_SUSPENDED');
    expect(problem.detail).toMatch(/suspended pending deletion/);
    // So is the API key.
    const keyed = await call('/api/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(keyed.status).toBe(403);
    expect((await keyed.json()).code).toBe('ACCOUNT_SUSPENDED');
    // The profile is hidden.
    expect((await call(`/api/users/${child.person.username}`)).status).toBe(404);
    // The holder is told.
    const told = mailer.to(child.person.email).filter((m) => /suspended/.test(m.subject));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('deleted');
    // The deletion queue entry issue #7 consumes.
    const [row] = await queryRows<{ deletion_scheduled_for: Date | null; suspended_at: Date | null }>(
      t.database.db,
      sql`select deletion_scheduled_for, suspended_at from users where username = ${child.person.username}`,
    );
    expect(row!.deletion_scheduled_for).not.toBeNull();
    expect(row!.suspended_at).not.toBeNull();
    // Reviewed once only.
    expect((await operator.request('POST', `/api/admin/underage-reports/${id}/confirm`)).status).toBe(409);

    // No reset link goes to a suspended account; the answer is the same as for any address.
    const resetsBefore = mailer.to(child.person.email).length;
    const asked = await new Browser(t.app).request('POST', '/api/password-resets', { body: { email: child.person.email } });
    const other = await new Browser(t.app).request('POST', '/api/password-resets', { body: { email: reporter.person.email } });
    expect(asked.status).toBe(other.status);
    // The links are mailed in the background: once the other account's has arrived, the child's would have too.
    await expect.poll(() => mailer.to(reporter.person.email).some((m) => /reset/i.test(m.subject))).toBe(true);
    expect(mailer.to(child.person.email)).toHaveLength(resetsBefore);
  });

  it("refuses to suspend the operator's own account", async () => {
    const me = (await (await operator.request('GET', '/api/me')).json()).username;
    const other = await signUpPerson(t.app);
    await other.browser.request('POST', `/api/accounts/${me}/underage-reports`, { body: {} });
    const { id } = (await openReports()).find((r: { account: { username: string } }) => r.account.username === me);
    const res = await operator.request('POST', `/api/admin/underage-reports/${id}/confirm`);
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('CANNOT_SUSPEND_OPERATOR');
  });

  it('rate-limits reports per client address', async () => {
    const target = await signUpPerson(t.app);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await report(target.person.username)).status);
    // 7 requests in the tests above (a 404 counts too; in-process requests share one client key) + 3 here: the limit of 9 is passed on the last one.
    expect(statuses).toEqual([202, 202, 429]);
  });
});
