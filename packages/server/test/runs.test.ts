import { startTestServer, type TestServer } from '@postern/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { AppDeps } from '../src/app.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser } from './support/browser.ts';
import { SETUP_TIMEOUT_MS, importCollection, setUpCast, type ContentCast } from './support/content.ts';

const quiet: AppDeps['reportError'] = () => undefined;
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const test = (...lines: string[]) => [{ listen: 'test', script: { type: 'text/javascript', exec: lines } }];

/** A folder with one passing and one failing assertion, and a top-level request outside it. */
const collectionFor = (base: string) => ({
  info: { name: 'Runs', schema: SCHEMA },
  item: [
    {
      name: 'Folder A',
      item: [
        {
          name: 'get n',
          request: { method: 'GET', url: `${base}/get?n={{n}}` },
          event: test("pm.test('status 200', () => pm.response.to.have.status(200));", "pm.test('never', () => pm.expect(1).to.equal(2));"),
        },
      ],
    },
    { name: 'not found', request: { method: 'GET', url: `${base}/status/404` }, event: test("pm.test('is 404', () => pm.response.to.have.status(404));") },
  ],
});

async function waitForEnd(browser: Browser, runId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await browser.request('GET', `/api/runs/${runId}`);
    expect(res.status).toBe(200);
    const run = await res.json();
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the run did not end');
}

