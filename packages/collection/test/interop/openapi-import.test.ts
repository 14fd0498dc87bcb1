import { describe, expect, it } from 'vitest';
import {
  CollectionError,
  detectFormat,
  flattenItems,
  importAny,
  isItemGroup,
  parseCollection,
  type Collection,
  type ImportResult,
  type RequestObject,
  type UrlObject,
} from '../../src/index.ts';
import { importOpenApi } from '../../src/interop/openapi/index.ts';
import { expectGolden, fixtureInput } from './openapi-fixtures.ts';

const FIXTURES = [
  { folder: 'petstore-3.0', main: 'openapi.yaml' },
  { folder: 'shop-3.1', main: 'openapi.json' },
  { folder: 'legacy-swagger-2.0', main: 'swagger.yaml' },
];

function requests(collection: Collection): Array<{ name: string; folder: string; request: RequestObject; url: UrlObject; item: ReturnType<typeof flattenItems>[number]['item'] }> {
  return flattenItems(collection).map(({ item, path }) => {
    const request = item.request as RequestObject;
    return { name: item.name ?? '', folder: path.map((f) => f.name).join('/'), request, url: request.url as UrlObject, item };
  });
}

function byName(result: ImportResult, name: string) {
  const found = requests(result.collections[0]!).find((r) => r.name === name);
  if (!found) throw new Error(`no request named ${name}`);
  return found;
}

function importError(input: Parameters<typeof importOpenApi>[0]): CollectionError {
  try {
    importOpenApi(input);
  } catch (e) {
    if (e instanceof CollectionError) return e;
    throw e;
  }
  throw new Error('expected the import to fail');
}

describe('OpenAPI import: golden files', () => {
  for (const { folder, main } of FIXTURES) {
    it(`${folder} matches its expected collection and parses as a Postman collection`, async () => {
      const input = fixtureInput(folder, main);
      expect(detectFormat(input)).toBe('openapi');
      const result = await importAny(input);
      expect(result.format).toBe('openapi');
      expect(result.collections).toHaveLength(1);
      expect(() => parseCollection(JSON.parse(JSON.stringify(result.collections[0])))).not.toThrow();
      expectGolden({ collection: result.collections[0], skipped: result.skipped }, `${folder}/expected.json`);
    });
  }
});

