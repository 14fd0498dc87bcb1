/**
 * The request desk (P26) in a real browser: a signed-out visitor finds the form from the footer,
 * sends an access request, enters the code emailed to them (read from the outbox) and sees its
 * status; the operator finds it in the queue, ahead of a request due later, and completes it.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, signIn, signOut, signUp, useBrowserRig } from './support.ts';

interface OutboxPage {
  items: { to: string; subject: string; text: string }[];
}

describeInBrowser('the request desk in Chromium', () => {
  const rigs = useBrowserRig();

  it('takes a signed-out access request through code entry to the operator, who completes it', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    // The instance's first account is the operator; then everyone is signed out.
    await signUp(page, server.url, 'opal');
    await signOut(page);
    // A CCPA request (due in 45 days) made earlier through the API: the GDPR one below is due sooner.
    const later = (await apiCall(page, 'POST', '/api/privacy-requests', {
      kind: 'deletion',
      law: 'ccpa',
      name: 'Carl Later',
      email: 'carl@example.test',
    })) as { reference: string };

    await page.getByRole('navigation', { name: 'Privacy and policies' }).getByRole('link', { name: 'Privacy requests' }).click();
    await page.getByRole('heading', { name: 'Make a privacy request' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('What do you ask for?').selectOption('access');
    await page.getByLabel('Which law applies to you?').selectOption('gdpr');
    await page.getByLabel('Your name').fill('Vera Visitor');
    await page.getByLabel('Your email address').fill('vera@example.test');
    // The agent's fields appear only when asked for.
    expect(await page.getByLabel('Their signed authorization').count()).toBe(0);
    await page.getByLabel('I am an authorized agent making this request for someone else').check();
    await page.getByLabel('Their signed authorization').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('I am an authorized agent making this request for someone else').uncheck();
    await page.getByRole('button', { name: 'Send request' }).click();
    const received = page.getByRole('status').filter({ hasText: 'We sent a 6-digit code to vera@example.test' });
    await received.waitFor();
    const reference = /PR-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await received.textContent()) ?? '')![0];
    expect(await axeViolations(page)).toEqual([]);

    // The operator reads the code from the outbox in another tab, then signs out again.
    const mailbox = await rig.browser.context.newPage();
    rig.watch(mailbox);
    await signIn(mailbox, server.url, 'opal');
    const outbox = (await apiCall(mailbox, 'GET', '/api/admin/outbox')) as OutboxPage;
    const ack = outbox.items.find((m) => m.to === 'vera@example.test' && m.subject.includes(reference))!;
    const code = /code on the request page: (\d{6})/.exec(ack.text)![1]!;
    const statusLink = /https?:\/\/\S+\/privacy\/requests\/status\?\S+/.exec(ack.text)![0];
    await signOut(mailbox);
    await mailbox.close();

    // A wrong code is refused with what to do; the right one confirms the request.
    await page.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/That code is not right; 4 tries left/).waitFor();
    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: 'your identity is confirmed' }).waitFor();
    await page.getByText('Identity confirmed', { exact: true }).first().waitFor();

    // The emailed status link shows the same request.
    await page.goto(new URL(new URL(statusLink).pathname + new URL(statusLink).search, server.url).toString());
    await page.getByRole('heading', { name: 'Your privacy request' }).waitFor();
    await page.getByText(reference).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The operator's queue: by due date, the GDPR request (one month) before the CCPA one (45 days).
    await signIn(page, server.url, 'opal');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy requests' }).click();
    await page.getByRole('heading', { name: 'Privacy requests' }).waitFor();
    const queue = page.getByRole('table', { name: 'Requests, by due date' });
    await queue.waitFor();
    const rows = await queue.locator('tbody tr').allTextContents();
    const vera = rows.findIndex((r) => r.includes(reference));
    const carl = rows.findIndex((r) => r.includes(later.reference));
    expect(vera).toBeGreaterThanOrEqual(0);
    expect(carl).toBeGreaterThan(vera);
    expect(await page.getByRole('link', { name: 'Download the request log (CSV)' }).getAttribute('href')).toBe('/api/admin/privacy-requests.csv');
    expect(await axeViolations(page)).toEqual([]);

    await queue.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `Privacy request ${reference}` }).waitFor();
    await page.getByText('Vera Visitor').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.getByRole('status').filter({ hasText: 'is in progress' }).waitFor();
    await page.getByLabel('Answer to the requester (optional)').fill('Here is everything we hold about you.');
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('status').filter({ hasText: 'Completed; the requester is told by email.' }).waitFor();
    const trail = page.getByRole('table', { name: 'Everything that happened to this request, oldest first' });
    await expect.poll(() => trail.textContent()).toContain('In progress → Completed');
    expect(await axeViolations(page)).toEqual([]);

    const after = (await apiCall(page, 'GET', '/api/admin/outbox')) as OutboxPage;
    const completed = after.items.find((m) => m.to === 'vera@example.test' && m.subject === `Privacy request ${reference} is completed`);
    expect(completed?.text).toContain('Here is everything we hold about you.');
    expect(rig.problems).toEqual([]);
  }, 240_000);
});
