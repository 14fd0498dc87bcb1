/** POST /api/workspaces/{id}/imports (every format, upload, zip, pasted text) and GET /api/collections/{id}/export. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser } from './support/browser.ts';
import { SETUP_TIMEOUT_MS, importCollection, setUpCast } from './support/content.ts';
import type { ContentCast } from './support/content.ts';

const interop = join(import.meta.dirname, '../../cli/test/fixtures/interop');
const fixture = (name: string) => readFileSync(join(interop, name), 'utf8');
const CURL = fixture('request.curl.sh');

const OPENAPI = `openapi: 3.0.3
info: { title: Inline pets, version: 1.0.0 }
servers: [{ url: 'https://pets.example.test' }]
paths:
  /pets:
    get:
      summary: List pets
      responses: { '200': { description: ok } }
    post:
      summary: Create a pet
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet' }
      responses: { '201': { description: created } }
      callbacks:
        onAdopted:
          '{$request.body#/callbackUrl}':
            post: { responses: { '200': { description: ok } } }
components:
  schemas:
    Pet: { type: object, properties: { name: { type: string, example: Rex } } }
`;

/** Bruno's folder as the web app's users zip it: one top folder. */
function brunoZip(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const path of ['bruno.json', 'create-item.bru', 'items/get-item.bru', 'environments/Local.bru']) {
    files[`my-api/${path}`] = strToU8(fixture(`bruno/${path}`));
  }
  files['my-api/.DS_Store'] = new Uint8Array([0, 1, 2]);
  return zipSync(files);
}

