/**
 * Postman Collection v1 → v2.1, following what Postman's own transformer does: folders first (in
 * `folders_order`, else array order; sub-folders through each folder's `folders_order`), then the
 * root `order`; `headers` strings with `//` marking disabled lines; `dataMode` params → formdata,
 * binary → file; `currentHelper` + `helperAttributes` auth; `events` winning over the older
 * `preRequestScript`/`tests`; `pathVariables`/`pathVariableData`; `responses` → examples.
 * Requests no order mentions are kept at the end of the collection (Postman drops them) and noted.
 */
import type {
  Auth, Collection, Cookie, Event, FormParam, Header, Item, ItemGroup, QueryParam, RequestBody, RequestObject,
  Response, UrlObject, Variable,
} from '../../types.ts';
import { parseUrl } from '../../url.ts';
import type { Skipped } from '../types.ts';
import { asArray, asString, authOf, emptyCollection, isObject, scriptLines } from '../shared/import-helpers.ts';
import type { JsonObject } from '../shared/import-helpers.ts';

/** v1 helper names → v2 auth types, and how each helper's attributes are renamed. */
const HELPERS: Record<string, { type: string; params: (a: JsonObject) => Record<string, unknown> }> = {
  basicAuth: { type: 'basic', params: (a) => ({ username: a.username, password: a.password }) },
  bearerAuth: { type: 'bearer', params: (a) => ({ token: a.token }) },
  apikeyAuth: { type: 'apikey', params: (a) => ({ key: a.key, value: a.value, in: a.in }) },
  digestAuth: {
    type: 'digest',
    params: (a) => ({
      username: a.username, password: a.password, realm: a.realm, nonce: a.nonce, algorithm: a.algorithm, qop: a.qop,
      nonceCount: a.nonceCount, clientNonce: a.clientNonce, opaque: a.opaque, disableRetryRequest: a.disableRetryRequest,
    }),
  },
  oAuth1: {
    type: 'oauth1',
    params: (a) => ({
      consumerKey: a.consumerKey, consumerSecret: a.consumerSecret, token: a.token, tokenSecret: a.tokenSecret,
      signatureMethod: a.signatureMethod, timestamp: a.timestamp, nonce: a.nonce, version: a.version, realm: a.realm,
      addParamsToHeader: a.header, autoAddParam: a.auto, addEmptyParamsToSign: a.includeEmpty,
    }),
  },
  oAuth2: {
    type: 'oauth2',
    params: (a) => ({
      accessToken: a.accessToken, addTokenTo: a.addTokenTo, tokenType: a.tokenType, authUrl: a.authUrl ?? a.authorization_url,
      accessTokenUrl: a.accessTokenUrl ?? a.access_token_url, clientId: a.clientId ?? a.client_id,
      clientSecret: a.clientSecret ?? a.client_secret, scope: a.scope, grant_type: a.grantType, username: a.username,
      password: a.password, redirect_uri: a.redirectUri ?? a.callBackUrl, refreshToken: a.refreshToken,
    }),
  },
  hawkAuth: {
    type: 'hawk',
    params: (a) => ({
      authId: a.hawk_id, authKey: a.hawk_key, algorithm: a.algorithm, user: a.user, nonce: a.nonce, extraData: a.ext,
      appId: a.app, delegation: a.dlg, timestamp: a.timestamp,
    }),
  },
  ntlmAuth: {
    type: 'ntlm',
    params: (a) => ({ username: a.username, password: a.password, domain: a.domain, workstation: a.workstation }),
  },
  awsSigV4: {
    type: 'awsv4',
    params: (a) => ({ accessKey: a.accessKey, secretKey: a.secretKey, region: a.region, service: a.service, sessionToken: a.sessionToken }),
  },
};

const BODY_MODES: Record<string, string> = { params: 'formdata', urlencoded: 'urlencoded', raw: 'raw', binary: 'file', graphql: 'graphql' };

export interface V1Conversion {
  collection: Collection;
  skipped: Skipped[];
}

