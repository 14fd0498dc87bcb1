import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exporterFor, flattenItems, importAny, parseCollection, toRequestObject, type Collection, type UrlObject } from '../../src/index.ts';
import { buildOpenApi, exportOpenApi, importOpenApi } from '../../src/interop/openapi/index.ts';
import { FIXTURES, expectGolden, fixtureInput } from './openapi-fixtures.ts';

const clinic = parseCollection(JSON.parse(readFileSync(path.join(FIXTURES, 'export/clinic.postman_collection.json'), 'utf8')));
const shop = parseCollection(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/shop.postman_collection.v21.json'), 'utf8')));

async function expectValidOpenApi31(text: string): Promise<void> {
  const doc = JSON.parse(text) as { openapi: string };
  expect(doc.openapi).toBe('3.1.0');
  // validate() resolves and mutates its argument: give it a copy.
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
}

/** What a request is, independent of naming and folders: method, path template, query keys, body mode. */
function shape(collection: Collection) {
  return flattenItems(collection)
    .map(({ item }) => {
      const request = toRequestObject(item.request);
      const url = (typeof request.url === 'string' ? { raw: request.url } : request.url) as UrlObject;
      const raw = url.raw ?? '';
      const pathPart = raw.replace(/^\{\{baseUrl\}\}/, '').replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0]!;
      const pathTemplate = pathPart.replace(/\{\{([^{}]+)\}\}|:([A-Za-z0-9_]+)/g, (_, a?: string, b?: string) => `{${a ?? b}}`);
      const query = [...new Set((url.query ?? (raw.includes('?') ? raw.split('?')[1]!.split('&').map((p) => ({ key: p.split('=')[0]! })) : [])).map((q) => q.key))].sort();
      return { method: String(request.method ?? 'GET').toUpperCase(), path: pathTemplate, query, body: request.body?.mode ?? null };
    })
    .sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
}

describe('OpenAPI export', () => {
  it('writes the golden OpenAPI 3.1 document for a non-trivial collection, and it validates', async () => {
    const result = exporterFor('openapi').export(clinic);
    expect(result).toMatchObject({ mediaType: 'application/json', extension: 'json', skipped: [] });
    expectGolden(result.text, 'export/clinic.openapi.json');
    await expectValidOpenApi31(result.text);
  });

  it('maps folders to tags, auth to security schemes, hosts to servers, :vars and {{vars}} to path params', () => {
    const { document } = buildOpenApi(clinic);
    const doc = document as Record<string, any>;
    expect(doc.servers).toEqual([{ url: 'https://api.clinic.example.com/v3' }]);
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(['Patients', 'Patients / Appointments', 'Billing']);
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearerAuth', 'apiKeyAuth', 'basicAuth', 'oauth2']);
    expect(doc.paths['/sites/{tenant}/appointments'].post.parameters[0]).toMatchObject({ name: 'tenant', in: 'path', required: true, example: 'lyon-01' });
    expect(doc.paths['/sites/{tenant}/appointments'].post.security).toEqual([{ apiKeyAuth: [] }]);
    expect(doc.paths['/appointments/{appointmentId}'].delete.security).toEqual([]);
    expect(doc.paths['/api/payments'].post.servers).toEqual([{ url: 'https://partner.example.com:8443' }]);
    const list = doc.paths['/patients'].get;
    expect(list.parameters.map((p: { name: string; in: string; required?: boolean }) => [p.name, p.in, p.required ?? false])).toEqual([
      ['species', 'query', true],
      ['page', 'query', true],
      ['q', 'query', false],
      ['X-Tenant', 'header', true],
    ]);
    expect(list.responses['200'].content['application/json'].examples.Two_patients.value[1]).toEqual({ id: 2, name: 'Tom', species: 'cat', chip: null });
    expect(doc.paths['/patients'].post.responses['422'].content['application/problem+json'].examples.Missing_name.value).toEqual({ title: 'name is required' });
  });

  it('can write YAML', () => {
    const yaml = exportOpenApi(clinic, { yaml: true });
    expect(yaml).toMatchObject({ mediaType: 'application/yaml', extension: 'yaml' });
    expect(parseYaml(yaml.text)).toEqual(JSON.parse(exportOpenApi(clinic).text));
  });

  it('lists what OpenAPI cannot say', () => {
    const { skipped } = exportOpenApi(shop);
    expect(skipped).toEqual([{ at: 'item 6 (Catalog / GraphQL products)', what: 'GraphQL body (exported as a JSON body with query and variables)' }]);
    const twice: Collection = { info: { name: 'x' }, item: [{ name: 'a', request: { method: 'GET', url: 'http://h/x' } }, { name: 'b', request: { method: 'GET', url: 'http://h/x?y=1' } }] };
    expect(exportOpenApi(twice).skipped).toEqual([{ at: 'item 2 (b)', what: 'GET /x is already described by another request (OpenAPI has one operation per method and path)' }]);
  });
});

describe('Round trip Postman → OpenAPI → Postman', () => {
  it('keeps every request of the clinic collection (method, path, query params, body mode)', async () => {
    const text = exportOpenApi(clinic).text;
    const back = (await importAny({ name: 'clinic.openapi.json', text })).collections[0]!;
    expect(shape(back)).toEqual(shape(clinic));
    expect(flattenItems(back)).toHaveLength(11);
    // Saved responses come back too.
    const register = flattenItems(back).find(({ item }) => item.name === 'Register a patient')!.item;
    expect(register.response?.map((r) => [r.code, r.name])).toEqual([
      [201, 'Registered'],
      [422, 'Missing name'],
    ]);
  });

  it('keeps every request of the shop collection; a GraphQL body comes back as raw JSON', async () => {
    const back = importOpenApi({ name: 'shop.openapi.json', text: exportOpenApi(shop).text }).collections[0]!;
    const expected = shape(shop).map((r) => (r.body === 'graphql' ? { ...r, body: 'raw' } : r));
    expect(shape(back)).toEqual(expected);
  });

  it('exports imported OpenAPI documents as valid OpenAPI 3.1', async () => {
    for (const [folder, main] of [['petstore-3.0', 'openapi.yaml'], ['shop-3.1', 'openapi.json'], ['legacy-swagger-2.0', 'swagger.yaml']] as const) {
      const imported = importOpenApi(fixtureInput(folder, main)).collections[0]!;
      const exported = exportOpenApi(imported);
      await expectValidOpenApi31(exported.text);
      expect(shape(importOpenApi({ name: 'again.json', text: exported.text }).collections[0]!)).toEqual(shape(imported));
    }
  });
});
