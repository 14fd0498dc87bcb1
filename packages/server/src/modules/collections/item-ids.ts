/**
 * Stable ids for the items (requests and folders) of a stored collection. Imported JSON often has
 * no item ids and the export must stay identical, so the ids live beside the document in a tree
 * of the same shape (`ItemIdNode[]` mirrors `document.item`) instead of inside it.
 */
import { randomUUID } from 'node:crypto';

export interface ItemIdNode {
  id: string;
  /** Present for folders (items that have an `item` list), in the same order. */
  children?: ItemIdNode[];
}

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const childItems = (item: unknown): unknown[] | undefined =>
  isObject(item) && Array.isArray(item.item) ? item.item : undefined;

/**
 * Ids for `items`, keeping the id of every item that matches one of `previous` (same own `id`
 * field, else same name, counted among same-named siblings) so a full replace, restore or merge
 * keeps the ids (and the comments) of the items it did not touch. New items get fresh ids.
 */
export function assignItemIds(
  items: readonly unknown[],
  previousItems: readonly unknown[] = [],
  previousIds: readonly ItemIdNode[] = [],
  newId: () => string = randomUUID,
): ItemIdNode[] {
  const byKey = new Map<string, { item: unknown; node: ItemIdNode }>();
  matchKeys(previousItems).forEach((key, i) => {
    const node = previousIds[i];
    if (node) byKey.set(key, { item: previousItems[i], node });
  });
  const keys = matchKeys(items);
  return items.map((item, i) => {
    const match = byKey.get(keys[i]!);
    const node: ItemIdNode = { id: match?.node.id ?? newId() };
    const children = childItems(item);
    if (children) node.children = assignItemIds(children, childItems(match?.item) ?? [], match?.node.children ?? [], newId);
    return node;
  });
}

function matchKeys(items: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const own = isObject(item) && typeof item.id === 'string' ? `id:${item.id}` : `name:${isObject(item) ? String(item.name ?? '') : ''}`;
    const n = seen.get(own) ?? 0;
    seen.set(own, n + 1);
    return `${own}#${n}`;
  });
}

/** Where an item is: the index at each level from the root, e.g. [2, 0] is item[2].item[0]. */
export function findItem(ids: readonly ItemIdNode[], id: string): number[] | undefined {
  for (const [i, node] of ids.entries()) {
    if (node.id === id) return [i];
    const inner = node.children && findItem(node.children, id);
    if (inner) return [i, ...inner];
  }
  return undefined;
}

/** The JSON Pointer of the item at `path` (see findItem). */
export const itemPointer = (path: readonly number[]): string => path.map((i) => `/item/${i}`).join('');

/** The list holding the item at `path` and the item's index in it, in a document and its id tree. */
export function parentListOf(
  document: JsonObject,
  ids: ItemIdNode[],
  path: readonly number[],
): { items: unknown[]; ids: ItemIdNode[]; index: number } {
  let items = document.item as unknown[];
  let idList = ids;
  for (const i of path.slice(0, -1)) {
    items = childItems(items[i])!;
    idList = idList[i]!.children!;
  }
  return { items, ids: idList, index: path.at(-1)! };
}

export interface OutlineNode {
  id: string;
  name: string | null;
  type: 'folder' | 'request';
  /** For requests: the HTTP method, upper-cased (Postman's default GET when the item names none). */
  method?: string;
  children?: OutlineNode[];
}

/** A request item's method: Postman allows `request` to be a bare URL string, which means GET. */
function methodOf(item: unknown): string {
  const request = isObject(item) ? item.request : undefined;
  const method = isObject(request) && typeof request.method === 'string' ? request.method.trim() : '';
  return method ? method.toUpperCase() : 'GET';
}

/** The item tree as names, kinds, ids and request methods (what a sidebar shows), without the rest. */
export function outline(items: readonly unknown[], ids: readonly ItemIdNode[]): OutlineNode[] {
  return items.map((item, i) => {
    const node = ids[i]!;
    const name = isObject(item) && typeof item.name === 'string' ? item.name : null;
    const children = childItems(item);
    return children
      ? { id: node.id, name, type: 'folder' as const, children: outline(children, node.children ?? []) }
      : { id: node.id, name, type: 'request' as const, method: methodOf(item) };
  });
}

export function countRequests(items: readonly unknown[]): number {
  return items.reduce<number>((n, item) => {
    const children = childItems(item);
    return n + (children ? countRequests(children) : 1);
  }, 0);
}

/**
 * The document with only `node` left, standing where the item at `path` is, inside copies of that
 * item's ancestor folders: their scripts, auth and variables still apply, their other items do not.
 */
export function isolateItem(document: JsonObject, path: readonly number[], node: unknown): JsonObject {
  let list = document.item as unknown[];
  const chain: JsonObject[] = [];
  for (const i of path.slice(0, -1)) {
    chain.push(list[i] as JsonObject);
    list = childItems(list[i])!;
  }
  let wrapped = node;
  for (const ancestor of chain.reverse()) wrapped = { ...ancestor, item: [wrapped] };
  return { ...document, item: [wrapped] };
}
