/**
 * Postman URL semantics: parsing a raw URL into parts, building a URL string
 * from parts, and percent-encoding each component the way Postman sends it.
 *
 * `{{variables}}` may stand anywhere (a whole host, a port, inside a path
 * segment) and may contain characters such as `.` or `/`, so they are masked
 * while a URL is split and restored in each part afterwards.
 */
import type { QueryParam, Url, UrlCredentials, UrlObject, Variable } from './types.ts';

const VARIABLE = /\{\{[^{}]*\}\}/g;
const MASK_OPEN = '\uE000';
const MASK_CLOSE = '\uE001';
const MASKED = /\uE000(\d+)\uE001/g;
const HAS_PROTOCOL = /^[a-z][a-z0-9+.-]*:(?:\/\/|\\\\)/i;

/** Splits a raw URL like Postman does: host and path as arrays, query as a list, `:name` path variables listed. */
export function parseUrl(raw: string): UrlObject {
  const input = String(raw ?? '').trimStart();
  const masks: string[] = [];
  const hasVariables = input.includes('{{');
  let rest = hasVariables ? input.replace(VARIABLE, (variable) => `${MASK_OPEN}${masks.push(variable) - 1}${MASK_CLOSE}`) : input;
  const unmask = (part: string): string => (hasVariables ? part.replace(MASKED, (_, i: string) => masks[Number(i)]!) : part);

  let hash: string | undefined;
  let queryText: string | undefined;
  let protocol: string | undefined;
  let path: string[] | undefined;
  let auth: UrlCredentials | undefined;
  let port: string | undefined;
  let host: string[] | undefined;

  let index = rest.indexOf('#');
  if (index !== -1) {
    hash = rest.slice(index + 1);
    rest = rest.slice(0, index);
  }
  index = rest.indexOf('?');
  if (index !== -1) {
    queryText = rest.slice(index + 1);
    rest = rest.slice(0, index);
  }
  rest = rest.replace(/\\/g, '/');
  index = rest.indexOf('://');
  if (index !== -1) {
    protocol = rest.slice(0, index);
    rest = rest.slice(index + 3);
    // file:////x keeps one slash (an absolute path); other schemes drop extra slashes.
    rest = rest.replace(/^\/+/, protocol.toLowerCase() === 'file' ? '/' : '');
  }
  index = rest.indexOf('/');
  if (index !== -1) {
    path = rest.slice(index + 1).split('/');
    rest = rest.slice(0, index);
  }
  index = rest.lastIndexOf('@');
  if (index !== -1) {
    const credentials = rest.slice(0, index);
    rest = rest.slice(index + 1);
    const colon = credentials.indexOf(':');
    auth =
      colon === -1
        ? { user: unmask(credentials) }
        : { user: unmask(credentials.slice(0, colon)), password: unmask(credentials.slice(colon + 1)) };
  }
  index = rest.lastIndexOf(':');
  if (index !== -1 && !rest.slice(index + 1).includes(']')) {
    port = rest.slice(index + 1);
    rest = rest.slice(0, index);
  }
  if (rest) host = rest.split('.');

  const url: UrlObject = { raw: input };
  if (protocol !== undefined) url.protocol = unmask(protocol);
  if (auth) url.auth = auth;
  if (host) url.host = host.map(unmask);
  if (port !== undefined) url.port = unmask(port);
  if (path) url.path = path.map(unmask);
  if (queryText !== undefined) {
    url.query = parseQuery(queryText).map(({ key, value }) => ({
      key: key === null ? null : unmask(key),
      value: value === null || value === undefined ? null : unmask(value),
    }));
  }
  if (hash !== undefined) url.hash = unmask(hash);
  const variables = pathVariableNames(url.path as string[] | undefined);
  if (variables.length > 0) url.variable = variables.map((key) => ({ key }));
  return url;
}

/**
 * `a=1&b&&c=` → `[{a,'1'}, {b,null}, {null,null}, {c,''}]`: a key without `=`
 * has a null value; an empty segment in the middle is an empty entry.
 */
export function parseQuery(query: string): QueryParam[] {
  const parts = query.split('&');
  return parts.map((part, i) => {
    if (part === '' && i !== parts.length - 1) return { key: null, value: null };
    const eq = part.indexOf('=');
    return eq === -1 ? { key: part, value: null } : { key: part.slice(0, eq), value: part.slice(eq + 1) };
  });
}

