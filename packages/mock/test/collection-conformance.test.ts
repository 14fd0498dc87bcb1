/**
 * Conformance of collection mocks with Postman's matching rules: each case is
 * a request and the answer it must get (status, example, headers, body).
 * The fixture (test/fixtures/shop.postman_collection.json) was written for
 * these cases; its comments live here, next to the cases that use it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCollection } from '@postern/collection';
import { createCollectionMock, isIdLike } from '../src/index.ts';
import type { MockRequest } from '../src/index.ts';

const fixture = new URL('./fixtures/shop.postman_collection.json', import.meta.url);
const collection = parseCollection(readFileSync(fixture), { source: 'shop.postman_collection.json' });
const mock = createCollectionMock(collection);

interface Case {
  name: string;
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  /** Name of the example served; undefined for a 404 from the mock itself. */
  example?: string;
  body_?: unknown;
  headersInclude?: Record<string, string>;
  headersExclude?: string[];
}

const cases: Case[] = [
  // Method filter and exact paths.
  { name: 'exact path', url: '/users/42', status: 200, example: 'User 42', body_: { id: 42, name: 'Ada' } },
  { name: 'percent-encoded path is decoded', url: '/users/%34%32', status: 200, example: 'User 42' },
  { name: 'method filters first (DELETE)', method: 'DELETE', url: '/users/42', status: 204, example: 'Deleted', body_: '' },
  { name: 'method with no example → 404', method: 'PUT', url: '/users/42', status: 404 },
  { name: 'method matches but path does not → 404', method: 'DELETE', url: '/users', status: 404 },
  { name: 'root path (object URL without path)', url: '/', status: 200, example: 'Root', body_: { root: true } },
  { name: 'empty request path is the root', url: '', status: 200, example: 'Root' },
  // Trailing slash, case, ID-like segments.
  { name: 'trailing slash difference', url: '/Health', status: 200, example: 'Healthy', body_: 'ok' },
  { name: 'case-insensitive path', url: '/health/', status: 200, example: 'Healthy' },
  { name: 'case and trailing slash together', url: '/HEALTH', status: 200, example: 'Healthy' },
  { name: 'ID-like number matches another number (tie → first example)', url: '/users/7', status: 200, example: 'User 42' },
  { name: 'UUID matches a numeric id', url: '/users/3f2c8a1e-9b7d-4c3a-8e21-0a1b2c3d4e5f', status: 200, example: 'User 42' },
  { name: 'non-ID segment does not match an id → 404', url: '/users/abc', status: 404 },
  { name: 'extra segment → 404', url: '/users/42/orders', status: 404 },
  // Variables.
  { name: 'unresolved {{var}} segment matches any one segment', url: '/users/anyone/profile', status: 200, example: 'Profile' },
  { name: 'unresolved {{var}} matches only one segment', url: '/users/a/b/profile', status: 404 },
  { name: ':name path variable matches any one segment', url: '/orders/A-17', status: 200, example: 'Order' },
  { name: 'collection variable in the path is resolved', url: '/v2/status', status: 200, example: 'Status v2' },
  { name: 'resolved collection variable does not act as a wildcard', url: '/v3/status', status: 404 },
  // Query parameters.
  { name: 'no query → example without query params', url: '/users', status: 200, example: 'All users' },
  { name: 'matching query param wins', url: '/users?page=2', status: 200, example: 'Users page 2', body_: [] },
  { name: 'other query param wins', url: '/users?role=admin', status: 200, example: 'Admins' },
  { name: 'different value scores lower than no param', url: '/users?page=3', status: 200, example: 'All users' },
  { name: 'query tie → first in collection order', url: '/users?role=admin&page=2', status: 200, example: 'Users page 2' },
  { name: 'plain tie → first in collection order', url: '/tie', status: 200, example: 'Tie A', body_: 'A' },
  // x-mock-response-name / -id / -code.
  { name: 'x-mock-response-name selects', url: '/users', headers: { 'x-mock-response-name': 'Admins' }, status: 200, example: 'Admins' },
  { name: 'x-mock-response-name unknown → 404', url: '/users', headers: { 'x-mock-response-name': 'Nobody' }, status: 404 },
  { name: 'x-mock-response-name still filters by method', method: 'POST', url: '/users', headers: { 'x-mock-response-name': 'Admins' }, status: 404 },
  { name: 'x-mock-response-id selects', url: '/users/42', headers: { 'x-mock-response-id': 'ex-user-404' }, status: 404, example: 'User not found', body_: { error: 'not found' } },
  { name: 'x-mock-response-id in <owner>-<id> form', url: '/users/42', headers: { 'x-mock-response-id': '12345-ex-user-404' }, status: 404, example: 'User not found' },
  { name: 'x-mock-response-id selects even on another path', url: '/somewhere/else', headers: { 'x-mock-response-id': 'ex-user-42' }, status: 200, example: 'User 42' },
  { name: 'x-mock-response-id unknown → 404', url: '/users/42', headers: { 'x-mock-response-id': 'nope' }, status: 404 },
  { name: 'x-mock-response-code filters by status', url: '/users/42', headers: { 'x-mock-response-code': '404' }, status: 404, example: 'User not found' },
  { name: 'x-mock-response-code with no such example → 404', url: '/users/42', headers: { 'x-mock-response-code': '500' }, status: 404 },
  { name: 'x-mock-response-code needs the path to match', url: '/nowhere', headers: { 'x-mock-response-code': '200' }, status: 404 },
  // x-mock-match-request-body.
  { name: 'POST without body matching → first example', method: 'POST', url: '/users', body: '{"name":"Zed"}', status: 201, example: 'Created Ada' },
  { name: 'body matching: JSON equal despite spacing', method: 'POST', url: '/users', headers: { 'x-mock-match-request-body': 'true' }, body: '{ "name" : "Ada" }', status: 201, example: 'Created Ada' },
  { name: 'body matching: picks the example with that body', method: 'POST', url: '/users', headers: { 'x-mock-match-request-body': 'true' }, body: '{"name":"Bob"}', status: 201, example: 'Created Bob', body_: { id: 44, name: 'Bob' } },
  { name: 'body matching: empty object → 400 example', method: 'POST', url: '/users', headers: { 'x-mock-match-request-body': 'true' }, body: '{}', status: 400, example: 'Invalid user' },
  { name: 'body matching: urlencoded in any order', method: 'POST', url: '/users', headers: { 'x-mock-match-request-body': 'true', 'content-type': 'application/x-www-form-urlencoded' }, body: 'team=ops&name=Cy', status: 202, example: 'Login form' },
  { name: 'body matching: no example with that body → 404', method: 'POST', url: '/users', headers: { 'x-mock-match-request-body': 'true' }, body: '{"name":"Zed"}', status: 404 },
  { name: 'x-mock-match-request-body: false is ignored', method: 'POST', url: '/users', headers: { 'x-mock-match-request-body': 'false' }, body: '{"name":"Zed"}', status: 201, example: 'Created Ada' },
  // x-mock-match-request-headers.
  { name: 'without header matching the first example wins', url: '/v1/items', headers: { 'accept-version': '2' }, status: 200, example: 'V1 items' },
  { name: 'header matching by name', url: '/v1/items', headers: { 'accept-version': '2', 'x-mock-match-request-headers': 'Accept-Version' }, status: 200, example: 'V2 items', body_: { version: 2 } },
  { name: 'header matching: other value', url: '/v1/items', headers: { 'accept-version': '1', 'x-mock-match-request-headers': 'accept-version' }, status: 200, example: 'V1 items' },
  { name: 'header matching: unknown value → 404', url: '/v1/items', headers: { 'accept-version': '3', 'x-mock-match-request-headers': 'accept-version' }, status: 404 },
  { name: 'header matching: header missing → 404', url: '/v1/items', headers: { 'x-mock-match-request-headers': 'accept-version' }, status: 404 },
  { name: 'header matching true: every saved header must match', url: '/v1/items', headers: { 'accept-version': '2', 'x-mock-match-request-headers': 'true' }, status: 404 },
  { name: 'header matching true: all saved headers present', url: '/v1/items', headers: { 'accept-version': '2', 'x-tenant': 'acme', 'x-mock-match-request-headers': 'true' }, status: 200, example: 'V2 items' },
  // Response headers.
  {
    name: 'example headers are sent, Content-Length is not',
    url: '/users',
    status: 200,
    example: 'All users',
    headersInclude: { 'x-total-count': '1', 'content-type': 'application/json' },
    headersExclude: ['content-length'],
  },
  { name: 'content type from the preview language when no header', url: '/health/', status: 200, example: 'Healthy', headersInclude: { 'content-type': 'text/plain; charset=utf-8' } },
];

