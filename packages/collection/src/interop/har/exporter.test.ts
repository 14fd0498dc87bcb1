import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../types.ts';
import { exportHar } from './exporter.ts';
import { importHar } from './importer.ts';

const require = createRequire(import.meta.url);
const schemas = require('har-schema') as Record<string, object & { $id: string }>;

/** HAR 1.2 as har-schema writes it (the schemas are draft-06, hence the meta-schema). */
function harValidator() {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  for (const schema of Object.values(schemas)) if (schema.$id !== 'har.json#') ajv.addSchema(schema);
  return ajv.compile(schemas.har!);
}
const validate = harValidator();

const collection: Collection = {
  info: { name: 'Shop' },
  variable: [{ key: 'base', value: 'https://shop.test' }],
  item: [
    {
      name: 'Find',
      request: { method: 'GET', url: '{{base}}/search?q=red%20shoes&page=2', header: [{ key: 'Cookie', value: 'sid=abc; theme=dark' }], auth: { type: 'basic', basic: [{ key: 'username', value: 'ada' }, { key: 'password', value: 'pé' }] } },
      response: [
        { name: 'Found', code: 200, status: 'OK', header: [{ key: 'Content-Type', value: 'application/json' }], body: '{"items":[]}', _postman_previewlanguage: 'json' },
        { name: 'Other', code: 500, status: 'Internal Server Error', body: '' },
      ],
    },
    { name: 'Create', request: { method: 'POST', url: '{{base}}/items', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{"name":"Hat"}', options: { raw: { language: 'json' } } } } },
    { name: 'Login', request: { method: 'POST', url: '{{base}}/login', body: { mode: 'urlencoded', urlencoded: [{ key: 'user', value: 'ada l' }, { key: 'pw', value: 'a&b' }] } } },
    { name: 'Upload', request: { method: 'POST', url: '{{base}}/files', body: { mode: 'formdata', formdata: [{ key: 'title', value: 'Q3', type: 'text' }, { key: 'doc', src: 'q3.pdf', type: 'file', contentType: 'application/pdf' }] } } },
    { name: 'Graph', request: { method: 'POST', url: '{{base}}/graphql', body: { mode: 'graphql', graphql: { query: '{ me { id } }' } } } },
    { name: 'Blob', request: { method: 'PUT', url: '{{base}}/blob', body: { mode: 'file', file: { src: 'a.bin' } } } },
    { name: 'Keyed', request: { method: 'DELETE', url: '{{base}}/items/1', auth: { type: 'apikey', apikey: [{ key: 'key', value: 'X-Key' }, { key: 'value', value: 'k' }] } } },
  ],
};

describe('exportHar', () => {
  const exported = exportHar(collection, { startedDateTime: new Date('2026-03-01T10:00:00Z'), creatorVersion: '0.1.0' });
  const har = JSON.parse(exported.text) as { log: { entries: Array<{ request: Record<string, unknown>; response: Record<string, unknown> } & Record<string, unknown>> } };

  it('writes a HAR 1.2 log that validates against har-schema', () => {
    expect({ extension: exported.extension, mediaType: exported.mediaType }).toEqual({ extension: 'har', mediaType: 'application/json' });
    const valid = validate(har);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator does reject what HAR 1.2 forbids.
    expect(validate({ log: { version: '1.2', entries: [] } })).toBe(false);
    expect(validate({ ...har, log: { ...har.log, entries: [{ ...har.log.entries[0], timings: {} }] } })).toBe(false);
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'Postern', version: '0.1.0' } });
    expect(har.log.entries).toHaveLength(7);
    // har-schema does not check list items (its params schema is written for an object): checked here.
    for (const { request } of har.log.entries) {
      for (const list of ['headers', 'cookies', 'queryString'] as const) {
        for (const pair of request[list] as unknown[]) expect(pair).toEqual({ name: expect.any(String), value: expect.any(String) });
      }
      const params = (request.postData as { params?: unknown[] } | undefined)?.params ?? [];
      for (const param of params) expect(param).toMatchObject({ name: expect.any(String) });
    }
  });

  it('writes each request with auth as headers, its query, cookies and body', () => {
    const [find, create, login, upload, graph, blob, keyed] = har.log.entries.map((e) => e.request);
    expect(find).toMatchObject({
      method: 'GET',
      url: 'https://shop.test/search?q=red%20shoes&page=2',
      httpVersion: 'HTTP/1.1',
      cookies: [{ name: 'sid', value: 'abc' }, { name: 'theme', value: 'dark' }],
      queryString: [{ name: 'q', value: 'red shoes' }, { name: 'page', value: '2' }],
      headers: [{ name: 'Cookie', value: 'sid=abc; theme=dark' }, { name: 'Authorization', value: `Basic ${Buffer.from('ada:pé').toString('base64')}` }],
      bodySize: 0,
    });
    expect(create!.postData).toEqual({ mimeType: 'application/json', text: '{"name":"Hat"}' });
    expect(create!.bodySize).toBe(14);
    expect(login!.postData).toEqual({ mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'user', value: 'ada l' }, { name: 'pw', value: 'a&b' }], text: 'user=ada+l&pw=a%26b' });
    expect(upload!.postData).toEqual({ mimeType: 'multipart/form-data', params: [{ name: 'title', value: 'Q3' }, { name: 'doc', fileName: 'q3.pdf', contentType: 'application/pdf' }], text: '' });
    expect(graph!.postData).toEqual({ mimeType: 'application/json', text: '{"query":"{ me { id } }"}' });
    expect(blob!.postData).toEqual({ mimeType: 'application/octet-stream', text: '' });
    expect(keyed!.headers).toEqual([{ name: 'X-Key', value: 'k' }]);
  });

  it('uses the first saved example as the response, and the spec\'s empty response otherwise', () => {
    expect(har.log.entries[0]!.response).toEqual({
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      content: { size: 12, mimeType: 'application/json', text: '{"items":[]}' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 12,
    });
    expect(har.log.entries[1]!.response).toMatchObject({ status: 0, statusText: '', headers: [], content: { size: 0 } });
    expect(har.log.entries[0]).toMatchObject({ startedDateTime: '2026-03-01T10:00:00.000Z', time: 0, comment: 'Find' });
    expect(exported.skipped).toEqual([
      { at: 'Find', what: '1 more saved examples (a HAR entry has one response)' },
      { at: 'Upload', what: 'the content of form files (a HAR names them; it cannot carry them)' },
      { at: 'Blob', what: 'the file body (a HAR names no file; the body is left empty)' },
    ]);
  });

  it('imports back to the same requests and examples', () => {
    const back = importHar({ name: 'shop.har', text: exported.text }, { folders: 'none' }).collections[0]!.item;
    expect(back.map((i) => i.name)).toEqual(['GET /search?q=red%20shoes&page=2', 'POST /items', 'POST /login', 'POST /files', 'POST /graphql', 'PUT /blob', 'DELETE /items/1']);
    expect(back[0]).toMatchObject({ request: { method: 'GET', header: [{ key: 'Authorization' }, { key: 'Cookie', value: 'sid=abc; theme=dark' }] }, response: [{ code: 200, body: '{"items":[]}' }] });
    expect(back[2]).toMatchObject({ request: { body: { mode: 'urlencoded', urlencoded: [{ key: 'user', value: 'ada l' }, { key: 'pw', value: 'a&b' }] } } });
    expect(back[3]).toMatchObject({ request: { body: { mode: 'formdata', formdata: [{ key: 'title', value: 'Q3' }, { key: 'doc', src: 'q3.pdf', type: 'file' }] } } });
  });
});
