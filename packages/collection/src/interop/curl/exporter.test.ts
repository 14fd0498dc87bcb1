import { describe, expect, it } from 'vitest';
import type { NormalizedBody } from '../../request.ts';
import type { Collection } from '../../types.ts';
import { exportedRequests, type ExportedRequest } from '../export-requests.ts';
import { exportCurl } from './exporter.ts';
import { importCurlCommands } from './importer.ts';

const json = { key: 'Content-Type', value: 'application/json' };

/** One request of each kind the exporter writes differently. */
const collection: Collection = {
  info: { name: 'Shop API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  variable: [{ key: 'base', value: 'https://shop.test/v1' }],
  item: [
    {
      name: 'Users',
      auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
      item: [
        {
          name: 'List users',
          request: {
            method: 'GET',
            url: { raw: '{{base}}/users?page=2&debug=1', host: ['{{base}}'], path: ['users'], query: [{ key: 'page', value: '2' }, { key: 'debug', value: '1', disabled: true }] },
            header: [{ key: 'Accept', value: 'application/json' }, { key: 'X-Off', value: 'no', disabled: true }, { key: 'X-Empty', value: '' }],
          },
        },
        {
          name: 'Create user',
          request: { method: 'POST', url: '{{base}}/users', header: [json], body: { mode: 'raw', raw: `{"name": "it's me",\n "tags": ["a b"]}`, options: { raw: { language: 'json' } } } },
        },
      ],
    },
    {
      name: 'Login form',
      request: { method: 'PUT', url: '{{base}}/session', auth: { type: 'basic', basic: [{ key: 'username', value: 'ada' }, { key: 'password', value: "p'w:rd" }] }, body: { mode: 'urlencoded', urlencoded: [{ key: 'user', value: 'ada lovelace' }, { key: 'a b&c', value: '1+1=2' }, { key: 'off', value: 'x', disabled: true }] } },
    },
    {
      name: 'Upload',
      request: {
        method: 'POST',
        url: '{{base}}/files',
        body: {
          mode: 'formdata',
          formdata: [
            { key: 'title', value: 'Report', type: 'text' },
            { key: 'meta', value: '{"a":1}', type: 'text', contentType: 'application/json' },
            { key: 'note', value: '@not-a-file; really', type: 'text' },
            { key: 'file', src: 'files/report.pdf', type: 'file', contentType: 'application/pdf' },
          ],
        },
      },
    },
    { name: 'Raw file', request: { method: 'POST', url: '{{base}}/blobs', body: { mode: 'file', file: { src: 'data/blob.bin' } } } },
    { name: 'Digest', request: { method: 'GET', url: '{{base}}/digest', auth: { type: 'digest', digest: [{ key: 'username', value: 'ada' }, { key: 'password', value: 'pw' }] } } },
    { name: 'Key in query', request: { method: 'DELETE', url: '{{base}}/users/7', auth: { type: 'apikey', apikey: [{ key: 'key', value: 'api_key' }, { key: 'value', value: 's3cret' }, { key: 'in', value: 'query' }] } } },
    { name: 'Key in header', request: { method: 'PATCH', url: '{{base}}/users/7', header: [json], auth: { type: 'apikey', apikey: [{ key: 'key', value: 'X-Api-Key' }, { key: 'value', value: 'k1' }] }, body: { mode: 'raw', raw: '{}', options: { raw: { language: 'json' } } } } },
    { name: 'Probe', request: { method: 'HEAD', url: '{{base}}/health' }, protocolProfileBehavior: { strictSSL: false, followRedirects: false } },
    { name: 'Unknown var', request: { method: 'OPTIONS', url: '{{other}}/x' } },
  ],
};
const variables = [{ name: 'Staging', values: [{ key: 'token', value: 'tok-123' }] }];

/** What is sent, with the parts only the original carries (names, saved responses) left out. */
function wire(request: ExportedRequest) {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: body(request.body),
    credentials: request.credentials,
    followRedirects: request.behavior.followRedirects !== false,
    strictSSL: request.behavior.strictSSL !== false,
  };
}

function body(value: NormalizedBody | undefined) {
  if (value?.mode === 'urlencoded') return { mode: value.mode, params: value.params.map(({ key, value: v }) => ({ key, value: v })) };
  if (value?.mode === 'formdata') return { mode: value.mode, parts: value.parts.map(({ source: _source, ...part }) => part) };
  return value;
}

