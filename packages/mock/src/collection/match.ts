/**
 * Mocking from a collection's saved examples, with Postman's mock-server
 * semantics: filter by method, then by the x-mock-* headers, then score the
 * path and query of every remaining example; the highest score wins and ties
 * go to the first example in collection order.
 *
 * Everything that depends only on the collection is computed once in
 * createCollectionMock, so a request costs one split of its path and a walk
 * over the examples of its method.
 */
import { enabledHeaders, isItemGroup, parseUrl, toRequestObject } from '@postern/collection';
import type { Collection, Item, ItemGroup, RequestBody, RequestObject, Response, UrlObject } from '@postern/collection';

export interface MockRequest {
  method: string;
  /** Path and query as sent, e.g. `/users/1?full=true`. */
  url: string;
  /** Node-style headers: lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  body?: string;
}

export interface MockResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  /** Wait this long before answering (the example's responseTime). */
  delayMs: number;
}

export interface MatchedExample {
  name: string;
  id?: string;
  /** Name of the request the example belongs to. */
  request: string;
  score: number;
}

export type MatchResult =
  | { matched: true; example: MatchedExample; response: MockResponse }
  | { matched: false; response: MockResponse };

export interface CollectionMockOptions {
  /** Honour each example's responseTime as a delay (default true). */
  delay?: boolean;
}

export interface CollectionMock {
  /** Number of saved examples that can be served. */
  readonly exampleCount: number;
  /** Distinct method + path pairs among them. */
  readonly routeCount: number;
  match(request: MockRequest): MatchResult;
}

// Score steps. A path match starts at 100 and loses PATH_STEP for each
// normalisation it needed; query parameters then move it by a few points, so
// a better path always beats a better query.
const PATH_EXACT = 100;
const PATH_STEP = 10;
const WILDCARD_COST = 1;
const QUERY_MATCH = 2;
const QUERY_DIFFERENT = -2;
const QUERY_MISSING = -1;
const QUERY_EXTRA = -1;
const MAX_DELAY_MS = 60_000;

// Headers the mock sets itself or that describe the original transfer, not the stored body.
const SKIPPED_RESPONSE_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']);

const PREVIEW_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  javascript: 'application/javascript; charset=utf-8',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_ID = /^[0-9a-f]{8,}$/i;
const DIGITS = /^\d+$/;
const ALNUM_WITH_DIGIT = /^(?=[a-z0-9_-]*\d)[a-z0-9_-]{6,}$/i;

/** Numbers, UUIDs, long hex strings and long alphanumeric tokens that contain a digit. */
export function isIdLike(segment: string): boolean {
  return DIGITS.test(segment) || UUID.test(segment) || HEX_ID.test(segment) || ALNUM_WITH_DIGIT.test(segment);
}

interface Segment {
  /** undefined: a wildcard (unresolved `{{var}}` or `:name`). */
  text: string | undefined;
  lower: string;
  idLike: boolean;
}

interface Example {
  order: number;
  name: string;
  id: string | undefined;
  requestName: string;
  method: string;
  path: string;
  segments: Segment[];
  /** Path had a trailing slash (an empty last segment, kept out of `segments`). */
  trailingSlash: boolean;
  query: Array<[string, string]>;
  requestHeaders: Map<string, string>;
  body: RequestBody | null | undefined;
  response: MockResponse;
}

interface PreparedRequest {
  method: string;
  path: string;
  segments: string[];
  lower: string[];
  /** Filled on first use: most requests match before ID-like segments are tried. */
  idLike: Array<boolean | undefined>;
  trailingSlash: boolean;
  query: Array<[string, string]>;
  header: (name: string) => string | undefined;
}

export function createCollectionMock(collection: Collection, options: CollectionMockOptions = {}): CollectionMock {
  const variables = collectionVariables(collection);
  const all: Example[] = [];
  const visit = (nodes: Array<Item | ItemGroup> | undefined) => {
    for (const node of nodes ?? []) {
      if (!node || typeof node !== 'object') continue;
      if (isItemGroup(node)) visit(node.item);
      else for (const response of node.response ?? []) all.push(prepareExample(node, response, all.length, variables, options));
    }
  };
  visit(collection.item);

  // Per method, and per method + segment count: a path only matches one of its own length.
  const byMethod = new Map<string, Example[]>();
  const byShape = new Map<string, Example[]>();
  const routes = new Set<string>();
  for (const example of all) {
    push(byMethod, example.method, example);
    push(byShape, `${example.method} ${example.segments.length}`, example);
    routes.add(`${example.method} ${example.path}`);
  }

  return {
    exampleCount: all.length,
    routeCount: routes.size,
    match: (request) => matchRequest(prepareRequest(request), byMethod, byShape, all),
  };
}

