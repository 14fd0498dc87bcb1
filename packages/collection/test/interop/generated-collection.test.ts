/** The benchmark generator (bench/fixtures/postman-large.ts) makes valid, nested, deterministic collections. */
import { describe, expect, it } from 'vitest';
import { generatePostmanCollection } from '../../../../bench/fixtures/postman-large.ts';
import { parseCollection } from '../../src/parse.ts';
import { flattenItems } from '../../src/tree.ts';
import { detectFormat } from '../../src/interop/registry.ts';

describe('generatePostmanCollection', () => {
  it('makes exactly the requested number of requests in nested folders', () => {
    const collection = parseCollection(JSON.stringify(generatePostmanCollection(1234)));
    expect(flattenItems(collection)).toHaveLength(1234);
    const area = collection.item[0] as { item: Array<{ item: unknown[] }> };
    expect(area.item[0]!.item).toHaveLength(50);
    expect(detectFormat({ name: 'big.json', text: JSON.stringify(collection) })).toBe('postman');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(generatePostmanCollection(300))).toBe(JSON.stringify(generatePostmanCollection(300)));
  });
});
