import { startTestServer, type TestServer } from '@postern/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../src/app.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { createWorkspace, grant, SETUP_TIMEOUT_MS, type Person } from './support/content.ts';

const quiet: AppDeps['reportError'] = () => undefined;

const script = (listen: 'prerequest' | 'test', ...exec: string[]) => ({ listen, script: { type: 'text/javascript', exec } });

/**
 * A single send runs like Postman's Send (issue #5): the request's own scripts, and with
 * collectionId its collection's variables, inherited auth and the collection's and folders'
 * scripts, read with the sender's rights.
 */
forEachDatabase('POST /api/send with scripts and collection context', (target) => {
  let t: TestApp;
  let kit: TestServer;
  let owner: Person;
  let viewer: Person;
  let stranger: Person;
  let collectionId: string;
  let requestId: string;

  const collection = () => ({
    info: { name: 'Context', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [
      { key: 'base', value: kit.url },
      { key: 'token', value: 'sekret-token-1', type: 'secret' },
    ],
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    event: [script('test', "pm.test('collection-level test runs', () => pm.expect(pm.response.code).to.equal(200));")],
    item: [
      { name: 'Other', request: { method: 'GET', url: '{{base}}/status/500' } },
      {
        name: 'Folder',
        event: [script('prerequest', "pm.request.headers.add({ key: 'X-Folder', value: 'from-folder' });")],
        item: [{ name: 'Inner', request: { method: 'GET', url: '{{base}}/get' } }],
      },
    ],
  });

  beforeAll(async () => {
    kit = await startTestServer();
    t = await openTestApp(target, { reportError: quiet });
    [owner, viewer, stranger] = [await signUpPerson(t.app), await signUpPerson(t.app), await signUpPerson(t.app)];
    const workspaceId = await createWorkspace(owner, { name: 'Sends', kind: 'private' });
    await grant(owner, workspaceId, viewer, 'viewer');
    const imported = await owner.browser.request('POST', `/api/workspaces/${workspaceId}/collections`, { body: collection() });
    expect(imported.status).toBe(201);
    collectionId = (await imported.json()).id;
    const outline = await (await owner.browser.request('GET', `/api/collections/${collectionId}/items`)).json();
    const folder = outline.items.find((i: { name: string }) => i.name === 'Folder');
    requestId = folder.children[0].id;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await kit?.close();
  });

  it('runs the request’s pre-request and test scripts and answers their results and console', async () => {
    const res = await owner.browser.request('POST', '/api/send', {
      body: {
        request: { method: 'GET', url: `${kit.url}/get?q={{q}}` },
        events: [
          script('prerequest', "pm.environment.set('q', 'from-script');", "console.log('pre', { n: 1 });"),
          script(
            'test',
            "pm.test('status is 200', () => pm.response.to.have.status(200));",
            "pm.test('echoes q', () => pm.expect(pm.response.json().args.q).to.equal('nope'));",
          ),
        ],
      },
    });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(JSON.parse(out.body).args).toEqual({ q: 'from-script' });
    expect(out.tests).toEqual([
      { name: 'status is 200', passed: true, skipped: false, event: 'test' },
      { name: 'echoes q', passed: false, skipped: false, event: 'test', error: expect.stringContaining("expected 'from-script' to equal 'nope'") },
    ]);
    expect(out.console).toEqual([{ level: 'log', message: 'pre {"n":1}' }]);
    expect(out.scriptErrors).toEqual([]);
  });

  it('sends inside its collection: collection variables, inherited auth, folder and collection scripts', async () => {
    const res = await owner.browser.request('POST', '/api/send', {
      body: {
        request: { method: 'GET', url: '{{base}}/get?edited=yes' },
        name: 'Inner (edited)',
        events: [script('test', "pm.test('item test sees ' + pm.info.requestName, () => {});")],
        collectionId,
        itemId: requestId,
      },
    });
    expect(res.status).toBe(200);
    const out = await res.json();
    const echoed = JSON.parse(out.body);
    // The draft was sent (not the stored request), with what it inherits.
    expect(echoed.args).toEqual({ edited: 'yes' });
    expect(echoed.headers.authorization).toBe('Bearer sekret-token-1');
    expect(echoed.headers['x-folder']).toBe('from-folder');
    expect(out.tests.map((r: { name: string; passed: boolean }) => [r.name, r.passed])).toEqual([
      ['collection-level test runs', true],
      ['item test sees Inner (edited)', true],
    ]);
    // Only the request was sent, not its siblings.
    expect(out.url).toBe(`${kit.url}/get?edited=yes`);
  });

  it('uses what a viewer may read: a secret collection variable is not in their send', async () => {
    const res = await viewer.browser.request('POST', '/api/send', {
      body: { request: { method: 'GET', url: '{{base}}/get' }, collectionId, itemId: requestId },
    });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.body).not.toContain('sekret-token-1');
    expect(JSON.parse(out.body).headers.authorization ?? '').not.toContain('sekret');
  });

  it('answers 404 for a collection the sender cannot read, and sends nothing', async () => {
    const before = kit.requestCount();
    const res = await stranger.browser.request('POST', '/api/send', {
      body: { request: { method: 'GET', url: `${kit.url}/get` }, collectionId, itemId: requestId },
    });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('COLLECTION_NOT_FOUND');
    expect(kit.requestCount()).toBe(before);
  });

  it('renders pm.visualizer output with its data, escaped, and pm.getData', async () => {
    const template = '<ul>{{#each items}}<li>{{this}}</li>{{/each}}</ul><script>pm.getData(function (e, d) { document.title = d.items[0]; });</script>';
    const res = await owner.browser.request('POST', '/api/send', {
      body: {
        request: { method: 'GET', url: `${kit.url}/get` },
        events: [script('test', `pm.visualizer.set(${JSON.stringify(template)}, { items: ['plain', '</script><b>x'] });`)],
      },
    });
    const out = await res.json();
    expect(out.visualizerHtml).toContain('<li>plain</li>');
    expect(out.visualizerHtml).toContain('<li>&lt;/script&gt;&lt;b&gt;x</li>');
    // The data handed to pm.getData cannot close its script element.
    const prelude = out.visualizerHtml.slice(0, out.visualizerHtml.indexOf('<ul>'));
    expect(prelude).toContain('pm={getData:');
    expect(prelude).toContain('\\u003c/script\\u003e\\u003cb\\u003ex');
    expect(prelude.match(/<\/script>/g)).toHaveLength(1);
  });

  it('reports a template that does not render as a script error, not a failed send', async () => {
    const res = await owner.browser.request('POST', '/api/send', {
      body: { request: { method: 'GET', url: `${kit.url}/get` }, events: [script('test', "pm.visualizer.set('{{#each items}}<li>', {});")] },
    });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.visualizerHtml).toBeUndefined();
    expect(out.scriptErrors).toEqual([{ event: 'test', message: expect.stringContaining('pm.visualizer template could not be rendered') }]);
  });

  describe('pre-request scripts that fail or skip', () => {
    it('still sends after a pre-request script throws (as Newman does) and reports the error', async () => {
      const res = await owner.browser.request('POST', '/api/send', {
        body: { request: { method: 'GET', url: `${kit.url}/get` }, events: [script('prerequest', 'notDefined.call();')] },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).scriptErrors).toEqual([{ event: 'prerequest', message: expect.stringContaining('notDefined') }]);
    });

    it('answers 422 REQUEST_SKIPPED when the script skips the request, sending nothing', async () => {
      const before = kit.requestCount();
      const res = await owner.browser.request('POST', '/api/send', {
        body: { request: { method: 'GET', url: `${kit.url}/get` }, events: [script('prerequest', 'pm.execution.skipRequest();')] },
      });
      expect(res.status).toBe(422);
      expect((await res.json()).code).toBe('REQUEST_SKIPPED');
      expect(kit.requestCount()).toBe(before);
    });
  });

  describe('files chosen in the browser', () => {
    it('sends a binary file body and a form-data file from the uploaded contents', async () => {
      const binary = await owner.browser.request('POST', '/api/send', {
        body: {
          request: { method: 'POST', url: `${kit.url}/post`, body: { mode: 'file', file: { src: 'notes.txt' } } },
          files: [{ src: 'notes.txt', contentBase64: Buffer.from('hello from a file').toString('base64') }],
        },
      });
      expect(binary.status).toBe(200);
      expect(JSON.parse((await binary.json()).body).data).toBe('hello from a file');

      const form = await owner.browser.request('POST', '/api/send', {
        body: {
          request: {
            method: 'POST',
            url: `${kit.url}/post`,
            body: { mode: 'formdata', formdata: [{ key: 'upload', type: 'file', src: 'pic.bin' }, { key: 'note', value: 'hi', type: 'text' }] },
          },
          files: [{ src: 'pic.bin', contentBase64: Buffer.from([0, 1, 2, 250]).toString('base64') }],
        },
      });
      expect(form.status).toBe(200);
      const echoed = JSON.parse((await form.json()).body);
      expect(echoed.form).toEqual({ note: 'hi' });
      expect(JSON.stringify(echoed.files)).toContain(Buffer.from([0, 1, 2, 250]).toString('base64'));
    });

    it('refuses a file the browser did not send, and files over 10 MiB together', async () => {
      const before = kit.requestCount();
      const missing = await owner.browser.request('POST', '/api/send', {
        body: { request: { method: 'POST', url: `${kit.url}/post`, body: { mode: 'file', file: { src: 'absent.bin' } } }, files: [] },
      });
      expect(missing.status).toBe(400);
      expect((await missing.json()).code).toBe('BODY_FILE');
      const big = Buffer.alloc(6 * 1024 * 1024, 1).toString('base64');
      const tooMuch = await owner.browser.request('POST', '/api/send', {
        body: {
          request: { method: 'POST', url: `${kit.url}/post`, body: { mode: 'file', file: { src: 'a' } } },
          files: [
            { src: 'a', contentBase64: big },
            { src: 'b', contentBase64: big },
          ],
        },
      });
      expect(tooMuch.status).toBe(413);
      expect((await tooMuch.json()).code).toBe('FILES_TOO_LARGE');
      expect(kit.requestCount()).toBe(before);
    });
  });
});
