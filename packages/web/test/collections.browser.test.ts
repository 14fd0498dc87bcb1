/**
 * A collection's history in a real browser (P2 "every change is recorded, viewable and
 * restorable"): the changes with their diffs, an old revision shown in the read-only editor, and a
 * restore that becomes a new revision. A collection imported from a URL the server fetches. And
 * requests reordered in the sidebar, from the keyboard and by drag-and-drop, saved on the server.
 * And a new request and folder created from the sidebar, in a new collection and an existing one.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { apiCall, describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

const collection = {
  info: { name: 'Orders API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'List orders', request: { method: 'GET', url: 'https://api.example.test/orders' } }],
};

describeInBrowser('collection history in Chromium', () => {
  const rigs = useBrowserRig();

  it('lists changes with their diffs, shows an old revision and restores it as a new one', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'hedy');

    // Import, then rename the request through the API (as the page's own client does): revision 2.
    const workspaceId = await personalWorkspaceId(page);
    const collectionId = await importCollection(page, workspaceId, collection);
    const renamed = structuredClone(collection);
    renamed.item[0]!.name = 'List all orders';
    await apiCall(page, 'PUT', `/api/collections/${collectionId}`, renamed);

    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('link', { name: 'History of Orders API' }).click();
    await page.getByRole('heading', { name: 'History of Orders API' }).waitFor();
    const changes = page.getByRole('list', { name: 'Changes, newest first' });
    await expect.poll(() => changes.locator(':scope > li').count()).toBe(2);
    const newest = changes.locator(':scope > li').first();
    expect(await newest.textContent()).toContain('Revision 2');
    expect(await newest.textContent()).toContain('by you');
    await newest.getByText(/What changed/).click();
    await newest.getByText('changed item[0].name to "List all orders"').waitFor();

    // Revision 1 in the read-only viewer: the original name, and the editor refuses typing.
    await page.getByRole('button', { name: 'View revision 1' }).click();
    const viewer = page.getByRole('textbox', { name: 'The collection at revision 1' });
    await viewer.waitFor();
    expect(await viewer.textContent()).toContain('"List orders"');
    expect(await viewer.getAttribute('aria-readonly')).toBe('true');

    // Restore asks first, then saves revision 3; the current document has the old name again.
    await page.getByRole('button', { name: 'Restore revision 1' }).click();
    await page.getByRole('group', { name: 'Restore revision 1' }).getByRole('button', { name: 'Restore revision 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Revision 1 restored as revision 3.' }).waitFor();
    await expect.poll(() => changes.locator(':scope > li').count()).toBe(3);
    expect(await changes.locator(':scope > li').first().textContent()).toContain('Restored revision 1');
    const current = (await apiCall(page, 'GET', `/api/collections/${collectionId}`)) as { item: { name: string }[] };
    expect(current.item[0]!.name).toBe('List orders');
    expect(rig.problems).toEqual([]);
  });

  it('imports a collection from a URL', async () => {
    const { rig } = rigs;
    const files = createServer((req, res) => {
      if (req.url === '/shop.json') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ...collection, info: { ...collection.info, name: 'Shop API' } }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    try {
      const page = await rig.browser.context.newPage();
      rig.watch(page);
      await page.goto(`${rig.server.url}/`);
      await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
      await page.getByRole('link', { name: /Personal/ }).first().click();
      await page.getByRole('heading', { name: 'Collections' }).waitFor();
      const panel = page.locator('.panel', { has: page.getByRole('heading', { name: 'Import collection' }) });
      await panel.getByLabel('…or its URL').fill(`http://127.0.0.1:${(files.address() as AddressInfo).port}/shop.json`);
      await panel.getByRole('button', { name: 'Import collection' }).click();
      await page.getByRole('status').filter({ hasText: /Imported the collection from/ }).waitFor();
      await page.getByRole('list', { name: 'Collections' }).getByText('Shop API').waitFor();
      // The request tree loads it too.
      await page.getByRole('tree', { name: /^Requests of / }).getByRole('treeitem', { name: 'Shop API', exact: true }).waitFor();
      expect(rig.problems).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => files.close(() => resolve()));
    }
  });

  it('reorders requests from the keyboard and by drag-and-drop, and saves the order', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await page.goto(`${rig.server.url}/`);
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    const workspaceId = await personalWorkspaceId(page);
    const collectionId = await importCollection(page, workspaceId, {
      info: { name: 'Tidy API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Folder A', item: [{ name: 'Inside A', request: { method: 'GET', url: 'https://x.test/a' } }] },
        { name: 'First', request: { method: 'GET', url: 'https://x.test/1' } },
        { name: 'Second', request: { method: 'POST', url: 'https://x.test/2' } },
      ],
    });
    const order = async () => {
      const doc = (await apiCall(page, 'GET', `/api/collections/${collectionId}`)) as { item: { name: string; item?: { name: string }[] }[] };
      return doc.item.map((i) => (i.item ? `${i.name}[${i.item.map((c) => c.name).join(',')}]` : i.name));
    };

    await page.goto(`${rig.server.url}/w/${workspaceId}`);
    const tree = page.getByRole('tree', { name: /^Requests of / });
    const first = tree.getByRole('treeitem', { name: 'GET First', exact: true });
    await first.click();
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await page.getByRole('status').filter({ hasText: 'Moved First.' }).waitFor();
    await expect.poll(order).toEqual(['Folder A[Inside A]', 'Second', 'First']);
    const rows = async () => (await tree.getByRole('treeitem').allTextContents()).filter((t) => t.includes('First') || t.includes('Second'));
    expect(await rows()).toEqual(['POSTSecond', 'GETFirst']);

    // Dragged onto the middle of the folder row: into the folder, at its end.
    const folder = tree.getByRole('treeitem', { name: 'Folder A', exact: true });
    await tree.getByRole('treeitem', { name: 'POST Second', exact: true }).dragTo(folder);
    await expect.poll(order).toEqual(['Folder A[Inside A,Second]', 'First']);
    const changes = (await apiCall(page, 'GET', `/api/collections/${collectionId}/changes?limit=2`)) as { items: { kind: string }[] };
    expect(changes.items.map((c) => c.kind)).toEqual(['item_move', 'item_move']);
    expect(rig.problems).toEqual([]);
  });

  it('creates a request in a new collection and a folder in an existing one from the sidebar', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await page.goto(`${rig.server.url}/`);
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await page.getByRole('link', { name: /Personal/ }).first().click();
    const sidebar = page.getByRole('navigation', { name: 'Requests' });
    await sidebar.getByRole('button', { name: 'New…' }).click();
    await sidebar.getByLabel('Name', { exact: true }).fill('Ping');
    await sidebar.getByLabel('Method').selectOption('POST');
    await sidebar.getByLabel('In collection').selectOption({ label: 'A new collection…' });
    await sidebar.getByLabel("New collection's name").fill('Scratch');
    await sidebar.getByRole('button', { name: 'Create request' }).click();
    const tree = page.getByRole('tree', { name: /^Requests of / });
    await tree.getByRole('treeitem', { name: 'POST Ping', exact: true }).waitFor();
    await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: 'POST Ping' }).waitFor();

    await sidebar.getByRole('button', { name: 'New…' }).click();
    await sidebar.getByLabel('A folder').check();
    await sidebar.getByLabel('Name', { exact: true }).fill('Drafts');
    await sidebar.getByLabel('In collection').selectOption({ label: 'Scratch' });
    await sidebar.getByRole('button', { name: 'Create folder' }).click();
    await tree.getByRole('treeitem', { name: 'Drafts', exact: true }).waitFor();
    const collections = (await apiCall(page, 'GET', `/api/workspaces/${await personalWorkspaceId(page)}/collections`)) as { items: { id: string; name: string }[] };
    const scratch = collections.items.find((c) => c.name === 'Scratch')!;
    const doc = (await apiCall(page, 'GET', `/api/collections/${scratch.id}`)) as { item: unknown[] };
    expect(doc.item).toEqual([{ name: 'Ping', request: { method: 'POST', header: [], url: '' } }, { name: 'Drafts', item: [] }]);
    expect(rig.problems).toEqual([]);
  });
});
