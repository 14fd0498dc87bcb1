/**
 * The team admin console end to end (issue #8 items 2 and 6): the owner suspends a member from the
 * members page, filters the audit log and exports it, opens a security incident, looks at a
 * member's devices inside it (which the incident's access log then shows) and closes it. Each
 * page is checked with axe.
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, signOut, signIn, signUp, useBrowserRig } from './support.ts';

describeInBrowser('team admin console in Chromium', () => {
  const rigs = useBrowserRig();

  it('suspends a member, searches and exports the audit log, and views data inside an incident', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    const axeFound: Record<string, string[]> = {};

    // The owner (the first account, so also the operator) creates a team and invites bruno.
    await signUp(page, server.url, 'olive', { birthDate: '1990-05-17' });
    await apiCall(page, 'POST', '/api/teams', { slug: 'acme', name: 'Acme' });
    await apiCall(page, 'POST', '/api/teams/acme/invitations', { email: 'bruno@example.test', role: 'member' });
    const outbox = (await apiCall(page, 'GET', '/api/admin/outbox')) as { items: { to: string; text: string }[] };
    const token = /#token=([A-Za-z0-9_-]+)/.exec(outbox.items.find((m) => m.to === 'bruno@example.test')?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    await signOut(page);
    await signUp(page, server.url, 'bruno', { birthDate: '1990-05-17' });
    await apiCall(page, 'POST', `/api/invitations/${token}/accept`);
    // A plain member gets no admin console.
    await page.goto(`${server.url}/teams/acme`);
    await page.getByRole('heading', { level: 1, name: 'Acme' }).waitFor();
    expect(await page.getByRole('link', { name: 'Admin console' }).count()).toBe(0);
    // Bruno leaves without signing out: his session (a device the incident shows) stays.
    await page.context().clearCookies();

    // Members and roles: suspend bruno.
    await signIn(page, server.url, 'olive');
    await page.goto(`${server.url}/teams/acme`);
    await page.getByRole('link', { name: 'Admin console' }).click();
    await page.getByRole('heading', { level: 2, name: 'Members and roles' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/teams/acme/admin/members');
    const nav = page.getByRole('navigation', { name: 'Team admin' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Members and roles', 'Audit log', 'Security incidents']));
    await page.getByRole('button', { name: 'Suspend bruno' }).click();
    await page.getByRole('button', { name: 'Yes, suspend bruno' }).click();
    await page.getByRole('status').filter({ hasText: 'bruno is suspended.' }).waitFor();
    await page.getByRole('row', { name: /bruno/ }).getByText('Suspended').waitFor();
    axeFound['members'] = await axeViolations(page);

    // The audit log: filter by action, then export what matches.
    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 2, name: 'Audit log' }).waitFor();
    await page.getByLabel('Action (or its start, e.g. team.member)').fill('team.member');
    await page.getByRole('button', { name: 'Search the log' }).click();
    const table = page.getByRole('table', { name: 'Audit log of Acme' });
    await table.getByRole('rowheader', { name: 'team.member.suspended' }).waitFor();
    await expect.poll(() => table.getByRole('rowheader').allTextContents()).toEqual(['team.member.suspended']);
    axeFound['audit'] = await axeViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('occurred_at,action,actor,target_type,target_id,target,details,id');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['team.member.suspended']);
    expect(csv).not.toContain('@example.test');

    // A security incident: open with a justification, view bruno's devices, close.
    await nav.getByRole('link', { name: 'Security incidents' }).click();
    await page.getByRole('heading', { level: 2, name: 'Security incidents' }).waitFor();
    await page.getByLabel('Title').fill('Unknown sign-ins');
    await page.getByLabel('Justification').fill('Sign-ins from an unknown network were reported; we need to check members’ devices.');
    await page.getByRole('button', { name: 'Open incident' }).click();
    await page.getByRole('heading', { level: 2, name: /Unknown sign-ins/ }).waitFor();
    await page.getByText('Nobody has viewed members’ data in this incident.').waitFor();
    await page.getByRole('button', { name: 'Show members' }).click();
    await page.getByRole('button', { name: 'Devices of bruno' }).click();
    await page.getByRole('heading', { name: 'Devices of bruno' }).waitFor();
    await page.getByRole('table', { name: 'Signed-in devices of bruno' }).getByRole('cell', { name: 'Linux' }).first().waitFor();
    await page.getByRole('list', { name: 'Access log' }).getByText('olive viewed devices of bruno').waitFor();
    axeFound['incident'] = await axeViolations(page);
    await page.getByRole('button', { name: 'Close incident' }).click();
    await page.getByRole('button', { name: 'Yes, close it' }).click();
    await page.getByRole('heading', { level: 2, name: /Unknown sign-ins/ }).getByText('Closed').waitFor();
    expect(await page.getByRole('button', { name: 'Show members' }).count()).toBe(0);

    // The operator has the same log for the whole instance.
    await page.goto(`${server.url}/admin/audit`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('table', { name: 'Audit log of the instance' }).getByRole('rowheader', { name: 'incident.closed' }).waitFor();

    expect(axeFound).toEqual({ members: [], audit: [], incident: [] });
  }, 180_000);
});
