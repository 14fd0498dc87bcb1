/**
 * The history of sent requests in a real browser: sends made through the API (as the request
 * editor will) show in the sidebar's History view grouped by day; an entry linked to a request of
 * the workspace opens it in a tab, an unlinked one shows read-only; one entry is deleted, then all
 * after confirming; and the retention setting in Settings → Profile turns the history off.
 */
import { startTestServer, type TestServer } from '@postern/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig } from './app-server.ts';
import type { BrowserRig } from './app-server.ts';
import { browserUnavailable } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable && process.env.CI === 'true') {
  describe('history in Chromium', () => {
    it('has Chromium to run on', () => {
      throw new Error(`${unavailable} Under CI=true the browser tests must run, not be skipped.`);
    });
  });
} else if (unavailable) {
  console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${unavailable} ⚠⚠⚠\n`);
}

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { cookie: string } };

describe.skipIf(unavailable !== null)('history in Chromium', () => {
  let rig: BrowserRig;
  let kit: TestServer;

  beforeAll(async () => {
    [rig, kit] = await Promise.all([startBrowserRig(), startTestServer()]);
  }, 90_000);
  afterAll(async () => {
    await rig?.close();
    await kit?.close();
  });

  it('lists sent requests by day, reopens or shows them, deletes them, and follows the retention setting', async () => {
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Username').fill('grace');
    await page.getByLabel('Email').fill('grace@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Birth date').fill('1990-01-01');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();

    // A collection with one request, then two sends: one linked to that request, one not.
    const workspaceId = await page.evaluate(async (base) => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const post = async (path: string, body: unknown) => {
        const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
        return response.json();
      };
      const list = (await (await fetch('/api/workspaces')).json()) as { items: { id: string; kind: string }[] };
      const id = list.items.find((w) => w.kind === 'personal')!.id;
      const collection = (await post(`/api/workspaces/${id}/collections`, {
        info: { name: 'Echo', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [{ name: 'Get it', request: { method: 'GET', url: `${base}/get?from=collection` } }],
      })) as { id: string };
      const outline = (await (await fetch(`/api/collections/${collection.id}/items`)).json()) as { items: { id: string }[] };
      await post('/api/send', {
        request: { method: 'GET', url: `${base}/get?from=collection` },
        workspaceId: id,
        collectionId: collection.id,
        itemId: outline.items[0]!.id,
      });
      await post('/api/send', { request: { method: 'POST', url: '{{base}}/status/404', body: { mode: 'raw', raw: 'hello' } }, variables: [{ key: 'base', value: base }], workspaceId: id });
      return id;
    }, kit.url);

    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('treeitem', { name: 'Echo', exact: true }).waitFor();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    expect(await page.getByRole('button', { name: 'History', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const today = page.getByRole('region', { name: 'Today' });
    await today.waitFor();
    const entries = today.getByRole('listitem');
    expect(await entries.count()).toBe(2);
    // Newest first: the unlinked POST (its URL as written), then the linked GET.
    expect(await entries.nth(0).textContent()).toMatch(/POST\{\{base\}\}\/status\/404404/);
    expect(await entries.nth(1).textContent()).toContain('GET');

    // The unlinked entry shows read-only, with the request as written.
    await entries.nth(0).getByRole('button', { name: /^POST .*status\/404/ }).click();
    const details = page.getByRole('region', { name: 'Sent request' });
    await details.getByText('"raw": "hello"').waitFor();
    await details.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'detached' });

    // The linked one opens its request in a tab (Enter, from the keyboard).
    await entries.nth(1).getByRole('button', { name: /^GET .*from=collection/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab').first().waitFor();
    expect(await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab').count()).toBe(1);

    // Delete one, then clear the rest after confirming.
    await page.getByRole('button', { name: /^Delete POST .* from the history$/ }).click();
    await expect.poll(() => entries.count()).toBe(1);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByRole('group', { name: 'Confirm clearing the history' }).getByRole('button', { name: 'Delete all' }).click();
    await page.getByText('No requests sent from this workspace yet.').waitFor();

    // Settings → Profile: "Don't keep history" is saved and reported.
    await page.goto(`${server.url}/settings/profile`);
    const retention = page.getByLabel('Keep my history for');
    expect(await retention.inputValue()).toBe('30');
    await retention.selectOption({ label: 'Don’t keep history' });
    await page.getByRole('button', { name: 'Save history setting' }).click();
    await page.getByRole('status').filter({ hasText: 'Your history is no longer kept.' }).waitFor();
    const preferences = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { preferences: unknown }).preferences);
    expect(preferences).toMatchObject({ historyRetentionDays: 0 });

    expect(rig.problems).toEqual([]);
  }, 120_000);
});
