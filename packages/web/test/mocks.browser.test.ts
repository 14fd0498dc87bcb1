/**
 * Hosted mock servers end to end (issue #9): from the workspace page to the Mocks page, create a
 * private mock of an imported collection, call its URL without and with an API key, read the call
 * in the log, make it public, and delete it. The page is checked with axe.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

const COLLECTION = {
  info: { name: 'Pets', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'Get pet',
      request: { method: 'GET', url: '{{baseUrl}}/pets/1' },
      response: [
        {
          name: 'Rex',
          originalRequest: { method: 'GET', url: '{{baseUrl}}/pets/1' },
          code: 200,
          header: [{ key: 'Content-Type', value: 'application/json' }],
          body: '{"name":"Rex"}',
        },
      ],
    },
  ],
};

describeInBrowser('hosted mock servers in Chromium', () => {
  const rigs = useBrowserRig();

  it('creates a private mock, calls it with a key, shows the call log, makes it public and deletes it', async () => {
    const { server } = rigs.rig;
    const page = await rigs.rig.browser.context.newPage();
    rigs.rig.watch(page);
    await signUp(page, server.url, 'mona');
    const workspaceId = await personalWorkspaceId(page);
    await importCollection(page, workspaceId, COLLECTION);

    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('link', { name: /^Mock servers/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Mock servers of / }).waitFor();
    await page.getByText('No mock servers yet.').waitFor();

    // Out of range retention is refused with the field named.
    await page.getByLabel('Name').fill('Pets mock');
    await page.getByLabel('Keep the call log for (days, 1–90)').fill('120');
    await page.getByRole('button', { name: 'Create mock server' }).click();
    await page.locator('.field-error').first().waitFor();
    await page.getByLabel('Keep the call log for (days, 1–90)').fill('7');
    await page.getByRole('button', { name: 'Create mock server' }).click();
    await page.getByRole('heading', { level: 3, name: 'Pets mock' }).waitFor();
    const url = (await page.getByLabel('URL of Pets mock').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${server.url}/mock/[0-9a-f-]{36}$`));
    await page.getByText(/Private \(API key needed\).*kept 7 days/).waitFor();

    // A call without a key is refused; with the owner's key it is answered from the example.
    const anonymous = await page.request.get(`${url}/pets/1`);
    expect(anonymous.status()).toBe(401);
    const { key } = (await apiCall(page, 'POST', '/api/me/api-keys', { name: 'mock', scopes: ['read'], expiresInDays: null })) as { key: string };
    const answered = await page.request.get(`${url}/pets/1?tail=wag`, { headers: { 'x-api-key': key } });
    expect(answered.status()).toBe(200);
    expect(await answered.json()).toEqual({ name: 'Rex' });

    await page.getByRole('button', { name: 'Refresh call log' }).click();
    const log = page.getByRole('table', { name: 'Calls to Pets mock, newest first' });
    await log.getByRole('row', { name: /GET \/pets\/1\?tail=wag.*200.*Rex/ }).waitFor();
    const found = await axeViolations(page);

    await page.getByRole('button', { name: 'Make public' }).click();
    await page.getByRole('status').filter({ hasText: 'Now public.' }).waitFor();
    expect((await page.request.get(`${url}/pets/1`)).status()).toBe(200);

    await page.getByRole('button', { name: 'Delete the mock server Pets mock' }).click();
    await page.getByRole('button', { name: 'Delete mock server' }).click();
    await page.getByText('No mock servers yet.').waitFor();
    expect((await page.request.get(`${url}/pets/1`)).status()).toBe(404);

    expect(found).toEqual([]);
    expect(rigs.rig.problems).toEqual([]);
  }, 120_000);
});
