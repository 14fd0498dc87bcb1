/**
 * "Download my data" in a real browser (issue #7 item 2, P21): the button starts an export, a
 * progress bar shows while the server's job builds it, then a link downloads the ZIP; the emailed
 * link lands on the same section.
 */
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, personalWorkspaceId, importCollection, signUp, useBrowserRig } from './support.ts';

const COLLECTION = {
  info: { name: 'Exported API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'Ping', request: { method: 'GET', url: 'http://127.0.0.1:9/ping' } }],
};

describeInBrowser('download my data in Chromium', () => {
  const rigs = useBrowserRig();

  it('starts an export, shows its progress, then downloads a ZIP', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, rig.server.url, 'dora');
    await importCollection(page, await personalWorkspaceId(page), COLLECTION);

    await page.goto(`${rig.server.url}/settings/privacy/exports`);
    const section = page.getByRole('region', { name: 'Download my data' });
    // The emailed link lands on this section, with focus on its heading.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe(
      'data-export-heading',
    );
    const start = section.getByRole('button', { name: 'Download my data' });
    await section.getByText(/Get a copy of everything/).waitFor();
    // Hold the polls until the progress bar is checked, so a fast build cannot race the assertions.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/me/exports', async (route) => {
      if (route.request().method() === 'GET') await held;
      await route.continue();
    });
    await start.click();
    // Queued: the progress bar has its values for assistive technology, and a second start waits.
    const bar = section.getByRole('progressbar', { name: 'Building your export' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await start.isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    release();
    const link = section.getByRole('link', { name: /Download the ZIP file/ });
    // The job (pg-boss, polling) finishes; the list is polled until the link appears.
    await link.waitFor({ timeout: 60_000 });
    expect(await bar.count()).toBe(0);
    await section.getByText(/available until/).waitFor();

    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/me\/exports\/[0-9a-f-]{36}\/download$/);
    const response = await page.request.get(`${rig.server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/zip');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="postern-data-dora-\d{4}-\d{2}-\d{2}\.zip"$/);
    const body = await response.body();
    expect(body.subarray(0, 4).toString('hex')).toBe('504b0304'); // a ZIP's local file header

    // Clicking the link downloads the same file in the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^postern-data-dora-.*\.zip$/);
    await page.reload();
    await section.getByText(/downloaded 2 times/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(rig.problems).toEqual([]);
  }, 120_000);
});
