/**
 * A value for a schema, the way Postman's OpenAPI import fills requests: the schema's example,
 * default, const or first enum value when it has one, otherwise a typed placeholder (`<string>`,
 * `<long>`, `<dateTime>` …). Deterministic, so imports are reproducible. Recursive schemas stop at
 * the first repeat.
 */
import { isObj, resolvePointer, type Json, type JsonObject } from './json.ts';

export type Direction = 'request' | 'response';

const MAX_DEPTH = 10;

export function exampleFor(doc: JsonObject, schema: Json | undefined, direction: Direction): Json {
  return build(doc, schema, direction, new Set(), 0);
}

function build(doc: JsonObject, schema: Json | undefined, direction: Direction, refs: ReadonlySet<string>, depth: number): Json {
  if (schema === true || schema === undefined) return '<any>';
  if (!isObj(schema) || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') {
    if (refs.has(schema.$ref)) return null;
    return build(doc, resolvePointer(doc, schema.$ref), direction, new Set([...refs, schema.$ref]), depth + 1);
  }
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0]!;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0]!;
  if (Array.isArray(schema.allOf)) {
    let merged = null as Json;
    for (const part of schema.allOf) {
      const v = build(doc, part, direction, refs, depth + 1);
      merged = isObj(merged) && isObj(v) ? { ...merged, ...v } : (v ?? merged);
    }
    const own = { ...schema };
    delete own.allOf;
    const rest = own.properties || own.type ? build(doc, own, direction, refs, depth + 1) : null;
    return isObj(merged) && isObj(rest) ? { ...merged, ...rest } : (merged ?? rest);
  }
  for (const k of ['oneOf', 'anyOf'] as const) {
    const alts = schema[k];
    if (Array.isArray(alts) && alts.length) return build(doc, alts[0], direction, refs, depth + 1);
  }
  let type = schema.type;
  if (Array.isArray(type)) type = (type.find((t) => t !== 'null') ?? 'null') as Json;
  if (type === undefined) type = schema.properties ? 'object' : schema.items ? 'array' : 'string';
  switch (type) {
    case 'object': {
      const out: JsonObject = {};
      const props = isObj(schema.properties) ? schema.properties : {};
      for (const [name, sub] of Object.entries(props)) {
        const prop = isObj(sub) && typeof sub.$ref === 'string' ? (resolvePointer(doc, sub.$ref) ?? sub) : sub;
        // Postman leaves readOnly fields out of requests and writeOnly fields out of responses.
        if (isObj(prop) && prop[direction === 'request' ? 'readOnly' : 'writeOnly'] === true) continue;
        out[name] = build(doc, sub, direction, refs, depth + 1);
      }
      if (isObj(schema.additionalProperties) && Object.keys(out).length === 0) {
        out['<key>'] = build(doc, schema.additionalProperties, direction, refs, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(typeof schema.minItems === 'number' ? schema.minItems : 2, 1);
      const count = Math.min(n, typeof schema.maxItems === 'number' ? Math.max(schema.maxItems, 1) : n, 5);
      return Array.from({ length: count }, () => build(doc, schema.items, direction, refs, depth + 1));
    }
    case 'null':
      return null;
    default:
      return placeholder(String(type), typeof schema.format === 'string' ? schema.format : undefined);
  }
}

const FORMAT_PLACEHOLDERS: Record<string, string> = {
  int32: 'integer', int64: 'long', float: 'float', double: 'double', 'date-time': 'dateTime', date: 'date',
  uuid: 'uuid', email: 'email', uri: 'uri', url: 'url', byte: 'byte', binary: 'binary', password: 'password',
  hostname: 'hostname', ipv4: 'ipv4', ipv6: 'ipv6',
};

/** `<string>`, `<long>`, `<dateTime>` … as Postman writes them. */
export function placeholder(type: string, format?: string): string {
  return `<${(format && FORMAT_PLACEHOLDERS[format]) ?? type}>`;
}

/** A parameter or form field value as text: strings as they are, other values as JSON. */
export function asText(value: Json): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
