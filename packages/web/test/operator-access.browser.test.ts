/**
 * Operator access in a real browser (P16): the operator opens read-only access to a private
 * workspace for a support ticket on /admin/operator-access and reads a collection; the owner finds
 * the access, its reason and ticket, and the read on the workspace's access transparency page,
 * and ends it there. An owner_consent request is agreed to from the same page.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, importCollection, signIn, signOut, signUp, useBrowserRig } from './support.ts';

const collection = {
  info: { name: 'Owner API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'Ping', request: { method: 'GET', url: 'https://api.example.test/ping' } }],
};

describeInBrowser('operator access and the transparency log in Chromium', () => {
  const rigs = useBrowserRig();

  it('the owner sees who read what and why, and ends the access', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, rig.server.url, 'opal_operator'); // the first account is the operator
    await signOut(page);
    await signUp(page, rig.server.url, 'owen_owner');
    const workspace = (await apiCall(page, 'POST', '/api/workspaces', { name: 'Owen private', kind: 'private' })) as { id: string };
    const collectionId = await importCollection(page, workspace.id, collection);
    await signOut(page);

    // The operator opens access for a support ticket, through the form.
    await signIn(page, rig.server.url, 'opal_operator');
    await page.goto(`${rig.server.url}/admin/operator-access`);
    await page.getByRole('heading', { name: 'Operator access to workspaces' }).waitFor();
    await page.getByLabel('Workspace id').fill(workspace.id);
    await page.getByLabel('Reason').selectOption('support_requested');
    await page.getByLabel('Justification').fill('Owen asked us to look at a failing import.');
    await page.getByRole('button', { name: 'Open access' }).click();
    // Without the ticket reference the API refuses and the form says so beside the field.
    await page.getByText('required when the reason is support_requested').waitFor();
    await page.getByLabel('Support ticket reference').fill('SUP-7');
    await page.getByLabel('Hours').fill('2');
    await page.getByRole('button', { name: 'Open access' }).click();
    await page.getByText('Access to Owen private is open until').waitFor();
    const grants = page.getByRole('list', { name: 'Grants' });
    await grants.getByText('Support requested by the owner (ticket SUP-7)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const read = (await apiCall(page, 'GET', `/api/collections/${collectionId}`)) as { info: { name: string } };
    expect(read.info.name).toBe('Owner API');
    // Read-only: a change is refused.
    await expect(apiCall(page, 'PATCH', `/api/workspaces/${workspace.id}`, { name: 'Taken' })).rejects.toThrow(/403/);
    // A second request, this one waiting for Owen's consent.
    await apiCall(page, 'POST', '/api/admin/operator-access', {
      workspaceId: workspace.id,
      reason: 'owner_consent',
      justification: 'May we check the environment too?',
      hours: 1,
    });
    await signOut(page);

    // The owner is told, and finds everything on the access transparency page.
    await signIn(page, rig.server.url, 'owen_owner');
    const notifications = (await apiCall(page, 'GET', '/api/me/notifications')) as { items: { type: string; link: string }[] };
    expect(notifications.items.filter((n) => n.type === 'operatorAccess').map((n) => n.link)).toContain(`/w/${workspace.id}/access-log`);
    await page.goto(`${rig.server.url}/w/${workspace.id}`);
    await page.getByRole('link', { name: /Access transparency/ }).click();
    await page.getByRole('heading', { name: 'Access transparency: Owen private' }).waitFor();
    const access = page.getByRole('list', { name: 'Operator access' });
    await access.getByText('Support requested by the owner (ticket SUP-7)').waitFor();
    await access.getByText('Owen asked us to look at a failing import.').waitFor();
    const table = page.getByRole('table', { name: /Reads by the operator/ });
    await table.getByRole('cell', { name: `GET /api/collections/${collectionId}` }).waitFor();
    await table.getByRole('cell', { name: 'opal_operator' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Agree to the consent request, then end the support access early.
    await access.getByRole('button', { name: 'Agree to operator access for 1 hours' }).click();
    await access.getByRole('button', { name: 'Yes, agree' }).click();
    await page.getByText('You agreed; the operator can read this workspace now.').waitFor();
    const active = () => access.getByRole('button', { name: 'End access now for the operator' });
    await expect.poll(() => active().count()).toBe(2);
    await active().first().click();
    await access.getByRole('button', { name: 'Yes, end it' }).click();
    await page.getByText('The operator’s access has ended.').waitFor();
    await expect.poll(() => active().count()).toBe(1);
    await access.getByText('Ended early').waitFor();
    expect(rig.problems).toEqual([]);
  }, 180_000);
});
