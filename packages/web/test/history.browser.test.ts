/**
 * The history of sent requests in a real browser: sends made through the API (as the request
 * editor will) show in the sidebar's History view grouped by day; an entry linked to a request of
 * the workspace opens it in a tab, an unlinked one shows read-only; one entry is deleted, then all
 * after confirming; and the retention setting in Settings → Profile turns the history off.
 */
import { expect, it } from 'vitest';
import { apiCall, describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

describeInBrowser('history in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  it('lists sent requests by day, reopens or shows them, deletes them, and follows the retention setting', async () => {
    const { rig, kit } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'grace');

    // A collection with one request, then two sends: one linked to that request, one not.
    const base = kit.url;
    const workspaceId = await personalWorkspaceId(page);
    const collectionId = await importCollection(page, workspaceId, {
      info: { name: 'Echo', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Get it', request: { method: 'GET', url: `${base}/get?from=collection` } }],
    });
    const outline = (await apiCall(page, 'GET', `/api/collections/${collectionId}/items`)) as { items: { id: string }[] };
    await apiCall(page, 'POST', '/api/send', {
      request: { method: 'GET', url: `${base}/get?from=collection` },
      workspaceId,
      collectionId,
      itemId: outline.items[0]!.id,
    });
    await apiCall(page, 'POST', '/api/send', { request: { method: 'POST', url: '{{base}}/status/404', body: { mode: 'raw', raw: 'hello' } }, variables: [{ key: 'base', value: base }], workspaceId });

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
