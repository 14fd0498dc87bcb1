/** `postern import` and `postern export`: every format in, every format out, the files written and the exit codes. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCollection, parseVariableList } from '@postern/collection';
import type { Collection, Item, ItemGroup } from '@postern/collection';
import { afterEach, describe, expect, it } from 'vitest';
import { postern, tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '../bin/postern.js');
const interop = join(import.meta.dirname, 'fixtures/interop');
const shop = join(import.meta.dirname, '../../collection/test/fixtures/shop.postman_collection.v21.json');
const staging = join(import.meta.dirname, '../../collection/test/fixtures/staging.postman_environment.json');

/** Every request of a collection, depth first, as "METHOD url". */
function requests(collection: Collection): string[] {
  const out: string[] = [];
  const walk = (items: Array<Item | ItemGroup>) => {
    for (const item of items) {
      if ('item' in item && Array.isArray(item.item)) walk(item.item);
      else {
        const request = (item as Item).request;
        if (typeof request === 'string') out.push(`GET ${request}`);
        else if (request) out.push(`${request.method ?? 'GET'} ${typeof request.url === 'string' ? request.url : (request.url?.raw ?? '')}`);
      }
    }
  };
  walk(collection.item);
  return out;
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const temp = () => {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return dir.path;
};

describe('postern import', () => {
  it('imports a cURL command to a v2.1 collection on stdout', async () => {
    const run = await postern(['import', join(interop, 'request.curl.sh')]);
    expect(run.stderr).toContain('imported 1 collection');
    expect(run.stderr).toContain('(curl)');
    expect(run.code).toBe(0);
    const collection = parseCollection(run.stdout);
    expect(requests(collection)).toEqual(['POST https://api.example.test/items?debug=1']);
    const item = collection.item[0] as Item;
    expect(typeof item.request === 'object' && item.request.body?.raw).toBe('{"name":"widget"}');
  });

  it('imports an OpenAPI document with the files it references, and lists what it skipped with places', async () => {
    const out = join(temp(), 'petstore.postman_collection.json');
    const run = await postern(['import', join(interop, 'openapi/petstore.yaml'), '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const collection = parseCollection(readFileSync(out, 'utf8'));
    expect(collection.info.name).toBe('Petstore');
    expect(requests(collection).map((r) => r.split(' ')[0])).toEqual(['GET', 'POST', 'GET']);
    // The request body example comes from schemas/pet.yaml, read from beside the document.
    const text = JSON.stringify(collection);
    expect(text).toContain('Rex');
    expect(run.stderr).toMatch(/skipped \d+ parts?/);
    expect(run.stderr).toMatch(/paths\.\/pets\.post\.callbacks/);
  });

  it('--strict exits 1 when something was skipped', async () => {
    const run = await postern(['import', join(interop, 'openapi/petstore.yaml'), '-o', join(temp(), 'c.json'), '--strict']);
    expect(run.code).toBe(1);
  });

  it('imports a HAR file', async () => {
    const run = await postern(['import', join(interop, 'session.har')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('(har)');
    expect(requests(parseCollection(run.stdout))).toEqual(['GET https://api.example.test/users?page=2', 'POST https://api.example.test/users']);
  });

  it('writes a collection and its environments as separate files when there are several', async () => {
    const dir = temp();
    const run = await postern(['import', join(interop, 'insomnia.json'), '-o', join(dir, 'out')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('(insomnia)');
    const files = readdirSync(join(dir, 'out')).sort();
    expect(files).toContain('Insomnia-API.postman_collection.json');
    expect(files).toContain('Production.postman_environment.json');
    const envFile = 'Production.postman_environment.json';
    const collection = parseCollection(readFileSync(join(dir, 'out', 'Insomnia-API.postman_collection.json'), 'utf8'));
    expect(requests(collection)).toEqual(['GET {{base_url}}/users/1']);
    const env = parseVariableList(readFileSync(join(dir, 'out', envFile), 'utf8'));
    expect(env.values).toContainEqual(expect.objectContaining({ key: 'base_url', value: 'https://prod.example.test' }));
  });

  it('imports a Bruno collection folder with its environments, into the current folder without -o', async () => {
    const dir = temp();
    const run = await postern(['import', join(interop, 'bruno')], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('(bruno)');
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['Bruno-API.postman_collection.json', 'Local.postman_environment.json']);
    const collection = parseCollection(readFileSync(join(dir, files[0]!), 'utf8'));
    expect(requests(collection).sort()).toEqual(['GET {{base}}/items/1', 'POST {{base}}/items']);
    expect(parseVariableList(readFileSync(join(dir, files[1]!), 'utf8')).values).toContainEqual(expect.objectContaining({ key: 'base', value: 'http://localhost:3000' }));
  });

  it('converts a Postman v1 collection and a Postman data dump', async () => {
    const v1 = await postern(['import', join(interop, 'postman-v1.json')]);
    expect(v1.code).toBe(0);
    expect(v1.stderr).toContain('(postman-v1)');
    expect(requests(parseCollection(v1.stdout))).toEqual(['GET http://example.test']);

    const dir = temp();
    const dump = await postern(['import', join(interop, 'postman-dump.json'), '-o', dir]);
    expect(dump.code).toBe(0);
    expect(dump.stderr).toContain('(postman-dump)');
    expect(readdirSync(dir).sort()).toEqual(['Old.postman_collection.json', 'Staging.postman_environment.json']);
  });

  it('passes a v2.1 collection through, and --from forces a format', async () => {
    const run = await postern(['import', shop, '--from', 'postman']);
    expect(run.code).toBe(0);
    expect(parseCollection(run.stdout)).toEqual(JSON.parse(readFileSync(shop, 'utf8')));
  });

  it('exits 2 naming the file and the line of a broken document', async () => {
    const run = await postern(['import', join(interop, 'broken.openapi.json'), '--from', 'openapi']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/broken\.openapi\.json/);
    expect(run.stderr).toMatch(/line 3/);
  });

  it('exits 2 for something it does not recognise, a missing file or an unknown --from', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'notes.txt'), 'just some notes\n');
    const unknown = await postern(['import', 'notes.txt'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/notes\.txt is not a format Postern imports/);
    const missing = await postern(['import', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('file not found: nope.json');
    const badFrom = await postern(['import', 'notes.txt', '--from', 'word']);
    expect(badFrom.code).toBe(2);
    expect(badFrom.stderr).toMatch(/invalid/i);
  });

  it('runs from the real binary', () => {
    const res = spawnSync(process.execPath, [bin, 'import', join(interop, 'request.curl.sh')], {
      env: { ...process.env, POSTERN_FROM_SOURCE: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.stderr).toContain('imported 1 collection');
    expect(res.status).toBe(0);
    expect(requests(parseCollection(res.stdout))).toEqual(['POST https://api.example.test/items?debug=1']);
  }, 60_000);
});

describe('postern export', () => {
  it('writes OpenAPI that imports back with the same requests', async () => {
    const dir = temp();
    const run = await postern(['export', shop, '--to', 'openapi', '-o', join(dir, 'shop.openapi.json')]);
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, 'shop.openapi.json'), 'utf8');
    expect(text).toMatch(/openapi/);
    const back = await postern(['import', join(dir, 'shop.openapi.json'), '--from', 'openapi']);
    expect(back.code).toBe(0);
    const original = requests(parseCollection(readFileSync(shop, 'utf8')));
    expect(requests(parseCollection(back.stdout)).length).toBe(original.length);
  });

  it('writes cURL commands with the environment resolved, and HAR', async () => {
    const curl = await postern(['export', shop, '--to', 'curl', '-e', staging]);
    expect(curl.code).toBe(0);
    expect(curl.stdout).toMatch(/^curl /m);
    const env = parseVariableList(readFileSync(staging, 'utf8'));
    const host = env.values.find((v) => typeof v.value === 'string' && v.value.includes('.'))?.value as string;
    expect(curl.stdout).toContain(host);

    const har = await postern(['export', shop, '--to', 'har']);
    expect(har.code).toBe(0);
    const log = JSON.parse(har.stdout).log;
    expect(log.entries.length).toBe(requests(parseCollection(readFileSync(shop, 'utf8'))).length);
  });

  it('writes Postman v2.1', async () => {
    const run = await postern(['export', shop, '--to', 'postman']);
    expect(run.code).toBe(0);
    expect(parseCollection(run.stdout).info.schema).toMatch(/v2\.1\.0/);
  });

  it('exits 2 for a missing --to, an unknown one or a broken collection', async () => {
    expect((await postern(['export', shop])).code).toBe(2);
    expect((await postern(['export', shop, '--to', 'word'])).code).toBe(2);
    const broken = await postern(['export', join(interop, 'broken.openapi.json'), '--to', 'curl']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.openapi\.json.*line 3/);
  });
});
