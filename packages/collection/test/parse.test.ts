import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CollectionError,
  parseCollection,
  parseVariableList,
  serializeCollection,
  serializeVariableList,
} from '../src/index.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const fixtureBytes = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function catchError(fn: () => unknown): CollectionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CollectionError);
    return error as CollectionError;
  }
  throw new Error('expected a CollectionError');
}

function utf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

describe('parseCollection round trip', () => {
  for (const name of ['shop.postman_collection.v21.json', 'legacy.postman_collection.v20.json']) {
    it(`keeps every field of ${name}`, () => {
      const text = fixture(name);
      const collection = parseCollection(text, { source: name });
      const again = JSON.parse(serializeCollection(collection));
      expect(again).toEqual(JSON.parse(text));
      // A second round gives the same text: serialization is stable.
      expect(serializeCollection(parseCollection(serializeCollection(collection)))).toBe(serializeCollection(collection));
    });
  }

  it('keeps unknown fields at every level', () => {
    const c = parseCollection(fixture('shop.postman_collection.v21.json'));
    expect(c.info._exporter_id).toBe('1234567');
    expect(c.item[1]!['x-owner']).toEqual({ team: 'catalog', tags: ['public'] });
    const login = (c.item[0] as { item: Array<Record<string, unknown>> }).item[0]!;
    const testEvent = (login.event as Array<{ script: Record<string, unknown> }>)[0]!;
    expect(testEvent.script.packages).toEqual({});
  });

  it('serializes with two-space indentation', () => {
    const out = serializeCollection(parseCollection(fixture('legacy.postman_collection.v20.json')));
    expect(out.split('\n')[1]).toBe('  "variables": [],');
  });

  it('accepts bytes with a UTF-8 BOM and a string with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixtureBytes('shop.postman_collection.v21.json')]);
    expect(parseCollection(bytes).info.name).toBe('Shop API');
    expect(parseCollection(`\uFEFF${fixture('shop.postman_collection.v21.json')}`).info.name).toBe('Shop API');
  });

  it('accepts UTF-16 LE (with and without BOM) and UTF-16 BE', () => {
    const text = fixture('legacy.postman_collection.v20.json').replace('Legacy API', 'Légacy ✓');
    expect(parseCollection(utf16le(text, true)).info.name).toBe('Légacy ✓');
    expect(parseCollection(utf16le(text, false)).info.name).toBe('Légacy ✓');
    expect(parseCollection(utf16be(text)).info.name).toBe('Légacy ✓');
  });

  it('accepts an already parsed value and returns it unchanged', () => {
    const value = JSON.parse(fixture('shop.postman_collection.v21.json'));
    expect(parseCollection(value)).toBe(value);
  });

  it('unwraps a Postman API response { collection: … }', () => {
    const inner = JSON.parse(fixture('shop.postman_collection.v21.json'));
    const c = parseCollection(JSON.stringify({ collection: inner }));
    expect(c).toEqual(inner);
  });

  it('accepts a collection without info.schema when the shape is right', () => {
    const c = parseCollection('{"info":{"name":"bare"},"item":[{"name":"a","request":"http://x.test"}]}');
    expect(c.item).toHaveLength(1);
  });

  it('accepts the schema.postman.com host for v2.1', () => {
    const c = parseCollection({
      info: { name: 'n', schema: 'https://schema.postman.com/json/collection/v2.1.0/collection.json' },
      item: [],
    });
    expect(c.info.name).toBe('n');
  });
});

