/**
 * Golden-file tests for the Postman, Postman v1, Postman dump, Insomnia and Bruno importers: each
 * realistic fixture imports to exactly the committed `*.expected.json` (regenerate with
 * UPDATE_GOLDEN=1 and review the diff), every collection it yields is valid v2.1 and every
 * environment a valid variable list, and `--from auto` finds the right format.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCollection, parseVariableList } from '../../src/parse.ts';
import { detectFormat, importAny } from '../../src/interop/registry.ts';
import type { ImportFormat, ImportInput } from '../../src/interop/types.ts';
import { expectGolden } from '../support/golden.ts';
import { FIXTURES, fileInput, folderInput } from './fixtures.ts';

interface Case {
  format: ImportFormat;
  input: () => ImportInput;
  golden: string;
}

const CASES: Record<string, Case> = {
  'Insomnia v4 JSON export': { format: 'insomnia', input: () => fileInput('insomnia/bookshop.insomnia.json'), golden: 'insomnia/bookshop.insomnia.expected.json' },
  'Insomnia v4 YAML export': { format: 'insomnia', input: () => fileInput('insomnia/bookshop.insomnia.yaml'), golden: 'insomnia/bookshop.insomnia-yaml.expected.json' },
  'Bruno collection folder': { format: 'bruno', input: () => folderInput('bruno/weather-api'), golden: 'bruno/weather-api.expected.json' },
  'Postman v1 collection': { format: 'postman-v1', input: () => fileInput('postman-v1/legacy-shop.postman_collection.json'), golden: 'postman-v1/legacy-shop.expected.json' },
  'Postman data dump': { format: 'postman-dump', input: () => fileInput('postman-dump/backup.json'), golden: 'postman-dump/backup.expected.json' },
  'Postman v2.1 collection': { format: 'postman', input: () => fileInput('postman/catalogue.postman_collection.json'), golden: 'postman/catalogue.expected.json' },
  'Postman environment': { format: 'postman', input: () => fileInput('postman/staging.postman_environment.json'), golden: 'postman/staging.expected.json' },
};

describe.each(Object.entries(CASES))('%s', (_title, { format, input, golden }) => {
  it('is detected as its format', () => {
    expect(detectFormat(input())).toBe(format);
  });

  it('imports to the golden file', async () => {
    const result = await importAny(input());
    expect(result.format).toBe(format);
    expectGolden(result, join(FIXTURES, golden));
  });

  it('yields valid v2.1 collections and environment files', async () => {
    const result = await importAny(input(), format);
    expect(result.collections.length + result.environments.length).toBeGreaterThan(0);
    for (const collection of result.collections) {
      expect(() => parseCollection(JSON.parse(JSON.stringify(collection)))).not.toThrow();
      if (format !== 'postman') expect(collection.info.schema).toMatch(/v2\.1\.0/);
    }
    for (const list of result.environments) expect(() => parseVariableList(JSON.parse(JSON.stringify(list)))).not.toThrow();
    for (const skipped of result.skipped) {
      expect(skipped.at).not.toBe('');
      expect(skipped.what).not.toBe('');
    }
  });
});
