/**
 * Support tickets (P3) in a real browser: a signed-in person finds the form in the footer with
 * their contact prefilled, is told a ".png" holding an executable is refused, sends a screenshot,
 * and follows the ticket; the operator answers and resolves it from the queue; a signed-out
 * visitor opens a ticket with their email address.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, signIn, signOut, signUp, useBrowserRig } from './support.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

describeInBrowser('support tickets in Chromium', () => {
  const rigs = useBrowserRig();

  it('takes a ticket with a screenshot, refuses a disguised executable, and carries the answer back', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'opal'); // the operator
    await signOut(page);
    await signUp(page, server.url, 'sam');
    await page.getByRole('navigation', { name: 'Privacy and policies' }).getByRole('link', { name: 'Support' }).click();
    await page.getByRole('heading', { name: 'Contact support' }).waitFor();
    expect(await page.getByLabel('Your email address').inputValue()).toBe('sam@example.test');
    expect(await page.getByLabel('Your name').inputValue()).toBe('sam');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Summary').fill('Runs stop after one request');
    await page.getByLabel('What happened?').fill('Every run stops after the first request.');
    await page.getByLabel('Screenshots or logs (optional)').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: EXE });
    await page.getByRole('button', { name: 'Send to support' }).click();
    await page.getByText(/"screen.png" is not a PNG, JPEG, GIF or WebP image/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Screenshots or logs (optional)').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Send to support' }).click();
    const opened = page.getByRole('status').filter({ hasText: /ticket ST-/ });
    await opened.waitFor();
    const reference = /ST-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await opened.textContent()) ?? '')![0];
    await page.getByRole('link', { name: `${reference}: Runs stop after one request` }).click();
    await page.getByRole('heading', { name: `${reference}: Runs stop after one request` }).waitFor();
    await page.getByRole('link', { name: 'screen.png' }).waitFor();
    await page.getByText('No replies yet.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);

    // The operator answers from the queue and resolves the ticket.
    await signIn(page, server.url, 'opal');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support queue' }).click();
    await page.getByRole('heading', { name: 'Support queue' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('table', { name: 'Tickets' }).getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `${reference}: Runs stop after one request` }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Answer', { exact: true }).fill('Fixed in the next release.');
    await page.getByLabel('Then the ticket is').selectOption('resolved');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.getByText('State: Resolved.', { exact: false }).waitFor();
    const outbox = (await apiCall(page, 'GET', '/api/admin/outbox')) as { items: { to: string; subject: string; text: string }[] };
    expect(outbox.items.find((m) => m.to === 'sam@example.test' && m.subject.startsWith(`[${reference}] Resolved`))?.text).toContain('Fixed in the next release.');
    await signOut(page);

    // Sam reads the answer in the app.
    await signIn(page, server.url, 'sam');
    await page.goto(`${server.url}/support/tickets/${reference}`);
    await page.getByText('Fixed in the next release.').waitFor();
    await page.getByRole('button', { name: 'Reply and reopen' }).waitFor();
    await signOut(page);

    // Someone without an account writes in with their address.
    await page.goto(`${server.url}/support`);
    await page.getByRole('heading', { name: 'Contact support' }).waitFor();
    expect(await page.getByLabel('Your email address').inputValue()).toBe('');
    await page.getByLabel('Your name').fill('Vera Visitor');
    await page.getByLabel('Your email address').fill('vera@example.test');
    await page.getByLabel('Summary').fill('Cannot sign up');
    await page.getByLabel('What happened?').fill('The sign-up form says my country is missing.');
    await page.getByRole('button', { name: 'Send to support' }).click();
    await page.getByRole('status').filter({ hasText: /ticket ST-/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Your tickets' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(rig.problems).toEqual([]);
  }, 240_000);
  it('lets a team owner record the plan and billing contact, and refuses a card number', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, server.url, 'olga');
    await apiCall(page, 'POST', '/api/teams', { slug: 'olga-co', name: 'Olga Co' });
    await page.goto(`${server.url}/teams/olga-co/admin/billing`);
    await page.getByRole('heading', { name: 'Billing' }).waitFor();
    await page.getByText('never stores card data', { exact: false }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Plan').selectOption('team');
    await page.getByLabel('Seats').fill('8');
    await page.getByLabel('Who receives invoices').selectOption('email');
    await page.getByLabel('Name').fill('Accounts 4111 1111 1111 1111');
    await page.getByLabel('Email address').fill('ap@olga.example');
    await page.getByRole('button', { name: 'Save billing' }).click();
    await page.getByText(/Postern never stores payment card data/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Name').fill('Accounts payable');
    await page.getByRole('button', { name: 'Save billing' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await apiCall(page, 'GET', '/api/teams/olga-co/billing')).toMatchObject({
      plan: 'team',
      seats: 8,
      contact: { kind: 'email', name: 'Accounts payable', email: 'ap@olga.example' },
    });
    expect(rig.problems).toEqual([]);
  }, 240_000);
});
