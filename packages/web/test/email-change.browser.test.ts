/**
 * Changing the email in a real browser (P23): asked in Settings → Account with the password, shown
 * as pending, confirmed through the link mailed to the new address (read from the outbox), then
 * shown in settings and usable to sign in. And "Your information" (P24) clears an item on its own.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, PASSWORD, signIn, signOut, signUp, useBrowserRig } from './support.ts';

interface OutboxPage {
  items: { to: string; subject: string; text: string }[];
}

describeInBrowser('email change in Chromium', () => {
  const rigs = useBrowserRig();

  it('changes the email through the emailed link and shows it in settings', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    // The instance's first account: it may read the outbox, where mail goes without SMTP.
    await signUp(page, server.url, 'ada');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Change your email address' }).waitFor();
    await page.getByText('A work address may come under your employer’s administrative control').waitFor();

    // A wrong password is refused, and nothing is pending.
    await page.getByLabel('New email address').fill('ada.lovelace@elsewhere.test');
    await page.getByLabel('Current password').fill('not the password');
    await page.getByRole('button', { name: 'Send a confirmation link' }).click();
    await page.getByText('The password is wrong.').waitFor();

    await page.getByLabel('New email address').fill('ada.lovelace@elsewhere.test');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Send a confirmation link' }).click();
    await page.getByRole('status').filter({ hasText: 'Waiting for confirmation' }).filter({ hasText: 'ada.lovelace@elsewhere.test' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The pending change survives a reload (GET /api/me reports it).
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'ada.lovelace@elsewhere.test' }).waitFor();

    const outbox = (await apiCall(page, 'GET', '/api/admin/outbox')) as OutboxPage;
    const notice = outbox.items.find((m) => m.to === 'ada@example.test' && m.subject.startsWith('Someone asked to change'));
    expect(notice?.text).toMatch(/\/email-change\/cancel#token=/);
    const confirmation = outbox.items.find((m) => m.to === 'ada.lovelace@elsewhere.test');
    const link = /\/email-change#token=[A-Za-z0-9_-]+/.exec(confirmation?.text ?? '')?.[0];
    expect(link).toBeDefined();

    await page.goto(`${server.url}${link}`);
    await page.getByRole('heading', { name: 'Confirm your new email address' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Use this email address' }).click();
    await page.getByRole('status').filter({ hasText: 'Your email address is changed.' }).waitFor();
    await page.getByRole('link', { name: 'See it in your settings' }).click();
    const facts = page.locator('section[aria-labelledby="account-heading"]');
    await expect.poll(() => facts.textContent()).toContain('ada.lovelace@elsewhere.test');
    expect(await facts.textContent()).not.toContain('not confirmed');
    expect(await page.getByText('Waiting for confirmation').count()).toBe(0);

    // Sign-in now works with the new address.
    await signOut(page);
    await signIn(page, server.url, 'ada.lovelace@elsewhere.test');

    // "Your information": clear the bio on its own, with a confirmation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Bio').fill('Writes the first programs.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).waitFor();
    const information = page.locator('section[aria-labelledby="your-information-heading"]');
    await information.getByText('Writes the first programs.').waitFor();
    await information.getByRole('button', { name: 'Clear your bio' }).click();
    await information.getByRole('button', { name: 'Clear bio' }).click();
    await information.getByText('Writes the first programs.').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByLabel('Bio').inputValue()).toBe('');
    expect((await apiCall(page, 'GET', '/api/me')) as { bio: string | null }).toMatchObject({ bio: null });
    expect(await axeViolations(page)).toEqual([]);
  }, 180_000);
});
