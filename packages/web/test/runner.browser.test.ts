/**
 * The collection runner in a real browser: the Run link of a collection opens the runner, a run
 * with a CSV data file shows its progress and results, the Failed filter narrows the table, a
 * report downloads, and the run shows under Recent runs.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

describeInBrowser('runner in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  it('runs a collection with a data file, filters the results and exports a report', async () => {
    const { rig, kit } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'ada');

    const base = kit.url;
    const workspaceId = await personalWorkspaceId(page);
    const test = (line: string) => [{ listen: 'test', script: { type: 'text/javascript', exec: [line] } }];
    await importCollection(page, workspaceId, {
      info: { name: 'Echo', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Get it', request: { method: 'GET', url: `${base}/get?n={{n}}` }, event: test("pm.test('is 200', () => pm.response.to.have.status(200));") },
        { name: 'Missing', request: { method: 'GET', url: `${base}/status/404` }, event: test("pm.test('is 200 too', () => pm.response.to.have.status(200));") },
      ],
    });

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