function pathVariableNames(path: string[] | undefined): string[] {
  const names: string[] = [];
  for (const segment of path ?? []) {
    const name = pathVariableName(segment);
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** `:id` → `id`, `:id.json` → `id`; anything else → undefined. */
function pathVariableName(segment: string): string | undefined {
  if (!segment.startsWith(':')) return undefined;
  const dot = segment.indexOf('.');
  return segment.slice(1, dot === -1 ? undefined : dot) || undefined;
}

export interface UrlToStringOptions {
  /**
   * Resolves `{{variables}}`. Applied, as Postman does, to the URL assembled
   * from its parts (path variables already substituted); the result is split
   * again so a variable may hold a protocol, host and path at once.
   */
  resolve?: (text: string) => string;
  /** Postman's protocolProfileBehavior.disableUrlEncoding: send the URL exactly as written. */
  disableUrlEncoding?: boolean;
  /** Add `http://` when the URL names no protocol (what Newman sends). */
  forceProtocol?: boolean;
}

/**
 * Builds the URL string from a URL: from its parts when it has any (as
 * Postman does; `raw` is only a fallback), without disabled query entries,
 * with `:name` path segments replaced from `url.variable`.
 */
export function urlToString(url: Url | undefined | null, options: UrlToStringOptions = {}): string {
  const assembled = assemble(toUrlParts(url));
  const resolved = options.resolve ? options.resolve(assembled) : assembled;
  const text = options.disableUrlEncoding ? resolved : encodeUrl(resolved);
  return options.forceProtocol ? toAbsoluteUrl(text) : text;
}

/** Adds `http://` when `text` has no protocol, as Postman and Newman do before sending. */
export function toAbsoluteUrl(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed === '' || HAS_PROTOCOL.test(trimmed)) return trimmed;
  return `http://${trimmed}`;
}

/** Percent-encodes each component of an already resolved URL string (keeps `%XX` and `{{…}}`). */
export function encodeUrl(text: string): string {
  const url = parseUrl(text);
  let out = '';
  if (url.protocol !== undefined) out += `${url.protocol}://`;
  if (url.auth) {
    out += encodeComponent(url.auth.user ?? '', USERINFO_SET);
    if (url.auth.password !== undefined) out += `:${encodeComponent(url.auth.password, USERINFO_SET)}`;
    out += '@';
  }
  if (Array.isArray(url.host)) out += url.host.join('.');
  if (url.port !== undefined) out += `:${url.port}`;
  if (Array.isArray(url.path)) out += `/${encodeComponent((url.path as string[]).join('/'), PATH_SET)}`;
  if (url.query) {
    out += `?${url.query
      .map((param) => {
        let pair = param.key === null ? '' : encodeComponent(param.key, PARAM_KEY_SET);
        if (typeof param.value === 'string') pair += `=${encodeComponent(param.value, PARAM_VALUE_SET)}`;
        return pair;
      })
      .join('&')}`;
  }
  if (url.hash !== undefined) out += `#${encodeComponent(url.hash, FRAGMENT_SET)}`;
  return out;
}

function toUrlParts(url: Url | undefined | null): UrlObject {
  if (url === undefined || url === null) return {};
  if (typeof url === 'string') return parseUrl(url);
  const hasParts = url.host !== undefined || url.path !== undefined || url.protocol !== undefined;
  if (hasParts || typeof url.raw !== 'string') return url;
  const parsed = parseUrl(url.raw);
  if (url.query) parsed.query = url.query;
  if (url.variable) parsed.variable = url.variable;
  if (url.hash !== undefined) parsed.hash = url.hash;
  return parsed;
}

function assemble(url: UrlObject): string {
  let out = '';
  if (url.protocol) out += url.protocol.endsWith('://') ? url.protocol : `${url.protocol}://`;
  if (url.auth && (typeof url.auth.user === 'string' || typeof url.auth.password === 'string')) {
    out += url.auth.user ?? '';
    if (typeof url.auth.password === 'string') out += `:${url.auth.password}`;
    out += '@';
  }
  if (url.host !== undefined) out += Array.isArray(url.host) ? url.host.join('.') : String(url.host);
  if (url.port !== undefined && url.port !== null && String(url.port) !== '') out += `:${url.port}`;
  const path = pathSegments(url.path);
  if (path) out += `/${substitutePathVariables(path, url.variable).join('/')}`;
  if (url.query && url.query.length > 0) {
    const enabled = url.query.filter((param) => param && param.disabled !== true);
    // Postman keeps a lone `?` when an enabled entry is empty, and drops it when all are disabled.
    if (enabled.length > 0) out += `?${enabled.map(queryPair).join('&')}`;
  }
  if (typeof url.hash === 'string') out += `#${url.hash}`;
  return out;
}

function pathSegments(path: UrlObject['path']): string[] | undefined {
  if (path === undefined || path === null) return undefined;
  if (typeof path === 'string') {
    if (path === '') return undefined;
    if (path === '/') return [''];
    return path.replace(/^\//, '').split('/');
  }
  return path.map((segment) => (typeof segment === 'string' ? segment : String(segment?.value ?? '')));
}

function substitutePathVariables(segments: string[], variables: Variable[] | undefined): string[] {
  if (!variables || variables.length === 0) return segments;
  const values = new Map<string, string>();
  for (const variable of variables) {
    const key = variable.key ?? variable.id;
    if (key === undefined || key === null || variable.disabled === true) continue;
    const value = variable.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values.set(String(key), String(value));
    }
  }
  return segments.map((segment) => {
    const name = pathVariableName(segment);
    if (name === undefined) return segment;
    const value = values.get(name);
    // An empty value leaves the `:name` placeholder, as Postman does.
    return value ? value + segment.slice(name.length + 1) : segment;
  });
}

function queryPair(param: QueryParam): string {
  let pair = typeof param.key === 'string' ? escapeQueryReserved(param.key, true) : '';
  if (typeof param.value === 'string') pair += `=${escapeQueryReserved(param.value, false)}`;
  return pair;
}

/**
 * A literal `&` or `#` (and `=` in a key) inside one query entry would split
 * it when the string is read back, so it is escaped; `{{variables}}` are
 * left alone because their values are what the user meant.
 */
function escapeQueryReserved(text: string, isKey: boolean): string {
  const reserved = isKey ? /[&#=]/g : /[&#]/g;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    out += text.slice(last, match.index).replace(reserved, hexEscape) + match[0];
    last = match.index + match[0].length;
  }
  return out + text.slice(last).replace(reserved, hexEscape);
}

function hexEscape(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

// Encode sets as in the WHATWG URL standard, which Postman follows (its query set adds ').
const FRAGMENT_SET = new Set(' "<>`');
const QUERY_SET = new Set(' "#\'<>');
const PATH_SET = new Set([...FRAGMENT_SET, ...'#?{}']);
const USERINFO_SET = new Set([...PATH_SET, ...'/:;=@[\\]^|']);
const PARAM_KEY_SET = new Set([...QUERY_SET, '&', '=']);
const PARAM_VALUE_SET = new Set([...QUERY_SET, '&']);

const utf8 = new TextEncoder();

const needsWork = new WeakMap<ReadonlySet<string>, RegExp>();

/** Matches any character that encodeComponent would have to look at closely for `set`. */
function slowPathPattern(set: ReadonlySet<string>): RegExp {
  let pattern = needsWork.get(set);
  if (!pattern) {
    const listed = [...set, '%', '{'].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    pattern = new RegExp(`[\\u0000-\\u001f\\u007f-\\uffff${listed}]`);
    needsWork.set(set, pattern);
  }
  return pattern;
}

/** Encodes what `set` (plus controls and non-ASCII) forbids; keeps `%XX` and `{{…}}` as written. */
export function encodeComponent(text: string, set: ReadonlySet<string>): string {
  // Most URL parts need nothing: one regex test instead of a walk over every character.
  if (!slowPathPattern(set).test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i + 2);
      if (end !== -1 && !/[{}]/.test(text.slice(i + 2, end))) {
        out += text.slice(i, end + 2);
        i = end + 2;
        continue;
      }
    }
    const ch = text[i]!;
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += text.slice(i, i + 3);
      i += 3;
      continue;
    }
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    if (code < 0x20 || code === 0x7f || code > 0x7e) {
      for (const byte of utf8.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else if (set.has(char)) {
      out += hexEscape(char);
    } else {
      out += char;
    }
    i += char.length;
  }
  return out;
}

export const URL_ENCODE_SETS = {
  fragment: FRAGMENT_SET,
  query: QUERY_SET,
  path: PATH_SET,
  userinfo: USERINFO_SET,
  queryKey: PARAM_KEY_SET,
  queryValue: PARAM_VALUE_SET,
} as const;
