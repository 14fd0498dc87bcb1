/** A Postman request body → an OpenAPI requestBody with its example, by body mode. */
import { headersOf } from '../../request.ts';
import type { RequestObject } from '../../types.ts';
import type { ExportContext } from './export-context.ts';
import { descriptionText } from './export-url.ts';
import { inferSchema } from './infer-schema.ts';
import type { Json, JsonObject } from './json.ts';
import { mediaKind } from './media.ts';

const LANGUAGE_TYPES: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  javascript: 'application/javascript',
  text: 'text/plain',
};

export function exportBody(ctx: ExportContext, request: RequestObject, at: string): JsonObject | undefined {
  const body = request.body;
  if (!body || typeof body !== 'object' || body.disabled === true) return undefined;
  const declared = headersOf(request).find((h) => h.key?.toLowerCase() === 'content-type' && h.disabled !== true)?.value?.split(';')[0]?.trim();
  const content = (mediaType: string, media: JsonObject): JsonObject => ({ content: { [mediaType]: media } });
  switch (body.mode) {
    case 'raw': {
      const raw = typeof body.raw === 'string' ? body.raw : '';
      const language = body.options?.raw?.language;
      const mediaType = declared || LANGUAGE_TYPES[typeof language === 'string' ? language : 'text'] || 'text/plain';
      if (mediaKind(mediaType) === 'json') {
        try {
          const value = JSON.parse(raw) as Json;
          return content(mediaType, { schema: inferSchema(value), example: value });
        } catch {
          // `{{variables}}` outside strings make the JSON invalid: keep the text as written.
        }
      }
      return content(mediaType, { schema: { type: 'string' }, example: raw });
    }
    case 'urlencoded':
    case 'formdata': {
      const fields = (body.mode === 'urlencoded' ? body.urlencoded : body.formdata) ?? [];
      const properties: JsonObject = {};
      const example: JsonObject = {};
      const encoding: JsonObject = {};
      for (const f of fields) {
        if (!f || typeof f.key !== 'string') continue;
        const isFile = body.mode === 'formdata' && (f as { type?: string }).type === 'file';
        const prop: JsonObject = isFile ? { type: 'string', format: 'binary' } : { type: 'string' };
        const description = descriptionText(f.description);
        if (description) prop.description = description;
        properties[f.key] = prop;
        if (!isFile && f.disabled !== true) example[f.key] = f.value ?? '';
        const partType = (f as { contentType?: unknown }).contentType;
        if (typeof partType === 'string' && partType) encoding[f.key] = { contentType: partType };
      }
      const media: JsonObject = { schema: { type: 'object', properties }, example };
      if (Object.keys(encoding).length) media.encoding = encoding;
      return content(body.mode === 'urlencoded' ? 'application/x-www-form-urlencoded' : 'multipart/form-data', media);
    }
    case 'file':
      return content(declared && mediaKind(declared) === 'binary' ? declared : 'application/octet-stream', { schema: { type: 'string', format: 'binary' } });
    case 'graphql': {
      ctx.note(at, 'GraphQL body (exported as a JSON body with query and variables)');
      const vars = body.graphql?.variables;
      let variables: Json = {};
      try {
        variables = typeof vars === 'string' && vars.trim() ? (JSON.parse(vars) as Json) : ((vars ?? {}) as Json);
      } catch {
        variables = {};
      }
      const value: JsonObject = { query: body.graphql?.query ?? '', variables };
      return content('application/json', { schema: inferSchema(value), example: value });
    }
    default:
      return undefined;
  }
}
