/**
 * JSON helpers every OpenAPI module shares (and packages/mock imports): type guards, JSON
 * pointers and `$ref` following inside one bundled document.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type Method = (typeof METHODS)[number];

export const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function asArray(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : [];
}

export function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The keys of a `#/a/b` (or `/a/b`) pointer, unescaped. */
export function pointerKeys(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '' || body === '/') return body === '/' ? [''] : [];
  return body
    .split('/')
    .slice(1)
    .map((raw) => safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follows pointer keys from `root`; undefined when a step is missing. */
export function getAt(root: Json | undefined, keys: readonly string[]): Json | undefined {
  let cur: Json | undefined = root;
  for (const key of keys) {
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isObj(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

/** Resolves a local `#/a/b` reference inside the bundled document. */
export function resolvePointer(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  return getAt(doc, pointerKeys(ref));
}

/** Follows `$ref` chains of non-schema objects (parameters, responses, request bodies). */
export function deref<T extends Json>(doc: JsonObject, v: T | undefined): T | undefined {
  let cur: Json | undefined = v;
  for (let i = 0; i < 20 && isObj(cur) && typeof cur.$ref === 'string'; i++) cur = resolvePointer(doc, cur.$ref);
  return cur as T | undefined;
}

/** `paths./pets/{id}.get` — the dotted JSON path style error messages and `skipped` use. */
export function jsonPath(keys: readonly (string | number)[]): string {
  return keys.map((k) => String(k)).join('.');
}
