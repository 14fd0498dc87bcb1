/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) describing an example value. */
import { isObj, type Json, type JsonObject } from './json.ts';

export function inferSchema(value: Json, depth = 0): JsonObject {
  if (depth > 12) return {};
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return value.length ? { type: 'array', items: inferSchema(value[0]!, depth + 1) } : { type: 'array', items: {} };
  if (isObj(value)) {
    const properties: JsonObject = {};
    for (const [k, v] of Object.entries(value)) properties[k] = inferSchema(v, depth + 1);
    return { type: 'object', properties };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}
