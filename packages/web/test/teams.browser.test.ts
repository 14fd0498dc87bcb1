/**
 * Teams and workspace sharing end to end in a real browser (issue #5, point 9): a team is created,
 * someone is invited by email and joins through the emailed link, the owner changes their role,
 * shares a private workspace with the team as viewers through the Share dialog, the member sees it
 * read-only, and the owner removes them. The team page and the open dialog are checked with axe.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig } from './app-server.ts';
import type { BrowserRig } from './app-server.ts';
import { browserUnavailable } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable && process.env.CI === 'true') {
  describe('teams and sharing in Chromium', () => {
    it('has Chromium to run on', () => {
      throw new Error(`${unavailable} Under CI=true the browser tests must run, not be skipped.`);
    });
  });
} else if (unavailable) {
  console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${unavailable} ⚠⚠⚠\n`);
}

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { cookie: string; activeElement: { textContent: string | null } | null } };

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'correct horse battery';

/** axe's findings on the page as it is now, one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

describe.skipIf(unavailable !== null)('teams and sharing in Chromium', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig();
  }, 90_000);

  afterAll(async () => {
    await rig?.close();
  });

  const signUp = async (page: Page, username: string, email: string) => {
    await page.goto(`${rig.server.url}/signup`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Birth date').fill('1990-05-17');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
  };
  const signIn = async (page: Page, login: string) => {
    await page.goto(`${rig.server.url}/signin`);
    await page.getByLabel('Username or email').fill(login);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
  };
  const signOut = async (page: Page) => {
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Postern' }).waitFor();
  };

  it('invites, shares a workspace with the team as viewers, changes a role, removes the member and deletes the team', async () => {
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    const axeFound: Record<string, string[]> = {};

    // The owner (the instance's first account, so it may read the outbox) creates the team.
    await signUp(page, 'olive', 'olive@example.test');
    await page.getByRole('link', { name: 'New team' }).first().click();
    await page.getByLabel('Team name').fill('Rocket Lab');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rocket Lab' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/teams/rocket-lab');

    // Invite by email; the pending list shows the address, and says how long it is kept.
    await page.getByLabel('Email address to invite').fill('bruno@example.test');
    await page.getByLabel('Role in the team').selectOption('member');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitation sent to bruno@example.test.' }).waitFor();
    await page.getByRole('list', { name: 'Pending invitations' }).getByText('bruno@example.test').waitFor();
    await page.getByText('kept only while the invitation is pending').waitFor();
    axeFound['team page (owner)'] = await violations(page);

    // The emailed link (kept in the outbox: no SMTP here), and a private workspace with a collection.
    const { link, workspaceId } = await page.evaluate(async () => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const outbox = (await (await fetch('/api/admin/outbox')).json()) as { items: { to: string; text: string }[] };
      const mail = outbox.items.find((m) => m.to === 'bruno@example.test');
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf };
      const created = await fetch('/api/workspaces', { method: 'POST', headers, body: JSON.stringify({ name: 'Shared API', kind: 'private' }) });
      const id = ((await created.json()) as { id: string }).id;
      const collection = {
        info: { name: 'Orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [{ name: 'List orders', request: { method: 'GET', url: 'https://api.example.test/orders' } }],
      };
      await fetch(`/api/workspaces/${id}/collections`, { method: 'POST', headers, body: JSON.stringify(collection) });
      return { link: /\/invitations#token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0], workspaceId: id };
    });
    expect(link).toBeTruthy();

    // The invitee creates an account and joins through the link.
    await signOut(page);
    await signUp(page, 'bruno', 'bruno@example.test');
    await page.goto(`${server.url}${link}`);
    await page.getByRole('button', { name: 'Join Rocket Lab' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await page.getByRole('list', { name: 'Teams' }).getByRole('link', { name: 'Rocket Lab' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rocket Lab' }).waitFor();
    // A plain member changes no one's role and sees no invitations.
    expect(await page.getByRole('combobox', { name: 'Role of olive' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Invitations' }).count()).toBe(0);
    axeFound['team page (member)'] = await violations(page);
    await signOut(page);

    // The owner makes them an admin; the change is kept.
    await signIn(page, 'olive');
    await page.goto(`${server.url}/teams/rocket-lab`);
    await page.getByRole('combobox', { name: 'Role of bruno' }).selectOption('admin');
    await page.getByRole('status').filter({ hasText: 'bruno is now admin.' }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('combobox', { name: 'Role of bruno' }).inputValue()).toBe('admin');
    // The owner cannot leave: the server's own words say why.
    await page.getByRole('button', { name: 'Leave team' }).click();
    await page.getByRole('button', { name: 'Yes, leave the team' }).click();
    await page.getByRole('alert').filter({ hasText: 'Transfer ownership to another member before leaving' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Share the workspace with the team as viewers, from the keyboard.
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('heading', { level: 1, name: 'Shared API' }).waitFor();
    const share = page.getByRole('button', { name: 'Share' });
    await share.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Share “Shared API”' });
    await dialog.waitFor();
    await dialog.getByText('Nobody has been given a role yet.').waitFor();
    await dialog.getByRole('radio', { name: /One of your teams/ }).check();
    await dialog.getByLabel('Team', { exact: true }).selectOption('rocket-lab');
    await dialog.getByLabel('Role', { exact: true }).selectOption('viewer');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const grants = dialog.getByRole('list', { name: 'People and teams with access' });
    await grants.getByText('Team Rocket Lab (rocket-lab)').waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Role of Team Rocket Lab (rocket-lab)' }).inputValue()).toBe('viewer');
    // An unknown person: the API's detail, and the form keeps what was typed.
    await dialog.getByRole('radio', { name: /A person/ }).check();
    await dialog.getByLabel('Username', { exact: true }).fill('nobody_here');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'No account has this username.' }).waitFor();
    expect(await dialog.getByLabel('Username', { exact: true }).inputValue()).toBe('nobody_here');
    axeFound['share dialog'] = await violations(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => window.document.activeElement?.textContent)).toBe('Share');
    await signOut(page);

    // The member sees the workspace, read-only: no import, no sharing.
    await signIn(page, 'bruno');
    await page.getByRole('list', { name: 'Workspaces' }).getByRole('link', { name: 'Shared API' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shared API' }).waitFor();
    await page.getByRole('list', { name: 'Collections' }).getByText('Orders').waitFor();
    expect(await page.getByRole('button', { name: 'Import collection' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(0);
    await signOut(page);

    // The owner removes them (confirmed in place); they are gone after a reload too.
    await signIn(page, 'olive');
    await page.goto(`${server.url}/teams/rocket-lab`);
    await page.getByRole('button', { name: 'Remove bruno' }).click();
    await page.getByRole('button', { name: 'Yes, remove bruno' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed bruno from the team.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Rocket Lab' }).waitFor();
    await page.getByRole('row', { name: /olive/ }).waitFor();
    expect(await page.getByRole('row', { name: /bruno/ }).count()).toBe(0);

    // Made public: the warning first, then the stable address to copy.
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('button', { name: 'Share' }).click();
    await dialog.getByRole('radio', { name: /^Public/ }).check();
    await dialog.getByText('Anyone can read a public workspace without an account').waitFor();
    await dialog.getByRole('button', { name: 'Save who can see it' }).click();
    await dialog.getByRole('status').filter({ hasText: 'the workspace is now public' }).waitFor();
    expect(await dialog.getByLabel('Public address').inputValue()).toBe(`${server.url}/w/${workspaceId}`);
    await dialog.getByRole('button', { name: 'Copy the public address' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByText(/^Public workspace/).waitFor();

    // Deleting the team is confirmed by typing its name; a wrong one is refused on the spot.
    await page.goto(`${server.url}/teams/rocket-lab`);
    await page.getByLabel('Type “Rocket Lab” to confirm').fill('Rocket');
    await page.getByRole('button', { name: 'Delete team' }).click();
    await page.getByRole('alert').filter({ hasText: 'to confirm' }).waitFor();
    await page.getByLabel('Type “Rocket Lab” to confirm').fill('Rocket Lab');
    await page.getByRole('button', { name: 'Delete team' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await page.getByText('You are not in a team yet.').waitFor();

    const failing = Object.entries(axeFound).filter(([, list]) => list.length > 0);
    expect(failing, failing.map(([name, list]) => `${name}:\n  ${list.join('\n  ')}`).join('\n')).toEqual([]);
    expect(Object.keys(axeFound)).toHaveLength(3);
    expect(rig.problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('transfers ownership to a member after asking, and the old owner stays as an admin', async () => {
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signIn(page, 'olive');
    const link = await page.evaluate(async () => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf };
      await fetch('/api/teams', { method: 'POST', headers, body: JSON.stringify({ name: 'Relay', slug: 'relay' }) });
      await fetch('/api/teams/relay/invitations', { method: 'POST', headers, body: JSON.stringify({ email: 'bruno@example.test', role: 'member' }) });
      const outbox = (await (await fetch('/api/admin/outbox')).json()) as { items: { to: string; text: string }[] };
      const mail = outbox.items.find((m) => m.to === 'bruno@example.test' && m.text.includes('Relay'));
      return /\/invitations#token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    });
    expect(link).toBeTruthy();
    await signOut(page);
    await signIn(page, 'bruno');
    await page.goto(`${server.url}${link}`);
    await page.getByRole('button', { name: 'Join Relay' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await signOut(page);

    await signIn(page, 'olive');
    await page.goto(`${server.url}/teams/relay`);
    await page.getByLabel('New owner').selectOption('bruno');
    await page.getByRole('button', { name: 'Transfer ownership' }).click();
    // Cancel puts focus back on the button; nothing changed.
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.evaluate(() => window.document.activeElement?.textContent)).toBe('Transfer ownership');
    await page.getByRole('button', { name: 'Transfer ownership' }).click();
    await page.getByRole('button', { name: 'Yes, make bruno the owner' }).click();
    await page.getByRole('status').filter({ hasText: 'bruno is now the owner; you are an admin.' }).waitFor();
    await page.getByText('your role: admin').waitFor();
    expect(await page.getByRole('heading', { name: 'Delete the team' }).count()).toBe(0);
    await page.getByRole('row', { name: /bruno/ }).getByText('Owner').waitFor();
    expect(rig.problems).toEqual([]);
    await page.close();
  }, 90_000);
});
