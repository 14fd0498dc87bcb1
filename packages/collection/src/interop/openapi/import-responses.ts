/**
 * Responses → saved responses ("examples"): one per status code, or one per named example when
 * the response has several. Each carries the request it answers; a named response example is
 * paired with the request body example of the same name, as Postman pairs them.
 */
import type { Header, RequestObject, Response } from '../../types.ts';
import { deref, isObj, type JsonObject } from './json.ts';
import type { ImportContext } from './import-context.ts';
import { bodyText } from './import-body.ts';
import { languageOf, mediaKind, preferredMediaType } from './media.ts';
import { asText } from './schema-example.ts';
import { codeOf, reasonPhrase } from './status.ts';

export function savedResponses(
  ctx: ImportContext,
  op: JsonObject,
  at: (string | number)[],
  requestFor: (exampleKey?: string) => RequestObject,
): Response[] {
  const out: Response[] = [];
  const responses = isObj(op.responses) ? op.responses : {};
  for (const [key, raw] of Object.entries(responses)) {
    const where = [...at, 'responses', key];
    if (key.startsWith('x-')) continue;
    const code = codeOf(key);
    const response = deref(ctx.doc, raw);
    if (code === undefined || !isObj(response)) {
      ctx.note(where, `response "${key}" (not a status code)`);
      continue;
    }
    if (isObj(response.links) && Object.keys(response.links).length) ctx.note([...where, 'links'], 'response links (Postman has no links)');
    const name = firstLine(typeof response.description === 'string' ? response.description : '') || key;
    const headers = responseHeaders(ctx, response);
    const content = isObj(response.content) ? response.content : {};
    const mediaType = preferredMediaType(Object.keys(content));
    const media = mediaType === undefined ? undefined : content[mediaType];
    const base = (exampleName: string, exampleKey: string | undefined, body: string): Response => ({
      name: exampleName,
      originalRequest: requestFor(exampleKey),
      status: reasonPhrase(code),
      code,
      header: mediaType ? [{ key: 'Content-Type', value: mediaType }, ...headers] : headers,
      cookie: [],
      body,
      ...(mediaType ? { _postman_previewlanguage: languageOf(mediaType) } : {}),
    });
    // A binary response has no text to show: the saved response names its type only.
    if (mediaType === undefined || !isObj(media) || mediaKind(mediaType) === 'binary') {
      out.push(base(name, undefined, ''));
      continue;
    }
    const named = isObj(media.examples) ? Object.entries(media.examples) : [];
    if (media.example === undefined && named.length > 1) {
      for (const [exampleKey, ex] of named) {
        const example = deref(ctx.doc, ex);
        const label = isObj(example) && typeof example.summary === 'string' ? example.summary : exampleKey;
        out.push(base(`${name} (${label})`, exampleKey, bodyText(ctx, mediaType, media, 'response', exampleKey)));
      }
    } else out.push(base(name, named[0]?.[0], bodyText(ctx, mediaType, media, 'response')));
  }
  return out;
}

function responseHeaders(ctx: ImportContext, response: JsonObject): Header[] {
  const headers = isObj(response.headers) ? response.headers : {};
  const out: Header[] = [];
  for (const [key, raw] of Object.entries(headers)) {
    if (key.toLowerCase() === 'content-type') continue;
    const header = deref(ctx.doc, raw);
    if (!isObj(header)) continue;
    const value = header.example !== undefined ? header.example : ctx.example(header.schema, 'response');
    const entry: Header = { key, value: asText(value) };
    if (typeof header.description === 'string') entry.description = header.description;
    out.push(entry);
  }
  return out;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