function push(map: Map<string, Example[]>, key: string, example: Example): void {
  const list = map.get(key);
  if (list) list.push(example);
  else map.set(key, [example]);
}

const X_MOCK_HEADERS = ['x-mock-response-code', 'x-mock-response-id', 'x-mock-response-name', 'x-mock-match-request-body', 'x-mock-match-request-headers'];

function matchRequest(request: PreparedRequest, byMethod: Map<string, Example[]>, byShape: Map<string, Example[]>, all: Example[]): MatchResult {
  // Without x-mock-* headers only examples of the request's length can match; a pick by
  // id or name may have another path, so then the whole method list is searched.
  const plain = X_MOCK_HEADERS.every((name) => request.header(name) === undefined);
  let candidates = (plain ? byShape.get(`${request.method} ${request.segments.length}`) : byMethod.get(request.method)) ?? [];
  const filters: string[] = [];

  const code = request.header('x-mock-response-code');
  if (code !== undefined) {
    const wanted = Number(code.trim());
    candidates = candidates.filter((e) => e.response.status === wanted);
    filters.push(`x-mock-response-code: ${code}`);
  }
  // Name and id pick the example themselves: the path still ranks several
  // picks, but a pick whose path differs is served rather than refused.
  let picked = false;
  const id = request.header('x-mock-response-id');
  if (id !== undefined) {
    const wanted = id.trim();
    // Postman shows example UIDs as <owner>-<id>; accept both forms.
    candidates = candidates.filter((e) => e.id !== undefined && (e.id === wanted || wanted.endsWith(`-${e.id}`)));
    filters.push(`x-mock-response-id: ${id}`);
    picked = true;
  }
  const name = request.header('x-mock-response-name');
  if (name !== undefined) {
    const wanted = name.trim();
    candidates = candidates.filter((e) => e.name === wanted);
    filters.push(`x-mock-response-name: ${name}`);
    picked = true;
  }
  if (isTrue(request.header('x-mock-match-request-body'))) {
    const contentType = request.header('content-type');
    candidates = candidates.filter((e) => bodyMatches(e.body, requestBodyOf(request), contentType));
    filters.push('x-mock-match-request-body: true');
  }
  const headerMatch = request.header('x-mock-match-request-headers');
  if (headerMatch !== undefined && headerMatch.trim() !== '' && headerMatch.trim().toLowerCase() !== 'false') {
    candidates = candidates.filter((e) => headersMatch(e, request, headerMatch));
    filters.push(`x-mock-match-request-headers: ${headerMatch}`);
  }

  let best: Example | undefined;
  let bestScore = -Infinity;
  for (const example of candidates) {
    const path = pathScore(example, request);
    if (path === undefined) continue;
    const score = path + queryScore(example.query, request.query);
    // Strictly greater: on a tie the earlier example (collection order) stays.
    if (score > bestScore) {
      best = example;
      bestScore = score;
    }
  }
  if (!best && picked && candidates.length > 0) {
    best = candidates[0]!;
    bestScore = 0;
  }
  if (best) {
    return {
      matched: true,
      example: { name: best.name, ...(best.id !== undefined ? { id: best.id } : {}), request: best.requestName, score: bestScore },
      response: best.response,
    };
  }
  return { matched: false, response: notFound(request, filters, all) };
}

function requestIdLike(request: PreparedRequest, i: number): boolean {
  let value = request.idLike[i];
  if (value === undefined) value = request.idLike[i] = isIdLike(request.segments[i] ?? '');
  return value;
}

/** The body is attached by prepareRequest only when a filter needs it. */
const BODIES = new WeakMap<PreparedRequest, string>();
function requestBodyOf(request: PreparedRequest): string {
  return BODIES.get(request) ?? '';
}

