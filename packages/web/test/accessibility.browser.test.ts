/**
 * Every page of the app checked with axe-core (WCAG 2.1 A and AA rules) in a real browser, signed
 * out and signed in, with a collection open in the workbench. A violation fails the test with the
 * rule, the elements and axe's advice.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig } from './app-server.ts';
import type { BrowserRig } from './app-server.ts';
import { browserUnavailable } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable && process.env.CI === 'true') {
  describe('accessibility in Chromium', () => {
    it('has Chromium to run on', () => {
      throw new Error(`${unavailable} Under CI=true the browser tests must run, not be skipped.`);
    });
  });
} else if (unavailable) {
  console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${unavailable} ⚠⚠⚠\n`);
}

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { cookie: string } };

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's findings on the page as it is now, one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

describe.skipIf(unavailable !== null)('accessibility in Chromium', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig();
  }, 90_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('finds no WCAG 2.1 AA violation on any page', async () => {
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    const found: Record<string, string[]> = {};
    const check = async (name: string, ready: () => Promise<unknown>) => {
      await ready();
      found[name] = await violations(page);
    };

    await page.goto(`${server.url}/signin`);
    await check('sign-in', () => page.getByRole('heading', { name: 'Sign in' }).waitFor());
    await page.goto(`${server.url}/signup`);
    await check('sign-up', () => page.getByRole('button', { name: 'Create account' }).waitFor());

    await page.getByLabel('Username').fill('alan');
    await page.getByLabel('Email').fill('alan@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Birth date').fill('1990-01-01');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await check('home', () => page.getByRole('heading', { name: 'Your workspaces' }).waitFor());

    const { workspaceId, collectionId } = await page.evaluate(async () => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const list = (await (await fetch('/api/workspaces')).json()) as { items: { id: string; kind: string }[] };
      const id = list.items.find((w) => w.kind === 'personal')!.id;
      const body = {
        info: { name: 'Checked API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [
          { name: 'Users', item: [{ name: 'List users', request: { method: 'GET', url: '{{baseUrl}}/users' } }] },
          { name: 'Create order', request: { method: 'POST', url: '{{baseUrl}}/orders', body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } } } },
        ],
      };
      const res = await fetch(`/api/workspaces/${id}/collections`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
      return { workspaceId: id, collectionId: ((await res.json()) as { id: string }).id };
    });

    await page.goto(`${server.url}/w/${workspaceId}`);
    await check('workspace', () => page.getByRole('tree', { name: /^Requests of / }).getByRole('treeitem', { name: 'POST Create order' }).waitFor());
    await page.getByRole('tree', { name: /^Requests of / }).getByRole('treeitem', { name: 'POST Create order' }).click();
    await check('workspace with a request open', () => page.getByRole('tab', { name: /Create order/ }).waitFor());
    await page.goto(`${server.url}/w/${workspaceId}/collections/${collectionId}/history`);
    await check('collection history', () => page.getByRole('heading', { name: 'History of Checked API' }).waitFor());
    await page.goto(`${server.url}/teams/new`);
    await check('new team', () => page.getByRole('heading', { level: 1 }).waitFor());
    await page.goto(`${server.url}/workspaces/new`);
    await check('new workspace', () => page.getByRole('heading', { level: 1 }).waitFor());
    for (const section of ['account', 'profile', 'two-factor', 'api-keys']) {
      await page.goto(`${server.url}/settings/${section}`);
      await check(`settings/${section}`, () => page.getByRole('heading', { level: 1 }).waitFor());
    }
    await page.goto(`${server.url}/no-such-page`);
    await check('not found', () => page.getByRole('heading', { level: 1 }).waitFor());

    const failing = Object.entries(found).filter(([, list]) => list.length > 0);
    expect(failing, failing.map(([name, list]) => `${name}:\n  ${list.join('\n  ')}`).join('\n')).toEqual([]);
    expect(Object.keys(found)).toHaveLength(13);
    expect(rig.problems).toEqual([]);
  });
});
