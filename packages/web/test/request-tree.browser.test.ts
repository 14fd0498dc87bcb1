/**
 * The request builder's sidebar and tabs in a real browser, on a generated collection of 2,000
 * requests in nested folders: how long the tree takes to show and a filter to answer (printed, and
 * held under generous bounds for this slow machine), keyboard navigation of the tree, and request
 * tabs opened from it, kept over a reload and closed with the keyboard.
 */
import { expect, it } from 'vitest';
import { apiCall, describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: {
  document: { activeElement: { textContent: string | null; getAttribute(name: string): string | null } | null };
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `areas` × 5 groups × 20 requests (20 areas: 2,000), plus one request to find deep inside. */
function bigCollection(areas = 20, name = 'Big API') {
  return {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: Array.from({ length: areas }, (_, a) => ({
      name: `Area ${a}`,
      item: Array.from({ length: 5 }, (_, g) => ({
        name: `Group ${a}.${g}`,
        item: Array.from({ length: 20 }, (_, r) => ({
          name: a === 13 && g === 3 && r === 7 ? 'Needle refund' : `Thing ${a}.${g}.${r}`,
          request: { method: METHODS[r % METHODS.length], url: `{{baseUrl}}/areas/${a}/groups/${g}/things/${r}?token={{token}}` },
        })),
      })),
    })),
  };
}

/** Generous: this machine has 2 slow cores and shares them with other test runs. */
const BOUND_MS = 3_000;

describeInBrowser('request tree in Chromium', () => {
  const rigs = useBrowserRig();

  it('shows 2,000 requests quickly, filters them, and opens tabs from the keyboard', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'ada');

    // Import through the API, as the page's own client does (session cookie + CSRF header).
    const workspaceId = await personalWorkspaceId(page);
    await importCollection(page, workspaceId, bigCollection());

    // Time to first render of the tree: from navigation to the first tree row.
    const navigated = performance.now();
    await page.goto(`${server.url}/w/${workspaceId}`);
    const tree = page.getByRole('tree', { name: /^Requests of / });
    await tree.getByRole('treeitem', { name: 'Big API', exact: true }).waitFor();
    const treeMs = performance.now() - navigated;
    const treeInPageMs = await page.evaluate(() => performance.now());
    // Virtualized: only the rows in view are in the page, not 2,000.
    await tree.getByRole('treeitem', { name: 'Area 0', exact: true }).waitFor();
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(60);

    // Filter: from typing to the deep match showing, with its ancestors and the match marked.
    const filter = page.getByLabel('Filter requests');
    const typed = performance.now();
    await filter.fill('needle');
    const needle = tree.getByRole('treeitem', { name: /Needle refund/ });
    await needle.waitFor();
    const filterMs = performance.now() - typed;
    const names = await tree.getByRole('treeitem').allTextContents();
    expect(names).toEqual(['▾Big API', '▾Area 13', '▾Group 13.3', 'PUTNeedle refund']);
    expect(await needle.getAttribute('aria-level')).toBe('4');
    expect(await needle.locator('mark').textContent()).toBe('Needle');
    await page.getByRole('status').filter({ hasText: '1 request matches.' }).waitFor();

    // A broad filter: every request matches, so all 2,000 (and their folders) become rows.
    const broadTyped = performance.now();
    await filter.fill('thing');
    await page.getByRole('status').filter({ hasText: '1999 requests match.' }).waitFor();
    await tree.getByRole('treeitem', { name: 'GET Thing 0.0.0', exact: true }).waitFor();
    const broadMs = performance.now() - broadTyped;
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(60);

    console.log(
      `[request tree, 2,000 requests] first render ${treeMs.toFixed(0)} ms from navigation (${treeInPageMs.toFixed(0)} ms by the page's clock); ` +
        `filter "needle" (1 match) answered in ${filterMs.toFixed(0)} ms; filter "thing" (1,999 matches) in ${broadMs.toFixed(0)} ms`,
    );
    expect(treeMs).toBeLessThan(BOUND_MS);
    expect(filterMs).toBeLessThan(BOUND_MS);
    expect(broadMs).toBeLessThan(BOUND_MS);

    // Keyboard: from the filter into the tree, then through it; Enter on a request opens a tab.
    await filter.fill('');
    await tree.getByRole('treeitem', { name: 'Area 0', exact: true }).waitFor();
    await filter.press('ArrowDown');
    // Polled: a far row (End) is drawn, then focused, once the list has scrolled to it.
    const focused = () => page.evaluate(() => window.document.activeElement?.textContent ?? '');
    await expect.poll(focused).toBe('▾Big API');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('▸Area 0');
    await page.keyboard.press('ArrowRight'); // expands
    expect(await tree.getByRole('treeitem', { name: 'Area 0', exact: true }).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight'); // first child
    await expect.poll(focused).toBe('▸Group 0.0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('GETThing 0.0.0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const tab = page.getByRole('tab', { name: 'POST Thing 0.0.1', exact: true });
    await tab.waitFor();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    const panel = page.getByRole('tabpanel', { name: 'POST Thing 0.0.1' });
    // The request editor's URL field (CodeMirror, in a shadow root) marks the variables.
    await expect.poll(() => panel.locator('.cm-variable').allTextContents()).toEqual(['{{baseUrl}}', '{{token}}']);
    // Focus stays in the tree, to keep browsing.
    await expect.poll(focused).toBe('POSTThing 0.0.1');

    // Left goes back up to the parent; End and Home reach the last and first rows.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focused).toBe('▾Group 0.0');
    await page.keyboard.press('End');
    await expect.poll(focused).toBe('▸Area 19');
    await page.keyboard.press('Home');
    await expect.poll(focused).toBe('▾Big API');
    // Type-ahead: "a" goes to the next row starting with it.
    await page.keyboard.press('a');
    await expect.poll(focused).toBe('▾Area 0');

    // A second tab by click; opening the first again focuses it rather than duplicating it.
    await tree.getByRole('treeitem', { name: 'PUT Thing 0.0.2', exact: true }).click();
    await page.getByRole('tab', { name: 'PUT Thing 0.0.2', exact: true }).waitFor();
    await tree.getByRole('treeitem', { name: 'POST Thing 0.0.1', exact: true }).click();
    expect(await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab').count()).toBe(2);
    expect(await tab.getAttribute('aria-selected')).toBe('true');

    // Tabs survive a reload (sessionStorage, this workspace).
    await page.reload();
    await page.getByRole('tab', { name: 'PUT Thing 0.0.2', exact: true }).waitFor();
    expect(await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab').count()).toBe(2);

    // Delete on the focused tab closes it and focuses the next; the close button works too.
    await page.getByRole('tab', { name: 'POST Thing 0.0.1', exact: true }).focus();
    await page.keyboard.press('Delete');
    await page.getByRole('tab', { name: 'POST Thing 0.0.1', exact: true }).waitFor({ state: 'detached' });
    await page.waitForFunction(() => window.document.activeElement?.getAttribute('role') === 'tab');
    await expect.poll(focused).toBe('PUT Thing 0.0.2');
    // The mouse's close button (hidden from assistive technology, which uses Delete).
    await page.locator('.tab', { hasText: 'Thing 0.0.2' }).getByTitle('Close (Delete on the focused tab)').click();
    await page.getByText('Open a request from the list to see it here.').waitFor();
    expect(await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab').count()).toBe(0);

    expect(rig.problems).toEqual([]);
  }, 60_000);

  it('opens and filters a 10,000-request collection (the size users report as slow elsewhere)', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    const { id: workspaceId } = (await apiCall(page, 'POST', '/api/workspaces', { name: 'Huge', kind: 'private' })) as { id: string };
    await importCollection(page, workspaceId, bigCollection(100, 'Huge API'));

    const navigated = performance.now();
    await page.goto(`${server.url}/w/${workspaceId}`);
    const tree = page.getByRole('tree', { name: /^Requests of / });
    await tree.getByRole('treeitem', { name: 'Area 0', exact: true }).waitFor();
    const treeMs = performance.now() - navigated;
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(60);
    const filter = page.getByLabel('Filter requests');
    const typed = performance.now();
    await filter.fill('needle');
    await tree.getByRole('treeitem', { name: /Needle refund/ }).waitFor();
    const filterMs = performance.now() - typed;
    const broadTyped = performance.now();
    await filter.fill('thing');
    await page.getByRole('status').filter({ hasText: '9999 requests match.' }).waitFor();
    const broadMs = performance.now() - broadTyped;
    console.log(
      `[request tree, 10,000 requests] first render ${treeMs.toFixed(0)} ms from navigation; ` +
        `filter "needle" (1 match) ${filterMs.toFixed(0)} ms; filter "thing" (9,999 matches) ${broadMs.toFixed(0)} ms`,
    );
    expect(treeMs).toBeLessThan(BOUND_MS * 2);
    expect(filterMs).toBeLessThan(BOUND_MS);
    expect(broadMs).toBeLessThan(BOUND_MS);
    expect(rig.problems).toEqual([]);
  }, 60_000);
});
