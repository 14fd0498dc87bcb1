import { expect, it } from 'vitest';
import { assignItemIds, countRequests, findItem, itemPointer, outline } from './item-ids.ts';

let n = 0;
const newId = () => `id${++n}`;

it('assigns ids mirroring the tree and keeps them across a replace by own id or name', () => {
  const items = [{ name: 'F', item: [{ name: 'r1', request: 'x' }, { name: 'r1', request: 'y' }] }, { id: 'own', name: 'r2', request: 'z' }];
  const ids = assignItemIds(items, [], [], newId);
  expect(ids).toEqual([{ id: 'id1', children: [{ id: 'id2' }, { id: 'id3' }] }, { id: 'id4' }]);
  const next = [{ id: 'own', name: 'renamed', request: 'z' }, { name: 'F', item: [{ name: 'r1', request: 'x' }, { name: 'new', request: 'n' }] }];
  expect(assignItemIds(next, items, ids, newId)).toEqual([{ id: 'id4' }, { id: 'id1', children: [{ id: 'id2' }, { id: 'id5' }] }]);
  expect(findItem(ids, 'id3')).toEqual([0, 1]);
  expect(itemPointer([0, 1])).toBe('/item/0/item/1');
  expect(findItem(ids, 'nope')).toBeUndefined();
  expect(countRequests(items)).toBe(3);
  expect(outline(items, ids)[0]).toEqual({
    id: 'id1',
    name: 'F',
    type: 'folder',
    children: [
      { id: 'id2', name: 'r1', type: 'request', method: 'GET' },
      { id: 'id3', name: 'r1', type: 'request', method: 'GET' },
    ],
  });
});

it('gives each request of the outline its method, upper-cased, GET when none is named', () => {
  const items = [
    { name: 'a', request: { method: 'post', url: 'x' } },
    { name: 'b', request: { url: 'x' } },
    { name: 'c', request: 'https://example.test/' },
    { name: 'F', item: [{ name: 'd', request: { method: 'DELETE', url: 'x' } }] },
  ];
  const ids = assignItemIds(items, [], [], newId);
  const nodes = outline(items, ids);
  expect(nodes.map((node) => node.method)).toEqual(['POST', 'GET', 'GET', undefined]);
  expect(nodes[3]?.children?.[0]?.method).toBe('DELETE');
});
