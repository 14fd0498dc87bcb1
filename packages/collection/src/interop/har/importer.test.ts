import { describe, expect, it } from 'vitest';
import type { CollectionError } from '../../errors.ts';
import type { Item, ItemGroup, RequestObject } from '../../types.ts';
import { harImporter, importHar, type HarImportOptions } from './importer.ts';

type Entry = Record<string, unknown>;
const har = (entries: Entry[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } });
const entry = (request: Record<string, unknown>, response?: Record<string, unknown>): Entry => ({
  startedDateTime: '2026-01-01T00:00:00.000Z',
  time: 1,
  request: { httpVersion: 'HTTP/2', headers: [], cookies: [], queryString: [], headersSize: -1, bodySize: 0, ...request },
  response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/2', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0, ...response },
  cache: {},
  timings: { send: 0, wait: 0, receive: 0 },
});
const run = (entries: Entry[], options?: HarImportOptions) => importHar({ name: 'session.har', text: har(entries) }, options);
const flatItems = (entries: Entry[], options: HarImportOptions = { folders: 'none' }) => run(entries, options).collections[0]!.item as Item[];
const requestOf = (e: Entry) => flatItems([e])[0]!.request as RequestObject;

describe('harImporter.detect', () => {
  it('takes JSON with log.entries only', () => {
    expect(harImporter.detect({ name: 'a.har', text: har([]) })).toBe(true);
    expect(harImporter.detect({ name: 'a.json', text: '{"info":{},"item":[]}' })).toBe(false);
    expect(harImporter.detect({ name: 'a.sh', text: 'curl https://a.test' })).toBe(false);
  });
});

