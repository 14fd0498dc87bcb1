/**
 * Secret scanning in a real browser (P17): a request whose header holds a Postman API key shows a
 * warning with the masked value; making the workspace public is refused with the API's message;
 * marking the finding revoked updates the warning and the Secrets page, and then public is allowed.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, importCollection, signUp, useBrowserRig } from './support.ts';

const key = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
const collection = {
  info: { name: 'Vault API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    { name: 'Leaky', request: { method: 'GET', url: 'https://api.example.test/me', header: [{ key: 'X-Api-Key', value: key }] } },
    { name: 'Clean', request: { method: 'GET', url: 'https://api.example.test/ok' } },
  ],
};

describeInBrowser('secret findings in Chromium', () => {
  const rigs = useBrowserRig();

  it('warns next to the request, refuses public, and lets an admin mark the finding revoked', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, rig.server.url, 'sam_secrets');
    const workspace = (await apiCall(page, 'POST', '/api/workspaces', { name: 'Leaky space', kind: 'private' })) as { id: string };
    await importCollection(page, workspace.id, collection);

    // The scan runs as a background job just after the save.
    const findings = () => apiCall(page, 'GET', `/api/workspaces/${workspace.id}/secret-findings`) as Promise<{ items: unknown[] }>;
    await expect.poll(async () => (await findings()).items.length, { timeout: 20_000 }).toBe(1);
    await page.goto(`${rig.server.url}/w/${workspace.id}`);
    // The sidebar marks the request (and its collection) holding it.
    await page.getByRole('treeitem', { name: /Leaky.*possible secret/ }).waitFor();
    expect(await page.getByRole('treeitem', { name: /Clean.*possible secret/ }).count()).toBe(0);
    await page.getByRole('treeitem', { name: /Leaky/ }).click();
    const warnings = page.getByRole('region', { name: 'Secrets found' });
    await warnings.getByText('1 possible secret found here.').waitFor({ timeout: 20_000 });
    expect(await warnings.getByLabel('Masked value').textContent()).toBe(`PMAK…(${key.length})`);
    expect(await page.content()).not.toContain(key.slice(10, 30));
    expect(await axeViolations(page)).toEqual([]);

    // The other request has no warning.
    await page.getByRole('treeitem', { name: /Clean/ }).click();
    await page.getByRole('textbox', { name: 'Request URL' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Secrets found' }).count()).toBe(0);

    // Making it public is refused with the reason and where to look.
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /^Public/ }).check();
    await dialog.getByRole('button', { name: 'Save who can see it' }).click();
    const alert = dialog.getByRole('alert');
    await alert.getByText(/cannot be made public: it has 1 active secret finding/).waitFor();
    expect(await alert.textContent()).toContain('Secrets page');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Marked revoked from the editor's warning.
    await page.getByRole('treeitem', { name: /Leaky/ }).click();
    await warnings.getByText('1 possible secret found here.').waitFor();
    await warnings.getByLabel(/^Note for/).fill('Rotated');
    await warnings.getByRole('button', { name: /^Mark revoked/ }).click();
    await warnings.getByText('Secrets found here have been reviewed.').waitFor();
    await warnings.getByText('Revoked', { exact: true }).waitFor();

    // The Secrets page lists it under its filters.
    await page.goto(`${rig.server.url}/w/${workspace.id}/secrets`);
    await page.getByRole('heading', { name: 'Secrets in Leaky space' }).waitFor();
    await page.getByText('No findings match.').waitFor();
    await page.getByLabel('State').selectOption('revoked');
    const list = page.getByRole('list', { name: 'Findings' });
    await list.getByText(/marked by sam_secrets: “Rotated”/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Nothing active is left: public is allowed now.
    const updated = (await apiCall(page, 'PATCH', `/api/workspaces/${workspace.id}`, { kind: 'public' })) as { kind: string };
    expect(updated.kind).toBe('public');
    expect(rig.problems).toEqual([]);
  }, 120_000);
});
