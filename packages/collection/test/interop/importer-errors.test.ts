/**
 * Bad input for every importer here: a file of another format, broken syntax and broken fields
 * all fail with INVALID_IMPORT naming the file and the JSON path or line; detection rejects JSON
 * that is none of the formats and says which ones it tried.
 */
import { describe, expect, it } from 'vitest';
import { CollectionError } from '../../src/errors.ts';
import { detectFormat, exporterFor, importAny, IMPORTERS } from '../../src/interop/registry.ts';
import type { ImportFormat, ImportInput } from '../../src/interop/types.ts';
import { parseCollection, serializeCollection } from '../../src/parse.ts';
import { fileInput, folderInput } from './fixtures.ts';

async function importError(input: ImportInput, from: ImportFormat | 'auto'): Promise<CollectionError> {
  try {
    await importAny(input, from);
  } catch (error) {
    expect(error).toBeInstanceOf(CollectionError);
    return error as CollectionError;
  }
  throw new Error(`importing ${input.name} as ${from} should have failed`);
}

const json = (name: string, value: unknown): ImportInput => ({ name, text: JSON.stringify(value, null, 2) });

describe('wrong format claimed', () => {
  const cases: Array<[ImportFormat, ImportInput, { path?: string; line?: number }]> = [
    ['postman-v1', fileInput('insomnia/bookshop.insomnia.json'), { path: 'requests' }],
    ['insomnia', fileInput('postman-v1/legacy-shop.postman_collection.json'), { path: '_type' }],
    ['postman-dump', fileInput('insomnia/bookshop.insomnia.json'), { path: 'collections' }],
    ['postman', fileInput('postman-dump/backup.json'), { path: 'info' }],
  ];
  it.each(cases)('as %s: INVALID_IMPORT with the place', async (format, input, where) => {
    const error = await importError(input, format);
    expect(error.code).toBe('INVALID_IMPORT');
    expect(error.source).toBe(input.name);
    expect(error.message).toContain(input.name);
    if (where.path) expect(error.path).toBe(where.path);
  });

  it('as bruno: a JSON file is no Bruno folder', async () => {
    const error = await importError(fileInput('postman-dump/backup.json'), 'bruno');
    expect(error.code).toBe('INVALID_IMPORT');
    expect(error.message).toMatch(/no \.bru files/);
  });
});

describe('broken documents', () => {
  it('JSON syntax errors give the line and column', async () => {
    const input = { name: 'backup.json', text: '{\n  "version": 1,\n  "collections": [,]\n}' };
    const error = await importError(input, 'postman-dump');
    expect(error).toMatchObject({ code: 'INVALID_IMPORT', source: 'backup.json', line: 3 });
    expect(error.message).toMatch(/line 3, column \d+/);
  });

  it('YAML syntax errors in an Insomnia export give the line', async () => {
    const input = { name: 'insomnia.yaml', text: '_type: export\n__export_format: 4\nresources:\n  - _id: a\n   bad: [\n' };
    const error = await importError(input, 'insomnia');
    expect(error.code).toBe('INVALID_IMPORT');
    expect(error.line).toBeGreaterThanOrEqual(4);
    expect(error.message).toMatch(/insomnia\.yaml: .*line \d+/);
  });

  it('an Insomnia export of another format version is refused by path', async () => {
    const error = await importError(json('old.json', { _type: 'export', __export_format: 3, resources: [] }), 'insomnia');
    expect(error).toMatchObject({ code: 'INVALID_IMPORT', path: '__export_format' });
    expect(error.message).toMatch(/Insomnia v4/);
  });

  it('an Insomnia resource without a _type is named by path', async () => {
    const error = await importError(json('x.json', { _type: 'export', __export_format: 4, resources: [{ _type: 'workspace', _id: 'w' }, { name: 'no type' }] }), 'insomnia');
    expect(error.path).toBe('resources[1]');
  });

  it('a broken .bru file is named with its line', async () => {
    const input = folderInput('bruno/weather-api');
    const files = new Map(input.files);
    files.set('Broken.bru', 'meta {\n  name: Broken\n  type: http\n\nget {\n  url: http://x\n}\n');
    const error = await importError({ ...input, files }, 'bruno');
    expect(error).toMatchObject({ code: 'INVALID_IMPORT', path: 'Broken.bru', line: 5 });
    expect(error.message).toMatch(/Broken\.bru is not valid Bruno markup at line 5/);
  });

  it('a v1 request that is not an object is named by path', async () => {
    const error = await importError(json('v1.json', { id: 'c', name: 'C', order: [], requests: [{ id: 'a', url: 'http://x' }, 'oops'] }), 'postman-v1');
    expect(error.path).toBe('requests[1]');
  });

  it('a dump environment without values is named by path', async () => {
    const error = await importError(json('backup.json', { version: 1, collections: [], environments: [{ name: 'x' }] }), 'postman-dump');
    expect(error.path).toBe('environments[0].values');
  });

  it('a v2.1 collection with a broken field keeps the validator path', async () => {
    const error = await importError(
      json('c.json', { info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'a', request: { url: 'http://x', header: 5 } }] }),
      'postman',
    );
    expect(error.code).toBe('INVALID_IMPORT');
    expect(error.path).toBe('item[0].request.header');
  });
});

describe('detection', () => {
  it('plain JSON that is none of the formats is an error listing them', () => {
    let caught: unknown;
    try {
      detectFormat(json('settings.json', { theme: 'dark', fontSize: 14 }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CollectionError);
    const error = caught as CollectionError;
    expect(error.code).toBe('INVALID_IMPORT');
    expect(error.source).toBe('settings.json');
    for (const importer of IMPORTERS) expect(error.message).toContain(importer.label);
    for (const label of ['Postman Collection v1', 'Postman data dump', 'Insomnia v4 export', 'Bruno collection']) expect(error.message).toContain(label);
  });

  it('does not take a v2.1 collection for v1 or a dump, nor an environment for a collection', () => {
    expect(detectFormat(fileInput('postman/catalogue.postman_collection.json'))).toBe('postman');
    expect(detectFormat(fileInput('postman/staging.postman_environment.json'))).toBe('postman');
    expect(detectFormat({ name: 'bruno.json', text: '{"version":"1","name":"X","type":"collection"}' })).toBe('bruno');
    expect(detectFormat(json('hand-written.json', { info: { name: 'No schema' }, item: [] }))).toBe('postman');
    expect(() => detectFormat(json('future.json', { info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v3.0.0/' }, item: [] }))).toThrow(
      /not a format Postern imports/,
    );
  });
});

describe('postman exporter', () => {
  it('writes the collection back unchanged (fields, order and all)', () => {
    const input = fileInput('postman/catalogue.postman_collection.json');
    const collection = parseCollection(input.text);
    const result = exporterFor('postman').export(collection);
    expect(result).toMatchObject({ mediaType: 'application/json', extension: 'json', skipped: [] });
    expect(result.text).toBe(serializeCollection(collection));
    expect(result.text).toBe(JSON.stringify(JSON.parse(input.text), null, 2));
  });
});
