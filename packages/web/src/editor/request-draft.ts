/**
 * The request editor's draft: a flat, form-friendly view of one Postman item, and the pure
 * functions that convert it back and keep the URL and the params tables in step.
 * Only types come from @postern/collection: its index also loads node-only auth signers.
 */
import type { SendRequestBody } from '../api/types.ts';
import type { Auth, AuthAttribute, Event, FormParam, Header, Item, QueryParam, RequestObject, UrlEncodedParam } from '@postern/collection';

export interface Row {
  key: string;
  value: string;
  description: string;
  enabled: boolean;
  /** form-data only: a file row keeps the picked file's name in `src`. */
  type?: 'text' | 'file';
  src?: string;
}

export type BodyModeChoice = 'none' | 'raw' | 'urlencoded' | 'formdata' | 'file' | 'graphql';
export type RawLanguage = 'json' | 'javascript' | 'xml' | 'html' | 'text';

export interface BodyDraft {
  mode: BodyModeChoice;
  raw: string;
  language: RawLanguage;
  urlencoded: Row[];
  formdata: Row[];
  fileSrc: string;
  graphqlQuery: string;
  graphqlVariables: string;
}

export interface SettingsDraft {
  followRedirects: boolean;
  /** false = do not verify TLS certificates (Postman's strictSSL: false). */
  strictSSL: boolean;
  /** Not part of the Postman format: used when sending, not saved. */
  timeoutMs: number | null;
}

export interface Draft {
  name: string;
  method: string;
  url: string;
  params: Row[];
  pathVariables: Row[];
  headers: Row[];
  /** undefined = inherit from the parent folder or collection. */
  auth: Auth | undefined;
  body: BodyDraft;
  prerequest: string;
  test: string;
  settings: SettingsDraft;
}

export const STANDARD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const emptyRow = (): Row => ({ key: '', value: '', description: '', enabled: true });

const text = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
const descriptionText = (value: unknown): string =>
  typeof value === 'object' && value !== null && 'content' in value ? text((value as { content: unknown }).content) : text(value);

// ---- URL ⇄ params ----

/** The URL without its query and fragment, and the query text (no `?`). */
function splitUrl(url: string): { base: string; query: string | null; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const q = beforeHash.indexOf('?');
  return q >= 0 ? { base: beforeHash.slice(0, q), query: beforeHash.slice(q + 1), hash } : { base: beforeHash, query: null, hash };
}

/** The query params written in a URL, in order, as typed (not decoded, like Postman). */
export function queryRowsOfUrl(url: string): Row[] {
  const { query } = splitUrl(url);
  if (query === null || query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return { ...emptyRow(), key: eq >= 0 ? pair.slice(0, eq) : pair, value: eq >= 0 ? pair.slice(eq + 1) : '' };
  });
}

/** URL edited: the enabled params follow it, disabled rows (absent from any URL) are kept, descriptions matched by key. */
export function paramsAfterUrlEdit(url: string, previous: Row[]): Row[] {
  const described = new Map(previous.filter((r) => r.enabled).map((r) => [r.key, r.description]));
  const fromUrl = queryRowsOfUrl(url).map((r) => ({ ...r, description: described.get(r.key) ?? '' }));
  return [...fromUrl, ...previous.filter((r) => !r.enabled)];
}

/** Params edited: the URL's query is rewritten from the enabled rows (empty rows are skipped). */
export function urlAfterParamsEdit(url: string, params: Row[]): string {
  const { base, hash } = splitUrl(url);
  const pairs = params.filter((r) => r.enabled && (r.key !== '' || r.value !== '')).map((r) => (r.value === '' && r.key !== '' ? r.key : `${r.key}=${r.value}`));
  return `${base}${pairs.length ? `?${pairs.join('&')}` : ''}${hash}`;
}

/** The `:name` path variables of a URL, in order, without duplicates. */
export function pathVariableNames(url: string): string[] {
  const { base } = splitUrl(url);
  const path = base.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/]*/, '');
  const names: string[] = [];
  for (const segment of path.split('/')) {
    const match = /^:([^/:]+)$/.exec(segment);
    if (match && !names.includes(match[1]!)) names.push(match[1]!);
  }
  return names;
}

/** The path variables rows after a URL change: one per `:name`, values kept for names still present. */
export function syncPathVariables(url: string, previous: Row[]): Row[] {
  const byKey = new Map(previous.map((r) => [r.key, r]));
  return pathVariableNames(url).map((key) => byKey.get(key) ?? { ...emptyRow(), key });
}

