/**
 * Conformance table for OpenAPI mocks: each case is a request and the status, headers and body
 * the mock must answer with. Fixtures: a petstore split over two files (3.0), a 3.1 document
 * and a Swagger 2.0 document, all written for these tests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiMock, OpenApiDocumentError, PathRouter } from '../../src/openapi/index.ts';
import type { OpenApiMock } from '../../src/openapi/index.ts';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const PETSTORE = path.join(FIX, 'petstore/openapi.yaml');
const V31 = path.join(FIX, 'v31.yaml');
const SWAGGER = path.join(FIX, 'swagger.json');

interface Case {
  name: string;
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  /** Exact header values; `null` means the header must be absent. */
  expectHeaders?: Record<string, string | null>;
  /** Exact JSON body. */
  json?: unknown;
  /** Partial JSON body (toMatchObject). */
  like?: unknown;
  text?: string;
  check?: (body: any) => void;
}

const JSON_CT = { 'content-type': 'application/json' };
const KEY = { 'x-api-key': 'k1' };
const problem = (status: number, code: string) => ({ status, type: `https://postern.dev/problems/mock/${code}` });

const petstoreCases: Case[] = [
  {
    name: 'first example of the lowest 2xx, with example response headers and CORS',
    url: '/pets',
    status: 200,
    expectHeaders: { 'content-type': 'application/json', 'x-total-count': '2', 'access-control-allow-origin': '*' },
    json: [{ id: 1, name: 'Rex', tag: 'dog' }, { id: 2, name: 'Tom', tag: 'cat' }],
  },
  { name: 'server base path is accepted', url: '/v1/pets', status: 200, check: (b) => expect(b[0].id).toBe(1) },
  { name: 'trailing slash', url: '/pets/', status: 200, check: (b) => expect(b).toHaveLength(2) },
  { name: 'Prefer example=<name>', url: '/pets', headers: { prefer: 'example=empty' }, status: 200, json: [] },
  { name: 'Prefer example with an unknown name', url: '/pets', headers: { prefer: 'example=nope' }, status: 404, like: { ...problem(404, 'no-such-example'), detail: expect.stringContaining('two, empty') } },
  { name: 'Accept picks XML', url: '/pets', headers: { accept: 'application/xml' }, status: 200, expectHeaders: { 'content-type': 'application/xml' }, text: '<pets><pet><id>1</id><name>Rex</name></pet></pets>' },
  { name: 'Accept q-values', url: '/pets', headers: { accept: 'application/xml;q=0.5, application/json' }, status: 200, expectHeaders: { 'content-type': 'application/json' } },
  { name: 'Accept wildcard', url: '/pets', headers: { accept: 'application/*' }, status: 200, expectHeaders: { 'content-type': 'application/json' } },
  { name: 'Accept nothing offered → 406', url: '/pets', headers: { accept: 'text/html' }, status: 406, expectHeaders: { 'content-type': 'application/problem+json' }, like: problem(406, 'not-acceptable') },
  { name: 'Prefer code=500 uses the default response, generated from its schema', url: '/pets', headers: { prefer: 'code=500' }, status: 500, json: { code: 404, message: 'Not found' } },
  { name: 'Prefer code combined with example', url: '/pets', headers: { prefer: 'code=200, example=empty' }, status: 200, json: [] },
  { name: 'Prefer code the operation lacks', url: '/pets/3', headers: { prefer: 'code=503', authorization: 'Bearer t' }, status: 404, like: problem(404, 'no-such-response') },
  { name: 'Prefer code=404 via a $ref response', url: '/pets/3', headers: { prefer: 'code=404', authorization: 'Bearer t' }, status: 404, json: { code: 404, message: 'Not found' } },
  { name: 'valid query: integer and exploded array', url: '/pets?limit=5&tags=dog&tags=cat', status: 200 },
  { name: 'invalid query → the spec’s own 400 example', url: '/pets?limit=0', status: 400, json: { message: 'limit must be between 1 and 100' } },
  { name: 'invalid array item → 400 example', url: '/pets?tags=fish', status: 400 },
  { name: 'header parameter from the second file (uuid format)', url: '/pets', headers: { 'x-trace-id': 'not-a-uuid' }, status: 400 },
  { name: 'header parameter valid', url: '/pets', headers: { 'x-trace-id': '3f1c1b5e-8d0a-4c1e-9a53-2f0a2b0c7d11' }, status: 200 },
  {
    name: 'missing apiKey → the spec’s own 401 example and a challenge',
    method: 'POST',
    url: '/pets',
    headers: JSON_CT,
    body: '{"name":"x"}',
    status: 401,
    expectHeaders: { 'www-authenticate': 'ApiKey realm="postern", name="X-API-Key", in="header"' },
    json: { message: 'API key missing' },
  },
  {
    name: 'invalid body → 422 listing every violation',
    method: 'POST',
    url: '/pets',
    headers: { ...JSON_CT, ...KEY },
    body: '{"name":"","tag":"fish","extra":1,"age":"3"}',
    status: 422,
    expectHeaders: { 'content-type': 'application/problem+json' },
    like: {
      ...problem(422, 'invalid-request'),
      errors: [
        { location: ['body', 'extra'], message: 'is not allowed' },
        { location: ['body', 'name'], message: 'must NOT have fewer than 1 characters' },
        { location: ['body', 'tag'], message: 'must be equal to one of the allowed values' },
        { location: ['body', 'age'], message: 'must be integer' },
      ],
    },
  },
  { name: 'missing required property', method: 'POST', url: '/pets', headers: { ...JSON_CT, ...KEY }, body: '{}', status: 422, like: { errors: [{ location: ['body', 'name'], message: 'is required' }] } },
  { name: 'missing required body', method: 'POST', url: '/pets', headers: { ...JSON_CT, ...KEY }, status: 422, like: { errors: [{ location: ['body'], message: 'is required' }] } },
  { name: 'malformed JSON body', method: 'POST', url: '/pets', headers: { ...JSON_CT, ...KEY }, body: '{"name":', status: 422, like: { errors: [{ location: ['body'], message: 'is not valid JSON' }] } },
  { name: 'unsupported content type → 415', method: 'POST', url: '/pets', headers: { 'content-type': 'text/plain', ...KEY }, body: 'x', status: 415, like: problem(415, 'unsupported-media-type') },
  {
    name: 'valid body → 201 generated from the schema across files',
    method: 'POST',
    url: '/pets',
    headers: { ...JSON_CT, ...KEY },
    body: '{"name":"Rex","tag":"dog"}',
    status: 201,
    json: { id: 1, name: 'Rex', tag: 'string', born: '2024-01-01', owner: { email: 'user@example.com' } },
  },
  {
    name: 'Prefer dynamic=true → a random body that fits the schema',
    method: 'POST',
    url: '/pets',
    headers: { ...JSON_CT, ...KEY, prefer: 'dynamic=true' },
    body: '{"name":"Rex"}',
    status: 201,
    check: (b) => {
      expect(Number.isInteger(b.id) && b.id >= 1).toBe(true);
      expect(typeof b.name).toBe('string');
      expect(b.born).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(b.owner.email).toMatch(/@example\.com$/);
    },
  },
  { name: 'path parameter type', url: '/pets/abc', headers: { authorization: 'Bearer t' }, status: 422, like: { errors: [{ location: ['path', 'petId'], message: 'must be integer' }] } },
  { name: 'path parameter minimum', url: '/pets/0', headers: { authorization: 'Bearer t' }, status: 422, like: { errors: [{ location: ['path', 'petId'] }] } },
  {
    name: 'bearer or basic required → 401 problem with both challenges',
    url: '/pets/3',
    status: 401,
    expectHeaders: { 'www-authenticate': 'Bearer realm="postern", Basic realm="postern"', 'content-type': 'application/problem+json' },
    like: { ...problem(401, 'unauthorized'), detail: expect.stringContaining('Authorization: Bearer') },
  },
  { name: 'an empty bearer token does not count', url: '/pets/3', headers: { authorization: 'Bearer ' }, status: 401 },
  { name: 'the wrong scheme does not count', url: '/pets/3', headers: { authorization: 'Digest abc' }, status: 401 },
  { name: 'basic satisfies the second alternative', url: '/pets/3', headers: { authorization: 'Basic eDp5' }, status: 200, like: { id: 1, name: 'Rex' } },
  { name: 'known path, other method → 405 with Allow', method: 'PATCH', url: '/pets/3', status: 405, expectHeaders: { allow: 'GET, DELETE, HEAD' }, like: problem(405, 'method-not-allowed') },
  { name: 'no-content response', method: 'DELETE', url: '/pets/3', status: 204, text: '', expectHeaders: { 'content-type': null } },
  { name: 'HEAD falls back to GET', method: 'HEAD', url: '/pets', status: 200 },
  { name: 'mixed path segment', url: '/pets/3/photos/abc.png', status: 200, expectHeaders: { 'content-type': 'image/png' } },
  { name: 'mixed path segment pattern', url: '/pets/3/photos/AB.png', status: 422, like: { errors: [{ location: ['path', 'photoId'] }] } },
  { name: 'unknown path → 404 problem', url: '/owners', status: 404, expectHeaders: { 'content-type': 'application/problem+json' }, like: problem(404, 'not-found') },
  { name: 'unknown path under a known prefix', url: '/pets/3/toys', status: 404 },
  {
    name: 'CORS preflight',
    method: 'OPTIONS',
    url: '/pets',
    headers: { origin: 'http://app.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key' },
    status: 204,
    expectHeaders: {
      'access-control-allow-origin': 'http://app.test',
      'access-control-allow-methods': 'GET, POST, HEAD',
      'access-control-allow-headers': 'content-type, x-api-key',
      'access-control-allow-credentials': 'true',
    },
    text: '',
  },
  { name: 'plain OPTIONS is not a preflight → 405', method: 'OPTIONS', url: '/pets', status: 405 },
  { name: 'Origin echoed on normal responses', url: '/pets', headers: { origin: 'http://app.test' }, status: 200, expectHeaders: { 'access-control-allow-origin': 'http://app.test', vary: 'Origin' } },
  { name: 'apiKey in query', url: '/session?api_key=1', headers: { 'x-request-mode': 'fast' }, status: 200, json: { ok: true } },
  { name: 'apiKey in cookie', url: '/session', headers: { cookie: 'a=b; session=s1', 'x-request-mode': 'slow' }, status: 200 },
  {
    name: 'no apiKey anywhere → 401 naming both',
    url: '/session',
    headers: { 'x-request-mode': 'fast' },
    status: 401,
    expectHeaders: { 'www-authenticate': 'ApiKey realm="postern", name="session", in="cookie", ApiKey realm="postern", name="api_key", in="query"' },
  },
  { name: 'required header missing', url: '/session?api_key=1', status: 422, like: { errors: [{ location: ['header', 'X-Request-Mode'], message: 'is required' }] } },
  { name: 'header enum', url: '/session?api_key=1', headers: { 'x-request-mode': 'medium' }, status: 422, like: { errors: [{ location: ['header', 'X-Request-Mode'] }] } },
];

