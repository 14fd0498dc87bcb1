/**
 * Usage analytics in a real browser (issue #6, points 3 and 5; P5, P25): rejecting Performance
 * means no analytics request at all, accepting it sends a page view and one per route change; the
 * restriction switches in Settings → Privacy save and switch back; the operator sees the counts.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { axeViolations, completeSignUp, describeInBrowser, useBrowserRig } from './support.ts';

const analyticsRequests = (page: Page) => {
  const bodies: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/analytics/events') bodies.push(request.postData() ?? '');
  });
  return bodies;
};

describeInBrowser('usage analytics in Chromium', () => {
  const rigs = useBrowserRig();

  it('sends nothing after "Reject all"', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    const sent = analyticsRequests(page);
    await page.goto(`${rig.server.url}/signin`);
    const banner = page.getByRole('region', { name: 'Cookies and tracking' });
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await banner.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: /create an account|sign up/i }).first().click();
    await page.waitForURL(/\/signup$/);
    await page.goto(`${rig.server.url}/signin`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(sent).toEqual([]);
    expect(rig.problems).toEqual([]);
  });

  it('sends page views after "Accept all", and the restriction switches save and switch back', async () => {
    const { rig } = rigs;
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      rig.watch(page);
      const sent = analyticsRequests(page);
      await page.goto(`${rig.server.url}/signin`);
      const banner = page.getByRole('region', { name: 'Cookies and tracking' });
      await banner.waitFor();
      expect(sent).toEqual([]); // nothing before the choice
      await banner.getByRole('button', { name: 'Accept all' }).click();
      await expect.poll(() => sent.length).toBe(1);
      expect(JSON.parse(sent[0]!).events[0]).toMatchObject({ type: 'page_view', name: '/signin' });
      // A route change inside the app is one more page view.
      await page.getByRole('link', { name: /create an account|sign up/i }).first().click();
      await expect.poll(() => sent.some((body) => JSON.parse(body).events[0].name === '/signup')).toBe(true);

      await completeSignUp(page, 'ana');
      await page.goto(`${rig.server.url}/settings/privacy`);
      const analytics = page.getByRole('switch', { name: 'Do not use my data for usage analytics' });
      await analytics.waitFor();
      expect(await analytics.isChecked()).toBe(false);
      await page.getByText('Postern has no personalisation today').waitFor();
      await analytics.click();
      await expect.poll(() => analytics.isChecked()).toBe(true);
      await page.reload();
      await expect.poll(() => analytics.isChecked()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await analytics.click();
      await expect.poll(() => analytics.isChecked()).toBe(false);
      await page.reload();
      await expect.poll(() => analytics.isChecked()).toBe(false);

      // The first account is the operator: the aggregates count the page views above, per day.
      await page.goto(`${rig.server.url}/admin/analytics`);
      const table = page.getByRole('table', { name: 'Events per day' });
      await table.getByRole('cell', { name: '/signin', exact: true }).waitFor();
      await table.getByRole('cell', { name: '/signup', exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(rig.problems).toEqual([]);
  });
});
