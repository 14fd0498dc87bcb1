import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAny, parseCollection } from '../src/index.ts';
import { expectGolden } from './support/golden.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'curl');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('cURL import of commands copied from API docs and browsers', () => {
  for (const file of ['api-docs.sh', 'chrome-cmd.txt', 'powershell.ps1']) {
    it(`imports ${file} as its golden file says`, async () => {
      const result = await importAny({ name: file, text: read(file) });
      expect(result.format).toBe('curl');
      // What the importer makes is a collection the rest of Postern reads.
      for (const collection of result.collections) parseCollection(structuredClone(collection));
      expectGolden(result, join(fixtures, `${file}.golden.json`));
    });
  }
});