const v31Cases: Case[] = [
  { name: '3.1: generated from schema examples/const', url: '/things/t-1', status: 200, json: { kind: 'thing', label: 'a label', size: 1, parts: [0] } },
  { name: '3.1: path pattern', url: '/things/x', status: 422, like: { errors: [{ location: ['path', 'id'] }] } },
  { name: '3.1: named example', method: 'PUT', url: '/things/t-1', headers: JSON_CT, body: '{"kind":"thing","label":null}', status: 200, json: { kind: 'thing', label: 'saved', size: 3 } },
  {
    name: '3.1: draft 2020-12 keywords (const, exclusiveMinimum number, prefixItems)',
    method: 'PUT',
    url: '/things/t-1',
    headers: JSON_CT,
    body: '{"kind":"other","label":5,"size":0,"parts":["a",1,"b"]}',
    status: 422,
    check: (b) => {
      const locs = b.errors.map((e: any) => e.location.join('.'));
      expect(locs).toEqual(expect.arrayContaining(['body.kind', 'body.label', 'body.size', 'body.parts.2']));
      expect(locs).not.toContain('body.parts.0');
    },
  },
  {
    name: '3.1: dynamic',
    url: '/things/t-2',
    headers: { prefer: 'dynamic=true' },
    status: 200,
    check: (b) => {
      expect(b.kind).toBe('thing');
      expect(b.size).toBeGreaterThan(0);
      expect(b.size).toBeLessThanOrEqual(10);
    },
  },
];

