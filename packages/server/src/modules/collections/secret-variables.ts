/**
 * Secret-typed variables at rest and on the way out (P2, ARCHITECTURE "Secrets at rest").
 *
 * Stored documents hold `postern-sealed:<secret box text>` in place of the value of every variable
 * whose `type` is "secret" (collection, folder/request and environment variables alike). Editors
 * and admins read them in clear; viewers and anonymous readers of public workspaces get an empty
 * value and `"_postern_redacted": true`. A write that sends a variable back still carrying that
 * marker keeps the stored secret, so a client that never saw a secret cannot wipe it by saving.
 */
import type { SecretBox } from '../../crypto/secret-box.ts';
import { isObject } from './item-ids.ts';

export const SEALED_PREFIX = 'postern-sealed:';
export const REDACTED_MARKER = '_postern_redacted';
/** What a sealed value looks like in a history diff, for everyone. */
export const SECRET_PLACEHOLDER = '[secret]';

export type SecretView = 'clear' | 'redacted';

type JsonObject = Record<string, unknown>;
type ListRewriter = (list: unknown[], pointer: string) => unknown[];

const isSecret = (variable: unknown): variable is JsonObject => isObject(variable) && variable.type === 'secret';
const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX);

/** Applies `rewrite` to the collection's variable lists (its own and every item's). */
function rewriteCollection(doc: JsonObject, rewrite: ListRewriter): JsonObject {
  return rewriteNode(doc, '', rewrite);
}

function rewriteNode(node: JsonObject, pointer: string, rewrite: ListRewriter): JsonObject {
  let copy: JsonObject | undefined;
  if (Array.isArray(node.variable)) {
    copy = { ...node, variable: rewrite(node.variable, `${pointer}/variable`) };
  }
  if (Array.isArray(node.item)) {
    const items = node.item.map((item, i) => (isObject(item) ? rewriteNode(item, `${pointer}/item/${i}`, rewrite) : item));
    copy = { ...(copy ?? node), item: items };
  }
  return copy ?? node;
}

/** Sealed values of the previous version, by list location and key, to reuse or restore. */
class SealedPool {
  private readonly byPlace = new Map<string, string>();
  private readonly byKey = new Map<string, string>();
  add(pointer: string, list: unknown[]): void {
    for (const variable of list) {
      if (!isSecret(variable) || !isSealed(variable.value)) continue;
      const key = String(variable.key ?? variable.id ?? '');
      this.byPlace.set(`${pointer}|${key}`, variable.value);
      if (!this.byKey.has(key)) this.byKey.set(key, variable.value);
    }
  }
  find(pointer: string, key: string): string | undefined {
    return this.byPlace.get(`${pointer}|${key}`) ?? this.byKey.get(key);
  }
}

function sealList(list: unknown[], pointer: string, pool: SealedPool, box: SecretBox): unknown[] {
  return list.map((entry) => {
    if (!isObject(entry)) return entry;
    const variable: JsonObject = entry;
    const redacted = variable[REDACTED_MARKER] === true;
    const { [REDACTED_MARKER]: _marker, ...rest } = variable;
    if (!isSecret(variable)) return redacted ? rest : variable;
    const previous = pool.find(pointer, String(variable.key ?? variable.id ?? ''));
    if (redacted) {
      // Sent back unseen: keep the stored secret. With none to keep (a fork made by a viewer never
      // received the parent's secrets) it stays an unseen placeholder, so merging back keeps the
      // parent's value instead of emptying it.
      return previous === undefined ? { ...rest, value: '', [REDACTED_MARKER]: true } : { ...rest, value: previous };
    }
    if (variable.value === undefined) return rest;
    const clear = JSON.stringify(variable.value);
    // Re-sealing an unchanged value would give new ciphertext and a spurious change in history.
    if (previous !== undefined && tryOpen(previous, box) === clear) return { ...rest, value: previous };
    return { ...rest, value: SEALED_PREFIX + box.seal(clear) };
  });
}

function openList(list: unknown[], view: SecretView, box: SecretBox): unknown[] {
  return list.map((variable) => {
    if (!isSecret(variable) || !isSealed(variable.value)) return variable;
    const clear = view === 'clear' ? tryOpen(variable.value, box) : undefined;
    // A value this key cannot open (key changed) is shown redacted; saving keeps it as it was.
    if (clear === undefined) return { ...variable, value: '', [REDACTED_MARKER]: true };
    return { ...variable, value: JSON.parse(clear) as unknown };
  });
}

function tryOpen(sealed: string, box: SecretBox): string | undefined {
  try {
    return box.open(sealed.slice(SEALED_PREFIX.length));
  } catch {
    return undefined;
  }
}

/** The collection as it is stored: secret values sealed (reusing `previous`'s unchanged ones). */
export function sealCollection(doc: JsonObject, previous: JsonObject | undefined, box: SecretBox): JsonObject {
  const pool = new SealedPool();
  if (previous) rewriteCollection(previous, (list, pointer) => (pool.add(pointer, list), list));
  return rewriteCollection(doc, (list, pointer) => sealList(list, pointer, pool, box));
}

/** The stored collection for a reader: secrets in clear or redacted. */
export function openCollection(doc: JsonObject, view: SecretView, box: SecretBox): JsonObject {
  return rewriteCollection(doc, (list) => openList(list, view, box));
}

/** An item subtree sealed against the item it replaces (faster than the whole collection). */
export function sealItem(item: JsonObject, previous: JsonObject | undefined, box: SecretBox): JsonObject {
  return sealCollection(item, previous, box);
}

/** An environment or globals document (`values` list) as stored. */
export function sealVariableList(doc: JsonObject, previous: JsonObject | undefined, box: SecretBox): JsonObject {
  if (!Array.isArray(doc.values)) return doc;
  const pool = new SealedPool();
  if (previous && Array.isArray(previous.values)) pool.add('', previous.values);
  return { ...doc, values: sealList(doc.values, '', pool, box) };
}

export function openVariableList(doc: JsonObject, view: SecretView, box: SecretBox): JsonObject {
  if (!Array.isArray(doc.values)) return doc;
  return { ...doc, values: openList(doc.values, view, box) };
}

/** A value (history patch, diff, conflict) with every sealed secret replaced by a placeholder. */
export function redactSealed<T>(value: T): T {
  if (isSealed(value)) return SECRET_PLACEHOLDER as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactSealed(v)) as T;
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSealed(v)])) as T;
  return value;
}

export const secretViewFor = (role: string): SecretView => (role === 'editor' || role === 'admin' ? 'clear' : 'redacted');

/** The stored collection with every sealed secret replaced by an unseen placeholder (forks by viewers). */
export function withoutSecrets(doc: JsonObject): JsonObject {
  return rewriteCollection(doc, (list) =>
    list.map((v) => (isSecret(v) && isSealed(v.value) ? { ...v, value: '', [REDACTED_MARKER]: true } : v)),
  );
}
