/**
 * Walking a collection: run order, folder selection (`--folder`), and the
 * settings a request inherits from its folders and the collection (auth,
 * scripts, protocolProfileBehavior).
 */
import { CollectionError } from './errors.ts';
import { requestOf } from './request.ts';
import { isItemGroup } from './types.ts';
import type { Auth, Collection, Event, Item, ItemGroup, ProtocolProfileBehavior } from './types.ts';

export interface FlatItem {
  item: Item;
  /** Folders containing the item, outermost first (always from the collection root). */
  path: ItemGroup[];
  /** `item.id`, or a stable stand-in when the item has none. */
  id: string;
  /** Position of the item in the whole collection (independent of folder selection). */
  index: number;
}

export interface FlattenOptions {
  /**
   * Folders or requests to run, by id or name (ids are tried first), at any
   * depth. The result keeps collection order; a selection inside another
   * selected folder does not run twice. Unknown names fail with FOLDER_NOT_FOUND.
   */
  folders?: readonly string[];
}

/** Requests in run order (depth first, as listed). */
export function flattenItems(collection: Pick<Collection, 'item' | 'info'>, options: FlattenOptions = {}): FlatItem[] {
  const all: FlatItem[] = [];
  let counted = 0;
  const wanted = new Set((options.folders ?? []).filter((name) => typeof name === 'string'));
  const selecting = wanted.size > 0;

  const visit = (nodes: Array<Item | ItemGroup>, path: ItemGroup[], inSelection: boolean): void => {
    for (const node of nodes) {
      if (!node || typeof node !== 'object') continue;
      let selected = inSelection;
      if (selecting && wanted.size > 0) {
        const match = matchName(node, wanted);
        if (match !== undefined) {
          wanted.delete(match);
          selected = true;
        }
      }
      if (isItemGroup(node)) {
        visit(node.item, [...path, node], selected);
      } else {
        const index = counted++;
        if (!selecting || selected) all.push({ item: node, path, id: itemId(node, index), index });
      }
    }
  };
  visit(collection.item ?? [], [], false);

  if (wanted.size > 0) {
    const missing = [...wanted].map((name) => `"${name}"`).join(', ');
    const where = collection.info?.name ? ` in collection "${collection.info.name}"` : '';
    throw new CollectionError(
      'FOLDER_NOT_FOUND',
      `No folder or request named ${missing}${where}; check the --folder value (names are case-sensitive, ids also work).`,
    );
  }
  return all;
}

function matchName(node: Item | ItemGroup, wanted: Set<string>): string | undefined {
  const id = typeof node.id === 'string' ? node.id : undefined;
  if (id !== undefined && wanted.has(id)) return id;
  if (typeof node.name === 'string' && wanted.has(node.name)) return node.name;
  return undefined;
}

/** The item's id (`id`, or v2.0's `_postman_id`); otherwise a stand-in built from its run-order position. */
export function itemId(item: Pick<Item, 'id'> & { _postman_id?: unknown }, fallbackIndex: number): string {
  if (typeof item.id === 'string' && item.id !== '') return item.id;
  if (typeof item._postman_id === 'string' && item._postman_id !== '') return item._postman_id;
  return `item-${fallbackIndex + 1}`;
}

/**
 * The auth a request is sent with: its own, else the nearest folder's, else
 * the collection's. A missing or `null` auth (or type `inherit`) inherits;
 * `{ type: 'noauth' }` stops inheritance and is returned as is.
 */
export function effectiveAuth(
  collection: Pick<Collection, 'auth'>,
  path: readonly ItemGroup[],
  item: Item,
): Auth | undefined {
  const candidates: Array<Auth | null | undefined> = [
    requestOf(item).auth,
    ...[...path].reverse().map((folder) => folder.auth),
    collection.auth,
  ];
  return candidates.find(isDefinedAuth) ?? undefined;
}

function isDefinedAuth(auth: Auth | null | undefined): auth is Auth {
  return !!auth && typeof auth === 'object' && typeof auth.type === 'string' && auth.type !== '' && auth.type !== 'inherit';
}

export type ScriptLevel = 'collection' | 'folder' | 'item';

/** One script to run; structurally a runtime ScriptSource. */
export interface EventScript {
  listen: string;
  /** The exec lines joined with \n. */
  source: string;
  /** "collection", the folder name or the item name, for messages. */
  origin: string;
  level: ScriptLevel;
  id?: string;
  event: Event;
}

/**
 * Scripts for `listen` ('prerequest' or 'test') in run order: collection,
 * then folders outermost first, then the item. Disabled events and empty
 * scripts are skipped.
 */
export function eventsFor(
  collection: Pick<Collection, 'event'>,
  path: readonly ItemGroup[],
  item: Item,
  listen: string,
): EventScript[] {
  const out: EventScript[] = [];
  const add = (events: Event[] | undefined, level: ScriptLevel, origin: string): void => {
    for (const event of events ?? []) {
      if (!event || event.listen !== listen || event.disabled === true) continue;
      const source = scriptText(event);
      if (source.trim() === '') continue;
      const script: EventScript = { listen, source, origin, level, event };
      const id = event.script?.id ?? event.id;
      if (typeof id === 'string') script.id = id;
      out.push(script);
    }
  };
  add(collection.event, 'collection', 'collection');
  for (const folder of path) add(folder.event, 'folder', folder.name ?? 'folder');
  add(item.event, 'item', item.name ?? 'request');
  return out;
}

export function scriptText(event: Event): string {
  const exec = event.script?.exec;
  if (Array.isArray(exec)) return exec.join('\n');
  return typeof exec === 'string' ? exec : '';
}

/** protocolProfileBehavior merged: the item overrides folders (inner over outer), which override the collection. */
export function protocolProfileBehaviorFor(
  collection: Pick<Collection, 'protocolProfileBehavior'>,
  path: readonly ItemGroup[],
  item: Pick<Item, 'protocolProfileBehavior'>,
): ProtocolProfileBehavior {
  const layers = [collection.protocolProfileBehavior, ...path.map((f) => f.protocolProfileBehavior), item.protocolProfileBehavior];
  const merged: ProtocolProfileBehavior = {};
  for (const layer of layers) {
    if (layer && typeof layer === 'object') Object.assign(merged, layer);
  }
  return merged;
}

/** Names of the folders in `path`, outermost first (for reports). */
export function pathNames(path: readonly ItemGroup[]): string[] {
  return path.map((folder) => folder.name ?? '');
}
