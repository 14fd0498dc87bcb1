import type { Json, JsonObject } from './load.ts';
import { resolvePointer } from './load.ts';

/**
 * Builds a value that fits a JSON Schema. `static` mode is deterministic (examples, defaults,
 * first enum value, type placeholders) so repeated calls give the same body; `dynamic` mode
 * randomises within the schema's bounds. Our own small generator: we only need the common
 * keywords, and it never fetches remote `$ref`s.
 */
export function generate(doc: JsonObject, schema: Json | undefined, mode: 'static' | 'dynamic', depth = 0): Json {
  if (!isObj(schema) || depth > 8) return null;
  if (typeof schema.$ref === 'string') return generate(doc, resolvePointer(doc, schema.$ref), mode, depth + 1);
  if (mode === 'static') {
    if (schema.example !== undefined) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0]!;
    if (schema.default !== undefined) return schema.default;
  }
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return mode === 'static' ? schema.enum[0]! : pick(schema.enum);
  if (Array.isArray(schema.allOf)) {
    let merged: Json = null;
    for (const part of schema.allOf) {
      const v = generate(doc, part, mode, depth + 1);
      merged = isObj(merged) && isObj(v) ? { ...(merged as JsonObject), ...v } : (v ?? merged);
    }
    const own = { ...schema };
    delete own.allOf;
    const rest = Object.keys(own).some((k) => k === 'properties' || k === 'type') ? generate(doc, own, mode, depth + 1) : null;
    return isObj(merged) && isObj(rest) ? { ...merged, ...rest } : (merged ?? rest);
  }
  for (const k of ['oneOf', 'anyOf'] as const) {
    const alts = schema[k];
    if (Array.isArray(alts) && alts.length) return generate(doc, mode === 'static' ? alts[0] : pick(alts), mode, depth + 1);
  }
  let type = schema.type;
  if (Array.isArray(type)) type = (type.find((t) => t !== 'null') ?? 'null') as Json;
  if (type === undefined) type = schema.properties ? 'object' : schema.items ? 'array' : 'string';
  switch (type) {
    case 'object': {
      const out: JsonObject = {};
      const props = isObj(schema.properties) ? schema.properties : {};
      for (const [name, sub] of Object.entries(props)) {
        if (isObj(sub) && sub.writeOnly === true) continue;
        out[name] = generate(doc, sub, mode, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = num(schema.minItems, 1);
      const max = Math.max(min, num(schema.maxItems, mode === 'static' ? min : min + 3));
      const n = mode === 'static' ? Math.max(min, 1) : randInt(min, Math.min(max, min + 4));
      return Array.from({ length: Math.min(n, max) }, () => generate(doc, schema.items, mode, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = num(schema.minimum, num(schema.exclusiveMinimum, 0) + (typeof schema.exclusiveMinimum === 'number' ? 1 : 0));
      const hi = num(schema.maximum, lo + 1000);
      let v = mode === 'static' ? lo : type === 'integer' ? randInt(lo, hi) : lo + Math.random() * (hi - lo);
      if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) v = Math.ceil(v / schema.multipleOf) * schema.multipleOf;
      return type === 'integer' ? Math.round(v) : v;
    }
    case 'boolean':
      return mode === 'static' ? true : Math.random() < 0.5;
    case 'null':
      return null;
    default:
      return str(schema, mode);
  }
}

function str(schema: JsonObject, mode: 'static' | 'dynamic'): string {
  const r = mode === 'dynamic';
  const hex = (n: number) => Array.from({ length: n }, () => (r ? Math.floor(Math.random() * 16) : 0).toString(16)).join('');
  switch (schema.format) {
    case 'date-time':
      return r ? new Date(Date.now() - randInt(0, 3e10)).toISOString() : '2024-01-01T00:00:00.000Z';
    case 'date':
      return r ? new Date(Date.now() - randInt(0, 3e10)).toISOString().slice(0, 10) : '2024-01-01';
    case 'email':
      return r ? `user${randInt(1, 9999)}@example.com` : 'user@example.com';
    case 'uuid':
      return r ? crypto.randomUUID() : `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
    case 'uri':
    case 'url':
      return r ? `https://example.com/${hex(6)}` : 'https://example.com/';
    case 'ipv4':
      return r ? `192.0.2.${randInt(1, 254)}` : '192.0.2.1';
    case 'hostname':
      return 'example.com';
  }
  const min = num(schema.minLength, 0);
  const max = num(schema.maxLength, Math.max(min, 12));
  let s = r ? Math.random().toString(36).slice(2, 12) : 'string';
  while (s.length < min) s += s;
  return s.slice(0, Math.max(min, Math.min(max, s.length)));
}

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: Json | undefined, d: number) => (typeof v === 'number' ? v : d);
const randInt = (lo: number, hi: number) => Math.floor(lo + Math.random() * (hi - lo + 1));
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
