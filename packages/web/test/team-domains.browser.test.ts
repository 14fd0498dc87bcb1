/**
 * Verified domains and managed accounts end to end (issue #8 item 1, P11, P12): the sign-up page
 * warns about work addresses; the owner adds a domain, sees the TXT record, verifies it against a
 * local DNS server, starts managing the domain's accounts; a managed member's email change waits
 * and the owner approves it from the Domains page. Each page is checked with axe.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../server/src/db/database.ts';
import { startDnsServer } from '../../server/test/support/dns-server.ts';
import { PASSWORD, apiCall, axeViolations, describeInBrowser, signIn, signOut, signUp, useBrowserRig } from './support.ts';

describeInBrowser('team domains in Chromium', () => {
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  beforeAll(async () => {
    dns = await startDnsServer();
  });
  afterAll(async () => {
    await dns?.close();
  });
  const rigs = useBrowserRig({ env: () => ({ POSTERN_DNS_RESOLVER: dns.address }) });

  it('verifies a domain, captures it, and approves a managed member’s email change', async () => {
    const { server } = rigs.rig;
    const page = await rigs.rig.browser.context.newPage();
    rigs.rig.watch(page);
    const axeFound: Record<string, string[]> = {};

    // The sign-up page says plainly that a work address may come under the employer's control.
    await page.goto(`${server.url}/signup`);
    await page.getByText('A work address may come under your employer’s administrative control').waitFor();
    await signUp(page, server.url, 'owen', { email: 'owen@corp.test' });
    await apiCall(page, 'POST', '/api/teams', { slug: 'corp', name: 'Corp' });
    await signOut(page);
    await signUp(page, server.url, 'emma', { email: 'emma@corp.test' });
    await signOut(page);

    // The Domains page of the admin console: add the domain, see the TXT record.
    await signIn(page, server.url, 'owen');
    await page.goto(`${server.url}/teams/corp/admin`);
    await page.getByRole('navigation', { name: 'Team admin' }).getByRole('link', { name: 'Domains and email approvals' }).click();
    await page.getByRole('heading', { level: 2, name: 'Email domains' }).waitFor();
    await page.getByLabel('Domain', { exact: true }).fill('corp.test');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByRole('heading', { level: 3, name: /corp\.test/ }).waitFor();
    await page.getByText('_postern-challenge.corp.test').waitFor();
    const value = (await page.getByText(/^postern-verification=/).textContent()) ?? '';

    // Verify before the record exists: a clear reason; then with the record: verified.
    await page.getByRole('button', { name: 'Verify corp.test' }).click();
    await page.getByText('does not exist in DNS').waitFor();
    dns.records.set('_postern-challenge.corp.test', [value]);
    await page.getByRole('button', { name: 'Verify corp.test' }).click();
    await page.getByRole('status').filter({ hasText: 'Verified: the TXT record of corp.test was found.' }).waitFor();
    axeFound['domains'] = await axeViolations(page);

    // Members' emails in full within the verified domain (P12).
    await page.getByRole('navigation', { name: 'Team admin' }).getByRole('link', { name: 'Members and roles' }).click();
    await page.getByRole('row', { name: /owen/ }).getByText('owen@corp.test').waitFor();
    await page.getByRole('navigation', { name: 'Team admin' }).getByRole('link', { name: 'Domains and email approvals' }).click();

    // Start managing the accounts with a day's notice.
    await page.getByLabel('Notice period (days)').fill('1');
    await page.getByLabel('Whom to ask (optional)').fill('the IT desk');
    await page.getByRole('button', { name: 'Tell them and start the notice period' }).click();
    await page.getByText('2 told, 0 managed so far.').waitFor();
    // The notice ran out (the server's clock is real: move the effective time instead).
    await queryRows(server.database.db, sql`update managed_accounts set effective_at = now() - interval '1 minute'`);
    await signOut(page);

    // Emma's email change now waits for approval; the settings say so.
    await signIn(page, server.url, 'emma');
    await page.goto(`${server.url}/settings/account`);
    await page.getByText('Your account is managed by the team “Corp”').waitFor();
    await page.getByLabel('New email address').fill('emma@home.test');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Send a confirmation link' }).click();
    await page.getByRole('status').filter({ hasText: 'Waiting for approval' }).waitFor();
    axeFound['settings'] = await axeViolations(page);
    await signOut(page);

    // The owner approves it from the list; the confirmation link goes to the new address.
    await signIn(page, server.url, 'owen');
    await page.goto(`${server.url}/teams/corp/admin/domains`);
    const approvals = page.getByRole('list', { name: 'Email changes waiting for approval' });
    await approvals.getByText('emma@corp.test → e•••@home.test').waitFor();
    await page.getByRole('button', { name: 'Approve the email change of emma' }).click();
    await page.getByRole('button', { name: 'Yes, approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved: emma gets a confirmation link' }).waitFor();
    await page.getByText('Nothing waits for approval.').waitFor();
    const outbox = (await apiCall(page, 'GET', '/api/admin/outbox')) as { items: { to: string; subject: string }[] };
    expect(outbox.items.some((m) => m.to === 'emma@home.test' && m.subject === 'Confirm your new email address for Postern')).toBe(true);
    await signOut(page);

    // A newcomer typing an address in the domain is told which team will manage the account.
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Email').fill('new@corp.test');
    await page.getByText('are managed by the team “Corp”').waitFor();
    axeFound['signup'] = await axeViolations(page);

    expect(axeFound).toEqual({ domains: [], settings: [], signup: [] });
    expect(rigs.rig.problems).toEqual([]);
  }, 120_000);
});
