/**
 * The request editor in a real browser: edit a request's URL, params, a header and its body, save
 * (kept over a reload), send it to the testkit server and see the status, cancel a slow request,
 * and switch the editor's tabs with the keyboard only. Also: a cURL command pasted into the URL
 * becomes the request, a save over someone else's change offers the draft and a reload, and a
 * response is saved as an example of the request.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { apiCall, describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

/** What the paste below builds in the page (this file is type-checked without the DOM library). */
declare const DataTransfer: new () => { setData(format: string, data: string): void };
declare const ClipboardEvent: new (type: 'paste', init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;

const collection = {
  info: { name: 'Editor API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'Echo', request: { method: 'GET', url: '{{base}}/status/200' } }],
};

describeInBrowser('request editor in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  /** A new account (signed in on its own: the context's cookies are cleared) with the collection, its request open. */
  async function openEchoAs(username: string): Promise<{ page: Page; collectionId: string; itemId: string }> {
    const { rig } = rigs;
    await rig.browser.context.clearCookies();
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, rig.server.url, username);
    const workspaceId = await personalWorkspaceId(page);
    const collectionId = await importCollection(page, workspaceId, collection);
    const outline = (await apiCall(page, 'GET', `/api/collections/${collectionId}/items`)) as { items: { id: string; name: string }[] };
    const itemId = outline.items.find((i) => i.name === 'Echo')!.id;
    await page.goto(`${rig.server.url}/w/${workspaceId}`);
    await page.getByRole('treeitem', { name: /Echo/ }).click();
    await page.getByRole('textbox', { name: 'Request URL' }).waitFor();
    return { page, collectionId, itemId };
  }

  /** Pastes text into the URL field as the browser does (a paste event carrying the clipboard's text). */
  const pasteIntoUrl = (page: Page, text: string) =>
    page.getByRole('textbox', { name: 'Request URL' }).evaluate((field: { focus(): void; dispatchEvent(event: unknown): boolean }, pasted: string) => {
      field.focus();
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', pasted);
      field.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, text);

  it('edits, saves, sends, cancels and switches tabs by keyboard', async () => {
    const { rig, kit } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'eve');
    const workspaceId = await personalWorkspaceId(page);
    await importCollection(page, workspaceId, collection);

    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('treeitem', { name: /Echo/ }).click();
    const url = page.getByRole('textbox', { name: 'Request URL' });
    await url.waitFor();

    // URL → params: a typed query shows up in the params table.
    await url.click();
    await page.keyboard.press('End');
    await page.keyboard.type(`?page=2`);
    await expect.poll(() => page.getByLabel('Query params key 1').inputValue()).toBe('page');
    // Params → URL.
    await page.getByLabel('Query params value 1').fill('3');
    await expect.poll(() => url.textContent()).toContain('?page=3');
    await page.getByText('● Unsaved').waitFor();

    // A header, then a raw JSON body.
    await page.getByRole('tab', { name: 'Headers' }).click();
    await page.getByRole('button', { name: 'Add headers row' }).click();
    await page.getByLabel('Headers key 1').fill('X-Test');
    await page.getByLabel('Headers value 1').fill('yes');
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByLabel('Raw', { exact: true }).check();
    await page.getByLabel('Language').selectOption('json');
    await page.getByRole('textbox', { name: 'Request body' }).click();
    await page.keyboard.type('{"a":1');

    // Save with Ctrl+S; a reload shows the saved request.
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => page.getByText('● Unsaved').count()).toBe(0);
    await page.reload();
    await page.getByRole('textbox', { name: 'Request URL' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Request URL' }).textContent()).toBe('{{base}}/status/200?page=3');

    // Keyboard only: from the selected tab, arrows and Home/End move the selection.
    const params = page.getByRole('tab', { name: 'Params' });
    await params.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Authorization' }).getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('Auth type').waitFor();
    await page.getByRole('tab', { name: 'Authorization' }).focus();
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('Follow redirects').waitFor();
    await page.getByRole('tab', { name: 'Settings' }).focus();
    await page.keyboard.press('Home');
    expect(await params.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');

    // Send to the testkit server: the URL uses a real host (variables come from the environment later).
    const urlBox = page.getByRole('textbox', { name: 'Request URL' });
    await urlBox.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(`${kit.url}/status/201`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(/201/).first().waitFor();

    // A slow request can be cancelled.
    await urlBox.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(`${kit.url}/delay/5`);
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await page.getByText('Cancelled.').waitFor();

    expect(rig.problems).toEqual([]);
  }, 120_000);

  it('turns a pasted cURL command into the request, and explains one it cannot read', async () => {
    const { rig, kit } = rigs;
    const { page } = await openEchoAs('curl_paster');
    const url = page.getByRole('textbox', { name: 'Request URL' });

    // Broken quoting: a plain-words message by the URL, and the request stays as it was.
    await pasteIntoUrl(page, `curl -H 'X-Broken: yes ${kit.url}/post`);
    await page.getByRole('alert').filter({ hasText: 'That looks like a cURL command but could not be read:' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Check the quoting, or paste only the URL.' }).count()).toBe(1);
    expect(await url.textContent()).toBe('{{base}}/status/200');
    expect(await page.getByText('● Unsaved').count()).toBe(0);

    // A real command, continued over lines as API docs write them: method, URL, header and body follow it.
    const command = [
      `curl -X POST '${kit.url}/post?source=docs' \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -H 'X-Pasted: yes' \\`,
      `  --data '{"hello":"world"}'`,
    ].join('\n');
    await pasteIntoUrl(page, command);
    await expect.poll(() => url.textContent()).toBe(`${kit.url}/post?source=docs`);
    expect(await page.getByRole('alert').filter({ hasText: 'could not be read' }).count()).toBe(0);
    expect(await page.getByLabel('Method').inputValue()).toBe('POST');
    expect(await page.getByLabel('Name').inputValue()).toBe('Echo');
    expect(await page.getByLabel('Query params key 1').inputValue()).toBe('source');
    await page.getByText('● Unsaved').waitFor();

    await page.getByRole('tab', { name: 'Headers' }).click();
    expect(await page.getByLabel('Headers key 2').inputValue()).toBe('X-Pasted');
    expect(await page.getByLabel('Headers value 2').inputValue()).toBe('yes');
    await page.getByRole('tab', { name: 'Body' }).click();
    expect(await page.getByLabel('Raw', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Language').inputValue()).toBe('json');
    expect(await page.getByRole('textbox', { name: 'Request body' }).textContent()).toBe('{"hello":"world"}');

    // Sent, the echo server saw what the command describes.
    await page.getByRole('button', { name: 'Send' }).click();
    const echoed = page.getByRole('textbox', { name: /^Response body, formatted/ });
    await expect.poll(() => echoed.textContent()).toContain('"x-pasted": "yes"');
    expect(await echoed.textContent()).toContain('"hello": "world"');

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('offers the draft and a reload when the request was changed elsewhere since it was opened', async () => {
    const { rig } = rigs;
    const { page, collectionId, itemId } = await openEchoAs('conflict_saver');

    // Someone else saves the request while it is open here.
    const current = (await apiCall(page, 'GET', `/api/collections/${collectionId}/items/${itemId}`)) as { revision: number; item: Record<string, unknown> };
    await apiCall(
      page,
      'PUT',
      `/api/collections/${collectionId}/items/${itemId}`,
      { ...current.item, name: 'Echo (theirs)', request: { method: 'GET', url: '{{base}}/status/204' } },
      { 'If-Match': `"${current.revision}"` },
    );

    await page.getByLabel('Name').fill('Echo (mine)');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'This request was changed elsewhere since you opened it' });
    await conflict.waitFor();
    // The draft is offered as Postman item JSON, to copy before reloading.
    const draft = JSON.parse(await page.getByLabel('Your unsaved draft (Postman item JSON)').inputValue()) as { name: string; request: { url: { raw: string } } };
    expect(draft.name).toBe('Echo (mine)');
    expect(draft.request.url.raw).toBe('{{base}}/status/200');

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('Echo (theirs)');
    await expect.poll(() => page.getByRole('textbox', { name: 'Request URL' }).textContent()).toBe('{{base}}/status/204');
    expect(await conflict.count()).toBe(0);
    expect(await page.getByText('● Unsaved').count()).toBe(0);

    // The reloaded version saves (its revision is the current one).
    await page.getByLabel('Name').fill('Echo (merged)');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = (await apiCall(page, 'GET', `/api/collections/${collectionId}/items/${itemId}`)) as { item: { name: string } };
    expect(stored.item.name).toBe('Echo (merged)');

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('saves a response as a named example of the request', async () => {
    const { rig, kit } = rigs;
    const { page, collectionId, itemId } = await openEchoAs('example_saver');
    const url = page.getByRole('textbox', { name: 'Request URL' });
    await url.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(`${kit.url}/status/201`);
    await page.getByRole('button', { name: 'Send' }).click();

    await page.getByRole('button', { name: 'Save as example' }).click();
    const name = page.getByLabel('Example name');
    // Named after the status by default; renamed here.
    expect(await name.inputValue()).toMatch(/^201\b/);
    await name.fill('Created OK');
    await page.getByRole('button', { name: 'Save example' }).click();
    await page.getByRole('status').filter({ hasText: 'Saving the example “Created OK”.' }).waitFor();

    type Stored = { item: { response?: { name: string; code: number; originalRequest?: { url: { raw: string } } }[] } };
    const examples = async () => ((await apiCall(page, 'GET', `/api/collections/${collectionId}/items/${itemId}`)) as Stored).item.response ?? [];
    await expect.poll(async () => (await examples()).map((e) => [e.name, e.code])).toEqual([['Created OK', 201]]);
    expect((await examples())[0]!.originalRequest?.url.raw).toBe(`${kit.url}/status/201`);

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 120_000);
});
