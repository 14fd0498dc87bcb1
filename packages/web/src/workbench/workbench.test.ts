import { describe, expect, it } from 'vitest';
import { closeTab, loadTabs, openTab, saveTabs, tabKey } from './open-tabs.ts';
import type { TabsState } from './open-tabs.ts';
import { collectionNode, matchIn, requestCount, visibleRows } from './outline-tree.ts';
import type { OutlineNode } from './outline-tree.ts';

const outline: OutlineNode[] = [
  {
    id: 'f1',
    name: 'Pets',
    type: 'folder',
    children: [
      { id: 'r1', name: 'List pets', type: 'request', method: 'GET' },
      { id: 'f2', name: 'Admin', type: 'folder', children: [{ id: 'r2', name: 'Delete pet', type: 'request', method: 'delete' }] },
    ],
  },
  { id: 'r3', name: 'Health', type: 'request' },
  { id: 'f3', name: 'Orders', type: 'folder', children: [{ id: 'r4', name: 'Create order', type: 'request', method: 'POST' }] },
];
const roots = [collectionNode({ id: 'c1', name: 'Shop' }, outline)];
const names = (rows: ReturnType<typeof visibleRows>) => rows.map((row) => `${'  '.repeat(row.level - 1)}${row.node.name}`);

describe('the sidebar tree', () => {
  it('shows roots and the children of expanded nodes only, with levels and positions', () => {
    expect(names(visibleRows(roots, new Set(), ''))).toEqual(['Shop']);
    const rows = visibleRows(roots, new Set(['c:c1', 'i:c1:f1']), '');
    expect(names(rows)).toEqual(['Shop', '  Pets', '    List pets', '    Admin', '  Health', '  Orders']);
    expect(rows[1]).toMatchObject({ level: 2, position: 1, setSize: 3, parentKey: 'c:c1', expanded: true });
    expect(rows[3]).toMatchObject({ expanded: false });
    expect(rows[2]?.expanded).toBeUndefined();
    expect(rows[2]?.node.method).toBe('GET');
    expect(rows[4]?.node.method).toBe('GET');
  });

  it('upper-cases methods and names unnamed items', () => {
    const node = collectionNode({ id: 'c', name: 'C' }, [{ id: 'x', name: null, type: 'request', method: 'patch' }]);
    expect(node.children?.[0]).toMatchObject({ name: 'Untitled request', method: 'PATCH', key: 'i:c:x' });
  });

  it('filters on request and folder names, keeping ancestors expanded and marking the match', () => {
    const rows = visibleRows(roots, new Set(), '  PET ');
    expect(names(rows)).toEqual(['Shop', '  Pets', '    List pets', '    Admin', '      Delete pet']);
    expect(rows.map((r) => r.match)).toEqual([undefined, [0, 3], [5, 8], undefined, [7, 10]]);
    expect(rows[0]?.expanded).toBe(true);
    expect(rows[1]).toMatchObject({ position: 1, setSize: 1 });
    expect(requestCount(rows)).toBe(2);
  });

  it('shows everything inside a matching folder, and nothing when nothing matches', () => {
    expect(names(visibleRows(roots, new Set(), 'orders'))).toEqual(['Shop', '  Orders', '    Create order']);
    expect(names(visibleRows(roots, new Set(), 'admin'))).toEqual(['Shop', '  Pets', '    Admin', '      Delete pet']);
    // Collection names are not matched: the filter is for requests and folders.
    expect(visibleRows(roots, new Set(), 'shop')).toEqual([]);
    expect(visibleRows(roots, new Set(), 'zebra')).toEqual([]);
  });

  it('matches case-insensitively', () => {
    expect(matchIn('Delete Pet', 'pet')).toEqual([7, 10]);
    expect(matchIn('Delete', '')).toBeUndefined();
    expect(matchIn('Delete', 'x')).toBeUndefined();
  });

  it('keeps a 2,000-request filter fast', () => {
    const big = collectionNode(
      { id: 'big', name: 'Big' },
      Array.from({ length: 20 }, (_, f) => ({
        id: `f${f}`,
        name: `Folder ${f}`,
        type: 'folder' as const,
        children: Array.from({ length: 100 }, (_, r) => ({ id: `r${f}-${r}`, name: `Request ${f}-${r}`, type: 'request' as const, method: 'GET' })),
      })),
    );
    const started = performance.now();
    const rows = visibleRows([big], new Set(), 'request 7-1');
    expect(performance.now() - started).toBeLessThan(200);
    expect(requestCount(rows)).toBe(11); // 7-1 and 7-10 … 7-19
  });
});

describe('request tabs', () => {
  const a = { collectionId: 'c', itemId: 'a', name: 'A', method: 'GET' };
  const b = { collectionId: 'c', itemId: 'b', name: 'B', method: 'POST' };
  const c = { collectionId: 'c', itemId: 'c', name: 'C', method: 'PUT' };

  it('opens once, focuses an open tab, and shows a neighbour after closing the shown one', () => {
    let state: TabsState = { tabs: [], active: null };
    state = openTab(openTab(openTab(state, a), b), c);
    state = openTab(state, b);
    expect(state.tabs).toHaveLength(3);
    expect(state.active).toBe(tabKey(b));
    state = closeTab(state, tabKey(b));
    expect(state).toEqual({ tabs: [a, c], active: tabKey(c) });
    state = closeTab(state, tabKey(c));
    expect(state.active).toBe(tabKey(a));
    expect(closeTab(state, tabKey(a))).toEqual({ tabs: [], active: null });
    expect(closeTab(state, 'nope')).toBe(state);
  });

  it('saves per workspace and ignores what it cannot read', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as Storage;
    saveTabs(storage, 'w1', { tabs: [a, b], active: tabKey(b) });
    expect(loadTabs(storage, 'w1')).toEqual({ tabs: [a, b], active: tabKey(b) });
    expect(loadTabs(storage, 'w2')).toEqual({ tabs: [], active: null });
    data.set('postern.tabs.w3', '{not json');
    expect(loadTabs(storage, 'w3')).toEqual({ tabs: [], active: null });
    data.set('postern.tabs.w4', JSON.stringify({ tabs: [a, { itemId: 1 }], active: 'gone' }));
    expect(loadTabs(storage, 'w4')).toEqual({ tabs: [a], active: tabKey(a) });
  });
});