describe('OpenAPI 3.0 import (shared components, cross-file refs)', () => {
  const result = importOpenApi(fixtureInput('petstore-3.0', 'openapi.yaml'));
  const collection = result.collections[0]!;

  it('makes a folder per tag in the declared order, with the tag descriptions, untagged requests at the top level', () => {
    const folders = collection.item.filter(isItemGroup);
    expect(folders.map((f) => [f.name, f.description])).toEqual([
      ['pets', 'Everything about the pets in the store'],
      ['owners', 'People who adopted a pet'],
      ['orders', 'Orders placed in the store'],
    ]);
    expect(collection.item.filter((i) => !isItemGroup(i)).map((i) => i.name)).toEqual(['Upload a raw file', 'Health check']);
    expect(requests(collection)).toHaveLength(13);
  });

  it('names requests by summary, then operationId', () => {
    expect(byName(result, 'updatePet').request.method).toBe('PATCH');
    expect(byName(result, 'updatePet').request.description).toBe('Changes only the fields sent.');
  });

  it('turns the first server (variables replaced by defaults) into {{baseUrl}}', () => {
    expect(collection.variable?.[0]).toMatchObject({ key: 'baseUrl', value: 'https://eu.petstore.example.com/v2' });
    expect(String(collection.variable?.[0]?.description)).toContain('http://localhost:8080/v2');
  });

  it('maps path params to :vars with examples and descriptions, and optional query params to disabled entries', () => {
    const get = byName(result, 'Get a pet');
    expect(get.url.raw).toBe('{{baseUrl}}/pets/:petId');
    expect(get.url.path).toEqual(['pets', ':petId']);
    expect(get.url.variable).toEqual([{ key: 'petId', value: '101', description: "(Required) The pet's id" }]);
    const list = byName(result, 'List pets');
    expect(list.url.query).toEqual([
      { key: 'limit', value: '20', disabled: true, description: 'How many items to return (at most 100)' },
      { key: 'cursor', value: '<string>', disabled: true, description: 'Opaque cursor from the previous page' },
      { key: 'status', value: 'available', disabled: true, description: 'Filter by status' },
      { key: 'status', value: 'pending', disabled: true, description: 'Filter by status' },
    ]);
    expect(list.request.header).toContainEqual({ key: 'X-Request-ID', value: '0f8fad5b-d9cb-469f-a165-70867728950e', description: '(Required)' });
    expect(byName(result, 'Search owners').url.query?.map((q) => q.key)).toEqual(['filter[city]', 'filter[hasPets]']);
  });

  it('resolves $refs across files (parameters, schemas inside schemas)', () => {
    expect(byName(result, 'List pets').url.query?.[1]?.key).toBe('cursor');
    const owners = JSON.parse(byName(result, 'Search owners').item.response![0]!.body!) as Array<Record<string, unknown>>;
    expect(owners[0]).toMatchObject({ name: 'Ada Lovelace', address: { city: 'Lyon', country: 'FR' } });
  });

  it('builds bodies per media type: JSON example, urlencoded, multipart with files, file', () => {
    const create = byName(result, 'Add a pet').request;
    expect(create.body).toEqual({ mode: 'raw', raw: JSON.stringify({ name: 'Rex', species: 'dog', tags: ['good-boy'] }, null, 2), options: { raw: { language: 'json' } } });
    expect(create.header).toContainEqual({ key: 'Content-Type', value: 'application/json' });
    // Generated from the schema: readOnly fields stay out of requests.
    const patch = JSON.parse(byName(result, 'updatePet').request.body!.raw!) as Record<string, unknown>;
    expect(patch).toMatchObject({ name: 'Rex', species: 'dog', birthDate: '<date>', tags: ['<string>', '<string>'] });
    expect(patch.owner).not.toHaveProperty('id');
    expect(byName(result, 'Sign in an owner').request.body).toEqual({
      mode: 'urlencoded',
      urlencoded: [{ key: 'email', value: '<email>', description: "The owner's email" }, { key: 'password', value: '<password>' }],
    });
    expect(byName(result, 'Upload a photo').request.body?.formdata).toEqual([
      { key: 'file', type: 'file', src: [], contentType: 'image/jpeg, image/png', description: 'JPEG or PNG, at most 5 MB' },
      { key: 'caption', value: 'On the beach', type: 'text' },
    ]);
    expect(byName(result, 'Upload a raw file').request.body?.mode).toBe('file');
  });

  it('turns response examples into saved responses paired with the matching request example', () => {
    const responses = byName(result, 'Add a pet').item.response!;
    expect(responses.map((r) => [r.name, r.code, r.status])).toEqual([
      ['The pet was added (Rex was added)', 201, 'Created'],
      ['The pet was added (Tom was added)', 201, 'Created'],
      ['The request was not valid', 422, 'Unprocessable Content'],
    ]);
    const tom = responses[1]!;
    expect(JSON.parse(tom.body!)).toMatchObject({ id: 102, name: 'Tom' });
    expect(JSON.parse((tom.originalRequest as RequestObject).body!.raw!)).toEqual({ name: 'Tom', species: 'cat', tags: [] });
    expect(tom.header).toEqual([{ key: 'Content-Type', value: 'application/json' }]);
    const list = byName(result, 'List pets').item.response!;
    expect(list.map((r) => r.code)).toEqual([200, 500]);
    expect(list[0]!.header).toContainEqual({ key: 'X-Next-Cursor', value: 'eyJpZCI6MTAwfQ', description: 'Cursor of the next page' });
    expect(JSON.parse(byName(result, 'Get a pet').item.response![1]!.body!)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 });
  });

  it('maps security schemes to collection and request auth with {{variables}} for secrets', () => {
    expect(collection.auth).toEqual({
      type: 'apikey',
      apikey: [
        { key: 'key', value: 'X-API-Key', type: 'string' },
        { key: 'value', value: '{{apiKey}}', type: 'string' },
        { key: 'in', value: 'header', type: 'string' },
      ],
    });
    expect(byName(result, 'Remove a pet').request.auth).toEqual({
      type: 'oauth2',
      oauth2: [
        { key: 'grant_type', value: 'authorization_code', type: 'string' },
        { key: 'authUrl', value: 'https://auth.petstore.example.com/authorize', type: 'string' },
        { key: 'accessTokenUrl', value: 'https://auth.petstore.example.com/token', type: 'string' },
        { key: 'refreshTokenUrl', value: 'https://auth.petstore.example.com/refresh', type: 'string' },
        { key: 'scope', value: 'pets:write', type: 'string' },
        { key: 'addTokenTo', value: 'header', type: 'string' },
      ],
    });
    expect(byName(result, 'Place an order').request.auth?.type).toBe('bearer');
    expect(byName(result, 'Download the receipt').request.auth?.type).toBe('basic');
    expect(byName(result, 'Sign in an owner').request.auth).toEqual({ type: 'noauth' });
    expect(byName(result, 'Health check').request.auth).toEqual({ type: 'noauth' });
    expect(byName(result, 'List pets').request.auth).toBeUndefined();
    expect(collection.variable?.map((v) => v.key)).toEqual(expect.arrayContaining(['apiKey', 'bearerToken', 'basicAuthUsername', 'basicAuthPassword']));
  });

  it('lists what it left out with JSON paths', () => {
    expect(result.skipped.map((s) => s.at)).toEqual([
      'paths./pets.get.parameters.4',
      'paths./pets.post.callbacks',
      'paths./pets.post.requestBody.content',
      'paths./pets.post.responses.201.links',
      'components.securitySchemes.oauth.flows',
    ]);
  });

  it('can arrange folders by path instead', () => {
    const byPath = importOpenApi(fixtureInput('petstore-3.0', 'openapi.yaml'), { folderStrategy: 'paths' }).collections[0]!;
    const pets = byPath.item.find((i) => i.name === 'pets');
    expect(pets && isItemGroup(pets)).toBe(true);
    const names = (pets as { item: Array<{ name?: string }> }).item.map((i) => i.name);
    expect(names).toEqual(['List pets', 'Add a pet', '{petId}']);
    expect(requests(byPath)).toHaveLength(13);
    expect(byPath.item.map((i) => i.name)).toEqual(['pets', 'owners', 'orders', 'files/upload', 'health']);
  });
});