/** `at` is the JSON path prefix of the v1 collection inside the input (`''` or `collections[2]`). */
export function convertV1Collection(v1: JsonObject, at = ''): V1Conversion {
  const skipped: Skipped[] = [];
  const place = (path: string) => (at ? `${at}.${path}` : path);
  const requests = new Map<string, { request: JsonObject; index: number }>();
  asArray(v1.requests).forEach((request, index) => {
    if (isObject(request) && typeof request.id === 'string') requests.set(request.id, { request, index });
    else skipped.push({ at: place(`requests[${index}]`), what: 'request without an id (no order can refer to it)' });
  });
  const used = new Set<string>();
  const takeRequest = (id: unknown): Item | undefined => {
    if (typeof id !== 'string' || used.has(id)) return undefined;
    const found = requests.get(id);
    if (!found) return undefined;
    used.add(id);
    return convertRequest(found.request, place(`requests[${found.index}]`), skipped);
  };

  const folders = new Map<string, JsonObject>();
  for (const folder of asArray(v1.folders)) if (isObject(folder) && typeof folder.id === 'string') folders.set(folder.id, folder);
  const subFolderIds = new Set<string>();
  for (const folder of folders.values()) for (const id of asArray(folder.folders_order)) if (typeof id === 'string') subFolderIds.add(id);

  const building = new Set<string>();
  const built = new Map<string, ItemGroup>();
  const buildFolder = (folder: JsonObject): ItemGroup => {
    const id = folder.id as string;
    building.add(id);
    const group: ItemGroup = { name: asString(folder.name) ?? '', item: [] };
    built.set(id, group);
    if (typeof folder.description === 'string' && folder.description) group.description = folder.description;
    for (const subId of asArray(folder.folders_order)) {
      const sub = typeof subId === 'string' ? folders.get(subId) : undefined;
      if (sub && !building.has(subId as string)) group.item.push(buildFolder(sub));
    }
    for (const requestId of asArray(folder.order)) {
      const item = takeRequest(requestId);
      if (item) group.item.push(item);
    }
    const auth = convertAuth(folder);
    if (auth !== undefined) group.auth = auth;
    const events = convertEvents(folder);
    if (events) group.event = events;
    const variables = convertVariables(folder.variables);
    if (variables) group.variable = variables;
    building.delete(id);
    return group;
  };

  const collection = emptyCollection(asString(v1.name) ?? 'Imported collection', {
    ...(typeof v1.id === 'string' ? { id: v1.id } : {}),
    ...(typeof v1.description === 'string' && v1.description ? { description: v1.description } : {}),
  });
  const rootFolderIds = Array.isArray(v1.folders_order) ? v1.folders_order : [...folders.keys()];
  for (const id of new Set(rootFolderIds)) {
    const folder = typeof id === 'string' ? folders.get(id) : undefined;
    if (folder && !subFolderIds.has(id as string)) collection.item.push(buildFolder(folder));
  }
  asArray(v1.order).forEach((id, index) => {
    const item = takeRequest(id);
    if (item) collection.item.push(item);
    else if (typeof id === 'string' && !requests.has(id)) skipped.push({ at: place(`order[${index}]`), what: `request id "${id}" is listed but not in "requests"` });
  });
  // Older exports tie a request to its folder only through `request.folder`; Postman loses those.
  for (const [id, { request, index }] of requests) {
    if (used.has(id)) continue;
    const item = takeRequest(id);
    if (!item) continue;
    const owner = typeof request.folder === 'string' ? built.get(request.folder) : undefined;
    (owner ?? collection).item.push(item);
    skipped.push({
      at: place(`requests[${index}]`),
      what: `"${asString(request.name) ?? id}" is in no folder's order; added at the end of ${owner ? `folder "${owner.name}"` : 'the collection'}`,
    });
  }

  const auth = convertAuth(v1);
  if (auth) collection.auth = auth;
  const events = convertEvents(v1);
  if (events) collection.event = events;
  const variables = convertVariables(v1.variables);
  if (variables) collection.variable = variables;
  return { collection, skipped };
}

