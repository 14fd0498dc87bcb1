/**
 * A Bruno collection folder: `bruno.json`, `collection.bru`, one `.bru` file per request, a
 * `folder.bru` per folder and `environments/*.bru`. The `.bru` language is parsed by Bruno's own
 * parser (@usebruno/lang). What Postman has no place for is translated where the meaning is
 * exact and reported otherwise:
 * - collection/folder headers are copied into each request under them (Postman folders have none);
 * - `vars:pre-request` on the collection become collection variables, on folders and requests a
 *   generated `pm.variables.set(…)` pre-request script;
 * - `assert` entries become pm tests where they read the response plainly;
 * - Bruno scripts and tests (`bru.*`, `req.*`, `res.*`) are imported switched off, to be rewritten.
 */
import lang from '@usebruno/lang';
import type { BruPair, BruRequest } from '@usebruno/lang';
import type {
  Collection, Event, FormParam, Header, Item, ItemGroup, ProtocolProfileBehavior, QueryParam, RequestBody, RequestObject,
  UrlEncodedParam, Variable, VariableList,
} from '../../types.ts';
import { parseUrl } from '../../url.ts';
import type { Importer, ImportInput, ImportResult, Skipped } from '../types.ts';
import { asString, emptyCollection, invalidImport, isObject, peekJson, scriptLines } from '../shared/import-helpers.ts';
import { assertionsToTests } from './assertions.ts';
import { convertBrunoAuth } from './auth.ts';

const RAW_LANGUAGES: Record<string, string> = { json: 'json', text: 'text', xml: 'xml', sparql: 'text' };
const BODY_CONTENT_TYPES: Record<string, string> = { sparql: 'application/sparql-query' };

interface FolderNode {
  group: ItemGroup;
  seq: number;
  /** Headers from folder.bru, copied into each request below. */
  headers: Header[];
  children: Array<{ node: Item | ItemGroup; seq: number; name: string }>;
}

function isBrunoConfig(value: unknown): boolean {
  return isObject(value) && value.type === 'collection' && typeof value.name === 'string' && 'version' in value;
}

function hasBruFiles(files: ReadonlyMap<string, string> | undefined): boolean {
  if (!files) return false;
  for (const path of files.keys()) if (path.endsWith('.bru')) return true;
  return false;
}

function pairsToHeaders(pairs: BruPair[] | undefined): Header[] {
  return (pairs ?? []).map((p) => {
    const header: Header = { key: p.name, value: String(p.value) };
    if (!p.enabled) header.disabled = true;
    return header;
  });
}

function seqOf(parsed: BruRequest): number {
  const seq = Number(parsed.meta?.seq);
  return Number.isFinite(seq) ? seq : Number.POSITIVE_INFINITY;
}

function varsScript(pairs: BruPair[] | undefined): string[] {
  return (pairs ?? []).filter((p) => p.enabled).map((p) => `pm.variables.set(${JSON.stringify(p.name)}, ${JSON.stringify(String(p.value))});`);
}

class BrunoConverter {
  readonly skipped: Skipped[] = [];

  constructor(private readonly input: ImportInput) {}

