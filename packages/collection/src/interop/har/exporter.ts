/**
 * A collection as a HAR 1.2 log: one entry per request, with the request's first saved example as
 * its response, or the spec's "no response" (status 0) when it has none. Nothing was sent, so
 * timings are zero and every entry carries the same `startedDateTime` (see HarExportOptions).
 */
import { parseHeaders, type NormalizedBody } from '../../request.ts';
import type { Collection, Header, Response } from '../../types.ts';
import { exportedRequests, graphqlJson, headerValue, rawContentType, type ExportedRequest } from '../export-requests.ts';
import type { ExportOptions, ExportResult, Exporter } from '../types.ts';

export interface HarExportOptions extends ExportOptions {
  /** Written as every entry's startedDateTime; the exporter reads no clock. Default: the Unix epoch. */
  startedDateTime?: Date;
  /** The application version written in log.creator (the CLI and server pass theirs). */
  creatorVersion?: string;
}

export const harExporter: Exporter = {
  format: 'har',
  label: 'HAR 1.2',
  export: (collection, options) => exportHar(collection, options),
};

interface NameValue {
  name: string;
  value: string;
}

interface HarParam {
  name: string;
  value?: string;
  fileName?: string;
  contentType?: string;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

export function exportHar(collection: Collection, options: HarExportOptions = {}): ExportResult {
  const { requests, skipped } = exportedRequests(collection, options);
  const startedDateTime = (options.startedDateTime ?? new Date(0)).toISOString();
  const entries = requests.map((request) => {
    const skip = (what: string) => skipped.push({ at: request.name, what });
    if (request.responses.length > 1) skip(`${request.responses.length - 1} more saved examples (a HAR entry has one response)`);
    return {
      startedDateTime,
      time: 0,
      request: harRequest(request, skip),
      response: request.responses[0] ? harResponse(request.responses[0]) : NO_RESPONSE,
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
      comment: request.name,
    };
  });
  const har = { log: { version: '1.2', creator: { name: 'Postern', version: options.creatorVersion ?? '' }, entries, comment: collection.info.name } };
  return { text: `${JSON.stringify(har, null, 2)}\n`, mediaType: 'application/json', extension: 'har', skipped };
}

/** HAR 1.2 §response: a request that got no response has status 0 and empty fields. */
const NO_RESPONSE = {
  status: 0,
  statusText: '',
  httpVersion: '',
  cookies: [],
  headers: [],
  content: { size: 0, mimeType: 'x-unknown' },
  redirectURL: '',
  headersSize: -1,
  bodySize: -1,
};

function harRequest(request: ExportedRequest, skip: (what: string) => void) {
  const headers: Header[] = [...request.headers];
  const credentials = request.credentials;
  if (credentials?.scheme === 'basic') {
    headers.push({ key: 'Authorization', value: `Basic ${base64(`${credentials.username}:${credentials.password}`)}` });
  } else if (credentials) {
    skip(`${credentials.scheme} auth (answers a challenge from the server: it has no fixed header)`);
  }
  const postData = harPostData(request.body, headers, skip);
  const cookieHeader = headerValue(headers, 'Cookie');
  return {
    method: request.method,
    url: request.url,
    httpVersion: 'HTTP/1.1',
    cookies: cookieHeader ? cookiesOf(cookieHeader) : [],
    headers: headers.map(({ key, value }) => ({ name: key, value })),
    queryString: queryOf(request.url),
    ...(postData && { postData }),
    headersSize: -1,
    bodySize: postData === undefined ? 0 : postData.text !== undefined && postData.text !== '' ? utf8Length(postData.text) : -1,
  };
}

function harPostData(body: NormalizedBody | undefined, headers: Header[], skip: (what: string) => void): { mimeType: string; text?: string; params?: HarParam[] } | undefined {
  if (!body) return undefined;
  const declared = headerValue(headers, 'Content-Type');
  const typed = (fallback: string) => {
    if (declared === undefined) headers.push({ key: 'Content-Type', value: fallback });
    return declared ?? fallback;
  };
  switch (body.mode) {
    case 'raw':
      return { mimeType: typed(rawContentType(body.language)), text: body.raw };
    case 'graphql':
      return { mimeType: typed('application/json'), text: graphqlJson(body) };
    case 'urlencoded': {
      const params = body.params.map(({ key, value = '' }) => ({ name: key, value }));
      const text = params.map(({ name, value }) => `${encodeForm(name)}=${encodeForm(value)}`).join('&');
      return { mimeType: typed('application/x-www-form-urlencoded'), params, text };
    }
    case 'formdata': {
      const params = body.parts.flatMap((part): HarParam[] =>
        part.type === 'text'
          ? [{ name: part.key, value: part.value, ...(part.contentType && { contentType: part.contentType }) }]
          : part.src.map((src) => ({ name: part.key, fileName: src, ...(part.contentType && { contentType: part.contentType }) })),
      );
      if (body.parts.some((part) => part.type === 'file')) skip('the content of form files (a HAR names them; it cannot carry them)');
      return { mimeType: declared ?? 'multipart/form-data', params, text: '' };
    }
    case 'file':
      skip('the file body (a HAR names no file; the body is left empty)');
      return { mimeType: declared ?? 'application/octet-stream', text: '' };
  }
}

function harResponse(example: Response) {
  const headers = parseHeaders(example.header ?? []).filter((h) => h.disabled !== true);
  const body = typeof example.body === 'string' ? example.body : '';
  const size = utf8Length(body);
  const mimeType = headerValue(headers, 'Content-Type') ?? rawContentType(example._postman_previewlanguage);
  return {
    status: typeof example.code === 'number' ? example.code : 200,
    statusText: example.status ?? '',
    httpVersion: 'HTTP/1.1',
    cookies: (example.cookie ?? []).flatMap((c) => (typeof c.name === 'string' ? [{ name: c.name, value: c.value ?? '' }] : [])),
    headers: headers.map(({ key, value }) => ({ name: key, value: String(value) })),
    content: { size, mimeType, text: body },
    redirectURL: headerValue(headers, 'Location') ?? '',
    headersSize: -1,
    bodySize: size,
  };
}

function cookiesOf(header: string): NameValue[] {
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}

/** The query string's parameters, decoded; `{{unresolved}}` variables are kept as written. */
function queryOf(url: string): NameValue[] {
  const query = /\?([^#]*)/.exec(url)?.[1];
  if (!query) return [];
  return query.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq === -1 ? { name: decode(pair), value: '' } : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) };
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function encodeForm(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