forEachDatabase('collection runs', (target) => {
  let t: TestApp;
  let kit: TestServer;
  let cast: ContentCast;
  let collectionId: string;
  let folderId: string;

  beforeAll(async () => {
    kit = await startTestServer();
    t = await openTestApp(target, { reportError: quiet });
    cast = await setUpCast(t);
    collectionId = (await importCollection(cast.owner, cast.workspaceId, collectionFor(kit.url))).id;
    const outline = await (await cast.owner.browser.request('GET', `/api/collections/${collectionId}/items`)).json();
    folderId = outline.items.find((n: { type: string }) => n.type === 'folder').id;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await kit?.close();
  });

  const start = (browser: Browser, body: Record<string, unknown>, id = collectionId) => browser.request('POST', `/api/collections/${id}/runs`, { body });

  it('runs the collection with scripts and keeps counts and per-request results', async () => {
    const res = await start(cast.editor.browser, { iterations: 2 });
    expect(res.status).toBe(202);
    const { runId } = await res.json();
    const run = await waitForEnd(cast.editor.browser, runId);
    expect(run.status).toBe('finished');
    expect(run.progress).toEqual({ done: 4, total: 4 });
    expect(run.counts).toEqual({ requests: 4, assertionsPassed: 4, assertionsFailed: 2, errors: 0 });
    expect(run.results).toHaveLength(4);
    expect(run.results[0]).toMatchObject({
      iteration: 0,
      name: 'get n',
      path: ['Folder A'],
      method: 'GET',
      status: 200,
      assertions: [
        { name: 'status 200', passed: true },
        { name: 'never', passed: false, error: expect.stringContaining('expected 1 to equal 2') },
      ],
    });
    expect(run.results[1]).toMatchObject({ iteration: 0, name: 'not found', status: 404, assertions: [{ name: 'is 404', passed: true }] });
    expect(run.results[3].iteration).toBe(1);
    expect(run.results[0].timeMs).toBeGreaterThanOrEqual(0);
    expect(run.results[0].size).toBeGreaterThan(0);

    const list = await (await cast.editor.browser.request('GET', `/api/collections/${collectionId}/runs`)).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(runId);
  });

  it('runs one iteration per data row, and only the chosen folder', async () => {
    const res = await start(cast.editor.browser, { folderId, data: 'n\nfirst\nsecond\nthird\n' });
    expect(res.status).toBe(202);
    const run = await waitForEnd(cast.editor.browser, (await res.json()).runId);
    expect(run.status).toBe('finished');
    expect(run.results.map((r: { name: string }) => r.name)).toEqual(['get n', 'get n', 'get n']);
    expect(run.results.map((r: { url: string }) => new URL(r.url).searchParams.get('n'))).toEqual(['first', 'second', 'third']);

    const json = await start(cast.editor.browser, { data: JSON.stringify([{ n: 'x' }]) });
    const jsonRun = await waitForEnd(cast.editor.browser, (await json.json()).runId);
    expect(jsonRun.results).toHaveLength(2);
  });

  it('serves the reports as postern run writes them', async () => {
    const { runId } = await (await start(cast.editor.browser, {})).json();
    await waitForEnd(cast.editor.browser, runId);
    const json = await cast.editor.browser.request('GET', `/api/runs/${runId}/report?format=json`);
    expect(json.status).toBe(200);
    expect(JSON.parse(await json.text()).collection.info.name).toBe('Runs');
    const junit = await (await cast.editor.browser.request('GET', `/api/runs/${runId}/report?format=junit`)).text();
    expect(junit).toContain('<testsuites');
    const html = await cast.editor.browser.request('GET', `/api/runs/${runId}/report?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<html');
    expect((await cast.editor.browser.request('GET', `/api/runs/${runId}/report?format=pdf`)).status).toBe(400);
  });

  it('cancels a run going on', async () => {
    const { runId } = await (await start(cast.editor.browser, { iterations: 5, delayMs: 60_000 })).json();
    const cancel = await cast.editor.browser.request('POST', `/api/runs/${runId}/cancel`);
    expect(cancel.status).toBe(202);
    const run = await waitForEnd(cast.editor.browser, runId);
    expect(run.status).toBe('cancelled');
    expect(run.progress.done).toBeLessThan(run.progress.total);
  });

  it('limits who may run and read: viewers 403, strangers 404; the owner may read an editor’s run', async () => {
    expect((await start(cast.viewer.browser, {})).status).toBe(403);
    expect((await start(cast.stranger.browser, {})).status).toBe(404);
    const { runId } = await (await start(cast.editor.browser, {})).json();
    await waitForEnd(cast.editor.browser, runId);
    expect((await cast.owner.browser.request('GET', `/api/runs/${runId}`)).status).toBe(200);
    expect((await cast.viewer.browser.request('GET', `/api/runs/${runId}`)).status).toBe(404);
    expect((await cast.stranger.browser.request('GET', `/api/runs/${runId}`)).status).toBe(404);
    expect((await cast.stranger.browser.request('POST', `/api/runs/${runId}/cancel`)).status).toBe(404);
    expect((await cast.stranger.browser.request('GET', `/api/runs/${runId}/report?format=json`)).status).toBe(404);
  });

  it('refuses invalid options with 400', async () => {
    for (const body of [
      { iterations: 0 },
      { iterations: 1001 },
      { delayMs: -1 },
      { data: '[1, 2]' },
      { data: '{"not": "an array"}' },
      { data: 'n\na\nb\n', iterations: 3 },
      { folderId: 'no-such-folder' },
      { environmentId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const res = await start(cast.editor.browser, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('refuses more runs at once than the limit with 429', async () => {
    const app = createApp({ passwordHashing: FAST_HASHING, rateLimits: false, reportError: quiet, database: t.database, runLimits: { perPerson: 1, perInstance: 4 } });
    const person = await signUpPerson(app);
    const ws = await (await person.browser.request('POST', '/api/workspaces', { body: { name: 'Mine', kind: 'private' } })).json();
    const imported = await (await person.browser.request('POST', `/api/workspaces/${ws.id}/collections`, { body: collectionFor(kit.url) })).json();
    const first = await person.browser.request('POST', `/api/collections/${imported.id}/runs`, { body: { iterations: 3, delayMs: 60_000 } });
    expect(first.status).toBe(202);
    const second = await person.browser.request('POST', `/api/collections/${imported.id}/runs`, { body: {} });
    expect(second.status).toBe(429);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect((await second.json()).code).toBe('TOO_MANY_RUNS');
    const { runId } = await first.json();
    await person.browser.request('POST', `/api/runs/${runId}/cancel`);
    await waitForEnd(person.browser, runId);
  });

  it('shows a request the egress guard refuses as a request error', async () => {
    const app = createApp({ passwordHashing: FAST_HASHING, rateLimits: false, reportError: quiet, database: t.database, egress: { mode: 'public-only', allow: [] } });
    const person = await signUpPerson(app);
    const ws = await (await person.browser.request('POST', '/api/workspaces', { body: { name: 'Guarded', kind: 'private' } })).json();
    const imported = await (await person.browser.request('POST', `/api/workspaces/${ws.id}/collections`, { body: collectionFor(kit.url) })).json();
    const before = kit.requestCount();
    const { runId } = await (await person.browser.request('POST', `/api/collections/${imported.id}/runs`, { body: {} })).json();
    const run = await waitForEnd(person.browser, runId);
    expect(run.status).toBe('finished');
    expect(run.counts.errors).toBeGreaterThanOrEqual(2);
    expect(run.results[0].status).toBeNull();
    expect(run.results[0].error).toMatch(/loopback|refused|egress/i);
    expect(kit.requestCount()).toBe(before);
  });
});
