/**
 * Readers for the union shapes a request may be stored in. They never change
 * the stored collection; they return a normalised view of it.
 */
import type {
  Auth,
  FormParam,
  Header,
  Item,
  Request,
  RequestBody,
  RequestObject,
  UrlEncodedParam,
} from './types.ts';

/** The item's request as an object: a string request is a GET of that URL; the method is upper-cased, GET by default. */
export function requestOf(item: Pick<Item, 'request'> | { request?: Request | null }): RequestObject {
  return toRequestObject(item.request);
}

export function toRequestObject(request: Request | null | undefined): RequestObject {
  if (typeof request === 'string') return { url: request, method: 'GET' };
  if (!request || typeof request !== 'object') return { url: '', method: 'GET' };
  const method = typeof request.method === 'string' && request.method !== '' ? request.method.toUpperCase() : 'GET';
  return { ...request, method };
}

/** Headers as a list, whether stored as a list or as "Key: value" lines (a line starting with // is disabled). */
export function headersOf(request: Pick<RequestObject, 'header'> | null | undefined): Header[] {
  return parseHeaders(request?.header);
}

export function parseHeaders(header: Header[] | string | null | undefined): Header[] {
  if (Array.isArray(header)) {
    return header
      .filter((h) => h && typeof h === 'object')
      .map((h) => (typeof h.value === 'string' ? h : { ...h, value: h.value == null ? '' : String(h.value) }));
  }
  if (typeof header !== 'string') return [];
  const headers: Header[] = [];
  for (const rawLine of header.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (line === '') continue;
    const disabled = line.startsWith('//');
    if (disabled) line = line.slice(2).trim();
    const colon = line.indexOf(':');
    const key = (colon === -1 ? line : line.slice(0, colon)).trim();
    const value = colon === -1 ? '' : line.slice(colon + 1).trim();
    headers.push(disabled ? { key, value, disabled: true } : { key, value });
  }
  return headers;
}

/** Headers that will be sent: not disabled and with a key. */
export function enabledHeaders(source: Pick<RequestObject, 'header'> | Header[] | null | undefined): Header[] {
  const list = Array.isArray(source) ? parseHeaders(source) : headersOf(source);
  return list.filter((h) => h.disabled !== true && typeof h.key === 'string' && h.key !== '');
}

/**
 * The parameters of an auth block as a plain object. Reads v2.1
 * (`basic: [{ key, value }]`) and v2.0 (`basic: { username, password }`);
 * `noauth` and missing blocks give `{}`.
 */
export function authParams(auth: Auth | null | undefined): Record<string, unknown> {
  if (!auth || typeof auth !== 'object' || typeof auth.type !== 'string' || auth.type === 'noauth') return {};
  const params = auth[auth.type];
  if (Array.isArray(params)) {
    const out: Record<string, unknown> = {};
    for (const entry of params) {
      if (entry && typeof entry === 'object' && typeof (entry as { key?: unknown }).key === 'string') {
        out[(entry as { key: string }).key] = (entry as { value?: unknown }).value;
      }
    }
    return out;
  }
  if (params && typeof params === 'object') return { ...(params as Record<string, unknown>) };
  return {};
}

export type FormDataPart =
  | { key: string; type: 'text'; value: string; contentType?: string; source: FormParam }
  | { key: string; type: 'file'; src: string[]; contentType?: string; source: FormParam };

export type NormalizedBody =
  | { mode: 'raw'; raw: string; language?: string }
  | { mode: 'urlencoded'; params: UrlEncodedParam[] }
  | { mode: 'formdata'; parts: FormDataPart[] }
  | { mode: 'file'; src?: string; content?: string }
  | { mode: 'graphql'; query: string; variables?: string };

/**
 * The body that will be sent, or undefined when there is none: no body,
 * `disabled: true`, an unknown or missing mode. Disabled form entries are
 * dropped; graphql variables are given as JSON text.
 */
export function bodyOf(request: Pick<RequestObject, 'body'> | null | undefined): NormalizedBody | undefined {
  const body: RequestBody | null | undefined = request?.body;
  if (!body || typeof body !== 'object' || body.disabled === true) return undefined;
  switch (body.mode) {
    case 'raw': {
      const raw = typeof body.raw === 'string' ? body.raw : body.raw == null ? '' : JSON.stringify(body.raw);
      const language = body.options?.raw?.language;
      return typeof language === 'string' ? { mode: 'raw', raw, language } : { mode: 'raw', raw };
    }
    case 'urlencoded':
      return {
        mode: 'urlencoded',
        params: (body.urlencoded ?? [])
          .filter((p) => p && p.disabled !== true)
          .map((p) => ({ ...p, value: p.value == null ? '' : String(p.value) })),
      };
    case 'formdata':
      return { mode: 'formdata', parts: (body.formdata ?? []).filter((p) => p && p.disabled !== true).map(formPart) };
    case 'file': {
      const out: { mode: 'file'; src?: string; content?: string } = { mode: 'file' };
      if (typeof body.file?.src === 'string' && body.file.src !== '') out.src = body.file.src;
      if (typeof body.file?.content === 'string') out.content = body.file.content;
      return out;
    }
    case 'graphql': {
      const query = typeof body.graphql?.query === 'string' ? body.graphql.query : '';
      const vars = body.graphql?.variables;
      if (vars === undefined || vars === null || vars === '') return { mode: 'graphql', query };
      return { mode: 'graphql', query, variables: typeof vars === 'string' ? vars : JSON.stringify(vars) };
    }
    default:
      return undefined;
  }
}

function formPart(param: FormParam): FormDataPart {
  const contentType = typeof param.contentType === 'string' && param.contentType !== '' ? param.contentType : undefined;
  if (param.type === 'file') {
    const src = (Array.isArray(param.src) ? param.src : [param.src]).filter(
      (s): s is string => typeof s === 'string' && s !== '',
    );
    return contentType
      ? { key: param.key, type: 'file', src, contentType, source: param }
      : { key: param.key, type: 'file', src, source: param };
  }
  const value = param.value == null ? '' : String(param.value);
  return contentType
    ? { key: param.key, type: 'text', value, contentType, source: param }
    : { key: param.key, type: 'text', value, source: param };
}
