/**
 * The collection runner in a real browser: the Run link of a collection opens the runner, a run
 * with a CSV data file shows its progress and results, the Failed filter narrows the table, a
 * report downloads, and the run shows under Recent runs.
 */
import { startTestServer, type TestServer } from '@postern/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig } from './app-server.ts';
import type { BrowserRig } from './app-server.ts';
import { browserUnavailable } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable && process.env.CI === 'true') {
  describe('runner in Chromium', () => {
    it('has Chromium to run on', () => {
      throw new Error(`${unavailable} Under CI=true the browser tests must run, not be skipped.`);
    });
  });
} else if (unavailable) {
  console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${unavailable} ⚠⚠⚠\n`);
}

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { cookie: string } };

describe.skipIf(unavailable !== null)('runner in Chromium', () => {
  let rig: BrowserRig;
  let kit: TestServer;

  beforeAll(async () => {
    [rig, kit] = await Promise.all([startBrowserRig(), startTestServer()]);
  }, 90_000);
  afterAll(async () => {
    await rig?.close();
    await kit?.close();
  });

  it('runs a collection with a data file, filters the results and exports a report', async () => {
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Email').fill('ada@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Birth date').fill('1990-01-01');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();

    const workspaceId = await page.evaluate(async (base) => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const list = (await (await fetch('/api/workspaces')).json()) as { items: { id: string; kind: string }[] };
      const id = list.items.find((w) => w.kind === 'personal')!.id;
      const test = (line: string) => [{ listen: 'test', script: { type: 'text/javascript', exec: [line] } }];
      const response = await fetch(`/api/workspaces/${id}/collections`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({
          info: { name: 'Echo', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          item: [
            { name: 'Get it', request: { method: 'GET', url: `${base}/get?n={{n}}` }, event: test("pm.test('is 200', () => pm.response.to.have.status(200));") },
            { name: 'Missing', request: { method: 'GET', url: `${base}/status/404` }, event: test("pm.test('is 200 too', () => pm.response.to.have.status(200));") },
          ],
        }),
      });
      if (!response.ok) throw new Error(`import failed: ${response.status}`);
      return id;
    }, kit.url);

    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('link', { name: 'Run Echo' }).click();
    await page.getByRole('heading', { name: 'Run Echo' }).waitFor();
    await page.getByLabel('Data file (CSV or JSON)').setInputFiles({ name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from('n\none\ntwo\n') });
    await page.getByText('One iteration per row of rows.csv.').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();

    await page.getByText('finished', { exact: true }).first().waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'assertions passed' }).textContent()).toContain('4 requests · 2 assertions passed · 2 failed');
    expect(await page.locator('progress').getAttribute('value')).toBe('4');
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(4);

    await page.getByRole('radio', { name: 'Failed' }).check();
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(2);
    await page.getByRole('searchbox', { name: 'Filter' }).fill('nothing matches this');
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JUnit' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xml$/);

    await page.getByRole('list', { name: 'Recent runs' }).getByText('finished').waitFor();
    expect(rig.problems).toEqual([]);
    await page.close();
  }, 60_000);
});
