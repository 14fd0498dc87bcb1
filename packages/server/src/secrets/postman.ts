/**
 * Turns a Postman collection, environment or globals file into scan segments: every string value
 * with its JSON path, key/value pairs (headers, query, form data, variables, auth blocks) rendered
 * with their key as context so `X-Api-Key: …` reads like it does on the wire.
 */
import type { Segment } from './engine.ts';

export type PostmanKind = 'collection' | 'environment' | 'globals';

export function detectPostmanKind(doc: unknown): PostmanKind | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const o = doc as Record<string, unknown>;
  const scope = o._postman_variable_scope;
  if (scope === 'globals') return 'globals';
  if (scope === 'environment') return 'environment';
  const info = o.info as Record<string, unknown> | undefined;
  if (info && typeof info === 'object' && (typeof info.schema === 'string' || typeof info._postman_id === 'string') && Array.isArray(o.item)) return 'collection';
  if (Array.isArray(o.item) && typeof info === 'object') return 'collection';
  if (Array.isArray(o.values) && o.values.every((v) => v && typeof v === 'object' && 'key' in v)) return typeof o.name === 'string' && o.name !== 'Globals' ? 'environment' : 'globals';
  return undefined;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

// Free text fields: scanned as they are, no key in front.
const TEXT_FIELDS = new Set(['raw', 'exec', 'body', 'description', 'query', 'variables', 'content', 'test', 'prerequest']);
// Fields that only repeat what `url.raw` already holds.
const URL_PARTS = new Set(['host', 'path', 'query', 'protocol', 'port', 'hash']);

/** Context for the value of a `{ key, value }` entry, from the entry's key and the block it sits in. */
function pairContext(block: string | undefined, key: string, siblings: readonly unknown[]): string {
  if (block === 'bearer' && key === 'token') return 'Authorization: Bearer ';
  if (block === 'apikey' && key === 'value') {
    const name = siblings.find((s): s is { key: string; value: unknown } => !!s && typeof s === 'object' && (s as { key?: unknown }).key === 'key');
    return typeof name?.value === 'string' && /key|token|secret|auth/i.test(name.value) ? `${name.value}: ` : 'api_key: ';
  }
  return `${key}: `;
}

export function postmanSegments(doc: unknown): Segment[] {
  const segments: Segment[] = [];
  const walk = (value: unknown, path: string, prop: string | undefined, parent: string | undefined): void => {
    if (typeof value === 'string') {
      if (!value) return;
      if (prop !== undefined && !TEXT_FIELDS.has(prop) && !value.includes('\n')) segments.push({ text: value, jsonPath: path, context: `${prop}: ` });
      else segments.push({ text: value, jsonPath: path });
      return;
    }
    if (Array.isArray(value)) {
      if (prop === 'exec' && value.every((line) => typeof line === 'string')) {
        // Script lines: the line number within the script is the index.
        value.forEach((line: string, i) => segments.push({ text: line, jsonPath: child(path, i), firstLine: i + 1 }));
        return;
      }
      value.forEach((item, i) => {
        if (item && typeof item === 'object' && !Array.isArray(item) && typeof (item as { key?: unknown }).key === 'string' && 'value' in item) {
          const entry = item as Record<string, unknown>;
          for (const [k, v] of Object.entries(entry)) {
            const p = child(child(path, i), k);
            if (k === 'value' && typeof v === 'string') {
              if (v) segments.push({ text: v, jsonPath: p, context: pairContext(prop, entry.key as string, value) });
            } else if (k !== 'key' && k !== 'type' && k !== 'src') walk(v, p, k, prop);
          }
          return;
        }
        walk(item, child(path, i), prop, parent);
      });
      return;
    }
    if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      const isUrl = prop === 'url' && typeof o.raw === 'string';
      for (const [k, v] of Object.entries(o)) {
        if (isUrl && URL_PARTS.has(k)) continue;
        walk(v, child(path, k), k, prop);
      }
    }
  };
  walk(doc, '$', undefined, undefined);
  return segments;
}
