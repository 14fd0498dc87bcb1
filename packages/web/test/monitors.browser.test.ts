/**
 * Monitors end to end (issue #9): from the workspace page, create a monitor (a field error from the
 * server first, then a custom schedule with its preview), run it now against the testkit server,
 * watch the run go from queued to its result, read its per-request results, the run history and
 * the response-time chart with its per-day table, find it in the list, and delete it.
 */
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

describeInBrowser('monitors in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  it('creates a monitor, runs it now, and shows the run and the chart', async () => {
    const { rig, kit } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, rig.server.url, 'mona');
    const workspaceId = await personalWorkspaceId(page);
    const test = (line: string) => [{ listen: 'test', script: { type: 'text/javascript', exec: [line] } }];
    await importCollection(page, workspaceId, {
      info: { name: 'Kit checks', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Get it', request: { method: 'GET', url: `${kit.url}/get` }, event: test("pm.test('is 200', () => pm.response.to.have.status(200));") },
        { name: 'Missing', request: { method: 'GET', url: `${kit.url}/status/404` }, event: test("pm.test('is 200 too', () => pm.response.to.have.status(200));") },
      ],
    });

    await page.goto(`${rig.server.url}/w/${workspaceId}`);
    await page.getByRole('link', { name: /^Monitors/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Monitors of / }).waitFor();
    await page.getByText('No monitors yet.').waitFor();

    await page.getByLabel('Name').fill('Kit health');
    expect(await page.getByLabel('Collection').inputValue()).not.toBe('');
    await page.getByLabel('Runs').selectOption('daily');
    await page.getByLabel('Time', { exact: true }).fill('07:45');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByText('At 07:45, Europe/Berlin time').waitFor();
    await page.getByLabel('Runs').selectOption('custom');
    // The custom field starts from the preset's expression.
    expect(await page.getByLabel('Cron expression').inputValue()).toBe('45 7 * * *');
    await page.getByLabel('Cron expression').fill('0 9 * *');
    await page.getByText('Write five fields separated by spaces').waitFor();
    await page.getByLabel('Cron expression').fill('0 9 * * 1-5');
    await page.getByText('At 09:00, Monday through Friday, Europe/Berlin time').waitFor();

    // The server's field error shows beside the field.
    await page.getByLabel('Request timeout (ms)').fill('0');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Request timeout (ms)').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Request timeout (ms)').fill('5000');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kit health' }).waitFor();
    await page.getByText('At 09:00, Monday through Friday (Europe/Berlin)').waitFor();
    await page.getByText('No runs yet.').waitFor();

    await page.getByRole('button', { name: 'Run now' }).click();
    const detail = page.getByRole('region', { name: /^Run of / });
    // Queued, then running, then its result: one request passed its test, the other did not.
    await detail.getByRole('status').filter({ hasText: 'Failed.' }).waitFor({ timeout: 30_000 });
    expect(await detail.getByText('2 requests · 1 test passed · 1 failed · 0 errors').count()).toBe(1);
    const results = detail.getByRole('table');
    expect(await results.locator('tbody tr').count()).toBe(2);
    expect(await results.getByRole('rowheader').allTextContents()).toEqual(['Get it', 'Missing']);
    // The failed test is shown open; the passing one stays folded.
    await results.getByText('is 200 too').waitFor();
    expect(await results.getByText('is 200', { exact: true }).isVisible()).toBe(false);

    const runs = page.getByRole('table', { name: 'Runs of the monitor, newest first' });
    await runs.getByText('Run now').waitFor();
    expect(await runs.locator('tbody tr').count()).toBe(1);
    expect(await runs.locator('tbody tr').first().getByText('Failed').count()).toBe(1);

    const chart = page.getByRole('img', { name: /^Response times over the last 7 days\. 1 run in the last 7 days: average response \d+ ms/ });
    await chart.waitFor();
    expect(await chart.locator('.chart-mark-failed').count()).toBe(1);
    await page.getByText('The chart’s figures per day').click();
    const daily = page.getByRole('table', { name: /^Runs per day/ });
    expect(await daily.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Period').selectOption('30');
    await page.getByRole('img', { name: /over the last 30 days\. 1 run in the last 30 days/ }).waitFor();

    expect(await axeViolations(page)).toEqual([]);

    // The address is deep-linkable: the run shown is in it, and a fresh load opens the same view.
    await page.reload();
    await page.getByRole('region', { name: /^Run of / }).getByRole('status').filter({ hasText: 'Failed.' }).waitFor();

    await page.getByRole('link', { name: /^← Monitors of / }).click();
    const list = page.getByRole('table', { name: 'Monitors of the workspace' });
    const row = list.getByRole('row', { name: /Kit health/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('At 09:00, Monday through Friday (Europe/Berlin)');
    expect(await row.getByText('Failed').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await list.getByRole('link', { name: 'Kit health' }).click();
    // The edit form opens on the schedule it was saved with; a preset replaces it.
    const settings = page.getByRole('region', { name: 'Settings' });
    expect(await settings.getByLabel('Cron expression').inputValue()).toBe('0 9 * * 1-5');
    await settings.getByLabel('Runs').selectOption('every15');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    await page.getByText('Every 15 minutes (Europe/Berlin)').waitFor();

    await page.getByRole('button', { name: 'Delete monitor' }).click();
    await page.getByRole('group', { name: /Delete the monitor Kit health/ }).getByRole('button', { name: 'Delete monitor' }).click();
    await page.getByText('No monitors yet.').waitFor();

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 120_000);
});