/** Splits text into `{{variable}}` references and plain text, for highlighting. */
export function variableRanges(value: string): { from: number; to: number; name: string }[] {
  const out: { from: number; to: number; name: string }[] = [];
  for (const match of value.matchAll(/\{\{([^{}]*)\}\}/g)) out.push({ from: match.index, to: match.index + match[0].length, name: match[1]! });
  return out;
}

// ---- item → draft ----

function rawUrlOf(url: RequestObject['url']): string {
  if (!url) return '';
  if (typeof url === 'string') return url;
  if (typeof url.raw === 'string') return url.raw;
  return '';
}

function rowOf(param: { key?: unknown; value?: unknown; description?: unknown; disabled?: unknown; type?: unknown; src?: unknown }): Row {
  const row: Row = { key: text(param.key), value: text(param.value), description: descriptionText(param.description), enabled: param.disabled !== true };
  if (param.type === 'file') {
    row.type = 'file';
    row.src = Array.isArray(param.src) ? text(param.src[0]) : text(param.src);
  } else if (param.type === 'text') row.type = 'text';
  return row;
}

/** The source of an item's pre-request or test script, lines joined. */
export function scriptOf(events: Event[] | undefined, listen: string): string {
  const exec = events?.find((e) => e.listen === listen)?.script?.exec;
  return Array.isArray(exec) ? exec.join('\n') : text(exec);
}

function languageOf(value: unknown): RawLanguage {
  return value === 'json' || value === 'javascript' || value === 'xml' || value === 'html' ? value : 'text';
}

export function bodyDraftOf(body: RequestObject['body']): BodyDraft {
  const mode = body?.mode;
  const graphqlVariables = body?.graphql?.variables;
  return {
    mode: mode === 'raw' || mode === 'urlencoded' || mode === 'formdata' || mode === 'file' || mode === 'graphql' ? mode : 'none',
    raw: text(body?.raw),
    language: languageOf(body?.options?.raw?.language),
    urlencoded: (body?.urlencoded ?? []).map(rowOf),
    formdata: (body?.formdata ?? []).map(rowOf),
    fileSrc: text(body?.file?.src),
    graphqlQuery: text(body?.graphql?.query),
    graphqlVariables: typeof graphqlVariables === 'string' ? graphqlVariables : graphqlVariables ? JSON.stringify(graphqlVariables, null, 2) : '',
  };
}

/** A v2.0 auth (`basic: {username}`) read as the v2.1 key/value list. */
export function authAttributes(auth: Auth | undefined): AuthAttribute[] {
  if (!auth) return [];
  const params = auth[auth.type];
  if (Array.isArray(params)) return params as AuthAttribute[];
  if (params && typeof params === 'object') return Object.entries(params).map(([key, value]) => ({ key, value }));
  return [];
}

/** One auth parameter's value as editable text. */
export function authValue(auth: Auth | undefined, key: string): string {
  return text(authAttributes(auth).find((a) => a.key === key)?.value);
}

/** The auth with one parameter set (stored as a v2.1 list, the field's order kept). */
export function withAuthValue(auth: Auth, key: string, value: string): Auth {
  const list = authAttributes(auth).filter((a) => a.key !== key);
  return { ...auth, [auth.type]: [...list, { key, value, type: 'string' }] };
}

export function draftFromItem(item: Item): Draft {
  const request: RequestObject = typeof item.request === 'string' ? { url: item.request } : (item.request ?? {});
  const url = rawUrlOf(request.url);
  const urlObject = typeof request.url === 'object' ? request.url : undefined;
  const disabledQuery = (urlObject?.query ?? []).filter((q: QueryParam) => q.disabled === true).map(rowOf);
  const described = new Map((urlObject?.query ?? []).map((q: QueryParam) => [text(q.key), descriptionText(q.description)]));
  const pathValues = (urlObject?.variable ?? []).map(rowOf);
  const auth = request.auth && request.auth.type !== 'inherit' ? request.auth : undefined;
  const behavior = item.protocolProfileBehavior ?? {};
  return {
    name: text(item.name),
    method: (request.method ?? 'GET').toUpperCase(),
    url,
    params: [...queryRowsOfUrl(url).map((r) => ({ ...r, description: described.get(r.key) ?? '' })), ...disabledQuery],
    pathVariables: syncPathVariables(url, pathValues),
    headers: (Array.isArray(request.header) ? request.header : []).map(rowOf),
    auth,
    body: bodyDraftOf(request.body),
    prerequest: scriptOf(item.event, 'prerequest'),
    test: scriptOf(item.event, 'test'),
    settings: { followRedirects: behavior.followRedirects !== false, strictSSL: behavior.strictSSL !== false, timeoutMs: null },
  };
}

