/** One operation → one Postman request item (URL, params, headers, body, auth, saved responses). */
import { parseUrl } from '../../url.ts';
import type { Auth, Header, Item, QueryParam, RequestObject, UrlObject, Variable } from '../../types.ts';
import { deref, isObj, type Json, type JsonObject, type Method } from './json.ts';
import { authFor } from './import-auth.ts';
import { bodyFor, requestBodyOf } from './import-body.ts';
import type { ImportContext } from './import-context.ts';
import { paramsFor } from './import-params.ts';
import { savedResponses } from './import-responses.ts';
import { preferredMediaType } from './media.ts';
import { serverUrl } from './servers.ts';

export interface OperationRef {
  path: string;
  method: Method;
  pathItem: JsonObject;
  op: JsonObject;
}

export function operationItem(ctx: ImportContext, ref: OperationRef, globalSecurity: Json | undefined): Item {
  const { path, method, pathItem, op } = ref;
  const at = ['paths', path, method];
  const params = paramsFor(ctx, pathItem, op, at);
  if (isObj(op.callbacks) && Object.keys(op.callbacks).length) ctx.note([...at, 'callbacks'], 'callbacks (Postman requests cannot describe them)');

  const servers = Array.isArray(op.servers) && op.servers.length ? op.servers : Array.isArray(pathItem.servers) && pathItem.servers.length ? pathItem.servers : undefined;
  const base = servers ? (serverUrl(servers[0]) ?? '{{baseUrl}}') : '{{baseUrl}}';
  const url = buildUrl(ctx, base, path, params.query, params.path);

  const header: Header[] = [...params.header];
  const accept = acceptOf(ctx, op);
  if (accept) header.push({ key: 'Accept', value: accept });
  const requestBody = requestBodyOf(ctx, op);

  let auth: Auth | undefined;
  if (op.security !== undefined && JSON.stringify(op.security) !== JSON.stringify(globalSecurity)) auth = authFor(ctx, op.security, [...at, 'security']);

  const requestFor = (exampleKey?: string, main = false): RequestObject => {
    const imported = requestBody ? bodyFor(ctx, requestBody, [...at, 'requestBody'], exampleKey, main) : undefined;
    const headers = imported?.contentType ? [{ key: 'Content-Type', value: imported.contentType }, ...header] : header;
    const request: RequestObject = { method: method.toUpperCase(), header: structuredClone(headers), url: structuredClone(url) };
    if (imported) request.body = imported.body;
    if (auth) request.auth = auth;
    return request;
  };

  const request = requestFor(undefined, true);
  const description = typeof op.description === 'string' ? op.description : undefined;
  if (description) request.description = description;
  const item: Item = { name: nameOf(op, url), request };
  item.response = savedResponses(ctx, op, at, (key) => {
    const original = requestFor(key);
    delete original.auth;
    return original;
  });
  return item;
}

function nameOf(op: JsonObject, url: UrlObject): string {
  for (const k of ['summary', 'operationId', 'description'] as const) {
    const v = op[k];
    if (typeof v === 'string' && v.trim()) return v.trim().split('\n')[0]!;
  }
  return url.raw ?? '';
}

/** `/pets/{petId}` → `:petId`; a variable inside a segment (`{name}.json`) becomes `{{name}}`. */
function buildUrl(ctx: ImportContext, base: string, path: string, query: QueryParam[], pathVars: Map<string, Variable>): UrlObject {
  const variables: Variable[] = [];
  const segments = path.split('/').map((segment) => {
    const whole = /^\{([^{}]+)\}$/.exec(segment);
    if (whole) {
      const name = whole[1]!;
      variables.push(pathVars.get(name) ?? { key: name, value: '' });
      return `:${name}`;
    }
    return segment.replace(/\{([^{}]+)\}/g, (_, name: string) => {
      ctx.pathVariables.set(name, String(pathVars.get(name)?.value ?? ''));
      return `{{${name}}}`;
    });
  });
  const pathText = segments.join('/');
  const url = parseUrl(`${base.replace(/\/+$/, '')}${pathText.startsWith('/') ? '' : '/'}${pathText}`);
  const enabled = query.filter((q) => !q.disabled);
  if (enabled.length) url.raw = `${url.raw}?${enabled.map((q) => `${q.key}=${q.value ?? ''}`).join('&')}`;
  if (query.length) url.query = query;
  if (variables.length) url.variable = variables;
  else delete url.variable;
  return url;
}

/** The media type of the first success response with content, sent as Accept (as Postman does). */
function acceptOf(ctx: ImportContext, op: JsonObject): string | undefined {
  const responses = isObj(op.responses) ? op.responses : {};
  const key = Object.keys(responses).find((k) => /^2/.test(k)) ?? Object.keys(responses)[0];
  const response = key === undefined ? undefined : deref(ctx.doc, responses[key]);
  if (!isObj(response) || !isObj(response.content)) return undefined;
  return preferredMediaType(Object.keys(response.content));
}