function send(c: Case) {
  const request: MockRequest = { method: c.method ?? 'GET', url: c.url, headers: c.headers ?? {}, ...(c.body !== undefined ? { body: c.body } : {}) };
  return mock.match(request);
}

describe('collection mock conformance', () => {
  it('counts the examples and routes it serves', () => {
    expect(mock.exampleCount).toBe(20);
    // Examples sharing a method and path are one route.
    expect(mock.routeCount).toBe(13);
  });

  it.each(cases)('$name', (c) => {
    const result = send(c);
    expect(result.response.status).toBe(c.status);
    if (c.example === undefined) {
      expect(result.matched).toBe(false);
      const body = JSON.parse(result.response.body);
      expect(body.error.name).toBe('mockRequestNotFoundError');
      expect(body.error.message).toContain(`${c.method ?? 'GET'} ${c.url.split('?')[0]}`);
      expect(typeof body.error.hint).toBe('string');
      expect(result.response.headers).toContainEqual(['content-type', 'application/json; charset=utf-8']);
    } else {
      expect(result.matched).toBe(true);
      if (result.matched) expect(result.example.name).toBe(c.example);
    }
    if (c.body_ !== undefined) {
      const text = result.response.body;
      expect(typeof c.body_ === 'string' ? text.replace(/^"|"$/g, '') : JSON.parse(text)).toEqual(c.body_);
    }
    const headers = new Map(result.response.headers.map(([k, v]) => [k.toLowerCase(), v]));
    for (const [k, v] of Object.entries(c.headersInclude ?? {})) expect(headers.get(k)).toBe(v);
    for (const k of c.headersExclude ?? []) expect(headers.has(k)).toBe(false);
  });

  it('scores exact > trailing slash > case > ID-like', () => {
    const score = (url: string, name?: string) => {
      const r = mock.match({ method: 'GET', url, headers: name ? { 'x-mock-response-name': name } : {} });
      if (!r.matched) throw new Error(`no match for ${url}`);
      return r.example.score;
    };
    expect(score('/')).toBe(100);
    const exact = score('/Health/');
    const slash = score('/Health');
    const lower = score('/health/');
    const id = score('/users/7');
    expect(exact).toBeGreaterThan(slash);
    expect(slash).toBeGreaterThan(lower);
    expect(lower).toBeGreaterThan(id);
    // A wildcard costs a little: a literal segment beats a {{var}} one.
    expect(score('/users/anyone/profile')).toBeLessThan(exact);
  });

  it('takes the delay from the example responseTime, and can ignore it', () => {
    const slow = mock.match({ method: 'GET', url: '/slow', headers: {} });
    expect(slow.response.delayMs).toBe(150);
    expect(mock.match({ method: 'GET', url: '/users', headers: {} }).response.delayMs).toBe(0);
    const fast = createCollectionMock(collection, { delay: false });
    expect(fast.match({ method: 'GET', url: '/slow', headers: {} }).response.delayMs).toBe(0);
  });

  it('explains a miss: closest candidates and what differed', () => {
    const miss = mock.match({ method: 'GET', url: '/users/abc', headers: {} });
    const error = JSON.parse(miss.response.body).error;
    expect(error.candidates.length).toBeGreaterThan(0);
    expect(error.candidates[0]).toMatchObject({ example: 'User 42', method: 'GET', path: '/users/42' });
    expect(error.candidates[0].differences).toContain('path segment 2 is "42", not "abc"');
    expect(error.hint).toContain('GET /users/42');

    const method = JSON.parse(mock.match({ method: 'PUT', url: '/users/42', headers: {} }).response.body).error;
    expect(method.candidates.some((c: any) => c.differences.includes('method is GET, not PUT'))).toBe(true);

    const code = JSON.parse(mock.match({ method: 'GET', url: '/users/42', headers: { 'x-mock-response-code': '500' } }).response.body).error;
    expect(code.hint).toContain('x-mock-response-code: 500');
    expect(code.candidates[0].differences).toContain('status is 200, not 500');
  });

  it('tells how to fix a collection without examples', () => {
    const empty = createCollectionMock(parseCollection({ info: { name: 'e' }, item: [{ name: 'r', request: 'https://x.test/a' }] }));
    expect(empty.exampleCount).toBe(0);
    const error = JSON.parse(empty.match({ method: 'GET', url: '/a', headers: {} }).response.body).error;
    expect(error.hint).toContain('no saved examples');
  });

  it('recognises ID-like segments', () => {
    for (const id of ['42', '3f2c8a1e-9b7d-4c3a-8e21-0a1b2c3d4e5f', 'deadbeef00', 'usr_9f8e7d']) expect(isIdLike(id)).toBe(true);
    for (const word of ['users', 'abc', 'v1', 'profile', 'A-17x']) expect(isIdLike(word)).toBe(false);
  });
});