describe('OpenAPI 3.1 import', () => {
  const result = importOpenApi(fixtureInput('shop-3.1', 'openapi.json'));
  const collection = result.collections[0]!;

  it('reads 3.1 schemas (examples arrays, type lists, const) and openIdConnect', () => {
    const body = JSON.parse(byName(result, 'createProduct').request.body!.raw!) as Record<string, unknown>;
    expect(body).toEqual({ sku: 'SHO-1001', name: 'Red shoes', price: 59.9, currency: 'EUR', internalNote: '<string>' });
    expect(collection.auth?.type).toBe('oauth2');
    expect(collection.auth?.oauth2).toContainEqual({ key: 'openIdConnectUrl', value: 'https://id.shop.example.com/.well-known/openid-configuration', type: 'string' });
    expect(collection.auth?.oauth2).toContainEqual({ key: 'scope', value: 'openid catalogue:read', type: 'string' });
    expect(byName(result, 'createProduct').request.auth?.apikey).toContainEqual({ key: 'in', value: 'query', type: 'string' });
    expect(collection.variable?.[0]).toMatchObject({ key: 'baseUrl', value: 'https://api.shop.example.com/2025-01' });
  });

  it('serialises query styles and renders XML responses', () => {
    expect(byName(result, 'List products').url.query).toEqual([
      { key: 'q', value: 'red shoes', disabled: true, description: 'Full-text search' },
      { key: 'tag', value: 'sale,new', disabled: true },
      { key: 'min', value: '10', disabled: true },
      { key: 'max', value: '99.5', disabled: true },
    ]);
    const xml = byName(result, "Replace the cart's items").item.response![0]!;
    expect(xml._postman_previewlanguage).toBe('xml');
    expect(xml.body).toContain('<cart>');
    expect(byName(result, 'Check out').request.body).toEqual({ mode: 'raw', raw: 'cart=8d1f', options: { raw: { language: 'text' } } });
  });

  it('skips webhooks, callbacks and the ignored Accept header parameter', () => {
    expect(result.skipped.map((s) => s.at)).toEqual([
      'webhooks',
      'paths./carts/{cartId}/items.put.parameters.2',
      'paths./carts/{cartId}/items.put.requestBody.content',
      'paths./checkout.post.callbacks',
      'paths./checkout.post.security',
    ]);
  });
});

