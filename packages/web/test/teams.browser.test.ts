/**
 * Teams and workspace sharing end to end in a real browser (issue #5, point 9): a team is created,
 * someone is invited by email and joins through the emailed link, the owner changes their role,
 * shares a private workspace with the team as viewers through the Share dialog, the member sees it
 * read-only, and the owner removes them. The team page and the open dialog are checked with axe.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, importCollection, signIn, signOut, signUp, useBrowserRig } from './support.ts';

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { activeElement: { textContent: string | null } | null } };

describeInBrowser('teams and sharing in Chromium', () => {
  const rigs = useBrowserRig();

  it('invites, shares a workspace with the team as viewers, changes a role, removes the member and deletes the team', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    const axeFound: Record<string, string[]> = {};

    // The owner (the instance's first account, so it may read the outbox) creates the team.
    await signUp(page, server.url, 'olive', { birthDate: '1990-05-17' });
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
    axeFound['team page (owner)'] = await axeViolations(page);

    // The emailed link (kept in the outbox: no SMTP here), and a private workspace with a collection.
    const outbox = (await apiCall(page, 'GET', '/api/admin/outbox')) as { items: { to: string; text: string }[] };
    const mail = outbox.items.find((m) => m.to === 'bruno@example.test');
    const link = /\/invitations#token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    const { id: workspaceId } = (await apiCall(page, 'POST', '/api/workspaces', { name: 'Shared API', kind: 'private' })) as { id: string };
    await importCollection(page, workspaceId, {
      info: { name: 'Orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'List orders', request: { method: 'GET', url: 'https://api.example.test/orders' } }],
    });
    expect(link).toBeTruthy();

    // The invitee creates an account and joins through the link.
    await signOut(page);
    await signUp(page, server.url, 'bruno', { birthDate: '1990-05-17' });
    await page.goto(`${server.url}${link}`);
    await page.getByRole('button', { name: 'Join Rocket Lab' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await page.getByRole('list', { name: 'Teams' }).getByRole('link', { name: 'Rocket Lab' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rocket Lab' }).waitFor();
    // A plain member changes no one's role and sees no invitations.
    expect(await page.getByRole('combobox', { name: 'Role of olive' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Invitations' }).count()).toBe(0);
    axeFound['team page (member)'] = await axeViolations(page);
    await signOut(page);

    // The owner makes them an admin; the change is kept.
    await signIn(page, server.url, 'olive');
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
    axeFound['share dialog'] = await axeViolations(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => window.document.activeElement?.textContent)).toBe('Share');
    await signOut(page);

    // The member sees the workspace, read-only: no import, no sharing.
    await signIn(page, server.url, 'bruno');
    await page.getByRole('list', { name: 'Workspaces' }).getByRole('link', { name: 'Shared API' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shared API' }).waitFor();
    await page.getByRole('list', { name: 'Collections' }).getByText('Orders').waitFor();
    expect(await page.getByRole('button', { name: 'Import collection' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(0);
    await signOut(page);

    // The owner removes them (confirmed in place); they are gone after a reload too.
    await signIn(page, server.url, 'olive');
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
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signIn(page, server.url, 'olive');
    await apiCall(page, 'POST', '/api/teams', { name: 'Relay', slug: 'relay' });
    await apiCall(page, 'POST', '/api/teams/relay/invitations', { email: 'bruno@example.test', role: 'member' });
    const outbox = (await apiCall(page, 'GET', '/api/admin/outbox')) as { items: { to: string; text: string }[] };
    const mail = outbox.items.find((m) => m.to === 'bruno@example.test' && m.text.includes('Relay'));
    const link = /\/invitations#token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    expect(link).toBeTruthy();
    await signOut(page);
    await signIn(page, server.url, 'bruno');
    await page.goto(`${server.url}${link}`);
    await page.getByRole('button', { name: 'Join Relay' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await signOut(page);

    await signIn(page, server.url, 'olive');
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
