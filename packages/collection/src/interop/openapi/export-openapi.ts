/**
 * A Postman collection → an OpenAPI 3.1 document: one operation per request (method + path
 * template), parameters from query, headers and path variables, request bodies and saved
 * responses as examples, auth as security schemes, folders as tags, the hosts as servers.
 */
import { stringify } from 'yaml';
import { headersOf, toRequestObject } from '../../request.ts';
import { effectiveAuth, flattenItems } from '../../tree.ts';
import type { Auth, Collection, QueryParam } from '../../types.ts';
import type { ExportOptions, ExportResult } from '../types.ts';
import { securityFor } from './export-auth.ts';
import { exportBody } from './export-body.ts';
import { ExportContext } from './export-context.ts';
import { exportResponses } from './export-responses.ts';
import { descriptionText, exportUrl } from './export-url.ts';
import { METHODS, type Json, type JsonObject } from './json.ts';

export interface OpenApiExportOptions extends ExportOptions {
  /** YAML instead of JSON. */
  yaml?: boolean;
}

// OpenAPI ignores these as header parameters: the body, content negotiation and auth say them.
const BODY_OR_AUTH_HEADERS = new Set(['content-type', 'accept', 'authorization']);

export function exportOpenApi(collection: Collection, options: OpenApiExportOptions = {}): ExportResult {
  const doc = buildOpenApi(collection, options);
  const skipped = doc.skipped;
  if (options.yaml) return { text: stringify(doc.document, { lineWidth: 0 }), mediaType: 'application/yaml', extension: 'yaml', skipped };
  return { text: `${JSON.stringify(doc.document, null, 2)}\n`, mediaType: 'application/json', extension: 'json', skipped };
}

export function buildOpenApi(collection: Collection, options: ExportOptions = {}): { document: JsonObject; skipped: ExportContext['skipped'] } {
  const values = new Map<string, string>();
  for (const list of options.variables ?? []) for (const v of list.values ?? []) if (typeof v.key === 'string' && v.disabled !== true) values.set(v.key, String(v.value ?? ''));
  for (const v of collection.variable ?? []) if (typeof v.key === 'string' && !values.has(v.key) && v.disabled !== true) values.set(v.key, String(v.value ?? ''));
  const ctx = new ExportContext(values);

  const paths: JsonObject = {};
  const servers: JsonObject[] = [];
  const tags = new Map<string, JsonObject>();
  const operationIds = new Set<string>();
  const globalSecurity = collection.auth ? securityFor(ctx, collection.auth, 'auth') : undefined;

  flattenItems(collection).forEach(({ item, path: folders, index }) => {
    const at = `item ${index + 1} (${[...folders.map((f) => f.name), item.name].join(' / ')})`;
    const request = toRequestObject(item.request);
    const method = String(request.method ?? 'GET').toLowerCase();
    if (!(METHODS as readonly string[]).includes(method)) {
      ctx.note(at, `method ${method.toUpperCase()} (OpenAPI describes ${METHODS.join(', ')} only)`);
      return;
    }
    const url = exportUrl(ctx, request.url);
    const serverKey = JSON.stringify(url.server);
    if (!servers.some((s) => JSON.stringify(s) === serverKey)) servers.push(url.server);
    const pathItem = (paths[url.path] ??= {}) as JsonObject;
    if (pathItem[method] !== undefined) {
      ctx.note(at, `${method.toUpperCase()} ${url.path} is already described by another request (OpenAPI has one operation per method and path)`);
      return;
    }

    const op: JsonObject = {};
    if (folders.length) {
      const tag = folders.map((f) => f.name ?? '').join(' / ');
      op.tags = [tag];
      if (!tags.has(tag)) {
        const description = descriptionText(folders[folders.length - 1]!.description);
        tags.set(tag, description ? { name: tag, description } : { name: tag });
      }
    }
    op.summary = item.name ?? `${method.toUpperCase()} ${url.path}`;
    const description = descriptionText(request.description) ?? descriptionText(item.description);
    if (description) op.description = description;
    op.operationId = uniqueId(operationIds, item.name ?? `${method} ${url.path}`);
    const parameters = [
      ...url.pathParams.map((p) => param(p.name, 'path', true, p.example, p.description)),
      ...queryParams(url.query),
      ...headersOf(request)
        .filter((h) => typeof h.key === 'string' && h.key && !BODY_OR_AUTH_HEADERS.has(h.key.toLowerCase()))
        .map((h) => param(h.key, 'header', h.disabled !== true, h.value ?? '', descriptionText(h.description))),
    ];
    if (parameters.length) op.parameters = parameters;
    if (headersOf(request).some((h) => h.key?.toLowerCase() === 'authorization' && h.disabled !== true)) {
      ctx.note(at, 'Authorization header (OpenAPI describes credentials with security schemes; set the request auth instead)');
    }
    const body = exportBody(ctx, request, at);
    if (body) op.requestBody = body;
    op.responses = exportResponses(item.response);

    const auth = effectiveAuth(collection, folders, item);
    if (auth && !sameAuth(auth, collection.auth)) {
      const security = securityFor(ctx, auth, at);
      if (security) op.security = security;
    } else if (!auth && collection.auth) op.security = [];
    if (JSON.stringify(url.server) !== JSON.stringify(servers[0])) op.servers = [url.server];
    pathItem[method] = op;
  });

  const info = collection.info;
  const document: JsonObject = {
    openapi: '3.1.0',
    info: {
      title: info.name || 'Untitled collection',
      version: typeof info.version === 'string' && info.version ? info.version : '1.0.0',
      ...(descriptionText(info.description) ? { description: descriptionText(info.description)! } : {}),
    },
    servers: servers.length ? [servers[0]!] : [{ url: '/' }],
  };
  if (tags.size) document.tags = [...tags.values()];
  document.paths = paths;
  if (Object.keys(ctx.securitySchemes).length) document.components = { securitySchemes: ctx.securitySchemes };
  if (globalSecurity) document.security = globalSecurity;
  return { document, skipped: ctx.skipped };
}

function param(name: string, where: string, required: boolean, example: string, description?: string): JsonObject {
  const out: JsonObject = { name, in: where };
  if (description) out.description = description.replace(/^\(Required\)\s*/, '');
  if (required) out.required = true;
  out.schema = { type: 'string' };
  out.example = example;
  return out;
}

/** Repeated query keys (`tag=a&tag=b`) are one exploded array parameter. */
function queryParams(query: QueryParam[]): JsonObject[] {
  const groups = new Map<string, QueryParam[]>();
  for (const q of query) groups.set(q.key!, [...(groups.get(q.key!) ?? []), q]);
  return [...groups].map(([name, list]) => {
    const required = list.some((q) => q.disabled !== true);
    const description = descriptionText(list[0]!.description);
    if (list.length === 1) return param(name, 'query', required, list[0]!.value ?? '', description);
    const out = param(name, 'query', required, '', description);
    out.schema = { type: 'array', items: { type: 'string' } };
    out.example = list.map((q) => q.value ?? '') as Json;
    out.explode = true;
    return out;
  });
}

function sameAuth(a: Auth, b: Auth | null | undefined): boolean {
  return !!b && JSON.stringify(a) === JSON.stringify(b);
}

function uniqueId(used: Set<string>, name: string): string {
  const words = name.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const base = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('') || 'operation';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}${n}`;
  used.add(id);
  return id;
}
