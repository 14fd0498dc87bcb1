import { SCHEMA_V2_1 } from '@postern/collection';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** v2.0 auth parameters (`basic: { username, password }`) as v2.1 writes them (`basic: [{ key, value, type }]`). */
function authToV21(auth: unknown): unknown {
  if (!isObject(auth) || typeof auth.type !== 'string') return auth;
  const out: JsonObject = { ...auth };
  for (const [name, params] of Object.entries(auth)) {
    if (name === 'type' || !isObject(params)) continue;
    out[name] = Object.entries(params).map(([key, value]) => ({
      key,
      value,
      type: typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : 'any',
    }));
  }
  return out;
}

function itemToV21(item: unknown): unknown {
  if (!isObject(item)) return item;
  const out: JsonObject = { ...item };
  if ('auth' in item) out.auth = authToV21(item.auth);
  if (isObject(item.request) && 'auth' in item.request) out.request = { ...item.request, auth: authToV21(item.request.auth) };
  if (Array.isArray(item.item)) out.item = item.item.map(itemToV21);
  return out;
}

/**
 * A stored collection as Postman Collection v2.1, the format the export promises (P21). v2.1
 * documents are returned as they are; a v2.0 one differs only in how auth parameters are written
 * (an object instead of a key/value list), so those are rewritten and the schema URL set.
 */
export function toPostmanV21(document: JsonObject): JsonObject {
  const info = isObject(document.info) ? document.info : {};
  if (info.schema === SCHEMA_V2_1) return document;
  const out = itemToV21(document) as JsonObject;
  out.info = { ...info, schema: SCHEMA_V2_1 };
  return out;
}
