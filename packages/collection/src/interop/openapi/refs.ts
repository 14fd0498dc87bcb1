/**
 * Makes one self-contained document out of a main document and the files it `$ref`s (given as
 * text, by path relative to the main document — no file system here). External targets are
 * inlined; local `#/…` refs of the main document stay, so shared components stay shared. A
 * reference cycle that runs through another file cannot be inlined and is cut (and reported).
 */
import { CollectionError } from '../../errors.ts';
import type { Skipped } from '../types.ts';
import { lineOf, parseDocumentText } from './document.ts';
import { getAt, isObj, jsonPath, pointerKeys, type Json, type JsonObject } from './json.ts';

export interface BundleInput {
  /** The main document, parsed. */
  doc: Json;
  text: string;
  /** Import input name (messages, CollectionError.source). */
  source: string;
  files: ReadonlyMap<string, string>;
  skipped: Skipped[];
}

const MAIN = '';

export function bundleDocument(input: BundleInput): Json {
  const parsed = new Map<string, Json>([[MAIN, input.doc]]);
  const texts = new Map<string, string>([[MAIN, input.text]]);
  const files = new Map<string, string>();
  for (const [k, v] of input.files) files.set(normalizePath(k), v);
  const inlined = new Map<string, Json>();
  const mainName = normalizePath(input.source).split('/').pop() ?? '';

  const fail = (file: string, keys: (string | number)[], why: string): never => {
    const text = texts.get(file);
    const line = text === undefined ? undefined : lineOf(text, keys);
    const where = `${file === MAIN ? input.source : file}${line ? ` line ${line}` : ''} (${jsonPath(keys)})`;
    throw new CollectionError('INVALID_IMPORT', `${where}: ${why}`, {
      source: input.source,
      path: file === MAIN ? jsonPath(keys) : `${file}#${jsonPath(keys)}`,
      ...(line ? { line } : {}),
    });
  };

  const load = (file: string, from: string, keys: (string | number)[], ref: string): Json => {
    const cached = parsed.get(file);
    if (cached !== undefined) return cached;
    const text = files.get(file);
    if (text === undefined) {
      return fail(from, keys, `$ref "${ref}" points to ${file}, which was not provided; import the folder or pass the file with the document.`);
    }
    texts.set(file, text);
    const value = parseDocumentText(text, file, input.source);
    parsed.set(file, value);
    return value;
  };

  const target = (file: string, pointer: string, from: string, keys: (string | number)[], ref: string): Json => {
    const value = getAt(load(file, from, keys, ref), pointerKeys(pointer));
    if (value === undefined) return fail(from, keys, `$ref "${ref}" points to nothing; check the name and path.`);
    return value;
  };

  // `keys` is one stack pushed and popped while walking (copied only for messages): large
  // documents have hundreds of thousands of nodes.
  const walk = (value: Json, file: string, keys: (string | number)[], stack: ReadonlySet<string>): Json => {
    if (Array.isArray(value)) {
      let out: Json[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const child = value[i]!;
        if (child === null || typeof child !== 'object') continue;
        keys.push(i);
        const next = walk(child, file, keys, stack);
        keys.pop();
        if (next !== child) (out ??= value.slice())[i] = next;
      }
      return out ?? value;
    }
    if (!isObj(value)) return value;
    const ref = value.$ref;
    if (typeof ref === 'string') return follow(value, ref, file, [...keys], stack);
    let out: JsonObject | undefined;
    for (const key in value) {
      const child = value[key]!;
      if (child === null || typeof child !== 'object') continue;
      // Examples are literal data: a `$ref` key inside one is not a reference.
      if (key === 'example' || (key === 'value' && keys[keys.length - 2] === 'examples')) continue;
      keys.push(key);
      const next = walk(child, file, keys, stack);
      keys.pop();
      if (next !== child) (out ??= { ...value })[key] = next;
    }
    return out ?? value;
  };

  const follow = (value: JsonObject, ref: string, file: string, keys: (string | number)[], stack: ReadonlySet<string>): Json => {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    const here = [...keys, '$ref'];
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      input.skipped.push({ at: jsonPath(here), what: `remote $ref ${ref} (not fetched; save the file next to the document)` });
      return {};
    }
    const targetFile = filePart === '' ? file : resolveRelative(file, filePart);
    if (targetFile === MAIN || targetFile === mainName) {
      if (file === MAIN) {
        if (getAt(input.doc, pointerKeys(pointer)) === undefined) fail(file, here, `$ref "${ref}" points to nothing; check the name and path.`);
        return value;
      }
      // A file pointing back into the main document: a local ref there.
      return { ...value, $ref: `#${pointer}` };
    }
    const key = `${targetFile}#${pointer}`;
    if (stack.has(key)) {
      input.skipped.push({ at: jsonPath(here), what: `circular $ref ${ref} across files (cut here)` });
      return {};
    }
    const done = inlined.get(key);
    if (done !== undefined) return done;
    const resolved = target(targetFile, `#${pointer}`, file, here, ref);
    const walked = walk(resolved, targetFile, pointerKeys(pointer), new Set([...stack, key]));
    inlined.set(key, walked);
    return walked;
  };

  return walk(input.doc, MAIN, [], new Set());
}

function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function resolveRelative(from: string, ref: string): string {
  let decoded = ref;
  try {
    decoded = decodeURI(ref);
  } catch {
    // Keep the reference as written.
  }
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  return normalizePath(decoded.startsWith('/') ? decoded : dir + decoded);
}