function convertRequest(v1: JsonObject, at: string, skipped: Skipped[]): Item {
  const request: RequestObject = {};
  const auth = convertAuth(v1);
  if (auth !== undefined) request.auth = auth;
  request.method = (asString(v1.method) ?? 'GET').toUpperCase();
  request.header = convertHeaders(v1);
  const body = convertBody(v1, at, skipped);
  if (body) request.body = body;
  request.url = convertUrl(v1);
  if (typeof v1.description === 'string' && v1.description) request.description = v1.description;

  const item: Item = { ...(typeof v1.id === 'string' ? { id: v1.id } : {}), name: asString(v1.name) ?? '', request };
  const events = convertEvents(v1);
  if (events) item.event = events;
  const variables = convertVariables(v1.variables);
  if (variables) item.variable = variables;
  if (isObject(v1.protocolProfileBehavior)) item.protocolProfileBehavior = v1.protocolProfileBehavior;
  const responses = asArray(v1.responses).filter(isObject);
  if (responses.length > 0) item.response = responses.map((r) => convertResponse(r, v1));
  return item;
}

function convertHeaders(v1: JsonObject): Header[] {
  if (Array.isArray(v1.headerData) && v1.headerData.length > 0) {
    return v1.headerData.filter(isObject).map((h) => {
      let key = asString(h.key) ?? '';
      const header: Header = { key, value: asString(h.value) ?? '' };
      if (key.startsWith('//') || h.enabled === false) {
        key = key.replace(/^\/\/\s*/, '');
        header.key = key;
        header.disabled = true;
      }
      if (typeof h.description === 'string' && h.description) header.description = h.description;
      return header;
    });
  }
  return parseHeaderString(asString(v1.headers) ?? '');
}

/** `Key: value` lines; `// Key: value` is a disabled header; folded lines are joined. */
export function parseHeaderString(text: string): Header[] {
  const headers: Header[] = [];
  for (const line of text.replace(/\r\n([ \t])/g, '$1').split(/\r?\n/)) {
    const match = /^((?:\/\/\s*)?[^\s:]+):(.*)$/.exec(line.trim());
    if (!match) continue;
    const disabled = match[1]!.startsWith('//');
    const header: Header = { key: disabled ? match[1]!.replace(/^\/\/\s*/, '') : match[1]!, value: match[2]!.trim() };
    if (disabled) header.disabled = true;
    headers.push(header);
  }
  return headers;
}

function convertBody(v1: JsonObject, at: string, skipped: Skipped[]): RequestBody | undefined {
  const dataMode = asString(v1.dataMode);
  const mode = dataMode ? BODY_MODES[dataMode] : undefined;
  const rawText = typeof v1.rawModeData === 'string' ? v1.rawModeData : Array.isArray(v1.rawModeData) && typeof v1.rawModeData[0] === 'string' ? v1.rawModeData[0] : undefined;
  const hasData = (Array.isArray(v1.data) && v1.data.length > 0) || (typeof v1.data === 'string' && v1.data !== '');
  if (!mode && !hasData && !rawText && !isObject(v1.graphqlModeData)) {
    if (dataMode) skipped.push({ at: `${at}.dataMode`, what: `unknown body mode "${dataMode}"; the request has no body` });
    return undefined;
  }
  const body: RequestBody = {};
  const chosen = mode ?? (!rawText && Array.isArray(v1.data) ? 'formdata' : 'raw');
  body.mode = chosen;
  if (chosen === 'raw') body.raw = rawText ?? (typeof v1.data === 'string' ? v1.data : '');
  else if (chosen === 'file') body.file = { src: rawText ?? null };
  else if (chosen === 'graphql') {
    const g = isObject(v1.graphqlModeData) ? v1.graphqlModeData : {};
    body.graphql = { query: asString(g.query) ?? '', variables: asString(g.variables) ?? '' };
  } else {
    const params = (Array.isArray(v1.data) ? v1.data : []).filter(isObject).filter((p) => typeof p.key === 'string' && p.key);
    const list = params.map((p) => {
      const param: FormParam = { key: p.key as string };
      if (chosen === 'formdata' && p.type === 'file') param.src = typeof p.value === 'string' ? p.value : null;
      else param.value = asString(p.value) ?? '';
      if (chosen === 'formdata') param.type = p.type === 'file' ? 'file' : 'text';
      if (typeof p.contentType === 'string' && p.contentType) param.contentType = p.contentType;
      if (p.enabled === false || p.disabled === true) param.disabled = true;
      if (typeof p.description === 'string' && p.description) param.description = p.description;
      return param;
    });
    // v1 apps stored an empty `params` body on every GET; it carries nothing.
    if (list.length === 0 && !hasData) return undefined;
    if (chosen === 'formdata') body.formdata = list;
    else body.urlencoded = list;
  }
  if (isObject(v1.dataOptions)) body.options = v1.dataOptions;
  if (v1.dataDisabled === true) body.disabled = true;
  return body;
}

