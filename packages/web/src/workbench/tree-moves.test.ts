import { describe, expect, it } from 'vitest';
import type { TreeNode } from './outline-tree.ts';
import { collectionNode } from './outline-tree.ts';
import { applyMove, dropMove, siblingMove } from './tree-moves.ts';

const shop = collectionNode({ id: 'c1', name: 'Shop' }, [
  { id: 'f1', name: 'Orders', type: 'folder', children: [
    { id: 'r1', name: 'List', type: 'request', method: 'GET' },
    { id: 'f2', name: 'Admin', type: 'folder', children: [{ id: 'r2', name: 'Purge', type: 'request', method: 'DELETE' }] },
  ] },
  { id: 'r3', name: 'Health', type: 'request', method: 'GET' },
  { id: 'r4', name: 'Version', type: 'request', method: 'GET' },
]);
const other = collectionNode({ id: 'c2', name: 'Other' }, [{ id: 'x1', name: 'Elsewhere', type: 'request', method: 'GET' }]);
const roots = [shop, other];
const key = (itemId: string, collection = 'c1') => `i:${collection}:${itemId}`;
const names = (nodes: readonly TreeNode[] | undefined): unknown[] => (nodes ?? []).map((n) => (n.children ? [n.name, names(n.children)] : n.name));

describe('reordering the tree', () => {
  it('drops before, after and inside, counting places without the moved item', () => {
    expect(dropMove(roots, key('r4'), key('f1'), 'before')).toEqual({ collectionId: 'c1', itemId: 'r4', parentId: null, index: 0 });
    expect(dropMove(roots, key('f1'), key('r3'), 'after')).toEqual({ collectionId: 'c1', itemId: 'f1', parentId: null, index: 1 });
    expect(dropMove(roots, key('r3'), key('f2'), 'inside')).toEqual({ collectionId: 'c1', itemId: 'r3', parentId: 'f2', index: 1 });
    expect(dropMove(roots, key('r2'), 'c:c1', 'inside')).toEqual({ collectionId: 'c1', itemId: 'r2', parentId: null, index: 3 });
    expect(dropMove(roots, key('r1'), key('f2'), 'after')).toEqual({ collectionId: 'c1', itemId: 'r1', parentId: 'f1', index: 1 });
  });

  it('refuses drops that change nothing or cannot be', () => {
    expect(dropMove(roots, key('r3'), key('r4'), 'before')).toBeNull(); // already there
    expect(dropMove(roots, key('r3'), key('r3'), 'after')).toBeNull();
    expect(dropMove(roots, key('f1'), key('f2'), 'inside')).toBeNull(); // into its own folder
    expect(dropMove(roots, key('f1'), key('r2'), 'before')).toBeNull();
    expect(dropMove(roots, key('r3'), key('x1', 'c2'), 'before')).toBeNull(); // another collection
    expect(dropMove(roots, key('r3'), key('r4'), 'inside')).toBeNull(); // a request holds nothing
    expect(dropMove(roots, key('r3'), 'c:c1', 'before')).toBeNull(); // beside a collection
    expect(dropMove(roots, 'c:c1', key('r3'), 'before')).toBeNull(); // collections do not move
  });

  it('moves one place up or down among siblings, not past the ends', () => {
    expect(siblingMove(roots, key('r3'), -1)).toEqual({ collectionId: 'c1', itemId: 'r3', parentId: null, index: 0 });
    expect(siblingMove(roots, key('r3'), 1)).toEqual({ collectionId: 'c1', itemId: 'r3', parentId: null, index: 2 });
    expect(siblingMove(roots, key('r4'), 1)).toBeNull();
    expect(siblingMove(roots, key('r1'), -1)).toBeNull();
    expect(siblingMove(roots, 'c:c1', 1)).toBeNull();
  });

  it('applies a move to the tree as the server will', () => {
    const moved = applyMove(roots, dropMove(roots, key('r3'), key('f2'), 'inside')!);
    expect(names(moved[0]!.children)).toEqual([['Orders', ['List', ['Admin', ['Purge', 'Health']]]], 'Version']);
    const down = applyMove(roots, siblingMove(roots, key('r3'), 1)!);
    expect(names(down[0]!.children)).toEqual([['Orders', ['List', ['Admin', ['Purge']]]], 'Version', 'Health']);
    expect(down[1]).toBe(other); // untouched collections are shared
    expect(names(roots[0]!.children)).toEqual([['Orders', ['List', ['Admin', ['Purge']]]], 'Health', 'Version']); // not mutated
  });
});