  parse(path: string, text: string, kind: 'request' | 'folder' | 'env'): BruRequest | { variables?: BruPair[] } {
    try {
      if (kind === 'env') return lang.bruToEnvJsonV2(text);
      return kind === 'folder' ? lang.collectionBruToJson(text) : lang.bruToJsonV2(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /Line (\d+), col (\d+)/.exec(message);
      const expected = message.split('\n').find((line) => line.trim().startsWith('Expected'))?.trim();
      throw invalidImport(
        this.input,
        `${path} is not valid Bruno markup${position ? ` at line ${position[1]}, column ${position[2]}` : ''}${expected ? ` (${expected})` : ''}; fix the file or export it again from Bruno.`,
        { path, ...(position ? { line: Number(position[1]), column: Number(position[2]) } : {}) },
      );
    }
  }

  /** Events for a collection, folder or request: generated vars script (on), Bruno scripts (off), assertions (on). */
  events(parsed: BruRequest, at: string, withVars: boolean): Event[] {
    const events: Event[] = [];
    const vars = withVars ? varsScript(parsed.vars?.req) : [];
    if (vars.length > 0) events.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: vars } });
    if (parsed.script?.req?.trim()) {
      events.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: scriptLines(parsed.script.req) }, disabled: true });
      this.skipped.push({ at: `${at} script:pre-request`, what: 'Bruno script (bru/req API) imported switched off; rewrite it with pm.* and enable it' });
    }
    const tests = [parsed.script?.res, parsed.tests].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    if (tests.length > 0) {
      events.push({ listen: 'test', script: { type: 'text/javascript', exec: scriptLines(tests.join('\n\n')) }, disabled: true });
      this.skipped.push({ at: `${at} ${parsed.script?.res?.trim() ? 'script:post-response' : 'tests'}`, what: 'Bruno post-response script/tests (bru/res API) imported switched off; rewrite them with pm.* and enable them' });
    }
    const assertions = assertionsToTests(parsed.assertions ?? []);
    if (assertions.lines.length > 0) events.push({ listen: 'test', script: { type: 'text/javascript', exec: assertions.lines } });
    for (const written of assertions.untranslated) this.skipped.push({ at: `${at} assert`, what: `assertion "${written}" has no pm translation here; rewrite it as a test` });
    const resVars = (parsed.vars?.res ?? []).filter((p) => p.enabled);
    if (resVars.length > 0) {
      this.skipped.push({ at: `${at} vars:post-response`, what: `post-response variables ${resVars.map((p) => p.name).join(', ')} (Bruno expressions; set them with pm.variables.set in a test script)` });
    }
    return events;
  }

  request(path: string, parsed: BruRequest, inherited: Header[]): Item | undefined {
    const type = parsed.meta?.type ?? 'http';
    const name = parsed.meta?.name ?? path.replace(/^.*\//, '').replace(/\.bru$/, '');
    if (type !== 'http' && type !== 'graphql') {
      this.skipped.push({ at: path, what: `${type} request "${name}" (Postern runs HTTP requests only)` });
      return undefined;
    }
    const http = parsed.http ?? {};
    const request: RequestObject = { method: (http.method ?? 'get').toUpperCase() };
    const own = pairsToHeaders(parsed.headers);
    const ownNames = new Set(own.map((h) => h.key.toLowerCase()));
    request.header = [...inherited.filter((h) => !ownNames.has(h.key.toLowerCase())), ...own];
    const body = this.body(http.body, parsed, request.header, path);
    if (body) request.body = body;
    request.url = this.url(http.url ?? '', parsed.params ?? []);
    const { auth, skipped } = convertBrunoAuth(http.auth, parsed);
    if (auth) request.auth = auth;
    if (skipped) this.skipped.push({ at: `${path} auth`, what: skipped });
    if (parsed.docs?.trim()) request.description = parsed.docs;

    const item: Item = { name, request };
    const behavior = settingsToBehavior(parsed.settings);
    if (behavior) item.protocolProfileBehavior = behavior;
    const events = this.events(parsed, path, true);
    if (events.length > 0) item.event = events;
    if (Array.isArray(parsed.examples) && parsed.examples.length > 0) {
      this.skipped.push({ at: `${path} example`, what: `${parsed.examples.length} saved example(s)` });
    }
    return item;
  }

  url(raw: string, params: BruPair[]): RequestObject['url'] {
    const url = parseUrl(raw);
    const query = params.filter((p) => p.type === 'query');
    if (query.length > 0) {
      url.query = query.map((p) => {
        const param: QueryParam = { key: p.name, value: String(p.value) };
        if (!p.enabled) param.disabled = true;
        return param;
      });
    }
    const path = params.filter((p) => p.type === 'path');
    if (path.length > 0) url.variable = path.map((p) => ({ key: p.name, value: String(p.value) }));
    return url;
  }

  body(mode: string | undefined, parsed: BruRequest, headers: Header[], path: string): RequestBody | undefined {
    const body = parsed.body ?? {};
    if (!mode || mode === 'none') return undefined;
    if (mode in RAW_LANGUAGES) {
      const raw = body[mode as 'json' | 'text' | 'xml' | 'sparql'] ?? '';
      const contentType = BODY_CONTENT_TYPES[mode];
      if (contentType && !headers.some((h) => h.key.toLowerCase() === 'content-type')) headers.push({ key: 'Content-Type', value: contentType });
      return { mode: 'raw', raw, options: { raw: { language: RAW_LANGUAGES[mode]! } } };
    }
    if (mode === 'formUrlEncoded') {
      return {
        mode: 'urlencoded',
        urlencoded: (body.formUrlEncoded ?? []).map((p) => {
          const param: UrlEncodedParam = { key: p.name, value: String(p.value) };
          if (!p.enabled) param.disabled = true;
          return param;
        }),
      };
    }
    if (mode === 'multipartForm') {
      return {
        mode: 'formdata',
        formdata: (body.multipartForm ?? []).map((p) => {
          const param: FormParam = { key: p.name };
          if (p.type === 'file') {
            param.type = 'file';
            const files = Array.isArray(p.value) ? p.value : [p.value];
            param.src = files.length === 1 ? files[0]! : files;
          } else {
            param.type = 'text';
            param.value = String(p.value);
          }
          if (p.contentType) param.contentType = p.contentType;
          if (!p.enabled) param.disabled = true;
          return param;
        }),
      };
    }
    if (mode === 'graphql') return { mode: 'graphql', graphql: { query: body.graphql?.query ?? '', variables: body.graphql?.variables ?? '' } };
    if (mode === 'file') {
      const files = body.file ?? [];
      const chosen = files.find((f) => f.selected) ?? files[0];
      if (chosen?.contentType && !headers.some((h) => h.key.toLowerCase() === 'content-type')) headers.push({ key: 'Content-Type', value: chosen.contentType });
      return { mode: 'file', file: { src: chosen?.filePath ?? null } };
    }
    this.skipped.push({ at: `${path} body`, what: `body mode "${mode}"` });
    return undefined;
  }
}