function convertUrl(v1: JsonObject): UrlObject | string {
  const raw = asString(v1.url) ?? '';
  const url = parseUrl(raw);
  const query: QueryParam[] = [];
  const seen = new Set<string>();
  for (const q of asArray(v1.queryParams).filter(isObject)) {
    const param: QueryParam = { key: asString(q.key) ?? null, value: q.value === null ? null : (asString(q.value) ?? null) };
    if (q.enabled === false || q.disabled === true) param.disabled = true;
    if (typeof q.description === 'string' && q.description) param.description = q.description;
    query.push(param);
    if (param.key !== null) seen.add(param.key);
  }
  for (const q of url.query ?? []) if (q.key === null || !seen.has(q.key)) query.push(q);
  if (query.length > 0) url.query = query;

  const variables: Variable[] = [];
  const named = new Set<string>();
  for (const v of asArray(v1.pathVariableData).filter(isObject)) {
    const variable: Variable = { key: asString(v.key) ?? '', value: asString(v.value) ?? '' };
    if (typeof v.description === 'string' && v.description) variable.description = v.description;
    variables.push(variable);
    named.add(variable.key!);
  }
  if (isObject(v1.pathVariables)) {
    for (const [key, value] of Object.entries(v1.pathVariables)) {
      if (!named.has(key)) {
        variables.push({ key, value: asString(value) ?? '' });
        named.add(key);
      }
    }
  }
  for (const v of url.variable ?? []) if (v.key && !named.has(v.key)) variables.push(v);
  if (variables.length > 0) url.variable = variables;
  else delete url.variable;
  return url;
}

function convertAuth(entity: JsonObject): Auth | null | undefined {
  // Newer v1 exports already carry a v2-style `auth`; it wins unless the legacy helper fields are set.
  if (isObject(entity.auth) && typeof entity.auth.type === 'string' && !entity.currentHelper) {
    return v2AuthToV21(entity.auth);
  }
  const helper = asString(entity.currentHelper);
  if (!helper || helper === 'normal') return undefined;
  let attributes: unknown = entity.helperAttributes;
  if (typeof attributes === 'string') {
    try {
      attributes = JSON.parse(attributes);
    } catch {
      attributes = {};
    }
  }
  const known = HELPERS[helper];
  if (!known) return { type: helper };
  return authOf(known.type, known.params(isObject(attributes) ? attributes : {}));
}

/** v2.0 stores auth params as an object, v2.1 as a list; v1 files seen in the wild use either. */
function v2AuthToV21(auth: JsonObject): Auth {
  const type = auth.type as string;
  const params = auth[type];
  if (isObject(params)) return authOf(type, params);
  return auth as Auth;
}

