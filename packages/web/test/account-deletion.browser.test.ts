/**
 * Deleting an account in a real browser (P24): the preview says what goes, what stays and when;
 * the password confirms; the browser is signed out; sign-in then says the account is pending
 * deletion; the restore link from the email (read from the outbox) brings it back, and the person
 * signs in again. The pages pass axe.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, PASSWORD, signIn, signOut, signUp, useBrowserRig } from './support.ts';

interface OutboxPage {
  items: { to: string; subject: string; text: string }[];
}

describeInBrowser('account deletion in Chromium', () => {
  const rigs = useBrowserRig();

  it('deletes through the UI, signs out, restores from the emailed link and signs in again', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    // The first account runs the instance (and reads the outbox); it cannot delete itself.
    await signUp(page, server.url, 'olga');
    await signOut(page);
    await signUp(page, server.url, 'dora');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Delete account' }).click();
    await page.getByRole('heading', { name: 'Delete your account' }).waitFor();
    await page.getByRole('heading', { name: 'What is deleted' }).waitFor();
    await page.getByRole('heading', { name: 'What remains, and why' }).waitFor();
    await page.getByText(/tombstone/).waitFor();
    await page.getByText(/deleted for good on/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Your password').fill('not the password');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('The password is wrong.').waitFor();

    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('status').filter({ hasText: 'Your account is closed and you are signed out' }).waitFor();
    await page.getByRole('heading', { name: 'Restore your account' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Signed out: the session no longer answers.
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);

    // Signing in tells the person the account is pending deletion and offers the restore page.
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Username or email').fill('dora');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/scheduled for deletion/).waitFor();
    await page.getByRole('link', { name: 'Restore my account' }).waitFor();

    // The restore link, from the outbox (read as the operator).
    await signIn(page, server.url, 'olga');
    const outbox = (await apiCall(page, 'GET', '/api/admin/outbox')) as OutboxPage;
    const mail = outbox.items.find((m) => m.to === 'dora@example.test' && m.subject === 'Your Postern account will be deleted');
    const link = /\/restore-account#token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    await signOut(page);

    await page.goto(`${server.url}${link}`);
    await page.getByRole('heading', { name: 'Restore your account' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Restore my account' }).click();
    await page.getByRole('status').filter({ hasText: 'Your account is restored' }).waitFor();

    await signIn(page, server.url, 'dora');
    expect(rig.problems).toEqual([]);
  }, 240_000);
});
