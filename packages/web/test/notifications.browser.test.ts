/**
 * Notifications in a real browser (issue #6, point 4; P9, P22): the Notifications tab of settings
 * switches a type off (kept after a reload, operated with the keyboard), opts into product news and
 * lists the always-on messages with their reason; after another person comments on a collection,
 * the header link counts the notification, the feed shows it and it is marked read from the keyboard.
 * Then the operator sends product news, which reaches her, and the email's unsubscribe page
 * (a GET that only shows a button) unsubscribes her with the button. Every page is checked with axe.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, importCollection, signIn as signInAt, signOut, signUp as signUpAt, useBrowserRig } from './support.ts';

describeInBrowser('notifications in Chromium', () => {
  const rigs = useBrowserRig();
  const signUp = (page: Page, username: string) => signUpAt(page, rigs.rig.server.url, username, { birthDate: '1990-06-21' });
  const signIn = (page: Page, login: string) => signInAt(page, rigs.rig.server.url, login);

  it('switches preferences, shows a comment notification and marks it read, then sends product news and unsubscribes', async () => {
    const page = await rigs.rig.browser.context.newPage();
    rigs.rig.watch(page);
    const axeFound: Record<string, string[]> = {};
    const header = page.getByRole('banner');

    // Two people; nadia's private workspace holds a collection omar may read.
    await signUp(page, 'omar');
    await signOut(page);
    await signUp(page, 'nadia');
    const { id: workspaceId } = (await apiCall(page, 'POST', '/api/workspaces', { name: 'Billing API', kind: 'private' })) as { id: string };
    const collectionId = await importCollection(page, workspaceId, {
      info: { name: 'Invoices', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'List invoices', request: { method: 'GET', url: 'https://api.example.test/invoices' } }],
    });
    await apiCall(page, 'PUT', `/api/workspaces/${workspaceId}/grants`, { username: 'omar', role: 'viewer' });

    // Settings → Notifications: every type with its two switches, product news off, the always-on list.
    await header.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('heading', { level: 2, name: 'Notifications' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Comments in the app' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Product news by email' }).isChecked()).toBe(false);
    await page.getByText('Not available yet: nothing sends this type today.').waitFor();
    const alwaysOn = page.getByRole('list').filter({ hasText: 'Security alerts' });
    await alwaysOn.getByText('Email verification and password reset').waitFor();
    await page.getByText('These messages cannot be switched off').waitFor();
    axeFound.settings = await axeViolations(page);

    // With the keyboard: team activity email off, product news email on; both kept after a reload.
    await page.getByRole('checkbox', { name: 'Team activity by email' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: 'Saved: Team activity by email off.' }).waitFor();
    await page.getByRole('checkbox', { name: 'Product news by email' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: 'Saved: Product news by email on.' }).waitFor();
    await page.getByText('You are subscribed.').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Notifications' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Team activity by email' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Team activity in the app' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Product news by email' }).isChecked()).toBe(true);
    await expect.poll(() => header.getByRole('link', { name: /^Notifications/ }).textContent()).toBe('Notifications');
    await signOut(page);

    // omar comments on the collection (through the API, as the web app has no comment box yet).
    await signIn(page, 'omar');
    await apiCall(page, 'POST', `/api/collections/${collectionId}/comments`, { body: 'The due date should be a date, not a string.' });
    await signOut(page);

    // nadia sees the count in the header, opens the feed and marks the notification read.
    await signIn(page, 'nadia');
    const link = header.getByRole('link', { name: 'Notifications (1) unread' });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const feed = page.getByRole('list', { name: 'Notifications' });
    await feed.getByRole('link', { name: 'omar commented on Invoices' }).waitFor();
    await feed.getByText('New').waitFor();
    axeFound.feed = await axeViolations(page);
    await page.getByRole('button', { name: 'Mark read: omar commented on Invoices' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Marked read: omar commented on Invoices' }).waitFor();
    expect(await feed.getByText('New').count()).toBe(0);
    await expect.poll(() => header.getByRole('link', { name: /^Notifications/ }).textContent()).toBe('Notifications');
    // Kept on the server: after a reload it is still read.
    await page.reload();
    await feed.getByRole('link', { name: 'omar commented on Invoices' }).waitFor();
    expect(await feed.getByText('New').count()).toBe(0);
    await feed.getByRole('link', { name: 'omar commented on Invoices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Billing API' }).waitFor();

    await signOut(page);

    // The operator (omar, the first account) confirms nadia's address from the outbox link, then
    // sends product news: it reaches her, the one opted in.
    await signIn(page, 'omar');
    type Outbox = { items: { to: string; subject: string; text: string; headers: Record<string, string> }[] };
    const outbox = async () => ((await apiCall(page, 'GET', '/api/admin/outbox?limit=200')) as Outbox).items;
    const verification = (await outbox()).find((m) => m.to === 'nadia@example.test' && /verify-email#token=/.test(m.text));
    const token = /#token=([A-Za-z0-9_-]+)/.exec(verification?.text ?? '')?.[1];
    await apiCall(page, 'POST', '/api/email-verifications', { token });
    await header.getByRole('link', { name: 'Product news' }).click();
    await page.getByRole('heading', { level: 1, name: 'Product news' }).waitFor();
    await page.getByLabel('Subject').fill('Postern now has notifications');
    await page.getByLabel('Message').fill('Choose what you hear about in Settings.');
    await page.getByRole('button', { name: 'Send product news' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent: 1 by email, 0 in the app; 0 skipped (marketing restricted).' }).waitFor();
    axeFound['product news'] = await axeViolations(page);

    // The unsubscribe link of that email (its path: without PUBLIC_URL the host is localhost:4400).
    const news = (await outbox()).find((m) => m.subject === 'Postern now has notifications');
    expect(news?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = new URL(/^<(.+)>$/.exec(news?.headers['List-Unsubscribe'] ?? '')![1]!);
    await page.goto(`${rigs.rig.server.url}${unsubscribe.pathname}`);
    await page.getByRole('heading', { level: 1, name: 'Unsubscribe from product news' }).waitFor();
    axeFound.unsubscribe = await axeViolations(page);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { level: 1, name: 'You are unsubscribed' }).waitFor();
    // The next send skips her.
    await page.goto(`${rigs.rig.server.url}/admin/product-news`);
    await page.getByLabel('Subject').fill('More news');
    await page.getByLabel('Message').fill('Nobody wants this.');
    await page.getByRole('button', { name: 'Send product news' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent: 0 by email, 0 in the app' }).waitFor();

    expect(axeFound).toEqual({ settings: [], feed: [], 'product news': [], unsubscribe: [] });
    expect(rigs.rig.problems).toEqual([]);
  }, 120_000);
});
