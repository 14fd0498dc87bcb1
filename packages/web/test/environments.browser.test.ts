/**
 * Environments and globals in a real browser (issue #5): an editor creates an environment with a
 * secret (masked, revealed on request), saves and finds it after a reload; selects it in the
 * workbench and keeps the choice across reloads (a vanished one falls back to none); views an old
 * revision and restores it. A second account granted viewer sees the values read-only and the
 * secret hidden.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, signIn, signOut, signUp, useBrowserRig } from './support.ts';

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: {
  document: { activeElement: { getAttribute(name: string): string | null } | null };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void } };

describeInBrowser('environments in Chromium', () => {
  const rigs = useBrowserRig();

  it('edits an environment with a secret, selects it, restores a revision, and is read-only for a viewer', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    // What has the keyboard focus, by its accessible label.
    const focusedLabel = () => page.evaluate(() => window.document.activeElement?.getAttribute('aria-label') ?? null);

    // The viewer-to-be exists first, so the owner can grant them a role.
    await signUp(page, server.url, 'bob_viewer');
    await signOut(page);
    await signUp(page, server.url, 'ada_editor');
    const workspace = (await apiCall(page, 'POST', '/api/workspaces', { name: 'Env Lab', kind: 'private' })) as { id: string };
    await apiCall(page, 'PUT', `/api/workspaces/${workspace.id}/grants`, { username: 'bob_viewer', role: 'viewer' });

    // The workbench links to the editor.
    await page.goto(`${server.url}/w/${workspace.id}`);
    await page.getByRole('link', { name: 'Environments and globals' }).click();
    await page.getByRole('heading', { name: 'Environments and globals' }).waitFor();

    // Create one, then add two variables from the keyboard's point of view: focus follows the new row.
    await page.getByLabel('New environment name').fill('Staging');
    await page.getByRole('button', { name: 'Create environment' }).click();
    await page.getByRole('heading', { name: 'Staging', level: 2 }).waitFor();
    const environmentId = /\/environments\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(environmentId).toBeTruthy();
    await expect.poll(() => page.getByRole('navigation', { name: 'Environments and globals' }).getByRole('link', { name: 'Staging' }).getAttribute('aria-current')).toBe('page');

    await page.getByRole('button', { name: 'Add variable' }).click();
    await expect.poll(focusedLabel).toBe('Key of row 1');
    await page.getByLabel('Key of row 1').fill('host');
    await page.getByLabel('Value of host').fill('api.example.test');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await expect.poll(focusedLabel).toBe('Key of row 2');
    await page.getByLabel('Key of row 2').fill('token');
    await page.getByLabel('Type of token').selectOption('secret');
    const token = page.getByLabel('Value of token');
    await token.fill('s3cret-value');
    expect(await token.getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Reveal value of token' }).click();
    expect(await token.getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Hide value of token' }).click();
    expect(await token.getAttribute('type')).toBe('password');

    // A third row, removed again: focus goes back to a remaining row's key.
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByRole('button', { name: 'Remove row 3' }).click();
    expect(await page.getByLabel('Key of row 3').count()).toBe(0);
    await expect.poll(focusedLabel).toBe('Key of row 2');

    await page.getByRole('button', { name: 'Save environment' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Staging (revision 2).' }).waitFor();

    // Saved: a reload shows the same values, the secret masked again.
    await page.reload();
    await page.getByRole('heading', { name: 'Staging', level: 2 }).waitFor();
    expect(await page.getByLabel('Value of host').inputValue()).toBe('api.example.test');
    expect(await page.getByLabel('Value of token').inputValue()).toBe('s3cret-value');
    expect(await page.getByLabel('Value of token').getAttribute('type')).toBe('password');

    // A second save, so there is an earlier version to go back to.
    await page.getByLabel('Value of host').fill('api-v2.example.test');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save environment' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Staging (revision 3).' }).waitFor();

    // History: newest first; the secret reads [secret] in the diff.
    const history = page.getByRole('list', { name: 'Changes to Staging, newest first' });
    await expect.poll(() => history.getByRole('listitem').count()).toBe(3);
    const second = history.getByRole('listitem').filter({ hasText: 'Revision 2' });
    expect(await second.textContent()).toContain('by you');
    await second.getByText(/What changed/).click();
    expect(await second.locator('.patch-operations').textContent()).toContain('[secret]');
    expect(await second.locator('.patch-operations').textContent()).not.toContain('s3cret-value');
    const third = history.getByRole('listitem').filter({ hasText: 'Revision 3' });
    await third.getByText(/What changed/).click();
    expect(await third.locator('.patch-operations').textContent()).toContain('values/0/value: replaced with "api-v2.example.test"');

    // View revision 2 read-only, then restore it.
    await page.getByRole('button', { name: 'View revision 2' }).click();
    const shown = page.getByRole('table', { name: 'Variables at revision 2' });
    await shown.waitFor();
    expect(await shown.textContent()).toContain('api.example.test');
    expect(await shown.textContent()).not.toContain('s3cret-value');
    // The editor with a history entry expanded and a revision shown: every control is labelled.
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Restore this version (revision 2)' }).click();
    await page.getByRole('status').filter({ hasText: 'Revision 2 restored as revision 4.' }).waitFor();
    await expect.poll(() => page.getByLabel('Value of host').inputValue()).toBe('api.example.test');
    expect(await page.getByLabel('Value of token').inputValue()).toBe('s3cret-value');

    // A stale save (someone saved since) says so, keeps the draft, and offers a reload.
    await apiCall(page, 'PUT', `/api/environments/${environmentId}`, { name: 'Staging', values: [{ key: 'host', value: 'elsewhere' }] });
    await page.getByLabel('Value of host').fill('mine');
    await page.getByRole('button', { name: 'Save environment' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else saved Staging' }).waitFor();
    expect(await page.getByLabel('Value of host').inputValue()).toBe('mine');
    await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Value of host').inputValue()).toBe('elsewhere');

    // The workbench selector: the choice survives a reload; a vanished environment falls back to none.
    // Keeping it across visits is a Functional convenience, stored only with consent (P20).
    await page.goto(`${server.url}/w/${workspace.id}`);
    await page.getByRole('region', { name: 'Cookies and tracking' }).getByRole('button', { name: 'Accept all' }).click();
    const selector = page.getByLabel('Environment', { exact: true });
    await selector.selectOption({ label: 'Staging' });
    expect(await page.evaluate((key) => window.localStorage.getItem(key), `postern.env.${workspace.id}`)).toBe(environmentId);
    await page.reload();
    await expect.poll(() => selector.inputValue()).toBe(environmentId);
    await page.evaluate((key) => window.localStorage.setItem(key, '00000000-0000-4000-8000-000000000000'), `postern.env.${workspace.id}`);
    await page.reload();
    await expect.poll(() => selector.inputValue()).toBe('');
    await selector.selectOption({ label: 'Staging' });

    // A viewer reads the values, never the secret, and cannot change anything.
    await signOut(page);
    await signIn(page, server.url, 'bob_viewer');
    await page.goto(`${server.url}/w/${workspace.id}/environments/${environmentId}`);
    const table = page.getByRole('table', { name: 'Variables of Staging' });
    await table.waitFor();
    expect(await table.textContent()).toContain('elsewhere');
    await apiCall(page, 'PUT', `/api/environments/${environmentId}`, { name: 'Staging', values: [] }).then(
      () => {
        throw new Error('a viewer could save');
      },
      (error: Error) => expect(error.message).toContain('403'),
    );
    expect(await page.getByRole('button', { name: 'Save environment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Restore this version/ }).count()).toBe(0);
    expect(await page.getByLabel('New environment name').count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Globals saved by the editor with a secret show it hidden to the viewer.
    await signOut(page);
    await signIn(page, server.url, 'ada_editor');
    await page.goto(`${server.url}/w/${workspace.id}/globals`);
    await page.getByRole('heading', { name: 'Globals', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Key of row 1').fill('apiKey');
    await page.getByLabel('Type of apiKey').selectOption('secret');
    await page.getByLabel('Value of apiKey').fill('global-secret');
    await page.getByRole('button', { name: 'Save globals' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Globals (revision 1).' }).waitFor();
    await signOut(page);
    await signIn(page, server.url, 'bob_viewer');
    await page.goto(`${server.url}/w/${workspace.id}/globals`);
    const globals = page.getByRole('table', { name: 'Variables of Globals' });
    await globals.waitFor();
    expect(await globals.textContent()).toContain('hidden (you need the editor role)');
    expect(await globals.textContent()).not.toContain('global-secret');

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 120_000);
});
