import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCollection } from './parse.ts';
import { authParams, bodyOf, enabledHeaders, headersOf, parseHeaders, requestOf } from './request.ts';
import { flattenItems } from './tree.ts';
import type { Collection, Item } from './types.ts';

const load = (name: string): Collection =>
  parseCollection(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));
const shop = load('shop.postman_collection.v21.json');
const item = (name: string): Item => flattenItems(shop).find((e) => e.item.name === name)!.item;

describe('requestOf', () => {
  it('turns a string request into a GET', () => {
    expect(requestOf(item('Health'))).toEqual({ url: '{{baseUrl}}/health', method: 'GET' });
  });

  it('upper-cases the method, defaults to GET, and does not touch the stored request', () => {
    const stored: Item = { request: { url: 'h', method: 'patch' } };
    const view = requestOf(stored);
    expect(view.method).toBe('PATCH');
    expect((stored.request as { method: string }).method).toBe('patch');
    expect(requestOf({ request: { url: 'h' } }).method).toBe('GET');
    expect(requestOf({} as Item)).toEqual({ url: '', method: 'GET' });
  });
});

describe('headers', () => {
  it('reads a header list and a "Key: value" string with // disabled lines', () => {
    const legacy = load('legacy.postman_collection.v20.json');
    const list = requestOf(flattenItems(legacy)[0]!.item);
    expect(headersOf(list)).toEqual([
      { key: 'Accept', value: 'application/json' },
      { key: 'X-Trace', value: '1', disabled: true },
      { key: 'X-Client', value: 'legacy' },
    ]);
    expect(enabledHeaders(list).map((h) => h.key)).toEqual(['Accept', 'X-Client']);
  });

  it('keeps colons inside values and fills a missing value with an empty string', () => {
    expect(parseHeaders('Link: <http://x.test:80/a>; rel="next"\r\nX-Empty')).toEqual([
      { key: 'Link', value: '<http://x.test:80/a>; rel="next"' },
      { key: 'X-Empty', value: '' },
    ]);
    expect(parseHeaders([{ key: 'A' } as never])).toEqual([{ key: 'A', value: '' }]);
  });

  it('enabledHeaders drops disabled and key-less entries', () => {
    expect(
      enabledHeaders([
        { key: 'A', value: '1' },
        { key: 'B', value: '2', disabled: true },
        { key: '', value: '3' },
      ]),
    ).toEqual([{ key: 'A', value: '1' }]);
    expect(headersOf(requestOf(item('Login'))).map((h) => h.key)).toEqual(['Content-Type', 'X-Debug']);
    expect(enabledHeaders(requestOf(item('Login'))).map((h) => h.key)).toEqual(['Content-Type']);
    expect(headersOf(undefined)).toEqual([]);
  });
});

describe('authParams', () => {
  it('reads the v2.1 key/value list form', () => {
    expect(authParams({ type: 'basic', basic: [{ key: 'username', value: 'u' }, { key: 'password', value: 'p' }] })).toEqual({
      username: 'u',
      password: 'p',
    });
    expect(authParams(requestOf(item('GraphQL products')).auth)).toEqual({ key: 'X-Api-Key', value: '{{apiKey}}', in: 'header' });
  });

  it('reads the v2.0 object form', () => {
    expect(authParams({ type: 'digest', digest: { username: 'a', algorithm: 'MD5' } })).toEqual({ username: 'a', algorithm: 'MD5' });
  });

  it('gives {} for noauth, null and a type without parameters', () => {
    expect(authParams({ type: 'noauth' })).toEqual({});
    expect(authParams(null)).toEqual({});
    expect(authParams({ type: 'bearer' })).toEqual({});
  });
});

describe('bodyOf', () => {
  it('reads raw bodies with their language', () => {
    expect(bodyOf(requestOf(item('Login')))).toEqual({
      mode: 'raw',
      raw: '{\n  "user": "{{user}}",\n  "password": "{{password}}"\n}',
      language: 'json',
    });
  });

  it('drops disabled urlencoded and form-data entries', () => {
    expect(bodyOf(requestOf(item('Search products')))).toEqual({
      mode: 'urlencoded',
      params: [{ key: 'q', value: 'lamp', type: 'text' }],
    });
    const form = bodyOf(requestOf(item('Upload avatar')));
    expect(form?.mode).toBe('formdata');
    if (form?.mode !== 'formdata') return;
    expect(form.parts.map(({ source: _source, ...part }) => part)).toEqual([
      { key: 'caption', type: 'text', value: 'me' },
      { key: 'avatar', type: 'file', src: ['./fixtures/avatar.png'], contentType: 'image/png' },
      { key: 'extras', type: 'file', src: ['a.txt', 'b.txt'] },
      { key: 'empty', type: 'file', src: [] },
    ]);
  });

  it('reads file and graphql bodies', () => {
    expect(bodyOf(requestOf(item('Import feed')))).toEqual({ mode: 'file', src: 'feed.csv' });
    expect(bodyOf(requestOf(item('GraphQL products')))).toEqual({
      mode: 'graphql',
      query: 'query ($n: Int) { products(first: $n) { id } }',
      variables: '{"n": 5}',
    });
    expect(bodyOf({ body: { mode: 'graphql', graphql: { query: 'q', variables: { a: 1 } } } })).toEqual({
      mode: 'graphql',
      query: 'q',
      variables: '{"a":1}',
    });
  });

  it('gives undefined for no body, a disabled body, an empty v2.0 body or an unknown mode', () => {
    expect(bodyOf(requestOf(item('Health')))).toBeUndefined();
    expect(bodyOf({ body: { mode: 'raw', raw: 'x', disabled: true } })).toBeUndefined();
    expect(bodyOf({ body: {} })).toBeUndefined();
    expect(bodyOf({ body: null })).toBeUndefined();
    expect(bodyOf({ body: { mode: 'binary' } })).toBeUndefined();
  });
});
