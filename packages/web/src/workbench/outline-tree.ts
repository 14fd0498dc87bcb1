/**
 * The sidebar's tree as plain data: collections, folders and requests, flattened into the rows a
 * virtualized list shows, with the filter applied. Pure, so the rules are unit-tested.
 */
import type { OutlineNode } from '../api/types.ts';

export interface TreeNode {
  /** Unique across the workspace: `c:<collectionId>` or `i:<collectionId>:<itemId>`. */
  key: string;
  kind: 'collection' | 'folder' | 'request';
  name: string;
  collectionId: string;
  /** The item's stable id (folders and requests). */
  itemId?: string;
  /** Requests only, upper-cased. */
  method?: string;
  children?: TreeNode[];
}

export interface TreeRow {
  node: TreeNode;
  /** aria-level: collections are 1. */
  level: number;
  /** aria-posinset / aria-setsize among the visible siblings. */
  position: number;
  setSize: number;
  parentKey: string | null;
  /** For collections and folders: whether their children show below. */
  expanded?: boolean;
  /** Where the filter matched in `node.name` ([start, end)), to highlight it. */
  match?: [number, number];
}

/** The outline node the server sends (`GET /api/collections/{id}/items`). */
export type { OutlineNode };

export const collectionKey = (collectionId: string) => `c:${collectionId}`;
export const itemKey = (collectionId: string, itemId: string) => `i:${collectionId}:${itemId}`;

/** A collection and its outline as tree nodes; unnamed items are called "Untitled". */
export function collectionNode(collection: { id: string; name: string }, items: readonly OutlineNode[]): TreeNode {
  const toNode = (item: OutlineNode): TreeNode =>
    item.type === 'folder'
      ? {
          key: itemKey(collection.id, item.id),
          kind: 'folder',
          name: item.name || 'Untitled folder',
          collectionId: collection.id,
          itemId: item.id,
          children: (item.children ?? []).map(toNode),
        }
      : {
          key: itemKey(collection.id, item.id),
          kind: 'request',
          name: item.name || 'Untitled request',
          collectionId: collection.id,
          itemId: item.id,
          method: (item.method ?? 'GET').toUpperCase(),
        };
  return { key: collectionKey(collection.id), kind: 'collection', name: collection.name, collectionId: collection.id, children: items.map(toNode) };
}

/** Where `query` first occurs in `name`, ignoring case; undefined when it does not. */
export function matchIn(name: string, query: string): [number, number] | undefined {
  if (!query) return undefined;
  const at = name.toLocaleLowerCase().indexOf(query.toLocaleLowerCase());
  return at === -1 ? undefined : [at, at + query.length];
}

/**
 * The rows to show. Without a filter: every root, and the children of expanded nodes. With one
 * (trimmed, case-insensitive, on folder and request names): the matches, their ancestors (shown
 * expanded, so every match is visible) and everything inside a matching folder.
 */
export function visibleRows(roots: readonly TreeNode[], expanded: ReadonlySet<string>, filter: string): TreeRow[] {
  const query = filter.trim();
  const rows: TreeRow[] = [];
  if (!query) {
    const walk = (nodes: readonly TreeNode[], level: number, parentKey: string | null) => {
      nodes.forEach((node, i) => {
        const open = node.children ? expanded.has(node.key) : undefined;
        rows.push({ node, level, position: i + 1, setSize: nodes.length, parentKey, ...(open !== undefined && { expanded: open }) });
        if (open && node.children) walk(node.children, level + 1, node.key);
      });
    };
    walk(roots, 1, null);
    return rows;
  }

  // Keep a node when it matches, sits inside a matching folder, or has a kept descendant.
  interface Kept {
    node: TreeNode;
    match?: [number, number];
    children: Kept[];
  }
  const kept = (node: TreeNode, insideMatch: boolean): Kept | null => {
    const match = node.kind === 'collection' ? undefined : matchIn(node.name, query);
    const inside = insideMatch || (match !== undefined && node.kind === 'folder');
    const children = (node.children ?? []).map((child) => kept(child, inside)).filter((k) => k !== null);
    if (!match && !insideMatch && children.length === 0) return null;
    return { node, ...(match && { match }), children };
  };
  const walk = (list: Kept[], level: number, parentKey: string | null) => {
    list.forEach((entry, i) => {
      const { node } = entry;
      rows.push({
        node,
        level,
        position: i + 1,
        setSize: list.length,
        parentKey,
        ...(node.children && { expanded: entry.children.length > 0 }),
        ...(entry.match && { match: entry.match }),
      });
      walk(entry.children, level + 1, node.key);
    });
  };
  walk(
    roots.map((root) => kept(root, false)).filter((k) => k !== null),
    1,
    null,
  );
  return rows;
}

/** How many requests the rows show (for the filter's spoken result). */
export const requestCount = (rows: readonly TreeRow[]) => rows.filter((row) => row.node.kind === 'request').length;
