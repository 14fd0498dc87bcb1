/**
 * Issue #5's end-to-end flow in a real browser, by the means a person uses (forms, the sidebar,
 * the editor, keyboard shortcuts): sign up → create a workspace → create a request to the local
 * testkit server → send → see the response → write a test → send (the test result shows) → save
 * → run the collection → see the results; import a Postman collection by pasting it; share the
 * workspace with a second person as a viewer, who sees it and the request but cannot change them.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, signIn, signOut, signUp, useBrowserRig } from './support.ts';

describeInBrowser('the main flow in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  it('signs up, builds, sends and tests a request, runs its collection, imports one and shares the workspace read-only', async () => {
    const { rig, kit } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    // The second person exists first, so the owner can share with them by username.
    await signUp(page, rig.server.url, 'vera_viewer');
    await signOut(page);
    await signUp(page, rig.server.url, 'flow_owner');

    // Create a workspace.
    await page.getByRole('link', { name: 'New workspace' }).click();
    await page.getByLabel('Workspace name').fill('Flow space');
    await page.getByRole('radio', { name: /Private/ }).check();
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Flow space' }).waitFor();
    const workspacePath = new URL(page.url()).pathname;

    // Create a request, in a new collection, from the sidebar.
    await page.getByRole('button', { name: 'New…' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Who is it');
    await page.getByLabel("New collection's name").fill('Flow API');
    await page.getByRole('button', { name: 'Create request' }).click();
    const url = page.getByRole('textbox', { name: 'Request URL' });
    await url.waitFor();
    await page.getByRole('treeitem', { name: /Who is it/ }).waitFor();

    // Point it at the testkit server and send: the response shows.
    await url.click();
    await page.keyboard.insertText(`${kit.url}/get?who=flow`);
    await page.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByText('200 OK').waitFor();
    await expect.poll(() => response.getByRole('textbox', { name: 'Response body, formatted (JSON)' }).textContent()).toContain('"who": "flow"');

    // Write a test; the next send runs it and shows its result.
    await page.getByRole('tab', { name: 'Scripts' }).click();
    await page.getByRole('textbox', { name: 'Test script' }).click();
    await page.keyboard.insertText(
      "pm.test('who is flow', () => pm.expect(pm.response.json().args.who).to.equal('flow'));\n" +
        "pm.visualizer.set('<p id=\"who\">Hello {{who}}</p>', { who: pm.response.json().args.who });",
    );
    await page.keyboard.press('Control+Enter');
    await response.getByRole('tab', { name: 'Tests (1/1)' }).click();
    await response.getByText('1 passed, 0 failed').waitFor();
    await response.getByText('who is flow').waitFor();
    // pm.visualizer output, in the sandboxed preview frame.
    await response.getByRole('tab', { name: 'Visualizer' }).click();
    await page.frameLocator('iframe[title="Visualizer output"]').getByText('Hello flow').waitFor();

    // Save (Ctrl+S): the test is stored with the request.
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    // Run the collection from the workspace page and see the results.
    await page.getByRole('link', { name: 'Run Flow API' }).click();
    await page.getByRole('heading', { name: 'Run Flow API' }).waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('finished', { exact: true }).first().waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'assertions passed' }).textContent()).toContain('1 requests · 1 assertions passed · 0 failed');
    const rows = page.getByRole('table').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Who is it');
    expect(await page.getByRole('alert').count()).toBe(0);

    // Import a Postman collection by pasting its JSON.
    await page.goto(`${rig.server.url}${workspacePath}`);
    await page.getByRole('heading', { level: 1, name: 'Flow space' }).waitFor();
    const postman = {
      info: { name: 'Pasted Petstore', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Pets', item: [{ name: 'List pets', request: { method: 'GET', url: 'https://petstore.example.test/pets' } }] }],
    };
    await page.getByLabel('…or paste its JSON').first().fill(JSON.stringify(postman));
    await page.getByRole('button', { name: 'Import collection' }).click();
    await page.getByRole('list', { name: 'Collections' }).getByText('Pasted Petstore').waitFor();

    // Share the workspace with the second person as a viewer.
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share “Flow space”' });
    await dialog.getByRole('radio', { name: /A person/ }).check();
    await dialog.getByLabel('Username', { exact: true }).fill('vera_viewer');
    await dialog.getByLabel('Role', { exact: true }).selectOption('viewer');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('list', { name: 'People and teams with access' }).getByText('vera_viewer').waitFor();
    await page.keyboard.press('Escape');
    await signOut(page);

    // The viewer sees the workspace and the request, and can send it, but not change what is stored.
    await signIn(page, rig.server.url, 'vera_viewer');
    await page.getByRole('list', { name: 'Workspaces' }).getByRole('link', { name: 'Flow space' }).click();
    await page.getByRole('heading', { level: 1, name: 'Flow space' }).waitFor();
    await page.getByRole('list', { name: 'Collections' }).getByText('Pasted Petstore').waitFor();
    expect(await page.getByRole('button', { name: 'Import collection' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New…' }).count()).toBe(0);
    await page.getByRole('treeitem', { name: /Who is it/ }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Request URL' }).textContent()).toBe(`${kit.url}/get?who=flow`);
    await page.getByText('You can view this workspace but not change it').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('region', { name: 'Response' }).getByRole('tab', { name: 'Tests (1/1)' }).waitFor();

    // The sidebar's workspace switcher lists their workspaces and moves between them.
    const switcher = page.getByRole('combobox', { name: 'Workspace', exact: true });
    expect(await switcher.locator('option:checked').textContent()).toBe('Flow space');
    const personal = (await switcher.locator('option').allTextContents()).find((name) => name !== 'Flow space')!;
    await switcher.selectOption({ label: personal });
    await page.getByRole('heading', { level: 1, name: personal }).waitFor();

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 180_000);
});
