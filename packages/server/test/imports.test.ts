import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { SETUP_TIMEOUT_MS, setUpCast } from './support/content.ts';
import type { ContentCast } from './support/content.ts';

const COLLECTION_TEXT = readFileSync(new URL('./fixtures/postman-collection.json', import.meta.url), 'utf8');
const ENVIRONMENT = { name: 'From the web', values: [{ key: 'host', value: 'api.example.test', type: 'default', enabled: true }] };

/** Serves the files an import might point at, counting every request it gets. */
async function startFileServer() {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    const send = (status: number, type: string, body: string) => res.writeHead(status, { 'Content-Type': type }).end(body);
    if (req.url === '/collection.json') send(200, 'application/json', COLLECTION_TEXT);
    else if (req.url === '/environment.json') send(200, 'application/json', JSON.stringify(ENVIRONMENT));
    else if (req.url === '/page.html') send(200, 'text/html', '<!doctype html><title>Docs</title>');
    else if (req.url === '/not-postman.json') send(200, 'application/json', '{"hello":"world"}');
    else send(404, 'text/plain', 'no such file');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits: () => hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

forEachDatabase('import from a URL', (target) => {
  let t: TestApp;
  let cast: ContentCast;
  let files: Awaited<ReturnType<typeof startFileServer>>;

  beforeAll(async () => {
    files = await startFileServer();
    t = await openTestApp(target, { reportError: () => undefined });
    cast = await setUpCast(t);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await files?.close();
  });

  const count = async (table: 'collections' | 'environments') =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
  const importUrl = (browser: Browser, what: 'collections' | 'environments', url: string, workspaceId = cast.workspaceId) =>
    browser.request('POST', `/api/workspaces/${workspaceId}/${what}/import-url`, { body: { url } });

  it('fetches a collection and stores it exactly as served', async () => {
    const res = await importUrl(cast.editor.browser, 'collections', `${files.url}/collection.json`);
    expect(res.status).toBe(201);
    const summary = await res.json();
    expect(summary).toMatchObject({ workspaceId: cast.workspaceId, revision: 1 });
    const exported = await cast.editor.browser.request('GET', `/api/collections/${summary.id}`);
    expect(JSON.parse(await exported.text())).toEqual(JSON.parse(COLLECTION_TEXT));
  });

  it('fetches an environment', async () => {
    const res = await importUrl(cast.editor.browser, 'environments', `${files.url}/environment.json`);
    expect(res.status).toBe(201);
    const { id, name } = await res.json();
    expect(name).toBe('From the web');
    expect(await (await cast.editor.browser.request('GET', `/api/environments/${id}`)).json()).toEqual(ENVIRONMENT);
  });

  it('explains what is wrong with the address or the file, saving nothing', async () => {
    const before = [await count('collections'), await count('environments')];
    const cases: Array<[string, number, string]> = [
      [`${files.url}/page.html`, 400, 'INVALID_JSON'],
      [`${files.url}/missing.json`, 502, 'IMPORT_URL_FAILED'],
      [`${files.url}/not-postman.json`, 400, 'INVALID_COLLECTION'],
      ['ftp://files.example.test/c.json', 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, status, code] of cases) {
      const res = await importUrl(cast.editor.browser, 'collections', url);
      expect(res.status, url).toBe(status);
      const problem = await res.json();
      expect(problem.code, url).toBe(code);
      expect(problem.detail.length).toBeGreaterThan(10);
    }
    const env = await importUrl(cast.editor.browser, 'environments', `${files.url}/page.html`);
    expect(env.status).toBe(400);
    expect([await count('collections'), await count('environments')]).toEqual(before);
  });

  it('checks the role before fetching anything', async () => {
    const hits = files.hits();
    const url = `${files.url}/collection.json`;
    expect((await importUrl(cast.viewer.browser, 'collections', url)).status).toBe(403);
    expect((await importUrl(cast.stranger.browser, 'collections', url)).status).toBe(404);
    expect((await importUrl(cast.anonymous, 'environments', url)).status).toBe(401);
    expect(files.hits()).toBe(hits);
  });

  it('goes through the egress guard like any server-side send', async () => {
    const guarded = createApp({
      passwordHashing: FAST_HASHING,
      rateLimits: false,
      reportError: () => undefined,
      database: t.database,
      egress: { mode: 'public-only', allow: [] },
    });
    const editor = new Browser(guarded);
    for (const [name, value] of cast.editor.browser.cookies) editor.cookies.set(name, value);
    const hits = files.hits();
    const res = await importUrl(editor, 'collections', `${files.url}/collection.json`);
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('EGRESS_REFUSED');
    expect(files.hits()).toBe(hits);
  });
});
