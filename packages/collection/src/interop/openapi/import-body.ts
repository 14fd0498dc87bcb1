/**
 * Request bodies → Postman bodies, one media type per request (JSON first, as Postman picks):
 * raw JSON/XML/text from the example or the schema, urlencoded and form-data fields from the
 * schema's properties, a file body for binary media types.
 */
import type { FormParam, RequestBody, UrlEncodedParam } from '../../types.ts';
import { deref, isObj, type Json, type JsonObject } from './json.ts';
import type { ImportContext } from './import-context.ts';
import { languageOf, mediaKind, preferredMediaType } from './media.ts';
import { asText, type Direction } from './schema-example.ts';
import { toXml } from './xml.ts';

export interface ImportedBody {
  body: RequestBody;
  /** Sent as the Content-Type header for raw and file bodies (forms get theirs from the runtime). */
  contentType?: string;
}

export function requestBodyOf(ctx: ImportContext, op: JsonObject): JsonObject | undefined {
  const body = deref(ctx.doc, op.requestBody);
  return isObj(body) && isObj(body.content) ? body : undefined;
}

/** The body for an operation; `exampleKey` picks a named example (paired with a response example). */
export function bodyFor(
  ctx: ImportContext,
  requestBody: JsonObject,
  at: (string | number)[],
  exampleKey: string | undefined,
  reportOthers: boolean,
): ImportedBody | undefined {
  const content = requestBody.content as JsonObject;
  const mediaType = preferredMediaType(Object.keys(content));
  if (mediaType === undefined) return undefined;
  const media = content[mediaType];
  if (!isObj(media)) return undefined;
  if (reportOthers) {
    const others = Object.keys(content).filter((m) => m !== mediaType);
    if (others.length) ctx.note([...at, 'content'], `request media types ${others.join(', ')} (a request has one body; ${mediaType} was used)`);
  }
  return bodyForMedia(ctx, mediaType, media, 'request', exampleKey);
}

/** Example value of a media type object: `example`, the named or first of `examples`, else generated. */
export function mediaExample(ctx: ImportContext, media: JsonObject, direction: Direction, exampleKey?: string): Json {
  if (media.example !== undefined) return media.example;
  if (isObj(media.examples)) {
    const chosen = exampleKey !== undefined && media.examples[exampleKey] !== undefined ? media.examples[exampleKey] : Object.values(media.examples)[0];
    const example = deref(ctx.doc, chosen);
    if (isObj(example) && example.value !== undefined) return example.value;
  }
  return ctx.example(media.schema, direction);
}

/** Body text for a response or raw request body. */
export function bodyText(ctx: ImportContext, mediaType: string, media: JsonObject, direction: Direction, exampleKey?: string): string {
  const value = mediaExample(ctx, media, direction, exampleKey);
  const kind = mediaKind(mediaType);
  if (typeof value === 'string') return value;
  if (kind === 'xml') return toXml(value, deref(ctx.doc, media.schema));
  return JSON.stringify(value, null, 2);
}

function bodyForMedia(ctx: ImportContext, mediaType: string, media: JsonObject, direction: Direction, exampleKey?: string): ImportedBody {
  const kind = mediaKind(mediaType);
  if (kind === 'urlencoded' || kind === 'multipart') {
    const value = mediaExample(ctx, media, direction, exampleKey);
    const schema = deref(ctx.doc, media.schema);
    const props = isObj(schema) && isObj(schema.properties) ? schema.properties : {};
    const encoding = isObj(media.encoding) ? media.encoding : {};
    const fields = isObj(value) ? Object.entries(value) : [];
    if (kind === 'urlencoded') {
      const urlencoded: UrlEncodedParam[] = fields.map(([key, v]) => field<UrlEncodedParam>({ key, value: asText(v) }, props[key], ctx));
      return { body: { mode: 'urlencoded', urlencoded } };
    }
    const formdata: FormParam[] = fields.map(([key, v]) => {
      const prop = deref(ctx.doc, props[key]);
      const enc = encoding[key];
      const part: FormParam = isBinary(ctx, prop) ? { key, type: 'file', src: [] } : { key, value: asText(v), type: 'text' };
      if (isObj(enc) && typeof enc.contentType === 'string') part.contentType = enc.contentType;
      return field(part, prop, ctx);
    });
    return { body: { mode: 'formdata', formdata } };
  }
  if (kind === 'binary') return { body: { mode: 'file', file: { src: '' } }, contentType: mediaType };
  const raw = bodyText(ctx, mediaType, media, direction, exampleKey);
  const language = languageOf(mediaType);
  return { body: { mode: 'raw', raw, options: { raw: { language } } }, contentType: mediaType };
}

function isBinary(ctx: ImportContext, prop: Json | undefined): boolean {
  if (!isObj(prop)) return false;
  if (prop.format === 'binary' || prop.format === 'base64' || typeof prop.contentMediaType === 'string') return true;
  const items = deref(ctx.doc, prop.items);
  return prop.type === 'array' && isObj(items) && (items.format === 'binary' || items.format === 'base64');
}

function field<T extends { description?: unknown }>(entry: T, prop: Json | undefined, ctx: ImportContext): T {
  const p = deref(ctx.doc, prop);
  if (isObj(p) && typeof p.description === 'string') entry.description = p.description;
  return entry;
}
