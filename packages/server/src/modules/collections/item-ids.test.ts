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
      { id: 'id2', name: 'r1', type: 'request' },
      { id: 'id3', name: 'r1', type: 'request' },
    ],
  });
});
