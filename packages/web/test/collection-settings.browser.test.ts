/**
 * Collection and folder settings in a real browser: an editor gives a collection a variable, a
 * secret, Bearer auth and a test script, gives a folder a pre-request script, and a request that
 * has none of its own sends with all of them (the echo server shows the headers, the Tests tab the
 * collection's test). A save based on a stale revision says so in plain words and keeps the edit;
 * a viewer reads the settings without being able to save them, the secret hidden.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, importCollection, signIn, signOut, signUp, useBrowserRig } from './support.ts';

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { activeElement: { textContent: string | null } | null } };

describeInBrowser('collection settings in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  it('applies collection variables, auth and scripts and folder scripts to a request; reports a stale save; is read-only for viewers', async () => {
    const { rig, kit } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, rig.server.url, 'sam_viewer');
    await signOut(page);
    await signUp(page, rig.server.url, 'sue_settings');
    const workspace = (await apiCall(page, 'POST', '/api/workspaces', { name: 'Settings Lab', kind: 'private' })) as { id: string };
    await apiCall(page, 'PUT', `/api/workspaces/${workspace.id}/grants`, { username: 'sam_viewer', role: 'viewer' });
    const collectionId = await importCollection(page, workspace.id, {
      info: { name: 'Bookshop API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Books', item: [{ name: 'List books', request: { method: 'GET', url: '{{base}}/get' } }] }],
    });

    // From the workspace's collection list to the collection's settings.
    await page.goto(`${rig.server.url}/w/${workspace.id}`);
    await page.getByRole('list', { name: 'Collections' }).getByRole('link', { name: 'Settings of Bookshop API' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings of Bookshop API' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Variables' }).getAttribute('aria-selected')).toBe('true');

    // A variable and a secret.
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Key of row 1').fill('base');
    await page.getByLabel('Value of base').fill(kit.url);
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Key of row 2').fill('token');
    await page.getByLabel('Type of token').selectOption('secret');
    await page.getByLabel('Value of token').fill('tok-123');
    expect(await page.getByLabel('Value of token').getAttribute('type')).toBe('password');
    expect(await axeViolations(page)).toEqual([]);

    // Bearer auth from the secret: the collection offers "No auth", not "Inherit".
    await page.getByRole('tab', { name: 'Authorization' }).click();
    const authType = page.getByLabel('Auth type');
    expect(await authType.inputValue()).toBe('noauth');
    expect(await authType.locator('option[value="inherit"]').count()).toBe(0);
    await authType.selectOption('bearer');
    await page.getByLabel('Token', { exact: true }).fill('{{token}}');

    // A test script for every request.
    await page.getByRole('tab', { name: 'Scripts' }).click();
    await page.getByRole('textbox', { name: 'Test script' }).click();
    await page.keyboard.insertText("pm.test('from collection', () => {});");
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved \(revision \d+\)\.$/ }).waitFor();
    expect(await page.getByText('Unsaved changes').count()).toBe(0);

    const stored = (await apiCall(page, 'GET', `/api/collections/${collectionId}/settings`)) as {
      variable: { key: string; value: string; type?: string }[];
      auth: { type: string } | null;
      event: { listen: string }[];
    };
    expect(stored.variable.map((v) => [v.key, v.value, v.type ?? 'default'])).toEqual([
      ['base', kit.url, 'default'],
      ['token', 'tok-123', 'secret'],
    ]);
    expect(stored.auth?.type).toBe('bearer');
    expect(stored.event.map((e) => e.listen)).toEqual(['test']);

    // Back to the workspace; the tree's settings link follows the selected folder (reached by Tab).
    await page.getByRole('link', { name: '← Settings Lab' }).click();
    const tree = page.getByRole('tree', { name: 'Requests of Settings Lab' });
    await tree.getByRole('treeitem', { name: 'Books', exact: true }).click();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => window.document.activeElement?.textContent ?? '')).toBe('Settings of folder Books');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings of folder Books' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Variables' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Authorization' }).getAttribute('aria-selected')).toBe('true');
    // A folder inherits by default, and may also choose no auth.
    expect(await page.getByLabel('Auth type').inputValue()).toBe('inherit');
    expect(await page.getByLabel('Auth type').locator('option[value="noauth"]').count()).toBe(1);

    await page.getByRole('tab', { name: 'Scripts' }).click();
    await page.getByRole('textbox', { name: 'Pre-request script' }).click();
    await page.keyboard.insertText("pm.request.headers.add({ key: 'X-Folder', value: 'books' });");
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved \(revision \d+\)\.$/ }).waitFor();

    // The request has no auth or scripts of its own: the collection's and the folder's apply.
    await page.getByRole('link', { name: '← Settings Lab' }).click();
    await tree.getByRole('treeitem', { name: 'Books', exact: true }).click();
    await tree.getByRole('treeitem', { name: /List books/ }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Request URL' }).textContent()).toBe('{{base}}/get');
    await page.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByText('200 OK').waitFor();
    const body = response.getByRole('textbox', { name: 'Response body, formatted (JSON)' });
    await expect.poll(() => body.textContent()).toContain('"authorization": "Bearer tok-123"');
    expect(await body.textContent()).toContain('"x-folder": "books"');
    await response.getByRole('tab', { name: 'Tests (1/1)' }).click();
    await response.getByText('from collection').waitFor();

    // Someone else saves first: this page's save is refused in plain words and the edit stays.
    await page.goto(`${rig.server.url}/w/${workspace.id}/collections/${collectionId}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings of Bookshop API' }).waitFor();
    await page.getByRole('tab', { name: 'Description' }).click();
    const description = page.getByRole('textbox', { name: 'Description', exact: true });
    await description.fill('Mine');
    const current = (await apiCall(page, 'GET', `/api/collections/${collectionId}/settings`)) as { revision: number };
    await apiCall(page, 'PATCH', `/api/collections/${collectionId}/settings`, { description: 'Theirs' }, { 'If-Match': `"${current.revision}"` });
    await page.getByRole('button', { name: 'Save settings' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this collection since you opened it' });
    await conflict.waitFor();
    expect(await description.inputValue()).toBe('Mine');
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('tab', { name: 'Description' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Description', exact: true }).inputValue()).toBe('Theirs');
    expect(rig.problems).toEqual([]);

    // A viewer reads everything, the secret hidden, and cannot save.
    await signOut(page);
    await signIn(page, rig.server.url, 'sam_viewer');
    await page.goto(`${rig.server.url}/w/${workspace.id}/collections/${collectionId}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings of Bookshop API' }).waitFor();
    await page.getByText('You can read these settings; changing them needs the editor role.').waitFor();
    const variables = page.getByRole('table', { name: 'Variables of Bookshop API' });
    await variables.getByText(kit.url).waitFor();
    await variables.getByText('hidden (you need the editor role)').waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Authorization' }).click();
    expect(await page.getByLabel('Auth type').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(rig.problems).toEqual([]);
    await page.close();
  }, 180_000);
});