forEachDatabase('imports in every format, and exports', (target) => {
  let t: TestApp;
  let cast: ContentCast;

  beforeAll(async () => {
    t = await openTestApp(target, { reportError: () => undefined });
    cast = await setUpCast(t);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: 'collections' | 'environments') =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
  const paste = (browser: Browser, body: Record<string, unknown>, workspaceId = cast.workspaceId) =>
    browser.request('POST', `/api/workspaces/${workspaceId}/imports`, { body });
  /** A multipart upload, with the browser's cookies and CSRF header as the web app sends them. */
  const upload = async (browser: Browser, name: string, content: string | Uint8Array, from?: string) => {
    const form = new FormData();
    form.set('file', new File([content], name));
    if (from) form.set('from', from);
    const headers: Record<string, string> = { Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const csrf = browser.cookies.get('postern_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const res = await t.app.request(`/api/workspaces/${cast.workspaceId}/imports`, { method: 'POST', headers, body: form });
    return res as Omit<Response, 'json'> & { json(): Promise<any> };
  };
  const stored = async (id: string) => (await cast.editor.browser.request('GET', `/api/collections/${id}`)).json();

  it('imports a pasted cURL command', async () => {
    const res = await paste(cast.editor.browser, { text: CURL });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.format).toBe('curl');
    expect(body.collections).toHaveLength(1);
    expect(body.collections[0]).toMatchObject({ workspaceId: cast.workspaceId, requestCount: 1, revision: 1 });
    expect(body.environments).toEqual([]);
    const doc = await stored(body.collections[0].id);
    expect(doc.item[0].request.method).toBe('POST');
    expect(doc.item[0].request.body.raw).toBe('{"name":"widget"}');
  });

  it('imports an uploaded OpenAPI document and answers what it skipped, with places', async () => {
    const res = await upload(cast.editor.browser, 'pets.yaml', OPENAPI);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.format).toBe('openapi');
    expect(body.collections[0]).toMatchObject({ name: 'Inline pets', requestCount: 2 });
    expect(body.skipped).toContainEqual(expect.objectContaining({ at: expect.stringContaining('callbacks') }));
    expect(JSON.stringify(await stored(body.collections[0].id))).toContain('Rex');
  });

  it('imports a zipped Bruno folder with its environment', async () => {
    const res = await upload(cast.editor.browser, 'my-api.zip', brunoZip());
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.format).toBe('bruno');
    expect(body.collections[0]).toMatchObject({ name: 'Bruno API', requestCount: 2 });
    expect(body.environments.map((e: { name: string }) => e.name)).toEqual(['Local']);
  });

  it('imports HAR, Insomnia (with environments), Postman v1, Postman dumps and v2.1, detected from the text', async () => {
    const cases: Array<[string, string, number, number]> = [
      ['session.har', 'har', 1, 0],
      ['insomnia.json', 'insomnia', 1, 1],
      ['postman-v1.json', 'postman-v1', 1, 0],
      ['postman-dump.json', 'postman-dump', 1, 1],
      ['../../../../server/test/fixtures/postman-collection.json', 'postman', 1, 0],
    ];
    for (const [file, format, collections, environments] of cases) {
      const res = await upload(cast.editor.browser, file.split('/').pop()!, fixture(file));
      expect(res.status, file).toBe(201);
      const body = await res.json();
      expect(body.format, file).toBe(format);
      expect(body.collections, file).toHaveLength(collections);
      expect(body.environments, file).toHaveLength(environments);
    }
  });

  it('names the file and the line of a broken document (422), and stores nothing', async () => {
    const before = [await count('collections'), await count('environments')];
    const broken = await upload(cast.editor.browser, 'broken.openapi.json', fixture('broken.openapi.json'), 'openapi');
    expect(broken.status).toBe(422);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    const problem = await broken.json();
    expect(problem.detail).toContain('broken.openapi.json');
    expect(problem.errors[0].path).toMatch(/broken\.openapi\.json: line 3/);

    const unknown = await paste(cast.editor.browser, { text: 'just some notes', name: 'notes.txt' });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).code).toBe('INVALID_IMPORT');

    const empty = await paste(cast.editor.browser, { text: '   ' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).code).toBe('EMPTY_IMPORT');

    const badFrom = await paste(cast.editor.browser, { text: CURL, from: 'word' });
    expect(badFrom.status).toBe(400);

    const notZip = await upload(cast.editor.browser, 'x.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(notZip.status).toBe(400);
    expect((await notZip.json()).code).toBe('INVALID_ARCHIVE');

    const binary = await upload(cast.editor.browser, 'x.bin', new Uint8Array([0xff, 0xfe, 0xfd, 0x00]));
    expect(binary.status).toBe(400);
    expect([await count('collections'), await count('environments')]).toEqual(before);
  });

  it('refuses a zip with too many entries', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let n = 0; n < 2001; n++) files[`api/${n}.bru`] = strToU8('meta {\n  name: x\n}\n');
    const res = await upload(cast.editor.browser, 'big.zip', zipSync(files));
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/more than 2000 entries/);
  });

  it('describes both routes in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, any>> };
    const importOp = doc.paths['/api/workspaces/{workspaceId}/imports']!.post;
    expect(Object.keys(importOp.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(Object.keys(importOp.responses)).toEqual(expect.arrayContaining(['201', '400', '422']));
    expect(doc.paths['/api/collections/{id}/export']!.get.parameters).toContainEqual(expect.objectContaining({ name: 'to', in: 'query' }));
  });

  it('checks the role', async () => {
    expect((await paste(cast.viewer.browser, { text: CURL })).status).toBe(403);
    expect((await paste(cast.stranger.browser, { text: CURL })).status).toBe(404);
    expect((await paste(cast.anonymous, { text: CURL })).status).toBe(401);
  });

  it('exports a collection in every format as a download, to viewers', async () => {
    const { id } = await importCollection(cast.editor, cast.workspaceId);
    const expectations: Array<[string, RegExp, (text: string) => void]> = [
      ['postman', /\.postman_collection\.json"$/, (text) => expect(JSON.parse(text).info.schema).toMatch(/v2\.1\.0/)],
      ['openapi', /\.(json|yaml)"$/, (text) => expect(text).toMatch(/openapi/)],
      ['curl', /\.sh"$/, (text) => expect(text).toMatch(/^curl /m)],
      ['har', /\.har"$/, (text) => expect(JSON.parse(text).log.entries.length).toBeGreaterThan(0)],
    ];
    for (const [to, name, check] of expectations) {
      const res = await cast.viewer.browser.request('GET', `/api/collections/${id}/export?to=${to}`);
      expect(res.status, to).toBe(200);
      expect(res.headers.get('content-disposition'), to).toMatch(/^attachment; filename="/);
      expect(res.headers.get('content-disposition'), to).toMatch(name);
      check(await res.text());
    }
    expect((await cast.viewer.browser.request('GET', `/api/collections/${id}/export?to=word`)).status).toBe(400);
    expect((await cast.stranger.browser.request('GET', `/api/collections/${id}/export?to=curl`)).status).toBe(404);
  });
});