const swaggerCases: Case[] = [
  { name: '2.0: example under basePath', url: '/v2/orders', status: 200, json: [{ id: 7, status: 'open', total: 9.5 }] },
  { name: '2.0: csv collectionFormat', url: '/v2/orders?status=open,closed&page=2', status: 200 },
  { name: '2.0: csv item not in enum', url: '/v2/orders?status=open,bad', status: 422, like: { errors: [{ location: ['query', 'status', '1'] }] } },
  { name: '2.0: integer minimum', url: '/v2/orders?page=0', status: 422, like: { errors: [{ location: ['query', 'page'] }] } },
  { name: '2.0: basic auth required', method: 'POST', url: '/v2/orders', headers: JSON_CT, body: '{"id":1,"status":"open"}', status: 401, expectHeaders: { 'www-authenticate': 'Basic realm="postern"' } },
  { name: '2.0: invalid body → spec 400 example', method: 'POST', url: '/v2/orders', headers: { ...JSON_CT, authorization: 'Basic eDp5' }, body: '{"id":0}', status: 400, json: { error: 'invalid order' } },
  { name: '2.0: valid body → 201', method: 'POST', url: '/v2/orders', headers: { ...JSON_CT, authorization: 'Basic eDp5' }, body: '{"id":1,"status":"open"}', status: 201, json: { id: 1, status: 'open', total: 0 } },
  { name: '2.0: path param from definitions', url: '/v2/orders/5', status: 200, like: { id: 1, status: 'open' } },
  { name: '2.0: path param type', url: '/v2/orders/x', status: 422 },
  { name: '2.0: produces negotiates', url: '/v2/orders/5', headers: { accept: 'text/csv' }, status: 406 },
  { name: '2.0: XML rendered from the schema', url: '/v2/orders/5', headers: { accept: 'application/xml' }, status: 200, expectHeaders: { 'content-type': 'application/xml' }, text: '<Order><id>1</id><status>open</status><total>0</total></Order>' },
];

