/**
 * Insomnia export v4 (Application → Export Data → Insomnia v4, JSON or YAML): one collection per
 * workspace, folders from the `parentId` tree in `metaSortKey` order, requests with their bodies
 * and auth. The base environment holds the variables every request sees, so it becomes the
 * collection's variables; each sub-environment becomes an environment (nested values flattened to
 * dotted names, matching `{{ _.a.b }}` → `{{a.b}}`). gRPC, WebSocket, cookie jars, API specs and
 * other resources the model cannot hold are listed as skipped.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type {
  Collection, Event, FormParam, Header, Item, ItemGroup, ProtocolProfileBehavior, QueryParam, RequestBody, RequestObject,
  UrlEncodedParam, Variable, VariableList,
} from '../../types.ts';
import { parseUrl } from '../../url.ts';
import type { Importer, ImportInput, ImportResult, Skipped } from '../types.ts';
import { asArray, asString, emptyCollection, flattenVariables, invalidImport, isObject, peekJson, readJson, scriptLines } from '../shared/import-helpers.ts';
import type { JsonObject } from '../shared/import-helpers.ts';
import { convertAuth } from './auth.ts';
import { convertTemplate } from './templates.ts';

const SKIPPED_TYPES: Record<string, string> = {
  cookie_jar: 'cookie jar (cookies are not part of a collection)',
  api_spec: 'API design document (import it separately with --from openapi)',
  grpc_request: 'gRPC request (Postern runs HTTP requests only)',
  proto_file: 'gRPC proto file',
  proto_directory: 'gRPC proto folder',
  websocket_request: 'WebSocket request (Postern runs HTTP requests only)',
  websocket_payload: 'WebSocket message',
  socketio_request: 'Socket.IO request',
  unit_test_suite: 'Insomnia unit test suite (rewrite as pm tests)',
  unit_test: 'Insomnia unit test (rewrite as pm tests)',
  mock_server: 'mock server (create one in Postern from the collection)',
  mock_route: 'mock route',
  client_certificate: 'client certificate (configure it in Postern separately)',
};

function isInsomniaExport(value: unknown): value is JsonObject {
  return isObject(value) && value._type === 'export' && Number(value.__export_format) === 4 && Array.isArray(value.resources);
}

/** YAML exports start with these two keys; checking the text avoids parsing YAML to detect. */
function looksLikeYamlExport(text: string): boolean {
  const head = text.slice(0, 2000);
  return /^_type:\s*["']?export["']?\s*$/m.test(head) && /^__export_format:\s*["']?4["']?\s*$/m.test(head);
}

function readExport(input: ImportInput): unknown {
  const trimmed = input.text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return readJson(input, 'an Insomnia v4 export');
  try {
    return parseYaml(input.text);
  } catch (error) {
    if (error instanceof YAMLParseError && error.linePos) {
      const [{ line, col }] = error.linePos;
      throw invalidImport(input, `not valid YAML or JSON (${error.code} at line ${line}, column ${col}); export it again from Insomnia.`, { line, column: col });
    }
    throw invalidImport(input, 'not valid YAML or JSON; export it again from Insomnia.');
  }
}

class Converter {
  readonly skipped: Skipped[] = [];
  private readonly tagNotes = new Set<string>();
  private readonly children = new Map<string, JsonObject[]>();
  private readonly paths = new Map<JsonObject, string>();

  constructor(private readonly resources: JsonObject[]) {
    resources.forEach((resource, index) => {
      this.paths.set(resource, `resources[${index}]`);
      const parent = asString(resource.parentId) ?? '';
      const list = this.children.get(parent) ?? [];
      list.push(resource);
      this.children.set(parent, list);
    });
    // Insomnia's own order: ascending metaSortKey, ties in file order.
    for (const list of this.children.values()) list.sort((a, b) => sortKey(a) - sortKey(b));
  }

  at(resource: JsonObject, field?: string): string {
    const base = this.paths.get(resource) ?? 'resources';
    return field ? `${base}.${field}` : base;
  }

  /** A templated string field: variables rewritten, `{% tags %}` kept and noted. */
  text(value: unknown, at: string): string | undefined {
    const raw = asString(value);
    if (raw === undefined) return undefined;
    const { text, tags } = convertTemplate(raw);
    if (tags.length > 0 && !this.tagNotes.has(at)) {
      this.tagNotes.add(at);
      this.skipped.push({ at, what: `Insomnia template tag${tags.length > 1 ? 's' : ''} ${[...new Set(tags)].map((t) => `{% ${t} %}`).join(', ')} left as written (no Postman equivalent; replace with a variable or script)` });
    }
    return text;
  }

  workspace(workspace: JsonObject): { collection: Collection; environments: VariableList[] } {
    const collection = emptyCollection(asString(workspace.name) ?? 'Insomnia workspace', {
      ...(typeof workspace._id === 'string' ? { id: workspace._id } : {}),
      ...(typeof workspace.description === 'string' && workspace.description ? { description: workspace.description } : {}),
    });
    const environments: VariableList[] = [];
    for (const child of this.children.get(asString(workspace._id) ?? '') ?? []) {
      if (child._type === 'environment') {
        const base = this.variables(child.data, this.at(child, 'data'));
        if (base.length > 0) collection.variable = base;
        for (const sub of this.children.get(asString(child._id) ?? '') ?? []) {
          if (sub._type !== 'environment') continue;
          const list: VariableList = { name: asString(sub.name) ?? 'Environment', values: this.variables(sub.data, this.at(sub, 'data')) };
          if (typeof sub._id === 'string') list.id = sub._id;
          list._postman_variable_scope = 'environment';
          environments.push(list);
        }
      }
    }
    collection.item = this.items(asString(workspace._id) ?? '');
    return { collection, environments };
  }

  items(parentId: string, inherited: Header[] = []): Array<Item | ItemGroup> {
    const out: Array<Item | ItemGroup> = [];
    for (const resource of this.children.get(parentId) ?? []) {
      const type = asString(resource._type) ?? '';
      if (type === 'request_group') out.push(this.folder(resource, inherited));
      else if (type === 'request') out.push(this.request(resource, inherited));
      else if (type === 'environment' || type === 'workspace') continue;
      else this.skip(resource);
    }
    return out;
  }

  skip(resource: JsonObject): void {
    const type = asString(resource._type) ?? 'unknown';
    const name = asString(resource.name);
    this.skipped.push({ at: this.at(resource), what: `${SKIPPED_TYPES[type] ?? `Insomnia resource of type "${type}"`}${name ? `: "${name}"` : ''}` });
  }

  variables(data: unknown, at: string): Variable[] {
    return flattenVariables(data).map((v) => ({ ...v, value: this.text(v.value, `${at}.${v.key}`) ?? '' }));
  }

  folder(resource: JsonObject, inherited: Header[] = []): ItemGroup {
    const group: ItemGroup = { ...(typeof resource._id === 'string' ? { id: resource._id } : {}), name: asString(resource.name) ?? '', item: [] };
    if (typeof resource.description === 'string' && resource.description) group.description = resource.description;
    if (isObject(resource.authentication)) {
      const { auth, skipped } = convertAuth(resource.authentication, (v) => this.text(v, this.at(resource, 'authentication')));
      if (auth) group.auth = auth;
      if (skipped) this.skipped.push({ at: this.at(resource, 'authentication'), what: skipped });
    }
    // Folder variables and headers apply to every request inside; Postman folders hold neither
    // in a way the runner uses, so variables become a generated pre-request script and headers
    // are copied into the requests.
    const variables = this.variables(resource.environment, this.at(resource, 'environment'));
    const events: Event[] = [];
    if (variables.length > 0) {
      events.push({
        listen: 'prerequest',
        script: { type: 'text/javascript', exec: variables.map((v) => `pm.variables.set(${JSON.stringify(v.key)}, ${JSON.stringify(v.value)});`) },
      });
    }
    events.push(...this.scripts(resource));
    if (events.length > 0) group.event = events;
    const own = this.headers(resource);
    if (own.length > 0) {
      this.skipped.push({ at: this.at(resource, 'headers'), what: `folder headers of "${group.name}" copied into each request in it (Postman folders have no headers)` });
    }
    group.item = this.items(asString(resource._id) ?? '', mergeHeaders(inherited, own));
    return group;
  }

  headers(resource: JsonObject): Header[] {
    return asArray(resource.headers)
      .filter(isObject)
      .map((h, i) => {
        const out: Header = { key: this.text(h.name, this.at(resource, `headers[${i}].name`)) ?? '', value: this.text(h.value, this.at(resource, `headers[${i}].value`)) ?? '' };
        if (h.disabled === true) out.disabled = true;
        if (typeof h.description === 'string' && h.description) out.description = h.description;
        return out;
      });
  }

  request(resource: JsonObject, inherited: Header[] = []): Item {
    const request: RequestObject = { method: (asString(resource.method) ?? 'GET').toUpperCase() };
    const header = mergeHeaders(inherited, this.headers(resource));
    request.header = header;
    const body = isObject(resource.body) ? this.body(resource, resource.body, header) : undefined;
    if (body) request.body = body;
    request.url = this.url(resource);
    if (isObject(resource.authentication)) {
      const { auth, skipped } = convertAuth(resource.authentication, (v) => this.text(v, this.at(resource, 'authentication')));
      if (auth) request.auth = auth;
      if (skipped) this.skipped.push({ at: this.at(resource, 'authentication'), what: skipped });
    }
    if (typeof resource.description === 'string' && resource.description) request.description = resource.description;
    const item: Item = { ...(typeof resource._id === 'string' ? { id: resource._id } : {}), name: asString(resource.name) ?? '', request };
    const events = this.scripts(resource);
    if (events.length > 0) item.event = events;
    const behavior = this.behavior(resource);
    if (behavior) item.protocolProfileBehavior = behavior;
    return item;
  }

  url(resource: JsonObject): RequestObject['url'] {
    const raw = this.text(resource.url, this.at(resource, 'url')) ?? '';
    const params: QueryParam[] = asArray(resource.parameters)
      .filter(isObject)
      .map((p, i) => {
        const param: QueryParam = { key: this.text(p.name, this.at(resource, `parameters[${i}].name`)) ?? '', value: this.text(p.value, this.at(resource, `parameters[${i}].value`)) ?? '' };
        if (p.disabled === true) param.disabled = true;
        return param;
      });
    const enabled = params.filter((p) => !p.disabled).map((p) => `${p.key}=${p.value}`);
    const full = enabled.length === 0 ? raw : `${raw}${raw.includes('?') ? '&' : '?'}${enabled.join('&')}`;
    const url = parseUrl(full);
    // Disabled parameters are not in the URL text but stay in the list, in Insomnia's order.
    if (params.length > 0) url.query = [...(parseUrl(raw).query ?? []), ...params];
    const pathParams = asArray(resource.pathParameters).filter(isObject);
    if (pathParams.length > 0) {
      url.variable = pathParams.map((p, i) => ({ key: asString(p.name) ?? '', value: this.text(p.value, this.at(resource, `pathParameters[${i}].value`)) ?? '' }));
    }
    return url;
  }

  body(resource: JsonObject, body: JsonObject, headers: Header[]): RequestBody | undefined {
    const mime = (asString(body.mimeType) ?? '').toLowerCase();
    const at = this.at(resource, 'body');
    const params = asArray(body.params).filter(isObject);
    if (mime === 'application/x-www-form-urlencoded') {
      return {
        mode: 'urlencoded',
        urlencoded: params.map((p, i) => {
          const param: UrlEncodedParam = { key: this.text(p.name, `${at}.params[${i}].name`) ?? '', value: this.text(p.value, `${at}.params[${i}].value`) ?? '' };
          if (p.disabled === true) param.disabled = true;
          return param;
        }),
      };
    }
    if (mime === 'multipart/form-data') {
      return {
        mode: 'formdata',
        formdata: params.map((p, i) => {
          const param: FormParam = { key: this.text(p.name, `${at}.params[${i}].name`) ?? '' };
          if (p.type === 'file') {
            param.type = 'file';
            param.src = asString(p.fileName) ?? null;
          } else {
            param.type = 'text';
            param.value = this.text(p.value, `${at}.params[${i}].value`) ?? '';
          }
          if (p.disabled === true) param.disabled = true;
          return param;
        }),
      };
    }
    if (mime === 'application/graphql') {
      let query = '';
      let variables: string | Record<string, unknown> = '';
      try {
        const parsed: unknown = JSON.parse(asString(body.text) ?? '{}');
        if (isObject(parsed)) {
          query = this.text(parsed.query, `${at}.text`) ?? '';
          variables = isObject(parsed.variables) ? JSON.stringify(parsed.variables, null, 2) : (asString(parsed.variables) ?? '');
        }
      } catch {
        query = this.text(body.text, `${at}.text`) ?? '';
      }
      // Insomnia sends GraphQL as JSON; the header it stored says application/graphql.
      const contentType = headers.find((h) => h.key.toLowerCase() === 'content-type');
      if (contentType && contentType.value.toLowerCase().startsWith('application/graphql')) contentType.value = 'application/json';
      return { mode: 'graphql', graphql: { query, variables } };
    }
    if (mime === 'application/octet-stream' || (typeof body.fileName === 'string' && body.text === undefined)) {
      return { mode: 'file', file: { src: asString(body.fileName) ?? null } };
    }
    const text = this.text(body.text, `${at}.text`);
    if (text === undefined) return undefined;
    const language = mime.includes('json') ? 'json' : mime.includes('xml') ? 'xml' : mime.includes('html') ? 'html' : mime.includes('javascript') ? 'javascript' : 'text';
    return { mode: 'raw', raw: text, options: { raw: { language } } };
  }

  scripts(resource: JsonObject): Event[] {
    const events: Event[] = [];
    for (const [field, listen] of [['preRequestScript', 'prerequest'], ['afterResponseScript', 'test']] as const) {
      const source = asString(resource[field]);
      if (!source || source.trim() === '') continue;
      events.push({ listen, script: { type: 'text/javascript', exec: scriptLines(source) }, disabled: true });
      this.skipped.push({
        at: this.at(resource, field),
        what: `Insomnia script (insomnia.* API) imported switched off; rewrite it with pm.* and enable it`,
      });
    }
    return events;
  }

  behavior(resource: JsonObject): ProtocolProfileBehavior | undefined {
    const behavior: ProtocolProfileBehavior = {};
    if (resource.settingFollowRedirects === 'on') behavior.followRedirects = true;
    if (resource.settingFollowRedirects === 'off') behavior.followRedirects = false;
    if (resource.settingEncodeUrl === false) behavior.disableUrlEncoding = true;
    if (resource.settingSendCookies === false) behavior.disableCookies = true;
    return Object.keys(behavior).length > 0 ? behavior : undefined;
  }
}

/** Inherited headers first, unless the request sets the same header itself. */
function mergeHeaders(inherited: Header[], own: Header[]): Header[] {
  const names = new Set(own.map((h) => h.key.toLowerCase()));
  return [...inherited.filter((h) => !names.has(h.key.toLowerCase())).map((h) => ({ ...h })), ...own];
}

function sortKey(resource: JsonObject): number {
  return typeof resource.metaSortKey === 'number' ? resource.metaSortKey : 0;
}

export const insomniaImporter: Importer = {
  format: 'insomnia',
  label: 'Insomnia v4 export',
  detect(input: ImportInput): boolean {
    return isInsomniaExport(peekJson(input.text)) || looksLikeYamlExport(input.text);
  },
  async import(input: ImportInput): Promise<ImportResult> {
    const doc = readExport(input);
    if (!isObject(doc) || doc._type !== 'export') {
      throw invalidImport(input, '"_type" should be "export": this is not an Insomnia export; choose the format it is in with --from.', { path: '_type' });
    }
    if (Number(doc.__export_format) !== 4) {
      throw invalidImport(input, `"__export_format" is ${JSON.stringify(doc.__export_format)}, but only Insomnia export format 4 is read; export again as "Insomnia v4".`, { path: '__export_format' });
    }
    if (!Array.isArray(doc.resources)) throw invalidImport(input, '"resources" should be a list.', { path: 'resources' });
    doc.resources.forEach((resource, index) => {
      if (!isObject(resource) || typeof resource._type !== 'string') {
        throw invalidImport(input, `resources[${index}] should be an object with a "_type".`, { path: `resources[${index}]` });
      }
    });
    const resources = doc.resources as JsonObject[];
    const converter = new Converter(resources);
    const collections: Collection[] = [];
    const environments: VariableList[] = [];
    const workspaces = resources.filter((r) => r._type === 'workspace');
    for (const workspace of workspaces) {
      const result = converter.workspace(workspace);
      collections.push(result.collection);
      environments.push(...result.environments);
    }
    // Requests whose parents are missing (partial exports) still come in, in a collection of their own.
    const known = new Set(resources.map((r) => r._id));
    const orphans = resources.filter((r) => r._type !== 'workspace' && !known.has(r.parentId) && r._type !== 'environment');
    if (orphans.length > 0) {
      const collection = emptyCollection('Insomnia import');
      for (const orphan of orphans) {
        if (orphan._type === 'request') collection.item.push(converter.request(orphan));
        else if (orphan._type === 'request_group') collection.item.push(converter.folder(orphan));
        else converter.skip(orphan);
      }
      if (collection.item.length > 0) collections.push(collection);
    }
    return { format: 'insomnia', collections, environments, skipped: converter.skipped };
  },
};
