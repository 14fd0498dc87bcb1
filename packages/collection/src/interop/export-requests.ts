/**
 * Every request of a collection as it would be sent, for the exporters that write concrete
 * requests (cURL, HAR): variables resolved, inherited auth applied where a header or query
 * parameter can carry it, disabled entries dropped. What cannot be carried is listed in `skipped`.
 */
import { authParams, bodyOf, enabledHeaders, requestOf, type NormalizedBody } from '../request.ts';
import { effectiveAuth, flattenItems, protocolProfileBehaviorFor } from '../tree.ts';
import type { Collection, Header, Item, ItemGroup, ProtocolProfileBehavior, Response } from '../types.ts';
import { toAbsoluteUrl, urlToString } from '../url.ts';
import { VariableResolver, VariableScope } from '../variables.ts';
import type { ExportOptions, Skipped } from './types.ts';

export interface ExportedRequest {
  /** Folder names and the request name: `Users / Create user`. */
  name: string;
  method: string;
  /** Absolute, percent-encoded URL with variables resolved. */
  url: string;
  headers: Header[];
  body?: NormalizedBody;
  /** basic, digest and ntlm credentials: cURL has flags for them, HAR writes basic as a header. */
  credentials?: { scheme: 'basic' | 'digest' | 'ntlm'; username: string; password: string };
  behavior: ProtocolProfileBehavior;
  /** Saved responses ("examples"), unresolved. */
  responses: Response[];
}

export function exportedRequests(collection: Collection, options: ExportOptions = {}): { requests: ExportedRequest[]; skipped: Skipped[] } {
  // Earlier lists win (pass the environment before the globals); the collection's own come last.
  const scopes = [...(options.variables ?? []).map((list) => new VariableScope(list.values ?? [])), new VariableScope(collection.variable ?? [])];
  const skipped: Skipped[] = [];
  const requests = flattenItems(collection).map(({ item, path }) => {
    const resolver = new VariableResolver([new VariableScope(item.variable ?? []), ...[...path].reverse().map((f) => new VariableScope(f.variable ?? [])), ...scopes]);
    return exportedRequest(collection, path, item, (text) => resolver.replaceIn(text), skipped);
  });
  return { requests, skipped };
}

function exportedRequest(collection: Collection, path: ItemGroup[], item: Item, resolve: (text: string) => string, skipped: Skipped[]): ExportedRequest {
  const request = requestOf(item);
  const name = [...path.map((f) => f.name ?? ''), item.name ?? ''].filter(Boolean).join(' / ') || 'request';
  const behavior = protocolProfileBehaviorFor(collection, path, item);
  let url = urlToString(request.url, { resolve, disableUrlEncoding: behavior.disableUrlEncoding === true });
  // http:// as Postman sends it, unless an unresolved {{variable}} may hold the protocol.
  if (!url.startsWith('{{')) url = toAbsoluteUrl(url);
  const headers = enabledHeaders(request).map((h) => ({ key: resolve(h.key), value: resolve(String(h.value ?? '')) }));
  const out: ExportedRequest = {
    name,
    method: (request.method ?? 'GET').toUpperCase(),
    url,
    headers,
    behavior,
    responses: item.response ?? [],
  };
  const body = bodyOf(request);
  if (body) out.body = resolveBody(body, resolve);

  const auth = effectiveAuth(collection, path, item);
  const params = authParams(auth);
  const text = (key: string) => resolve(params[key] == null ? '' : String(params[key]));
  switch (auth?.type) {
    case undefined:
    case 'noauth':
      break;
    case 'basic':
    case 'digest':
    case 'ntlm':
      out.credentials = { scheme: auth.type, username: text('username'), password: text('password') };
      break;
    case 'bearer':
      headers.push({ key: 'Authorization', value: `Bearer ${text('token')}` });
      break;
    case 'apikey': {
      const key = text('key');
      if (text('in') === 'query') {
        url += `${url.includes('?') ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(text('value'))}`;
        out.url = url;
      } else {
        headers.push({ key, value: text('value') });
      }
      break;
    }
    default:
      skipped.push({ at: name, what: `${auth?.type ?? ''} auth (signed when sent: add its header by hand, or send the request with Postern)` });
  }
  return out;
}

function resolveBody(body: NormalizedBody, resolve: (text: string) => string): NormalizedBody {
  switch (body.mode) {
    case 'raw':
      return { ...body, raw: resolve(body.raw) };
    case 'urlencoded':
      return { mode: 'urlencoded', params: body.params.map((p) => ({ key: resolve(p.key), value: resolve(p.value ?? '') })) };
    case 'formdata':
      return {
        mode: 'formdata',
        parts: body.parts.map((part) => (part.type === 'text' ? { ...part, key: resolve(part.key), value: resolve(part.value) } : { ...part, key: resolve(part.key), src: part.src.map(resolve) })),
      };
    case 'file':
      return body.src === undefined ? body : { ...body, src: resolve(body.src) };
    case 'graphql':
      return body.variables === undefined ? { mode: 'graphql', query: resolve(body.query) } : { mode: 'graphql', query: resolve(body.query), variables: resolve(body.variables) };
  }
}

/** The JSON a graphql body is sent as. */
export function graphqlJson(body: { query: string; variables?: string }): string {
  let variables: unknown;
  if (body.variables !== undefined) {
    try {
      variables = JSON.parse(body.variables);
    } catch {
      variables = undefined; // Postman sends invalid variables JSON as no variables
    }
  }
  return JSON.stringify(variables === undefined ? { query: body.query } : { query: body.query, variables });
}

/** The media type a raw body is sent with when no Content-Type header says otherwise (Postman's choice). */
export function rawContentType(language: string | undefined): string {
  switch (language) {
    case 'json':
      return 'application/json';
    case 'xml':
      return 'application/xml';
    case 'html':
      return 'text/html';
    case 'javascript':
      return 'application/javascript';
    default:
      return 'text/plain';
  }
}

export function headerValue(headers: readonly Header[], key: string): string | undefined {
  return headers.find((h) => h.key.toLowerCase() === key.toLowerCase())?.value;
}