describe('exportCurl', () => {
  it('writes one commented, quoted command per request, with variables resolved', () => {
    const { text, extension, mediaType } = exportCurl(collection, { variables });
    expect({ extension, mediaType }).toEqual({ extension: 'sh', mediaType: 'application/x-sh' });
    expect(text).toContain(
      [
        '# Users / List users',
        "curl 'https://shop.test/v1/users?page=2' \\",
        "  -H 'Accept: application/json' \\",
        "  -H 'X-Empty;' \\",
        "  -H 'Authorization: Bearer tok-123' \\",
        '  -L',
      ].join('\n'),
    );
    expect(text).toContain(`--data-raw '{"name": "it'\\''s me",\n "tags": ["a b"]}'`);
    expect(text).toContain(`-u 'ada:p'\\''w:rd'`);
    expect(text).toContain(`curl -X PUT https://shop.test/v1/session \\\n  -u 'ada:p'\\''w:rd' \\\n  --data-urlencode 'user=ada lovelace' \\\n  --data a%20b%26c=1%2B1%3D2`);
    expect(text).toContain(`-F title=Report \\\n  -F 'meta={"a":1};type=application/json' \\\n  --form-string 'note=@not-a-file; really' \\\n  -F 'file=@files/report.pdf;type=application/pdf'`);
    expect(text).toContain('curl -X POST https://shop.test/v1/blobs \\\n  -T data/blob.bin');
    expect(text).toContain('curl --head https://shop.test/v1/health \\\n  -k');
    expect(text).toContain(`curl -X OPTIONS '{{other}}/x'`);
  });

  it('gives back the same requests when its output is imported', () => {
    const exported = exportCurl(collection, { variables });
    expect(exported.skipped).toEqual([]);
    const reimported = importCurlCommands({ name: 'shop.sh', text: exported.text });
    expect(reimported.skipped).toEqual([]);
    const before = exportedRequests(collection, { variables }).requests.map(wire);
    const after = exportedRequests(reimported.collections[0]!).requests.map(wire);
    expect(after).toEqual(before);
  });

  it('adds the Content-Type a raw body is sent with, and sends graphql as JSON', () => {
    const graph: Collection = {
      info: { name: 'G' },
      item: [
        { name: 'Text', request: { method: 'POST', url: 'https://g.test', body: { mode: 'raw', raw: 'hi' } } },
        { name: 'Query', request: { method: 'POST', url: 'https://g.test/graphql', body: { mode: 'graphql', graphql: { query: '{ me { id } }', variables: '{"a":1}' } } } },
      ],
    };
    const { text } = exportCurl(graph);
    expect(text).toContain(`curl https://g.test \\\n  -H 'Content-Type: text/plain' \\\n  --data-raw hi`);
    expect(text).toContain(`-H 'Content-Type: application/json' \\\n  --data-raw '{"query":"{ me { id } }","variables":{"a":1}}'`);
    const request = importCurlCommands({ name: 'g.sh', text }).collections[0]!.item[1]!;
    expect(request).toMatchObject({ request: { method: 'POST', body: { mode: 'raw', raw: '{"query":"{ me { id } }","variables":{"a":1}}', options: { raw: { language: 'json' } } } } });
  });

  it('lists what a command cannot carry', () => {
    const signed: Collection = {
      info: { name: 'S' },
      auth: { type: 'oauth1', oauth1: [{ key: 'consumerKey', value: 'ck' }] },
      item: [
        { name: 'Signed', request: { method: 'GET', url: 'https://s.test' } },
        { name: 'No file', request: { method: 'POST', url: 'https://s.test', auth: { type: 'noauth' }, body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: null }, { key: 'a=b', value: '1', type: 'text' }] } } },
      ],
    };
    expect(exportCurl(signed).skipped).toEqual([
      { at: 'Signed', what: 'oauth1 auth (signed when sent: add its header by hand, or send the request with Postern)' },
      { at: 'No file', what: 'form field "f" (a file field with no file chosen)' },
      { at: 'No file', what: 'form field "a=b" (curl cannot send a field name with "=")' },
    ]);
  });
});