function runTable(label: string, file: string, cases: Case[]) {
  describe(label, () => {
    let mock: OpenApiMock;
    beforeAll(async () => {
      mock = await createOpenApiMock(file);
    });
    it.each(cases)('$name', (c) => {
      const res = mock.match({ method: c.method ?? 'GET', url: c.url, headers: c.headers ?? {}, ...(c.body !== undefined ? { body: c.body } : {}) });
      expect(res.status).toBe(c.status);
      const headers = new Map(res.headers);
      for (const [k, v] of Object.entries(c.expectHeaders ?? {})) expect(headers.get(k) ?? null, k).toBe(v);
      if (c.text !== undefined) expect(res.body).toBe(c.text);
      const parsed = c.json !== undefined || c.like !== undefined || c.check ? JSON.parse(res.body) : undefined;
      if (c.json !== undefined) expect(parsed).toEqual(c.json);
      if (c.like !== undefined) expect(parsed).toMatchObject(c.like as object);
      c.check?.(parsed);
    });
  });
}

runTable('OpenAPI 3.0 petstore split over two files', PETSTORE, petstoreCases);
runTable('OpenAPI 3.1', V31, v31Cases);
runTable('Swagger 2.0', SWAGGER, swaggerCases);

describe('options', () => {
  it('dynamic: true generates bodies; Prefer dynamic=false turns it off per request', async () => {
    const mock = await createOpenApiMock(PETSTORE, { dynamic: true });
    const get = (prefer?: string) => JSON.parse(mock.match({ method: 'GET', url: '/pets/3', headers: { authorization: 'Bearer t', ...(prefer ? { prefer } : {}) } }).body);
    const names = new Set(Array.from({ length: 5 }, () => get().name));
    expect(names.size).toBeGreaterThan(1);
    expect(get('dynamic=false')).toMatchObject({ id: 1, name: 'Rex' });
  });

  it('resolve() labels answers with the operationId, else METHOD /template', async () => {
    const mock = await createOpenApiMock(PETSTORE);
    expect(mock.resolve({ method: 'GET', url: '/pets', headers: {} }).label).toBe('listPets');
    expect(mock.resolve({ method: 'DELETE', url: '/pets/1', headers: {} }).label).toBe('deletePet');
    expect(mock.resolve({ method: 'GET', url: '/pets/1/photos/a.png', headers: {} }).label).toBe('GET /pets/{petId}/photos/{photoId}.png');
    expect(mock.resolve({ method: 'GET', url: '/nope', headers: {} }).label).toBeUndefined();
  });

  it('validateRequests: false serves invalid requests', async () => {
    const mock = await createOpenApiMock(PETSTORE, { validateRequests: false });
    expect(mock.match({ method: 'GET', url: '/pets?limit=0', headers: {} }).status).toBe(200);
  });

  it('cors: false adds no CORS headers and answers no preflight', async () => {
    const mock = await createOpenApiMock(PETSTORE, { cors: false });
    const res = mock.match({ method: 'GET', url: '/pets', headers: { origin: 'http://a.test' } });
    expect(new Map(res.headers).has('access-control-allow-origin')).toBe(false);
    expect(mock.match({ method: 'OPTIONS', url: '/pets', headers: { origin: 'http://a.test', 'access-control-request-method': 'GET' } }).status).toBe(405);
  });

  it('3.0 draft-4 boolean exclusiveMinimum, and readOnly properties not required in requests', async () => {
    const mock = await createOpenApiMock({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/p': {
          post: {
            parameters: [{ name: 'n', in: 'query', schema: { type: 'number', minimum: 0, exclusiveMinimum: true } }],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
          },
        },
      },
      components: { schemas: { Item: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' }, secret: { type: 'string', writeOnly: true } } } } },
    });
    const post = (url: string, body: string) => mock.match({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body });
    expect(post('/p?n=1', '{"name":"x"}').status).toBe(200);
    expect(JSON.parse(post('/p?n=1', '{"name":"x"}').body)).toEqual({ id: 0, name: 'string' });
    expect(JSON.parse(post('/p?n=0', '{"name":"x"}').body).errors).toEqual([{ location: ['query', 'n'], message: 'must be > 0' }]);
    expect(JSON.parse(post('/p', '{"id":1}').body).errors).toEqual([{ location: ['body', 'name'], message: 'is required' }]);
  });

  it('accepts an in-memory document', async () => {
    const mock = await createOpenApiMock({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/ping': { get: { responses: { '200': { description: 'ok', content: { 'text/plain': { example: 'pong' } } } } } } },
    });
    expect(mock.operationCount).toBe(1);
    expect(mock.match({ method: 'GET', url: '/ping', headers: {} }).body).toBe('pong');
  });
});

