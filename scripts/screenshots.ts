/**
 * `npm run screenshots`: the real app, started as the browser tests start it (PGlite in a temp
 * dir, headless Chromium), walked through its main screens with a demo collection that sends to
 * the local testkit server; each screen is saved as docs/screenshots/<name>.png for the README.
 * Nothing leaves this machine.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer } from '@postern/testkit';
import type { Page } from 'playwright-core';
import { startBrowserRig } from '../packages/web/test/app-server.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { cookie: string }; scrollBy(x: number, y: number): void };

function demoCollection(baseUrl: string) {
  return {
    info: { name: 'Bookshop API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [{ key: 'baseUrl', value: baseUrl }],
    item: [
      {
        name: 'Books',
        item: [
          {
            name: 'List books',
            request: { method: 'GET', url: '{{baseUrl}}/get?shelf=fiction&limit=20', header: [{ key: 'Accept', value: 'application/json' }] },
            event: [
              {
                listen: 'test',
                script: {
                  exec: [
                    "pm.test('status is 200', () => pm.response.to.have.status(200));",
                    "pm.test('answers JSON', () => pm.response.to.be.json);",
                    "pm.test('lists the fiction shelf', () => pm.expect(pm.response.json().args.shelf).to.equal('fiction'));",
                    "console.log('shelf', pm.response.json().args.shelf);",
                    "const rows = Object.entries(pm.response.json().args).map(([name, value]) => ({ name, value }));",
                    "pm.visualizer.set('<style>body{font:15px system-ui;margin:1rem}td,th{border:1px solid #ccc;padding:.3rem .6rem}</style><h3>Query</h3><table><tr><th>Parameter</th><th>Value</th></tr>{{#each rows}}<tr><td>{{name}}</td><td>{{value}}</td></tr>{{/each}}</table>', { rows });",
                  ],
                },
              },
            ],
          },
          {
            name: 'Add a book',
            request: {
              method: 'POST',
              url: '{{baseUrl}}/post',
              header: [{ key: 'Content-Type', value: 'application/json' }],
              body: { mode: 'raw', raw: '{\n  "title": "The Left Hand of Darkness",\n  "year": 1969\n}', options: { raw: { language: 'json' } } },
            },
          },
          { name: 'Remove a book', request: { method: 'DELETE', url: '{{baseUrl}}/delete?id=42' } },
        ],
      },
      { name: 'Health', request: { method: 'GET', url: '{{baseUrl}}/status/200' } },
    ],
  };
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const kit = await startTestServer();
  const rig = await startBrowserRig();
  try {
    const page = await rig.browser.context.newPage();
    await page.setViewportSize({ width: 1360, height: 1000 });
    await page.goto(`${rig.server.url}/signup`);
    await page.getByLabel('Username').fill('ursula');
    await page.getByLabel('Email').fill('ursula@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Birth date').fill('1990-01-01');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await shoot(page, 'home');

    const { workspaceId, collectionId } = await page.evaluate(async (document) => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const list = (await (await fetch('/api/workspaces')).json()) as { items: { id: string; kind: string }[] };
      const id = list.items.find((w) => w.kind === 'personal')!.id;
      const res = await fetch(`/api/workspaces/${id}/collections`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(document) });
      return { workspaceId: id, collectionId: ((await res.json()) as { id: string }).id };
    }, demoCollection(kit.url));

    await page.goto(`${rig.server.url}/w/${workspaceId}`);
    const tree = page.getByRole('tree', { name: /^Requests of / });
    await tree.getByRole('treeitem', { name: 'Books', exact: true }).click();
    await tree.getByRole('treeitem', { name: 'POST Add a book', exact: true }).click();
    await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: 'POST Add a book' }).waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'workbench');

    // Send a request: the response, its tests and the visualizer.
    await tree.getByRole('treeitem', { name: 'GET List books', exact: true }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByRole('tab', { name: 'Tests (3/3)' }).waitFor();
    // Scrolled to show the request line and the response together (a full-page capture would
    // resize the viewport under the code views and leave out the sandboxed frame).
    await page.evaluate(() => window.scrollBy(0, 200));
    await page.waitForTimeout(300);
    await shoot(page, 'request-response');
    await response.getByRole('tab', { name: 'Tests (3/3)' }).click();
    await page.waitForTimeout(200);
    await shoot(page, 'response-tests');
    await response.getByRole('tab', { name: 'Visualizer' }).click();
    await page.frameLocator('iframe[title="Visualizer output"]').getByRole('table').waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'response-visualizer');

    // Environments: one with a secret, masked.
    await page.evaluate(async (workspace) => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      await fetch(`/api/workspaces/${workspace}/environments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({
          name: 'Staging',
          values: [
            { key: 'baseUrl', value: 'https://staging.bookshop.example', enabled: true },
            { key: 'apiKey', value: 'sk_live_demo_not_real', type: 'secret', enabled: true },
            { key: 'pageSize', value: '20', enabled: true },
          ],
        }),
      });
    }, workspaceId);
    await page.goto(`${rig.server.url}/w/${workspaceId}/environments`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const staging = page.getByRole('link', { name: 'Staging' }).or(page.getByRole('button', { name: 'Staging' }));
    if (await staging.count()) await staging.first().click();
    await page.waitForTimeout(300);
    await shoot(page, 'environments');

    // The collection runner after a run.
    await page.goto(`${rig.server.url}/w/${workspaceId}/collections/${collectionId}/run`);
    await page.getByRole('heading', { name: 'Run Bookshop API' }).waitFor();
    await page.getByLabel('Iterations').fill('2');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('finished', { exact: true }).first().waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'runner');

    await page.goto(`${rig.server.url}/w/${workspaceId}/collections/${collectionId}/history`);
    await page.getByRole('heading', { name: 'History of Bookshop API' }).waitFor();
    await shoot(page, 'collection-history');

    await page.goto(`${rig.server.url}/settings/account`);
    await page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    await shoot(page, 'settings-sessions');
  } finally {
    await rig.close();
    await kit.close();
  }
}

await main();