function prepareRequest(request: MockRequest): PreparedRequest {
  const url = request.url || '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  const parts = rawPath.split('/').filter((_, i) => i > 0 || rawPath[0] !== '/');
  let trailingSlash = false;
  if (parts.length > 0 && parts[parts.length - 1] === '') {
    parts.pop();
    trailingSlash = true;
  }
  // `/` is the root itself, not an empty path with a trailing slash.
  if (parts.length === 0) trailingSlash = false;
  const segments = parts.map(safeDecode);
  const query: Array<[string, string]> = [];
  if (rawQuery) {
    for (const part of rawQuery.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const key = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      query.push([safeDecode(key.replace(/\+/g, ' ')), safeDecode(value.replace(/\+/g, ' '))]);
    }
  }
  const headers = request.headers;
  const prepared: PreparedRequest = {
    method: request.method.toUpperCase(),
    path: rawPath,
    segments,
    lower: segments.map((s) => s.toLowerCase()),
    idLike: new Array<boolean | undefined>(segments.length),
    trailingSlash,
    query,
    header: (name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
  if (request.body !== undefined) BODIES.set(prepared, request.body);
  return prepared;
}

/**
 * Tries the normalisations in Postman's order and returns the score of the
 * first that matches: exact, without the trailing slash, case-insensitive,
 * ID-like segments interchangeable. undefined when none does.
 */
function pathScore(example: Example, request: PreparedRequest): number | undefined {
  const segments = example.segments;
  if (segments.length !== request.segments.length) return undefined;
  for (let level = 0; level < 4; level++) {
    if (level === 0 && example.trailingSlash !== request.trailingSlash) continue;
    let wildcards = 0;
    let ok = true;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (s.text === undefined) {
        wildcards++;
        continue;
      }
      if (s.text === request.segments[i]) continue;
      if (level >= 2 && s.lower === request.lower[i]) continue;
      if (level >= 3 && s.idLike && requestIdLike(request, i)) continue;
      ok = false;
      break;
    }
    if (ok) return PATH_EXACT - level * PATH_STEP - wildcards * WILDCARD_COST;
  }
  return undefined;
}

function queryScore(expected: Array<[string, string]>, actual: Array<[string, string]>): number {
  if (expected.length === 0 && actual.length === 0) return 0;
  let score = 0;
  const seen = new Set<string>();
  for (const [key, value] of expected) {
    seen.add(key);
    const values = actual.filter(([k]) => k === key);
    if (values.length === 0) score += QUERY_MISSING;
    else if (values.some(([, v]) => v === value || isVariable(value))) score += QUERY_MATCH;
    else score += QUERY_DIFFERENT;
  }
  for (const [key] of actual) if (!seen.has(key)) score += QUERY_EXTRA;
  return score;
}

function headersMatch(example: Example, request: PreparedRequest, setting: string): boolean {
  const names = isTrue(setting)
    ? [...example.requestHeaders.keys()]
    : setting
        .split(',')
        .map((n) => n.trim().toLowerCase())
        .filter(Boolean);
  for (const name of names) {
    const expected = example.requestHeaders.get(name);
    const actual = request.header(name);
    if (expected === undefined && actual === undefined) continue;
    if (expected === undefined || actual === undefined) return false;
    if (!isVariable(expected) && expected !== actual.trim()) return false;
  }
  return true;
}

function bodyMatches(expected: RequestBody | null | undefined, actual: string, contentType: string | undefined): boolean {
  if (!expected || expected.disabled) return actual.trim() === '';
  switch (expected.mode) {
    case 'urlencoded': {
      const want = (expected.urlencoded ?? []).filter((p) => !p.disabled).map((p) => [p.key, p.value ?? ''] as [string, string]);
      const got = [...new URLSearchParams(actual)];
      return sameMultiset(want, got);
    }
    case 'formdata': {
      // Multipart bodies are not parsed: every text field must appear with its value.
      const fields = (expected.formdata ?? []).filter((p) => !p.disabled && p.type !== 'file');
      if (contentType?.includes('application/x-www-form-urlencoded')) {
        return sameMultiset(
          fields.map((p) => [p.key, p.value ?? '']),
          [...new URLSearchParams(actual)],
        );
      }
      return fields.every((p) => actual.includes(`name="${p.key}"`) && actual.includes(p.value ?? ''));
    }
    case 'graphql': {
      const want = { query: expected.graphql?.query ?? '', variables: parseMaybeJson(expected.graphql?.variables) ?? {} };
      const got = parseMaybeJson(actual);
      if (!isObject(got)) return false;
      return deepEqual(want.query.trim(), String(got.query ?? '').trim()) && deepEqual(want.variables, got.variables ?? {});
    }
    case 'raw':
    case undefined: {
      const raw = expected.raw ?? '';
      if (raw.trim() === actual.trim()) return true;
      const a = parseMaybeJson(raw);
      const b = parseMaybeJson(actual);
      return a !== undefined && b !== undefined && deepEqual(a, b);
    }
    default:
      return (expected.raw ?? '') === actual;
  }
}

function notFound(request: PreparedRequest, filters: string[], all: Example[]): MockResponse {
  const where = `${request.method} ${request.path}`;
  const ranked = all
    .map((e) => ({ e, distance: distance(e, request) }))
    .sort((a, b) => a.distance - b.distance || a.e.order - b.e.order)
    .slice(0, 3);
  const candidates = ranked.map(({ e }) => ({
    example: e.name,
    request: e.requestName,
    method: e.method,
    path: e.path,
    status: e.response.status,
    differences: differences(e, request, filters),
  }));
  let hint: string;
  if (all.length === 0) hint = 'The collection has no saved examples; save an example response on a request, then restart the mock.';
  else if (filters.length > 0) hint = `No example fits the request together with ${filters.join(', ')}; check those headers or drop them.`;
  else if (candidates[0]) hint = `Send the method and path of a saved example, e.g. ${candidates[0].method} ${candidates[0].path}, or save an example for ${where}.`;
  else hint = `Save an example for ${where}.`;
  const body = {
    error: {
      name: 'mockRequestNotFoundError',
      message: `No saved example matches ${where}.`,
      hint,
      candidates,
    },
  };
  return { status: 404, headers: [['content-type', 'application/json; charset=utf-8']], body: JSON.stringify(body, null, 2), delayMs: 0 };
}

function differences(example: Example, request: PreparedRequest, filters: string[]): string[] {
  const out: string[] = [];
  if (example.method !== request.method) out.push(`method is ${example.method}, not ${request.method}`);
  if (example.segments.length !== request.segments.length) {
    out.push(`path has ${example.segments.length} segment(s), the request has ${request.segments.length}`);
  } else {
    for (let i = 0; i < example.segments.length; i++) {
      const s = example.segments[i]!;
      if (s.text === undefined || s.lower === request.lower[i] || (s.idLike && requestIdLike(request, i))) continue;
      out.push(`path segment ${i + 1} is "${s.text}", not "${request.segments[i]}"`);
    }
  }
  for (const filter of filters) {
    const [name, value = ''] = filter.split(': ');
    if (name === 'x-mock-response-code' && String(example.response.status) !== value.trim()) out.push(`status is ${example.response.status}, not ${value}`);
    if (name === 'x-mock-response-name' && example.name !== value.trim()) out.push(`name is "${example.name}"`);
    if (name === 'x-mock-response-id' && example.id !== value.trim()) out.push(`id is ${example.id === undefined ? 'not set' : `"${example.id}"`}`);
    if (name === 'x-mock-match-request-body') out.push('the saved request body may differ (x-mock-match-request-body is on)');
    if (name === 'x-mock-match-request-headers') out.push(`saved request headers may differ (${filter})`);
  }
  return out;
}

/** Rough closeness for the 404 hint: method, segment count, differing segments. */
function distance(example: Example, request: PreparedRequest): number {
  let d = example.method === request.method ? 0 : 3;
  d += Math.abs(example.segments.length - request.segments.length) * 2;
  const n = Math.min(example.segments.length, request.segments.length);
  for (let i = 0; i < n; i++) {
    const s = example.segments[i]!;
    if (s.text === undefined || s.lower === request.lower[i] || (s.idLike && requestIdLike(request, i))) continue;
    d += 1;
  }
  return d;
}

function prepareExample(item: Item, response: Response, order: number, variables: Map<string, string>, options: CollectionMockOptions): Example {
  const original: RequestObject = response.originalRequest !== undefined ? toRequestObject(response.originalRequest) : toRequestObject(item.request);
  const fallback = toRequestObject(item.request);
  const method = String(original.method ?? fallback.method ?? 'GET').toUpperCase();
  const urlSource = original.url ?? fallback.url;
  const url: UrlObject = typeof urlSource === 'string' ? parseUrl(urlSource) : (urlSource ?? {});
  const rawPath = Array.isArray(url.path)
    ? url.path.map((p) => (typeof p === 'string' ? p : (p?.value ?? '')))
    : typeof url.path === 'string'
      ? url.path.split('/')
      : url.raw !== undefined
        ? (parseUrl(url.raw).path as string[] | undefined) ?? []
        : [];
  const parts = rawPath.filter((p, i) => !(i === 0 && p === '' && rawPath.length > 1));
  let trailingSlash = false;
  if (parts.length > 0 && parts[parts.length - 1] === '') {
    parts.pop();
    trailingSlash = true;
  }
  if (parts.length === 0) trailingSlash = false;
  const segments: Segment[] = parts.map((part) => {
    const text = resolveSegment(part, variables);
    return text === undefined ? { text, lower: '', idLike: false } : { text, lower: text.toLowerCase(), idLike: isIdLike(text) };
  });
  const query: Array<[string, string]> = [];
  for (const p of url.query ?? []) {
    if (!p || p.disabled || p.key === null || p.key === undefined) continue;
    query.push([p.key, p.value ?? '']);
  }
  const requestHeaders = new Map<string, string>();
  for (const h of enabledHeaders(original)) requestHeaders.set(String(h.key).toLowerCase(), String(h.value ?? '').trim());

  const headers: Array<[string, string]> = [];
  let hasType = false;
  for (const h of enabledHeaders({ header: response.header ?? [] })) {
    const key = String(h.key);
    const lower = key.toLowerCase();
    if (SKIPPED_RESPONSE_HEADERS.has(lower)) continue;
    if (lower === 'content-type') hasType = true;
    headers.push([key, String(h.value ?? '')]);
  }
  const preview = typeof response._postman_previewlanguage === 'string' ? PREVIEW_TYPES[response._postman_previewlanguage] : undefined;
  if (!hasType && preview) headers.push(['Content-Type', preview]);
  const status = typeof response.code === 'number' && response.code >= 100 && response.code <= 999 ? response.code : 200;
  const time = Number(response.responseTime);
  const delayMs = options.delay === false || !Number.isFinite(time) || time <= 0 ? 0 : Math.min(Math.round(time), MAX_DELAY_MS);

  return {
    order,
    name: typeof response.name === 'string' && response.name ? response.name : `Example ${order + 1}`,
    id: typeof response.id === 'string' && response.id ? response.id : undefined,
    requestName: typeof item.name === 'string' ? item.name : '',
    method,
    path: `/${parts.join('/')}${trailingSlash ? '/' : ''}`,
    segments,
    trailingSlash,
    query,
    requestHeaders,
    body: original.body,
    response: { status, headers, body: typeof response.body === 'string' ? response.body : '', delayMs },
  };
}

/** A segment with a `{{var}}` the collection does not define, or a `:name` variable, matches any one segment. */
function resolveSegment(part: string, variables: Map<string, string>): string | undefined {
  if (part.startsWith(':') && part.length > 1) return undefined;
  if (!part.includes('{{')) return safeDecode(part);
  let unresolved = false;
  const text = part.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => {
    const value = variables.get(name.trim());
    if (value === undefined || value.includes('/')) {
      unresolved = true;
      return '';
    }
    return value;
  });
  return unresolved ? undefined : safeDecode(text);
}

function collectionVariables(collection: Collection): Map<string, string> {
  const map = new Map<string, string>();
  for (const v of collection.variable ?? []) {
    if (!v || v.disabled || v.enabled === false || typeof v.key !== 'string') continue;
    if (v.value === undefined || v.value === null || v.value === '') continue;
    map.set(v.key, String(v.value));
  }
  return map;
}

function isVariable(text: string): boolean {
  return /^\{\{[^{}]+\}\}$/.test(text.trim());
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!t || (t[0] !== '{' && t[0] !== '[')) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function sameMultiset(a: Array<[string, string]>, b: Array<[string, string]>): boolean {
  if (a.length !== b.length) return false;
  const key = ([k, v]: [string, string]) => `${k}\u0000${v}`;
  const sa = a.map(key).sort();
  const sb = b.map(key).sort();
  return sa.every((x, i) => x === sb[i]);
}