describe('bad documents name the file and the JSON pointer', () => {
  const cases: Array<[string, string | object, RegExp]> = [
    ['operation without responses', path.join(FIX, 'bad/no-responses.yaml'), /no-responses\.yaml#\/paths\/~1x\/get\/responses: every operation needs/],
    ['$ref to a missing file', path.join(FIX, 'bad/missing-ref.yaml'), /missing-ref\.yaml#\/paths\/~1x\/get\/responses\/200\/content\/application~1json\/schema: cannot resolve this \$ref/],
    ['invalid schema', path.join(FIX, 'bad/bad-schema.yaml'), /bad-schema\.yaml#\/paths\/~1x\/post\/requestBody\/content\/application~1json\/schema: invalid schema/],
    ['remote $ref (never fetched)', path.join(FIX, 'bad/remote-ref.yaml'), /remote-ref\.yaml#\/paths\/~1x\/get\/responses\/200\/content\/application~1json\/schema: cannot resolve this \$ref: remote \$refs are not fetched/],
    ['missing file', path.join(FIX, 'bad/does-not-exist.yaml'), /does-not-exist\.yaml/],
    ['unsupported version', { openapi: '2.5.0', paths: {} }, /#\/openapi: missing or unsupported/],
    ['old Swagger', { swagger: '1.2', paths: {} }, /#\/swagger: unsupported Swagger version/],
    ['path key without slash', { openapi: '3.0.0', paths: { pets: {} } }, /#\/paths\/pets: path keys must start/],
  ];
  it.each(cases)('%s', async (_n, source, message) => {
    const err = await createOpenApiMock(source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenApiDocumentError);
    expect((err as Error).message).toMatch(message);
  });
});

describe('router', () => {
  it('prefers literal segments, shares branches across parameter names, backtracks', () => {
    const r = new PathRouter<string>();
    r.add('/pets/{id}', 'byId');
    r.add('/pets/mine', 'mine');
    r.add('/pets/{petId}/toys', 'toys');
    r.add('/pets/mine/{x}/deep', 'deep');
    r.add('/files/{name}.{ext}', 'file');
    expect(r.match('/pets/mine')).toEqual({ value: 'mine', params: {} });
    expect(r.match('/pets/7')).toEqual({ value: 'byId', params: { id: '7' } });
    expect(r.match('/pets/7/toys')).toEqual({ value: 'toys', params: { petId: '7' } });
    expect(r.match('/pets/mine/toys')).toEqual({ value: 'toys', params: { petId: 'mine' } });
    expect(r.match('/files/a%20b.txt')).toEqual({ value: 'file', params: { name: 'a b', ext: 'txt' } });
    expect(r.match('/pets')).toBeUndefined();
    expect(r.match('/pets//toys')).toBeUndefined();
  });
});

describe('node:http handler', () => {
  let server: ReturnType<typeof createServer>;
  let base: string;
  beforeAll(async () => {
    const mock = await createOpenApiMock(PETSTORE);
    server = createServer(mock.handle);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('serves examples and validates bodies over HTTP', async () => {
    const list = await fetch(`${base}/pets`);
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total-count')).toBe('2');
    expect(await list.json()).toHaveLength(2);
    const bad = await fetch(`${base}/pets`, { method: 'POST', headers: { ...JSON_CT, ...KEY }, body: '{"name":5}' });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(((await bad.json()) as any).errors).toEqual([{ location: ['body', 'name'], message: 'must be string' }]);
    const ok = await fetch(`${base}/pets`, { method: 'POST', headers: { ...JSON_CT, ...KEY }, body: '{"name":"Rex"}' });
    expect(ok.status).toBe(201);
    const head = await fetch(`${base}/pets`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('speed', () => {
  it('starts quickly on a document with 1,000 operations and routes each one', async () => {
    const paths: Record<string, unknown> = {};
    const op = (extra: object) => ({ parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } }, ...extra });
    for (let i = 0; i < 500; i++) {
      paths[`/res${i}/{id}`] = {
        get: op({}),
        put: op({ requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } }),
      };
    }
    const t0 = performance.now();
    const mock = await createOpenApiMock({ openapi: '3.0.3', info: { title: 'big', version: '1' }, paths, components: { schemas: { Item: { type: 'object', required: ['name'], properties: { name: { type: 'string', example: 'n' } } } } } });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(mock.operationCount).toBe(1000);
    expect(JSON.parse(mock.match({ method: 'GET', url: '/res499/5', headers: {} }).body)).toEqual({ name: 'n' });
    const bad = mock.match({ method: 'PUT', url: '/res7/x', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(JSON.parse(bad.body).errors).toEqual([
      { location: ['path', 'id'], message: 'must be integer' },
      { location: ['body', 'name'], message: 'is required' },
    ]);
  });

  it('matches and validates without per-request compilation', async () => {
    const mock = await createOpenApiMock(PETSTORE);
    const req = { method: 'POST', url: '/pets', headers: { ...JSON_CT, ...KEY }, body: '{"name":"Rex","tag":"dog","age":3}' };
    const n = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) mock.match(req);
    const perSecond = n / ((performance.now() - t0) / 1000);
    // Generous floor for a shared CI machine; locally this is in the hundreds of thousands.
    expect(perSecond).toBeGreaterThan(5_000);
  });
});