describe('Swagger 2.0 import (YAML)', () => {
  const result = importOpenApi(fixtureInput('legacy-swagger-2.0', 'swagger.yaml'));
  const collection = result.collections[0]!;

  it('uses host, schemes and basePath for {{baseUrl}} and converts parameters and bodies', () => {
    expect(collection.variable?.[0]).toMatchObject({ key: 'baseUrl', value: 'https://inventory.example.com/api/v1' });
    expect(byName(result, 'List items').url.query).toEqual([
      { key: 'pageSize', value: '50', disabled: true, description: 'Items per page' },
      { key: 'sku', value: 'A-1', disabled: true },
      { key: 'sku', value: 'B-2', disabled: true },
    ]);
    expect(byName(result, 'getItem').url.variable).toEqual([{ key: 'itemId', value: '<long>', description: '(Required) Item id' }]);
    expect(byName(result, 'Upload a label').request.body?.formdata?.[0]).toEqual({ key: 'label', type: 'file', src: [], description: 'The label image' });
    expect(byName(result, 'Set stock levels').request.body?.mode).toBe('urlencoded');
    expect(JSON.parse(byName(result, 'Create an item').item.response![0]!.body!)).toEqual({ id: 7, sku: 'A-1', quantity: 12 });
  });

  it('maps securityDefinitions, including the OAuth2 flow URLs', () => {
    expect(collection.auth?.type).toBe('apikey');
    expect(byName(result, 'Delete an item').request.auth?.oauth2).toContainEqual({ key: 'authUrl', value: 'https://login.example.com/oauth/authorize', type: 'string' });
    expect(byName(result, 'Set stock levels').request.auth?.type).toBe('basic');
  });
});

describe('OpenAPI import errors', () => {
  it('names the line of a YAML syntax error', () => {
    const e = importError({ name: 'api.yaml', text: 'openapi: 3.0.3\ninfo:\n  title: x\n  version: [1\npaths: {}\n' });
    expect(e.code).toBe('INVALID_IMPORT');
    expect(e.source).toBe('api.yaml');
    expect(e.line).toBe(5);
    expect(e.message).toMatch(/api\.yaml is not valid YAML at line 5/);
  });

  it('names the line and column of a JSON syntax error', () => {
    const e = importError({ name: 'api.json', text: '{\n  "openapi": "3.1.0",\n  "paths": {,}\n}' });
    expect(e).toMatchObject({ code: 'INVALID_IMPORT', line: 3, source: 'api.json' });
    expect(detectFormat({ name: 'api.json', text: '{\n  "openapi": "3.1.0",\n  "paths": {,}\n}' })).toBe('openapi');
  });

  it('rejects a missing or unsupported version with its path', () => {
    expect(importError({ name: 'a.yaml', text: 'openapi: 4.0.0\npaths: {}\n' })).toMatchObject({ path: 'openapi', line: 1 });
    expect(importError({ name: 'a.yaml', text: 'swagger: "1.2"\n' })).toMatchObject({ path: 'swagger', line: 1 });
    expect(importError({ name: 'a.yaml', text: 'info: {}\n' }).message).toMatch(/unsupported "openapi" version/);
  });

  it('names the path and line of a parameter without a name', () => {
    const text = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /pets:\n    get:\n      parameters:\n        - in: query\n      responses:\n        "200": {description: ok}\n';
    const e = importError({ name: 'a.yaml', text });
    expect(e).toMatchObject({ code: 'INVALID_IMPORT', path: 'paths./pets.get.parameters.0', line: 7 });
  });

  it('names a $ref to a missing component or a file that was not given', () => {
    const local = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /pets:\n    get:\n      responses:\n        "200":\n          $ref: "#/components/responses/Nope"\n';
    expect(importError({ name: 'a.yaml', text: local })).toMatchObject({ path: 'paths./pets.get.responses.200.$ref', line: 8 });
    const external = local.replace('#/components/responses/Nope', 'common.yaml#/Ok');
    const missing = importError({ name: 'a.yaml', text: external });
    expect(missing.message).toMatch(/common\.yaml, which was not provided/);
    const inFile = importError({ name: 'a.yaml', text: external, files: new Map([['common.yaml', 'Ok:\n  description: ok\n  content:\n    application/json:\n      schema:\n        $ref: "#/Missing"\n']]) });
    expect(inFile).toMatchObject({ path: 'common.yaml#Ok.content.application/json.schema.$ref', line: 6 });
  });

  it('does not fetch remote refs: they are listed as skipped', () => {
    const text = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /pets:\n    get:\n      responses:\n        "200":\n          $ref: "https://example.com/responses.yaml#/Ok"\n';
    const result = importOpenApi({ name: 'a.yaml', text });
    expect(result.skipped).toEqual([{ at: 'paths./pets.get.responses.200.$ref', what: expect.stringMatching(/remote \$ref/) }]);
  });
});

describe('generated documents (bench/fixtures/openapi-large.ts)', () => {
  it('imports exactly the number of operations asked for', async () => {
    const { generateOpenApiDocument } = await import('../../../../bench/fixtures/openapi-large.ts');
    const doc = generateOpenApiDocument(37);
    const result = importOpenApi({ name: 'generated.json', text: JSON.stringify(doc) });
    expect(flattenItems(result.collections[0]!)).toHaveLength(37);
    expect(result.skipped).toEqual([]);
  });
});