describe('parseCollection errors', () => {
  it('reports bad JSON with line and column', () => {
    const error = catchError(() => parseCollection('{\n  "info": {"name": "x"},\n  "item": [,]\n}', { source: 'bad.json' }));
    expect(error.code).toBe('INVALID_JSON');
    expect(error.line).toBe(3);
    expect(error.column).toBe(12);
    expect(error.source).toBe('bad.json');
    expect(error.message).toMatch(/^bad\.json is not valid JSON: .* at line 3, column 12; /);
    expect(error.message).not.toContain('\n');
  });

  it('reports truncated JSON at the end of the text', () => {
    const error = catchError(() => parseCollection('{"info": {"name": "x"},\n"item": ['));
    expect(error.code).toBe('INVALID_JSON');
    expect(error.line).toBe(2);
    expect(error.column).toBe(10);
  });

  it('reports an empty file', () => {
    const error = catchError(() => parseCollection('  \n', { source: 'empty.json' }));
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toContain('empty.json is empty');
  });

  it('reports bytes that are not text', () => {
    const error = catchError(() => parseCollection(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d])));
    expect(error.code).toBe('INVALID_ENCODING');
  });

  it('points at a wrong type deep in the tree', () => {
    const c = JSON.parse(fixture('shop.postman_collection.v21.json'));
    c.item[1].item[2].request.url = 42;
    const error = catchError(() => parseCollection(c, { source: 'shop.json' }));
    expect(error.code).toBe('INVALID_COLLECTION');
    expect(error.path).toBe('item[1].item[2].request.url');
    expect(error.message).toBe(
      'shop.json: item[1].item[2].request.url should be a string or an object but is the number 42; fix that field or export it again from Postman as Collection v2.1.',
    );
  });

  it('points inside nested folders, headers and bodies', () => {
    const c = JSON.parse(fixture('shop.postman_collection.v21.json'));
    c.item[0].item[1].item[1].request.body.formdata[1].key = ['avatar'];
    let error = catchError(() => parseCollection(c));
    expect(error.path).toBe('item[0].item[1].item[1].request.body.formdata[1].key');
    expect(error.message).toContain('should be a string but is a list');

    const d = JSON.parse(fixture('shop.postman_collection.v21.json'));
    d.item[0].item[0].request.header[0] = { value: 'x' };
    error = catchError(() => parseCollection(d));
    expect(error.path).toBe('item[0].item[0].request.header[0].key');
    expect(error.message).toContain('is missing (expected a string)');
  });

  it('names the folder list when a folder item is not a list', () => {
    const error = catchError(() => parseCollection({ info: { name: 'x' }, item: [{ name: 'f', item: 'nope' }] }));
    expect(error.path).toBe('item[0].item');
    expect(error.message).toContain('should be a list but is the string "nope"');
  });

  it('rejects a node that is not an object', () => {
    const error = catchError(() => parseCollection({ info: { name: 'x' }, item: [7] }));
    expect(error.path).toBe('item[0]');
    expect(error.message).toContain('should be an object but is the number 7');
  });

  it('prefixes paths inside a wrapped collection', () => {
    const error = catchError(() => parseCollection({ collection: { info: { name: 'x' }, item: [{ request: { method: 1 } }] } }));
    expect(error.path).toBe('collection.item[0].request.method');
  });

  it('requires info.name and item', () => {
    expect(catchError(() => parseCollection({ info: {}, item: [] })).path).toBe('info.name');
    expect(catchError(() => parseCollection({ info: { name: 'x' } })).path).toBe('item');
  });

  it('recognises a v1 collection and says how to convert it', () => {
    const error = catchError(() => parseCollection(fixture('v1.postman_collection.json'), { source: 'old.json' }));
    expect(error.code).toBe('UNSUPPORTED_V1');
    expect(error.message).toBe(
      'old.json is a Postman v1 collection; convert it with `postern import old.json` (or export it again from Postman as Collection v2.1).',
    );
  });

  it('recognises a v1 schema URL and rejects unknown future versions', () => {
    expect(
      catchError(() =>
        parseCollection({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' }, item: [] }),
      ).code,
    ).toBe('UNSUPPORTED_V1');
    const error = catchError(() =>
      parseCollection({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' }, item: [] }),
    );
    expect(error.code).toBe('UNSUPPORTED_SCHEMA');
    expect(error.path).toBe('info.schema');
  });

  it('tells the user when an environment file was given as the collection', () => {
    const error = catchError(() => parseCollection(fixture('staging.postman_environment.json'), { source: 'env.json' }));
    expect(error.code).toBe('INVALID_COLLECTION');
    expect(error.message).toContain('--environment');
  });

  it('rejects a top-level array', () => {
    const error = catchError(() => parseCollection('[]'));
    expect(error.code).toBe('INVALID_COLLECTION');
    expect(error.message).toContain('found a list');
  });
});

describe('parseVariableList', () => {
  it('reads a Postman environment export and round-trips it', () => {
    const text = fixture('staging.postman_environment.json');
    const list = parseVariableList(text, { source: 'staging.json', kind: 'environment' });
    expect(list.name).toBe('Staging');
    expect(list.values).toHaveLength(3);
    expect(JSON.parse(serializeVariableList(list))).toEqual(JSON.parse(text));
  });

  it('reads a bare array of globals', () => {
    const list = parseVariableList(fixtureBytes('bare.postman_globals.json'), { kind: 'globals' });
    expect(list.values.map((v) => v.key)).toEqual(['g1', 'g2']);
  });

  it('reads workspace globals ({ values } only) and API-wrapped files', () => {
    expect(parseVariableList('{"values":[{"key":"a","value":"1","enabled":true}]}', { kind: 'globals' }).values).toHaveLength(1);
    const wrapped = parseVariableList({ environment: { id: 'e', name: 'E', values: [{ key: 'k', value: 'v' }] } });
    expect(wrapped.name).toBe('E');
    const globals = parseVariableList({ globals: { values: [{ key: 'g', value: 'v' }] } }, { kind: 'globals' });
    expect(globals.values[0]!.key).toBe('g');
  });

  it('decodes UTF-16 LE environment files with and without BOM', () => {
    const text = fixture('staging.postman_environment.json').replace('Staging', 'Staging ü');
    expect(parseVariableList(utf16le(text, true)).name).toBe('Staging ü');
    expect(parseVariableList(utf16le(text, false)).name).toBe('Staging ü');
  });

  it('points at a bad variable with the path as written in the file', () => {
    let error = catchError(() => parseVariableList('[{"key":"a"},{"key":{"x":1}}]', { source: 'g.json', kind: 'globals' }));
    expect(error.code).toBe('INVALID_VARIABLE_LIST');
    expect(error.path).toBe('[1].key');
    error = catchError(() => parseVariableList({ name: 'e', values: [{ key: 'a', disabled: 'yes' }] }));
    expect(error.path).toBe('values[0].disabled');
    expect(error.message).toContain('should be true or false');
  });

  it('rejects a collection passed as an environment', () => {
    const error = catchError(() => parseVariableList(fixture('legacy.postman_collection.v20.json'), { kind: 'environment' }));
    expect(error.code).toBe('INVALID_VARIABLE_LIST');
    expect(error.message).toContain('looks like a collection');
  });

  it('rejects something that is neither', () => {
    const error = catchError(() => parseVariableList('"text"', { kind: 'globals' }));
    expect(error.message).toContain('is not a globals file');
  });
});
