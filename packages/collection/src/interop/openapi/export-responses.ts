/** Saved responses → OpenAPI responses, grouped by status code, each saved response an example. */
import { parseHeaders } from '../../request.ts';
import type { Response } from '../../types.ts';
import { inferSchema } from './infer-schema.ts';
import type { Json, JsonObject } from './json.ts';
import { mediaKind } from './media.ts';
import { reasonPhrase } from './status.ts';

const SKIPPED_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'transfer-encoding', 'keep-alive']);

export function exportResponses(saved: Response[] | undefined): JsonObject {
  const byCode = new Map<number, Response[]>();
  for (const r of saved ?? []) {
    const code = typeof r.code === 'number' && r.code >= 100 && r.code <= 599 ? r.code : 200;
    byCode.set(code, [...(byCode.get(code) ?? []), r]);
  }
  if (byCode.size === 0) return { '200': { description: 'Successful response' } };
  const out: JsonObject = {};
  for (const [code, list] of [...byCode].sort(([a], [b]) => a - b)) {
    const response: JsonObject = { description: list[0]!.name || reasonPhrase(code) || String(code) };
    const headers: JsonObject = {};
    const content: JsonObject = {};
    const usedNames = new Set<string>();
    for (const r of list) {
      const header = parseHeaders(r.header ?? []);
      for (const h of header) {
        if (!h.key || SKIPPED_HEADERS.has(h.key.toLowerCase()) || headers[h.key] !== undefined) continue;
        headers[h.key] = { schema: { type: 'string' }, example: h.value ?? '' };
      }
      if (typeof r.body !== 'string' || r.body === '') continue;
      const mediaType =
        header.find((h) => h.key?.toLowerCase() === 'content-type')?.value?.split(';')[0]?.trim() ||
        (r._postman_previewlanguage === 'json' ? 'application/json' : r._postman_previewlanguage === 'xml' ? 'application/xml' : r._postman_previewlanguage === 'html' ? 'text/html' : 'text/plain');
      let value: Json = r.body;
      if (mediaKind(mediaType) === 'json') {
        try {
          value = JSON.parse(r.body) as Json;
        } catch {
          // Not JSON after all: the text is the example.
        }
      }
      const media = (content[mediaType] ??= { schema: inferSchema(value), examples: {} }) as JsonObject;
      let key = slug(r.name || `example`);
      for (let n = 2; usedNames.has(key); n++) key = `${slug(r.name || 'example')}_${n}`;
      usedNames.add(key);
      (media.examples as JsonObject)[key] = { summary: r.name || key, value };
    }
    if (Object.keys(headers).length) response.headers = headers;
    if (Object.keys(content).length) response.content = content;
    out[String(code)] = response;
  }
  return out;
}

function slug(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'example';
}