describe('importHar', () => {
  it('keeps method, URL and headers, leaving out HTTP/2 pseudo-headers and connection headers', () => {
    const request = requestOf(
      entry({
        method: 'get',
        url: 'https://api.test/items?page=2',
        headers: [
          { name: ':authority', value: 'api.test' },
          { name: ':method', value: 'GET' },
          { name: 'accept', value: 'application/json' },
          { name: 'Host', value: 'api.test' },
          { name: 'Connection', value: 'keep-alive' },
          { name: 'content-length', value: '0' },
          { name: 'x-trace', value: 'abc' },
        ],
      }),
    );
    expect(request.method).toBe('GET');
    expect(request.url).toMatchObject({ raw: 'https://api.test/items?page=2', query: [{ key: 'page', value: '2' }] });
    expect(request.header).toEqual([
      { key: 'accept', value: 'application/json' },
      { key: 'x-trace', value: 'abc' },
    ]);
  });

  it('rebuilds one Cookie header from the cookies list', () => {
    const request = requestOf(
      entry({
        method: 'GET',
        url: 'https://api.test/',
        headers: [{ name: 'cookie', value: 'a=1' }, { name: 'cookie', value: 'b=2' }],
        cookies: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }],
      }),
    );
    expect(request.header).toEqual([{ key: 'Cookie', value: 'a=1; b=2' }]);
    // Without a cookies list (some tools), the recorded header is kept.
    expect(requestOf(entry({ method: 'GET', url: 'https://api.test/', headers: [{ name: 'Cookie', value: 'x=9' }], cookies: undefined })).header).toEqual([{ key: 'Cookie', value: 'x=9' }]);
  });

  it('turns postData into a body by media type', () => {
    const post = (postData: Record<string, unknown>, headers: unknown[] = []) => requestOf(entry({ method: 'POST', url: 'https://api.test/p', postData, headers }));
    expect(post({ mimeType: 'application/json', text: '{"a":1}' }).body).toEqual({ mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } });
    expect(post({ mimeType: 'text/xml; charset=utf-8', text: '<a/>' }).body).toMatchObject({ options: { raw: { language: 'xml' } } });
    expect(post({ mimeType: 'application/x-www-form-urlencoded', text: 'city=S%C3%A3o+Paulo&note=a%26b', params: [] }).body).toEqual({
      mode: 'urlencoded',
      urlencoded: [
        { key: 'city', value: 'São Paulo' },
        { key: 'note', value: 'a&b' },
      ],
    });
    expect(post({ mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'a', value: '1' }] }).body).toEqual({ mode: 'urlencoded', urlencoded: [{ key: 'a', value: '1' }] });
    const multipart = post(
      { mimeType: 'multipart/form-data; boundary=XyZ', params: [{ name: 'title', value: 'Hi' }, { name: 'doc', fileName: 'a.pdf', contentType: 'application/pdf' }] },
      [{ name: 'Content-Type', value: 'multipart/form-data; boundary=XyZ' }],
    );
    expect(multipart.body).toEqual({
      mode: 'formdata',
      formdata: [
        { key: 'title', value: 'Hi', type: 'text' },
        { key: 'doc', src: 'a.pdf', type: 'file', contentType: 'application/pdf' },
      ],
    });
    // The boundary is written anew when sent.
    expect(multipart.header).toEqual([]);
  });

  it('reads form fields from a multipart text when the browser gave no params', () => {
    const text = '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nQ3 report\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="n.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--B--\r\n';
    const result = run([entry({ method: 'POST', url: 'https://api.test/up', postData: { mimeType: 'multipart/form-data; boundary=B', text } })], { folders: 'none' });
    expect((result.collections[0]!.item[0] as Item).request).toMatchObject({
      body: { mode: 'formdata', formdata: [{ key: 'title', value: 'Q3 report', type: 'text' }, { key: 'file', src: 'n.txt', type: 'file', contentType: 'text/plain' }] },
    });
    expect(result.skipped).toEqual([{ at: 'log.entries[0].request.postData', what: 'the content of file field "file" (n.txt): choose the file again before sending' }]);
  });

  it('saves responses as examples, decoding base64 text and skipping what is not text', () => {
    const items = flatItems([
      entry(
        { method: 'GET', url: 'https://api.test/me' },
        { status: 201, statusText: 'Created', headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'content-encoding', value: 'br' }, { name: ':status', value: '201' }], content: { size: 8, mimeType: 'application/json', text: btoa('{"id":7}'), encoding: 'base64' } },
      ),
      entry({ method: 'GET', url: 'https://api.test/logo.png' }, { content: { size: 4, mimeType: 'image/png', text: btoa('\x89PNG\xff\xfe'), encoding: 'base64' } }),
      entry({ method: 'GET', url: 'https://api.test/blocked' }, { status: 0, statusText: '' }),
    ]);
    expect(items[0]!.response).toEqual([
      {
        name: '201 Created',
        originalRequest: items[0]!.request,
        status: 'Created',
        code: 201,
        header: [{ key: 'Content-Type', value: 'application/json' }],
        cookie: [],
        _postman_previewlanguage: 'json',
        body: '{"id":7}',
      },
    ]);
    expect(items[1]!.response![0]!.body).toBeUndefined();
    expect(items[2]!.response).toEqual([]);
    const { skipped } = run([entry({ method: 'GET', url: 'https://api.test/logo.png' }, { content: { size: 4, mimeType: 'image/png', text: btoa('\x89PNG\xff\xfe'), encoding: 'base64' } })]);
    expect(skipped).toEqual([{ at: 'log.entries[0].response.content', what: 'the image/png response body (not text)' }]);
  });

  it('puts requests in one folder per host by default, or flat', () => {
    const entries = [entry({ method: 'GET', url: 'https://a.test/1' }), entry({ method: 'GET', url: 'http://b.test:8080/2' }), entry({ method: 'POST', url: 'https://a.test/3?x=1' })];
    const folders = run(entries).collections[0]!.item as ItemGroup[];
    expect(folders.map((f) => [f.name, f.item.map((i) => i.name)])).toEqual([
      ['a.test', ['GET /1', 'POST /3?x=1']],
      ['b.test:8080', ['GET /2']],
    ]);
    expect(flatItems(entries).map((i) => i.name)).toEqual(['GET /1', 'GET /2', 'POST /3?x=1']);
  });

  it('keeps one of identical requests when asked, with each different response', () => {
    const same = (status: number, text: string) => entry({ method: 'GET', url: 'https://a.test/poll' }, { status, content: { size: 1, mimeType: 'text/plain', text } });
    const items = flatItems([same(200, 'a'), same(200, 'a'), same(200, 'b'), entry({ method: 'GET', url: 'https://a.test/other' })], { folders: 'none', dedupe: true });
    expect(items.map((i) => [i.name, i.response!.map((r) => r.body)])).toEqual([
      ['GET /poll', ['a', 'b']],
      ['GET /other', [undefined]],
    ]);
    expect(flatItems([same(200, 'a'), same(200, 'a')])).toHaveLength(2);
  });

  it('leaves out what is not an HTTP request', () => {
    const { collections, skipped } = run([entry({ method: 'GET', url: 'data:image/png;base64,AAAA' }), entry({ method: 'GET', url: 'wss://a.test/socket' }), entry({ method: 'GET', url: 'https://a.test/ws', headers: [{ name: 'Upgrade', value: 'websocket' }] }, { status: 101 })]);
    expect(collections[0]!.item).toEqual([]);
    expect(skipped.map((s) => s.at)).toEqual(['log.entries[0]', 'log.entries[1]', 'log.entries[2]']);
  });

  it('names the JSON path of what makes a HAR invalid', () => {
    const failure = (text: string) => {
      try {
        importHar({ name: 'bad.har', text });
      } catch (error) {
        return error as CollectionError;
      }
      throw new Error('expected a failure');
    };
    expect(failure(JSON.stringify({ log: { entries: [entry({ method: 'GET', url: 'https://a.test' }), { request: { method: 'GET', url: 42 } }] } }))).toMatchObject({
      code: 'INVALID_IMPORT',
      source: 'bad.har',
      path: 'log.entries[1].request.url',
      message: expect.stringContaining('log.entries[1].request.url should be a string but is the number 42'),
    });
    expect(failure('{"log": {}}')).toMatchObject({ path: 'log.entries', message: expect.stringContaining('log.entries is missing') });
    expect(failure('{"log": [')).toMatchObject({ code: 'INVALID_IMPORT', line: 1 });
  });
});