function convertEvents(entity: JsonObject): Event[] | undefined {
  if (Array.isArray(entity.events) && entity.events.length > 0 && !entity.tests && !entity.preRequestScript) {
    return entity.events.filter(isObject).map((e) => {
      const event: Event = { ...e, listen: asString(e.listen) ?? 'test' };
      if (isObject(e.script)) {
        const script = { ...e.script };
        if (typeof script.exec === 'string') script.exec = scriptLines(script.exec);
        if (!script.type) script.type = 'text/javascript';
        event.script = script;
      }
      return event;
    });
  }
  const events: Event[] = [];
  const add = (listen: string, source: unknown) => {
    const exec = typeof source === 'string' ? scriptLines(source) : Array.isArray(source) ? source.map(String) : undefined;
    if (exec && exec.some((line) => line.trim() !== '')) events.push({ listen, script: { type: 'text/javascript', exec } });
  };
  add('prerequest', entity.preRequestScript);
  add('test', entity.tests);
  return events.length > 0 ? events : undefined;
}

function convertVariables(source: unknown): Variable[] | undefined {
  const list = asArray(source).filter(isObject).filter((v) => typeof v.key === 'string' || typeof v.id === 'string');
  if (list.length === 0) return undefined;
  return list.map((v) => {
    const variable: Variable = { key: (asString(v.key) ?? asString(v.id))!, value: v.value ?? '' };
    if (typeof v.type === 'string') variable.type = v.type;
    if (v.disabled === true || v.enabled === false) variable.disabled = true;
    if (typeof v.description === 'string' && v.description) variable.description = v.description;
    return variable;
  });
}

function convertResponse(v1: JsonObject, owner: JsonObject): Response {
  const response: Response = { name: asString(v1.name) ?? 'response' };
  if (typeof v1.id === 'string') response.id = v1.id;
  const saved = savedRequest(v1) ?? owner;
  const original: RequestObject = { method: (asString(saved.method) ?? 'GET').toUpperCase(), header: convertHeaders(saved), url: convertUrl(saved) };
  const body = convertBody(saved, '', []);
  if (body) original.body = body;
  response.originalRequest = original;
  const code = isObject(v1.responseCode) ? v1.responseCode : {};
  if (typeof code.name === 'string') response.status = code.name;
  if (typeof code.code === 'number') response.code = code.code;
  if (typeof v1.language === 'string') response._postman_previewlanguage = v1.language;
  response.header = asArray(v1.headers).filter(isObject).map((h) => ({ key: asString(h.key) ?? asString(h.name) ?? '', value: asString(h.value) ?? '' }));
  const cookies = asArray(v1.cookies).filter(isObject).map(convertCookie);
  if (cookies.length > 0) response.cookie = cookies;
  if (typeof v1.time === 'number' || typeof v1.time === 'string') response.responseTime = v1.time;
  response.body = asString(v1.text) ?? '';
  return response;
}

/** A response's request is an object, JSON text, or the id of a request in the collection. */
function savedRequest(v1: JsonObject): JsonObject | undefined {
  for (const candidate of [v1.requestObject, v1.request]) {
    if (isObject(candidate)) return candidate;
    if (typeof candidate === 'string') {
      try {
        const parsed: unknown = JSON.parse(candidate);
        if (isObject(parsed)) return parsed;
      } catch {
        // An id: the owning request is used instead.
      }
    }
  }
  return undefined;
}

function convertCookie(v1: JsonObject): Cookie {
  const cookie: Cookie = { name: asString(v1.name) ?? '', value: asString(v1.value) ?? '' };
  for (const key of ['domain', 'path'] as const) if (typeof v1[key] === 'string') cookie[key] = v1[key];
  for (const key of ['hostOnly', 'httpOnly', 'secure', 'session'] as const) if (typeof v1[key] === 'boolean') cookie[key] = v1[key];
  if (typeof v1.expirationDate === 'number') cookie.expires = new Date(v1.expirationDate * 1000).toISOString();
  return cookie;
}

/** v1 marks: no `info`, and `requests`/`order`/`folders` lists. */
export function isV1Collection(value: unknown): value is JsonObject {
  return (
    isObject(value) &&
    !('info' in value) &&
    !('item' in value) &&
    Array.isArray(value.requests) &&
    (Array.isArray(value.order) || Array.isArray(value.folders) || typeof value.id === 'string')
  );
}
