/**
 * OpenAPI 3.0 / 3.1 and Swagger 2.0 (JSON or YAML) → one Postman v2.1 collection. Pure: files
 * the document `$ref`s come in `input.files`. The mapping follows Postman's own OpenAPI import:
 * a request per operation named by summary / operationId, folders by tag, `{{baseUrl}}` from the
 * first server, auth from security schemes, responses as saved examples.
 */
import { CollectionError } from '../../errors.ts';
import { SCHEMA_V2_1 } from '../../parse.ts';
import type { Collection, Variable } from '../../types.ts';
import type { ImportInput, ImportResult, Skipped } from '../types.ts';
import { lineOf, parseDocumentText } from './document.ts';
import { byPaths, byTags, type PlacedItem } from './folders.ts';
import { authFor } from './import-auth.ts';
import { ImportContext, type OpenApiImportOptions } from './import-context.ts';
import { operationItem } from './import-operation.ts';
import { METHODS, asArray, deref, isObj, jsonPath, type Json, type JsonObject } from './json.ts';
import { bundleDocument } from './refs.ts';
import { serverUrl } from './servers.ts';
import { convertSwagger2 } from './swagger2.ts';

export function importOpenApi(input: ImportInput, options: OpenApiImportOptions = {}): ImportResult {
  const source = input.name;
  const parsed = parseDocumentText(input.text, source, source);
  const fail = (keys: (string | number)[], why: string): never => {
    const line = lineOf(input.text, keys);
    throw new CollectionError('INVALID_IMPORT', `${source}${line ? ` line ${line}` : ''}${keys.length ? ` (${jsonPath(keys)})` : ''}: ${why}`, {
      source,
      ...(keys.length ? { path: jsonPath(keys) } : {}),
      ...(line ? { line } : {}),
    });
  };
  if (!isObj(parsed)) return fail([], 'the document is not an object; pass an OpenAPI 3.x or Swagger 2.0 document.');
  const isSwagger = typeof parsed.swagger === 'string' || typeof parsed.swagger === 'number';
  if (isSwagger && !String(parsed.swagger).startsWith('2.')) fail(['swagger'], `Swagger ${String(parsed.swagger)} is not supported; use 2.0 or OpenAPI 3.x.`);
  if (!isSwagger && !(typeof parsed.openapi === 'string' && /^3\.[0-2]\./.test(parsed.openapi))) {
    fail(parsed.openapi === undefined ? [] : ['openapi'], 'missing or unsupported "openapi" version; use 3.0.x, 3.1.x or "swagger": "2.0".');
  }
  if (parsed.paths !== undefined && !isObj(parsed.paths)) fail(['paths'], '"paths" must be an object of path items.');

  const skipped: Skipped[] = [];
  const bundled = bundleDocument({ doc: parsed, text: input.text, source, files: input.files ?? new Map(), skipped }) as JsonObject;
  const doc = isSwagger ? convertSwagger2(bundled) : bundled;
  const ctx = new ImportContext(doc, { folderStrategy: options.folderStrategy ?? 'tags' }, skipped);

  if (isObj(doc.webhooks) && Object.keys(doc.webhooks).length) ctx.note(['webhooks'], 'webhooks (incoming requests; a collection only sends)');

  const placed: PlacedItem[] = [];
  for (const [path, rawItem] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    if (path.startsWith('x-')) continue;
    if (!path.startsWith('/')) fail(['paths', path], 'path keys must start with "/".');
    const pathItem = deref(doc, rawItem);
    if (!isObj(pathItem)) return fail(['paths', path], 'a path item must be an object.');
    for (const method of METHODS) {
      const op = pathItem[method];
      if (op === undefined) continue;
      if (!isObj(op)) fail(['paths', path, method], 'an operation must be an object.');
      checkParameters(doc, pathItem, op as JsonObject, ['paths', path, method], fail);
      const item = operationItem(ctx, { path, method, pathItem, op: op as JsonObject }, doc.security);
      placed.push({ item, path, tags: asArray((op as JsonObject).tags).filter((t): t is string => typeof t === 'string') });
    }
  }

  const info = isObj(doc.info) ? doc.info : {};
  const collection: Collection = {
    info: {
      name: typeof info.title === 'string' && info.title.trim() ? info.title : source,
      ...(typeof info.description === 'string' ? { description: info.description } : {}),
      ...(typeof info.version === 'string' ? { version: info.version } : {}),
      schema: SCHEMA_V2_1,
    },
    item: ctx.options.folderStrategy === 'paths' ? byPaths(placed) : byTags(doc, placed),
  };
  const auth = authFor(ctx, doc.security, ['security']);
  if (auth) collection.auth = auth;
  collection.variable = variables(ctx, doc);
  return { format: 'openapi', collections: [collection], environments: [], skipped };
}

function checkParameters(
  doc: JsonObject,
  pathItem: JsonObject,
  op: JsonObject,
  at: (string | number)[],
  fail: (keys: (string | number)[], why: string) => never,
): void {
  for (const [where, list] of [[at.slice(0, -1), pathItem.parameters], [at, op.parameters]] as const) {
    if (list !== undefined && !Array.isArray(list)) fail([...where, 'parameters'], '"parameters" must be a list.');
    asArray(list as Json).forEach((raw, i) => {
      const param = deref(doc, raw);
      if (!isObj(param) || typeof param.name !== 'string' || typeof param.in !== 'string') {
        fail([...where, 'parameters', i], 'a parameter needs a "name" and an "in".');
      }
    });
  }
}

function variables(ctx: ImportContext, doc: JsonObject): Variable[] {
  const servers = asArray(doc.servers);
  const first = serverUrl(servers[0]);
  const baseUrl: Variable = { key: 'baseUrl', value: first ?? '/', type: 'string' };
  const others = servers.slice(1).map(serverUrl).filter((u): u is string => u !== undefined);
  const firstServer = servers[0];
  const described = [isObj(firstServer) && typeof firstServer.description === 'string' ? firstServer.description : '', others.length ? `Other servers: ${others.join(', ')}` : '']
    .filter(Boolean)
    .join('\n');
  if (described) baseUrl.description = described;
  const out: Variable[] = [baseUrl];
  for (const [key, value] of ctx.pathVariables) out.push({ key, value, type: 'string' });
  for (const key of ctx.secrets) out.push({ key, value: '', type: 'string' });
  return out;
}
