/**
 * Arranging request items into folders: by the operation's first tag (untagged ones at the top
 * level), or by path segment with single-child chains collapsed (`pets/{petId}`), as Postman does.
 */
import type { Item, ItemGroup } from '../../types.ts';
import { asArray, isObj, type JsonObject } from './json.ts';

export interface PlacedItem {
  item: Item;
  path: string;
  tags: string[];
}

export function byTags(doc: JsonObject, placed: PlacedItem[]): Array<Item | ItemGroup> {
  const folders = new Map<string, ItemGroup>();
  for (const tag of asArray(doc.tags)) {
    if (!isObj(tag) || typeof tag.name !== 'string') continue;
    const folder: ItemGroup = { name: tag.name, item: [] };
    if (typeof tag.description === 'string') folder.description = tag.description;
    folders.set(tag.name, folder);
  }
  const root: Array<Item | ItemGroup> = [];
  const order: ItemGroup[] = [];
  for (const { item, tags } of placed) {
    const tag = tags[0];
    if (tag === undefined) {
      root.push(item);
      continue;
    }
    let folder = folders.get(tag);
    if (!folder) folders.set(tag, (folder = { name: tag, item: [] }));
    folder.item.push(item);
  }
  // Declared tags first, in their order; then tags only operations name.
  for (const folder of folders.values()) if (folder.item.length) order.push(folder);
  return [...order, ...root];
}

interface PathNode {
  name: string;
  children: Map<string, PathNode>;
  items: Item[];
}

export function byPaths(placed: PlacedItem[]): Array<Item | ItemGroup> {
  const root: PathNode = { name: '', children: new Map(), items: [] };
  for (const { item, path } of placed) {
    let node = root;
    for (const segment of path.split('/').filter(Boolean)) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { name: segment, children: new Map(), items: [] }));
      node = child;
    }
    node.items.push(item);
  }
  return emit(root);
}

function emit(node: PathNode): Array<Item | ItemGroup> {
  const out: Array<Item | ItemGroup> = [];
  for (const child of node.children.values()) {
    let current = child;
    let name = child.name;
    // A folder holding only one folder and no requests merges with it.
    while (current.items.length === 0 && current.children.size === 1) {
      current = current.children.values().next().value as PathNode;
      name = `${name}/${current.name}`;
    }
    out.push({ name, item: emit(current) });
  }
  return [...node.items, ...out];
}
