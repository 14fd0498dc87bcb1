/**
 * Importing other formats in a real browser (issue #10): a pasted cURL command and an uploaded
 * OpenAPI file, each showing what was created and what was left out; a broken paste shows the
 * server's message; the "Export as…" menu downloads a collection as cURL commands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeInBrowser, signUp, useBrowserRig } from './support.ts';

const OPENAPI_FILE = join(import.meta.dirname, 'fixtures', 'pets.openapi.yaml');

describeInBrowser('importing other formats in Chromium', () => {
  const rigs = useBrowserRig();

  it('imports a cURL command and an OpenAPI file, shows the result, and exports as cURL', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    await signUp(page, rig.server.url, 'grace_h');
    await page.getByRole('link', { name: /Personal/ }).first().click();
    await page.getByRole('heading', { name: 'Collections' }).waitFor();
    const panel = page.locator('.panel', { has: page.getByRole('heading', { name: 'Import collection' }) });

    // A pasted cURL command, format detected.
    await panel.getByLabel('…or paste its JSON, YAML or a cURL command').fill("curl -X POST https://api.example.test/items -H 'Content-Type: application/json' -d '{\"name\":\"widget\"}'");
    await panel.getByRole('button', { name: 'Import collection' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Imported 1 collection (curl).' });
    await status.waitFor();
    expect(await status.getByRole('list', { name: 'Created' }).textContent()).toMatch(/1 request/);

    // An OpenAPI file with the format chosen: the callbacks it cannot hold are listed with their place.
    await panel.getByLabel('Format').selectOption('openapi');
    await panel.getByLabel('Collection file').setInputFiles(OPENAPI_FILE);
    await panel.getByRole('button', { name: 'Import collection' }).click();
    const openapi = page.getByRole('status').filter({ hasText: 'Imported 1 collection (openapi).' });
    await openapi.waitFor();
    expect(await openapi.getByRole('list', { name: 'Created' }).textContent()).toContain('Collection Pets API · 2 requests');
    expect(await openapi.getByRole('list', { name: 'Left out' }).textContent()).toContain('callbacks');
    await page.getByRole('list', { name: 'Collections' }).getByText('Pets API').waitFor();

    // Not something Postern reads: the server's message says so, nothing is created.
    await panel.getByLabel('…or paste its JSON, YAML or a cURL command').fill('hello there');
    await panel.getByRole('button', { name: 'Import collection' }).click();
    await panel.getByText(/pasted text is not a format Postern imports/).first().waitFor();

    // Export as cURL from the collection's menu.
    await page.getByRole('button', { name: 'Export as… other formats: Pets API' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'cURL commands' }).click()]);
    expect(download.suggestedFilename()).toBe('Pets-API.sh');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toMatch(/^curl .*https:\/\/pets\.example\.test\/pets/m);
    expect(rig.problems).toEqual([]);
  });
});