/** Bruno request settings with a Postman equivalent (values arrive as strings or booleans). */
function settingsToBehavior(settings: Record<string, unknown> | undefined): ProtocolProfileBehavior | undefined {
  if (!settings) return undefined;
  const flag = (value: unknown) => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined);
  const behavior: ProtocolProfileBehavior = {};
  if (flag(settings.encodeUrl) === false) behavior.disableUrlEncoding = true;
  const follow = flag(settings.followRedirects);
  if (follow !== undefined) behavior.followRedirects = follow;
  const max = Number(settings.maxRedirects);
  if (settings.maxRedirects !== undefined && Number.isInteger(max) && max >= 0) behavior.maxRedirects = max;
  return Object.keys(behavior).length > 0 ? behavior : undefined;
}

function sortChildren(node: FolderNode): void {
  node.children.sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name));
  node.group.item = node.children.map((c) => c.node);
}

export const brunoImporter: Importer = {
  format: 'bruno',
  label: 'Bruno collection',
  detect(input: ImportInput): boolean {
    // The main text of a Bruno folder is its bruno.json (or nothing); anything else is another format.
    if (input.text.trim() === '') return hasBruFiles(input.files);
    return isBrunoConfig(peekJson(input.text));
  },
  async import(input: ImportInput): Promise<ImportResult> {
    // One spelling of every path ('/'-separated, no leading './'), whatever the caller's platform.
    const files = new Map([...(input.files ?? new Map<string, string>())].map(([path, text]) => [path.replace(/\\/g, '/').replace(/^\.\//, ''), text]));
    let config: Record<string, unknown> = {};
    if (input.text.trim() !== '') {
      const value = peekJson(input.text);
      if (!isObject(value)) throw invalidImport(input, 'bruno.json is not a JSON object; fix it or export the collection again from Bruno.', { path: 'bruno.json' });
      config = value;
    }
    if (!hasBruFiles(files)) {
      throw invalidImport(input, 'no .bru files found; pass the Bruno collection folder (the one holding bruno.json).');
    }
    const converter = new BrunoConverter(input);
    const ignore = (Array.isArray(config.ignore) ? config.ignore : ['node_modules', '.git']).filter((x): x is string => typeof x === 'string');
    const paths = [...files.keys()]
      .filter((p) => !p.split('/').some((part) => ignore.includes(part)))
      .sort();

    const collection: Collection = emptyCollection(asString(config.name) ?? (input.name.replace(/\/?bruno\.json$/, '').replace(/^.*\//, '') || 'Bruno collection'));
    const root: FolderNode = { group: { item: [] }, seq: 0, headers: [], children: [] };
    const folders = new Map<string, FolderNode>([['', root]]);
    const environments: VariableList[] = [];

    // collection.bru: headers, auth, variables, scripts and docs for the whole collection.
    const collectionText = files.get('collection.bru');
    if (collectionText !== undefined) {
      const parsed = converter.parse('collection.bru', collectionText, 'folder') as BruRequest;
      root.headers = pairsToHeaders(parsed.headers);
      if (root.headers.length > 0) converter.skipped.push({ at: 'collection.bru headers', what: 'collection headers copied into every request (Postman collections have no headers)' });
      const { auth, skipped } = convertBrunoAuth(asString(parsed.auth?.mode), parsed);
      if (auth) collection.auth = auth;
      if (skipped) converter.skipped.push({ at: 'collection.bru auth', what: skipped });
      const variables: Variable[] = (parsed.vars?.req ?? []).map((p) => ({ key: p.name, value: String(p.value), type: 'default', ...(p.enabled ? {} : { disabled: true }) }));
      if (variables.length > 0) collection.variable = variables;
      const events = converter.events(parsed, 'collection.bru', false);
      if (events.length > 0) collection.event = events;
      if (parsed.docs?.trim()) collection.info.description = parsed.docs;
    }

    const folderFor = (dir: string): FolderNode => {
      const existing = folders.get(dir);
      if (existing) return existing;
      const slash = dir.lastIndexOf('/');
      const parent = folderFor(slash === -1 ? '' : dir.slice(0, slash));
      const node: FolderNode = { group: { name: dir.slice(slash + 1), item: [] }, seq: Number.POSITIVE_INFINITY, headers: [...parent.headers], children: [] };
      const text = files.get(`${dir}/folder.bru`);
      if (text !== undefined) {
        const parsed = converter.parse(`${dir}/folder.bru`, text, 'folder') as BruRequest;
        if (parsed.meta?.name) node.group.name = parsed.meta.name;
        node.seq = seqOf(parsed);
        const own = pairsToHeaders(parsed.headers);
        if (own.length > 0) {
          const names = new Set(own.map((h) => h.key.toLowerCase()));
          node.headers = [...parent.headers.filter((h) => !names.has(h.key.toLowerCase())), ...own];
          converter.skipped.push({ at: `${dir}/folder.bru headers`, what: `folder headers copied into every request in "${node.group.name}" (Postman folders have no headers)` });
        }
        const { auth, skipped } = convertBrunoAuth(asString(parsed.auth?.mode), parsed);
        if (auth) node.group.auth = auth;
        if (skipped) converter.skipped.push({ at: `${dir}/folder.bru auth`, what: skipped });
        const events = converter.events(parsed, `${dir}/folder.bru`, true);
        if (events.length > 0) node.group.event = events;
        if (parsed.docs?.trim()) node.group.description = parsed.docs;
      }
      folders.set(dir, node);
      parent.children.push({ node: node.group, seq: node.seq, name: node.group.name ?? '' });
      return node;
    };

    for (const path of paths) {
      if (!path.endsWith('.bru')) continue;
      const text = files.get(path) ?? '';
      if (path === 'collection.bru' || path === 'folder.bru') continue;
      if (path.endsWith('/folder.bru')) {
        folderFor(path.slice(0, -'/folder.bru'.length));
        continue;
      }
      if (path.startsWith('environments/')) {
        const parsed = converter.parse(path, text, 'env') as { variables?: BruPair[] };
        const secrets = (parsed.variables ?? []).filter((v) => v.secret);
        environments.push({
          name: path.slice('environments/'.length).replace(/\.bru$/, ''),
          values: (parsed.variables ?? []).map((v) => ({ key: v.name, value: v.secret ? '' : String(v.value), type: v.secret ? 'secret' : 'default', enabled: v.enabled })),
          _postman_variable_scope: 'environment',
        });
        if (secrets.length > 0) {
          converter.skipped.push({ at: `${path} vars:secret`, what: `secret values of ${secrets.map((v) => v.name).join(', ')} (Bruno keeps them outside the collection; fill them in)` });
        }
        continue;
      }
      const slash = path.lastIndexOf('/');
      const folder = folderFor(slash === -1 ? '' : path.slice(0, slash));
      const parsed = converter.parse(path, text, 'request') as BruRequest;
      const item = converter.request(path, parsed, folder.headers);
      if (item) folder.children.push({ node: item, seq: seqOf(parsed), name: item.name ?? '' });
    }
    for (const node of folders.values()) sortChildren(node);
    collection.item = root.group.item;

    for (const key of ['scripts', 'proxy', 'clientCertificates', 'presets'] as const) {
      if (isObject(config[key]) && Object.keys(config[key]).length > 0) {
        converter.skipped.push({ at: `bruno.json ${key}`, what: `${key} settings (configure them in Postern separately)` });
      }
    }
    for (const path of files.keys()) {
      if (/(^|\/)\.env$/.test(path)) converter.skipped.push({ at: path, what: '.env file (local secrets are not imported)' });
    }
    return { format: 'bruno', collections: [collection], environments, skipped: converter.skipped };
  },
};
