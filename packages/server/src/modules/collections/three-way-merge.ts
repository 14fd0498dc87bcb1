/**
 * Three-way merge of JSON documents, for merging a fork back into its parent.
 *
 * `base` is the parent at the fork point, `ours` the parent now, `theirs` the fork now. A change
 * made on one side only is taken; the same change on both sides is taken once; different changes
 * to the same place are a conflict (reported, and the parent's value kept). Lists whose elements
 * all carry a unique `id`, `key`, `listen` or `name` (items, variables, events, examples, headers)
 * are merged element by element, so adding a request in the fork while the parent edits another
 * is no conflict.
 */
import { isDeepStrictEqual } from 'node:util';

export interface MergeConflict {
  /** JSON Pointer in the parent document (for an element the parent lacks: in the fork). */
  path: string;
  /** The value at the fork point, in the parent now and in the fork now (absent: undefined). */
  base: unknown;
  parent: unknown;
  fork: unknown;
}

export interface MergeResult {
  merged: unknown;
  conflicts: MergeConflict[];
}

const IDENTITY_FIELDS = ['id', 'key', 'listen', 'name'] as const;

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

export function threeWayMerge(base: unknown, ours: unknown, theirs: unknown): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged = mergeValue(base, ours, theirs, '', conflicts);
  return { merged, conflicts };
}

function mergeValue(base: unknown, ours: unknown, theirs: unknown, path: string, conflicts: MergeConflict[]): unknown {
  if (isDeepStrictEqual(ours, theirs) || isDeepStrictEqual(base, theirs)) return ours;
  if (isDeepStrictEqual(base, ours)) return theirs;
  if (isObject(ours) && isObject(theirs) && (base === undefined || isObject(base))) {
    return mergeObjects(base ?? {}, ours, theirs, path, conflicts);
  }
  if (Array.isArray(ours) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    const merged = mergeArrays(base ?? [], ours, theirs, path, conflicts);
    if (merged !== undefined) return merged;
  }
  conflicts.push({ path, base, parent: ours, fork: theirs });
  return ours;
}

function mergeObjects(base: JsonObject, ours: JsonObject, theirs: JsonObject, path: string, conflicts: MergeConflict[]): JsonObject {
  const result: JsonObject = {};
  const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !(k in ours))];
  for (const key of keys) {
    const value = mergeValue(base[key], ours[key], theirs[key], `${path}/${escape(key)}`, conflicts);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** Undefined when the lists cannot be lined up (no identity field, different lengths). */
function mergeArrays(base: unknown[], ours: unknown[], theirs: unknown[], path: string, conflicts: MergeConflict[]): unknown[] | undefined {
  const field = IDENTITY_FIELDS.find((f) => [base, ours, theirs].every((list) => hasUniqueIdentity(list, f)));
  if (field === undefined) {
    if (base.length !== ours.length || ours.length !== theirs.length) return undefined;
    return ours.map((o, i) => mergeValue(base[i], o, theirs[i], `${path}/${i}`, conflicts));
  }
  const keyOf = (element: unknown) => (element as JsonObject)[field] as string;
  const index = (list: unknown[]) => new Map(list.map((element, i) => [keyOf(element), i]));
  const [inBase, inOurs, inTheirs] = [index(base), index(ours), index(theirs)];

  // Follow the side that reordered its common elements (the parent's order when both or neither did).
  const commonOrder = (list: unknown[]) => list.map(keyOf).filter((k) => inBase.has(k) && inOurs.has(k) && inTheirs.has(k));
  const baseOrder = commonOrder(base);
  const theirsReordered = !isDeepStrictEqual(commonOrder(theirs), baseOrder);
  const oursReordered = !isDeepStrictEqual(commonOrder(ours), baseOrder);
  const [primary, secondary] = theirsReordered && !oursReordered ? [theirs, ours] : [ours, theirs];

  const order = primary.map(keyOf);
  const placed = new Set(order);
  const secondaryKeys = secondary.map(keyOf);
  secondaryKeys.forEach((key, i) => {
    if (placed.has(key) || inBase.has(key)) return;
    // A new element goes after the element that precedes it on its own side.
    const before = secondaryKeys.slice(0, i).reverse().find((k) => placed.has(k));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, key);
    placed.add(key);
  });

  const result: unknown[] = [];
  for (const key of order) {
    const [b, o, t] = [inBase.get(key), inOurs.get(key), inTheirs.get(key)];
    const where = o !== undefined ? `${path}/${o}` : `${path}/${t}`;
    const value = mergeValue(
      b === undefined ? undefined : base[b],
      o === undefined ? undefined : ours[o],
      t === undefined ? undefined : theirs[t],
      where,
      conflicts,
    );
    if (value !== undefined) result.push(value);
  }
  return result;
}

function hasUniqueIdentity(list: unknown[], field: string): boolean {
  const seen = new Set<string>();
  for (const element of list) {
    if (!isObject(element) || typeof element[field] !== 'string') return false;
    const key = element[field];
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}
