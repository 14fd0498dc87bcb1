/**
 * Reordering the sidebar tree (drag-and-drop, or Alt+Shift+Arrow keys): which server move a
 * gesture means, and the tree after it (shown at once, before the server answers). Pure.
 */
import type { TreeNode } from './outline-tree.ts';

/** What POST /api/collections/{id}/items/{itemId}/move takes. */
export interface ItemMove {
  collectionId: string;
  itemId: string;
  /** A folder's item id, or null for the collection's top level. */
  parentId: string | null;
  /** The place among the new siblings, counted without the moved item. */
  index: number;
}

export type Placement = 'before' | 'after' | 'inside';

interface Location {
  node: TreeNode;
  parent: TreeNode;
  index: number;
  /** Keys from the root down to the node, itself included. */
  lineage: string[];
}

function locate(roots: readonly TreeNode[], key: string): Location | { node: TreeNode; parent: null; index: number; lineage: string[] } | null {
  const walk = (nodes: readonly TreeNode[], parent: TreeNode | null, lineage: string[]): ReturnType<typeof locate> => {
    for (const [index, node] of nodes.entries()) {
      const here = [...lineage, node.key];
      if (node.key === key) return { node, parent, index, lineage: here } as Location;
      const found = node.children ? walk(node.children, node, here) : null;
      if (found) return found;
    }
    return null;
  };
  return walk(roots, null, []);
}

const parentIdOf = (parent: TreeNode): string | null => (parent.kind === 'collection' ? null : parent.itemId!);

/** The move for dropping `draggedKey` before, after or inside `targetKey`; null when it is not allowed or changes nothing. */
export function dropMove(roots: readonly TreeNode[], draggedKey: string, targetKey: string, placement: Placement): ItemMove | null {
  const dragged = locate(roots, draggedKey);
  const target = locate(roots, targetKey);
  if (!dragged?.parent || !target || dragged.node.kind === 'collection') return null;
  if (target.node.collectionId !== dragged.node.collectionId) return null; // moves stay within a collection
  if (target.lineage.includes(draggedKey)) return null; // onto itself or into its own folders

  let parent: TreeNode;
  let index: number;
  if (placement === 'inside') {
    if (!target.node.children) return null;
    parent = target.node;
    index = target.node.children.length - (dragged.parent.key === parent.key ? 1 : 0);
  } else {
    if (!target.parent) return null; // before or after a collection: not a place in one
    parent = target.parent;
    index = target.index + (placement === 'after' ? 1 : 0);
    if (dragged.parent.key === parent.key && dragged.index < index) index -= 1;
  }
  if (dragged.parent.key === parent.key && dragged.index === index) return null;
  return { collectionId: dragged.node.collectionId, itemId: dragged.node.itemId!, parentId: parentIdOf(parent), index };
}

/** One place up (-1) or down (+1) among its siblings; null at either end. */
export function siblingMove(roots: readonly TreeNode[], key: string, delta: -1 | 1): ItemMove | null {
  const found = locate(roots, key);
  if (!found?.parent || found.node.kind === 'collection') return null;
  const index = found.index + delta;
  if (index < 0 || index >= found.parent.children!.length) return null;
  return { collectionId: found.node.collectionId, itemId: found.node.itemId!, parentId: parentIdOf(found.parent), index };
}

/** The tree with the move applied; nodes off the changed paths are shared, not copied. */
export function applyMove(roots: readonly TreeNode[], move: ItemMove): TreeNode[] {
  let moved: TreeNode | undefined;
  const without = (nodes: readonly TreeNode[]): TreeNode[] =>
    nodes.flatMap((node) => {
      if (node.collectionId === move.collectionId && node.itemId === move.itemId && node.kind !== 'collection') {
        moved = node;
        return [];
      }
      if (!node.children) return [node];
      const children = without(node.children);
      const changed = children.length !== node.children.length || children.some((child, i) => child !== node.children![i]);
      return [changed ? { ...node, children } : node];
    });
  const removed = without(roots);
  if (!moved) return [...roots];
  const isParent = (node: TreeNode) =>
    node.collectionId === move.collectionId && (move.parentId === null ? node.kind === 'collection' : node.kind === 'folder' && node.itemId === move.parentId);
  const insert = (nodes: TreeNode[]): TreeNode[] =>
    nodes.map((node) => {
      if (isParent(node)) {
        const children = [...node.children!];
        children.splice(Math.min(move.index, children.length), 0, moved!);
        return { ...node, children };
      }
      if (!node.children || node.collectionId !== move.collectionId) return node;
      return { ...node, children: insert(node.children) };
    });
  return insert(removed);
}
