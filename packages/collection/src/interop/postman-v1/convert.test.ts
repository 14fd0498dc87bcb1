import { describe, expect, it } from 'vitest';
import { convertV1Collection, parseHeaderString } from './convert.ts';

describe('parseHeaderString', () => {
  it('reads v1 header text: "//" disables a line, folded lines join, junk is ignored', () => {
    expect(parseHeaderString('Accept: application/json\n// X-Debug: 1\r\nX-Long: a\r\n b\nnot a header\n')).toEqual([
      { key: 'Accept', value: 'application/json' },
      { key: 'X-Debug', value: '1', disabled: true },
      { key: 'X-Long', value: 'a b' },
    ]);
  });
});

describe('convertV1Collection', () => {
  it('orders folders (with sub-folders) before root requests and keeps requests no order mentions', () => {
    const { collection, skipped } = convertV1Collection({
      id: 'c',
      name: 'C',
      order: ['r1'],
      folders_order: ['f1'],
      folders: [
        { id: 'f1', name: 'Outer', order: ['r2'], folders_order: ['f2'] },
        { id: 'f2', name: 'Inner', order: ['r3'] },
      ],
      requests: [
        { id: 'r1', name: 'one', url: 'http://x/1', method: 'get' },
        { id: 'r2', name: 'two', url: 'http://x/2', method: 'GET' },
        { id: 'r3', name: 'three', url: 'http://x/3', method: 'GET' },
        { id: 'r4', name: 'four', url: 'http://x/4', method: 'GET' },
      ],
    });
    const names = (items: unknown[]): unknown[] =>
      items.map((i) => {
        const node = i as { name: string; item?: unknown[] };
        return node.item ? [node.name, names(node.item)] : node.name;
      });
    expect(names(collection.item)).toEqual([['Outer', [['Inner', ['three']], 'two']], 'one', 'four']);
    expect(skipped).toEqual([{ at: 'requests[3]', what: '"four" is in no folder\'s order; added at the end of the collection' }]);
  });
});
