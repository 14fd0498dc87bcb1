/**
 * Every page of the app checked with axe-core (WCAG 2.1 A and AA rules) in a real browser, signed
 * out and signed in, with a collection open in the workbench. A violation fails the test with the
 * rule, the elements and axe's advice.
 */
import { expect, it } from 'vitest';
import { axeViolations, completeSignUp, describeInBrowser, importCollection, personalWorkspaceId, useBrowserRig } from './support.ts';

describeInBrowser('accessibility in Chromium', () => {
  const rigs = useBrowserRig();

  it('finds no WCAG 2.1 AA violation on any page', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    const found: Record<string, string[]> = {};
    const check = async (name: string, ready: () => Promise<unknown>) => {
      await ready();
      found[name] = await axeViolations(page);
    };

    await page.goto(`${server.url}/signin`);
    await check('sign-in', () => page.getByRole('heading', { name: 'Sign in' }).waitFor());
    await page.goto(`${server.url}/signup`);
    await check('sign-up', () => page.getByRole('button', { name: 'Create account' }).waitFor());

    await completeSignUp(page, 'alan');
    await check('home', () => page.getByRole('heading', { name: 'Your workspaces' }).waitFor());

    const workspaceId = await personalWorkspaceId(page);
    const collectionId = await importCollection(page, workspaceId, {
      info: { name: 'Checked API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Users', item: [{ name: 'List users', request: { method: 'GET', url: '{{baseUrl}}/users' } }] },
        { name: 'Create order', request: { method: 'POST', url: '{{baseUrl}}/orders', body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } } } },
      ],
    });

    await page.goto(`${server.url}/w/${workspaceId}`);
    await check('workspace', () => page.getByRole('tree', { name: /^Requests of / }).getByRole('treeitem', { name: 'POST Create order' }).waitFor());
    await page.getByRole('tree', { name: /^Requests of / }).getByRole('treeitem', { name: 'POST Create order' }).click();
    await check('workspace with a request open', () => page.getByRole('tab', { name: /Create order/ }).waitFor());
    await page.goto(`${server.url}/w/${workspaceId}/collections/${collectionId}/history`);
    await check('collection history', () => page.getByRole('heading', { name: 'History of Checked API' }).waitFor());
    await page.goto(`${server.url}/w/${workspaceId}/collections/${collectionId}/settings`);
    await check('collection settings', () => page.getByRole('heading', { name: 'Settings of Checked API' }).waitFor());
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
    expect(Object.keys(found)).toHaveLength(14);
    expect(rig.problems).toEqual([]);
  }, 120_000);
});
