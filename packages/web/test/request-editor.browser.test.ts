/**
 * The request editor in a real browser: edit a request's URL, params, a header and its body, save
 * (kept over a reload), send it to the testkit server and see the status, cancel a slow request,
 * and switch the editor's tabs with the keyboard only.
 */
import { startTestServer, type TestServer } from '@postern/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, type BrowserRig } from './app-server.ts';
import { browserUnavailable } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable && process.env.CI === 'true') {
  describe('request editor in Chromium', () => {
    it('has Chromium to run on', () => {
      throw new Error(`${unavailable} Under CI=true the browser tests must run, not be skipped.`);
    });
  });
} else if (unavailable) {
  console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${unavailable} ⚠⚠⚠\n`);
}

declare const window: { document: { cookie: string } };

const collection = {
  info: { name: 'Editor API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'Echo', request: { method: 'GET', url: '{{base}}/status/200' } }],
};

describe.skipIf(unavailable !== null)('request editor in Chromium', () => {
  let rig: BrowserRig;
  let kit: TestServer;

  beforeAll(async () => {
    [rig, kit] = await Promise.all([startBrowserRig(), startTestServer()]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([rig?.close(), kit?.close()]);
  });

  it('edits, saves, sends, cancels and switches tabs by keyboard', async () => {
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Username').fill('eve');
    await page.getByLabel('Email').fill('eve@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Birth date').fill('1990-01-01');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    const workspaceId = await page.evaluate(async (document) => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const list = (await (await fetch('/api/workspaces')).json()) as { items: { id: string; kind: string }[] };
      const id = list.items.find((w) => w.kind === 'personal')!.id;
      const response = await fetch(`/api/workspaces/${id}/collections`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(document),
      });
      if (!response.ok) throw new Error(`import failed: ${response.status}`);
      return id;
    }, collection);

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
});