// ---- draft → item ----

function paramOf(row: Row): { key: string; value: string; description?: string; disabled?: boolean } {
  return { key: row.key, value: row.value, ...(row.description && { description: row.description }), ...(!row.enabled && { disabled: true }) };
}

const nonEmpty = (rows: Row[]) => rows.filter((r) => r.key !== '' || r.value !== '' || r.description !== '' || r.src);

export function bodyOfDraft(body: BodyDraft): RequestObject['body'] | undefined {
  switch (body.mode) {
    case 'none':
      return undefined;
    case 'raw':
      return { mode: 'raw', raw: body.raw, options: { raw: { language: body.language } } };
    case 'urlencoded':
      return { mode: 'urlencoded', urlencoded: nonEmpty(body.urlencoded).map(paramOf) as UrlEncodedParam[] };
    case 'formdata':
      return {
        mode: 'formdata',
        formdata: nonEmpty(body.formdata).map((r) =>
          r.type === 'file' ? { ...paramOf(r), value: undefined, type: 'file', src: r.src ?? '' } : { ...paramOf(r), type: 'text' },
        ) as FormParam[],
      };
    case 'file':
      return { mode: 'file', file: { src: body.fileSrc } };
    case 'graphql':
      return { mode: 'graphql', graphql: { query: body.graphqlQuery, variables: body.graphqlVariables } };
  }
}

/** The events with one script replaced (dropped when empty); other events and fields are kept. */
export function withScript(events: Event[] | undefined, listen: string, source: string): Event[] {
  const others = (events ?? []).filter((e) => e.listen !== listen);
  if (source.trim() === '') return others;
  const old = events?.find((e) => e.listen === listen);
  return [...others, { ...old, listen, script: { ...old?.script, type: 'text/javascript', exec: source.split('\n') } }];
}

/** The Postman request object the draft describes (what is saved and sent). */
export function requestOfDraft(draft: Draft, original?: RequestObject): RequestObject {
  const { body: _oldBody, auth: _oldAuth, ...kept } = original ?? {};
  const params = nonEmpty(draft.params);
  const url = {
    raw: draft.url,
    ...(params.length && { query: params.map(paramOf) }),
    ...(draft.pathVariables.length && { variable: draft.pathVariables.map(paramOf) }),
  };
  const body = bodyOfDraft(draft.body);
  return {
    ...kept,
    method: draft.method,
    header: nonEmpty(draft.headers).map(paramOf) as Header[],
    url,
    ...(body && { body }),
    ...(draft.auth && { auth: draft.auth }),
  };
}

/** The item with the draft applied; fields the editor does not show are kept. */
export function itemFromDraft(item: Item, draft: Draft): Item {
  const original = typeof item.request === 'object' ? item.request : undefined;
  let events = withScript(item.event, 'prerequest', draft.prerequest);
  events = withScript(events, 'test', draft.test);
  const { event: _e, protocolProfileBehavior: oldBehavior, ...rest } = item;
  const behavior = { ...oldBehavior };
  if (draft.settings.followRedirects) delete behavior.followRedirects;
  else behavior.followRedirects = false;
  if (draft.settings.strictSSL) delete behavior.strictSSL;
  else behavior.strictSSL = false;
  return {
    ...rest,
    name: draft.name,
    request: requestOfDraft(draft, original),
    ...(events.length && { event: events }),
    ...(Object.keys(behavior).length && { protocolProfileBehavior: behavior }),
  };
}

/** The POST /api/send body for a draft. */
export function sendBodyOf(
  draft: Draft,
  variables: { key: string; value: string }[],
  where: { collectionId: string; itemId: string; original?: RequestObject; originalEvents?: Event[] },
): SendRequestBody {
  // The server runs these with the collection's and folders' own scripts, as Postman's Send does.
  const events = withScript(withScript(where.originalEvents, 'prerequest', draft.prerequest), 'test', draft.test).filter(
    (e) => e.listen === 'prerequest' || e.listen === 'test',
  );
  return {
    request: requestOfDraft(draft, where.original),
    name: draft.name,
    ...(events.length && { events }),
    variables,
    settings: {
      followRedirects: draft.settings.followRedirects,
      insecure: !draft.settings.strictSSL,
      ...(draft.settings.timeoutMs && { timeoutMs: draft.settings.timeoutMs }),
    },
    collectionId: where.collectionId,
    itemId: where.itemId,
  };
}

/** JSON text pretty-printed, or null when it does not parse. */
export function formatJson(source: string): string | null {
  try {
    return JSON.stringify(JSON.parse(source), null, 2);
  } catch {
    return null;
  }
}
