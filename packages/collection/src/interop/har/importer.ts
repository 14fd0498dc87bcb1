/**
 * HAR 1.2 (a browser's network log, "Save all as HAR") as a collection: each entry a request,
 * its recorded response a saved example. Requests go into one folder per host, or stay flat.
 */
import { parseUrl } from '../../url.ts';
import type { FormParam, Header, Item, ItemGroup, RequestBody, RequestObject, Response } from '../../types.ts';
import { describeProblem, describeValue, formatPath } from '../../validation.ts';
import { emptyCollection, invalidImport, isObject, peekJson, readJson } from '../shared/import-helpers.ts';
import type { ImportInput, ImportResult, Importer, Skipped } from '../types.ts';
import { parseMultipart } from './multipart.ts';
import { harSchema, type HarEntry, type HarPostData, type HarRequest, type HarResponse } from './schema.ts';

export interface HarImportOptions {
  /** `host` (the default): one folder per host, in order of first appearance. `none`: one flat list. */
  folders?: 'host' | 'none';
  /** Keep one request of several identical ones (same method, URL, headers and body); off by default. */
  dedupe?: boolean;
}

export const harImporter: Importer = {
  format: 'har',
  label: 'HAR 1.2 (browser network log)',
  detect: (input) => {
    const doc = peekJson(input.text);
    return isObject(doc) && isObject(doc.log) && Array.isArray(doc.log.entries);
  },
  import: async (input) => importHar(input),
};

/**
 * Headers the browser or the connection adds, which a saved request must not repeat: HTTP/2
 * pseudo-headers (`:authority`) and connection-specific ones, plus those the sender computes.
 * Cookies are rebuilt from the entry's `cookies` list. Accept-Encoding is the sender's to choose:
 * browsers offer codings (zstd) the runtime cannot decode.
 */
const DROPPED_REQUEST_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'cookie', 'accept-encoding']);
/** The recorded body is already decoded, so these would describe bytes the example no longer has. */
const DROPPED_RESPONSE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export function importHar(input: ImportInput, options: HarImportOptions = {}): ImportResult {
  const doc = readJson(input, 'a HAR file (a JSON object with log.entries)');
  const result = harSchema.safeParse(doc);
  if (!result.success) {
    const problem = describeProblem(result.error.issues, doc);
    const path = formatPath(problem.path);
    const what = problem.found === undefined ? `${path} is missing (expected ${problem.expected})` : `${path} should be ${problem.expected} but is ${describeValue(problem.found)}`;
    throw invalidImport(input, `not a valid HAR 1.2 file: ${what}; save the HAR again from the browser's network panel.`, { path });
  }

  const skipped: Skipped[] = [];
  const collection = emptyCollection(input.name.replace(/^.*[\\/]/, '').replace(/\.har$/i, '') || 'HAR import');
  const folders = new Map<string, ItemGroup>();
  const seen = new Map<string, Item>();
  result.data.log.entries.forEach((entry, index) => {
    const at = `log.entries[${index}]`;
    const url = entry.request.url;
    if (!/^https?:\/\//i.test(url)) {
      skipped.push({ at, what: `${url.slice(0, 60)} (not an HTTP request)` });
      return;
    }
    if (entry.response?.status === 101 || headerOf(entry.request.headers, 'upgrade')?.toLowerCase() === 'websocket') {
      skipped.push({ at, what: `${url} (a WebSocket connection: its messages are not requests)` });
      return;
    }
    const request = requestOf(entry.request, at, skipped);
    const example = entry.response ? exampleOf(entry.response, request, at, skipped) : undefined;

    const key = JSON.stringify(request);
    const earlier = options.dedupe ? seen.get(key) : undefined;
    if (earlier) {
      // The same request again: keep its response only when it differs from those already kept.
      if (example && !earlier.response!.some((r) => r.code === example.code && r.body === example.body)) earlier.response!.push(example);
      return;
    }
    const item: Item = { name: `${request.method} ${pathOf(url)}`, request, response: example ? [example] : [] };
    seen.set(key, item);
    if (options.folders === 'none') {
      collection.item.push(item);
      return;
    }
    const host = new URL(url).host;
    let folder = folders.get(host);
    if (!folder) {
      folder = { name: host, item: [] };
      folders.set(host, folder);
      collection.item.push(folder);
    }
    folder.item.push(item);
  });
  return { format: 'har', collections: [collection], environments: [], skipped };
}

function requestOf(har: HarRequest, at: string, skipped: Skipped[]): RequestObject {
  const headers: Header[] = [];
  const cookieHeaders: string[] = [];
  for (const { name, value } of har.headers ?? []) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') cookieHeaders.push(value);
    if (name.startsWith(':') || DROPPED_REQUEST_HEADERS.has(lower)) continue;
    headers.push({ key: name, value });
  }
  const cookies = (har.cookies ?? []).map((c) => `${c.name}=${c.value}`);
  const cookie = cookies.length > 0 ? cookies.join('; ') : cookieHeaders.join('; ');
  if (cookie !== '') headers.push({ key: 'Cookie', value: cookie });

  const request: RequestObject = { method: har.method.toUpperCase(), header: headers, url: parseUrl(har.url) };
  const body = har.postData ? bodyOf(har.postData, `${at}.request.postData`, skipped) : undefined;
  if (!har.postData && headers.some((h) => h.key.toLowerCase() === 'content-type')) {
    // Chrome leaves out bodies holding files; the Content-Type says there was one.
    skipped.push({ at: `${at}.request`, what: 'the request body (the browser did not record it)' });
  }
  if (body) {
    request.body = body;
    // The sender writes a new multipart boundary, so the recorded Content-Type would be wrong.
    if (body.mode === 'formdata') request.header = headers.filter((h) => h.key.toLowerCase() !== 'content-type');
  }
  return request;
}

function bodyOf(postData: HarPostData, at: string, skipped: Skipped[]): RequestBody | undefined {
  const mimeType = postData.mimeType ?? '';
  const type = mimeType.toLowerCase();
  const text = postData.text ?? '';
  if (type.startsWith('multipart/form-data')) {
    const fields = postData.params && postData.params.length > 0 ? postData.params : parseMultipart(text, mimeType);
    if (fields) {
      const formdata = fields.map((field): FormParam => {
        const contentType = field.contentType ? { contentType: field.contentType } : {};
        if (field.fileName === undefined) return { key: field.name, value: field.value ?? '', type: 'text', ...contentType };
        skipped.push({ at, what: `the content of file field "${field.name}" (${field.fileName}): choose the file again before sending` });
        return { key: field.name, src: field.fileName, type: 'file', ...contentType };
      });
      return { mode: 'formdata', formdata };
    }
    skipped.push({ at, what: 'a multipart body whose fields could not be read: kept as raw text' });
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    // The text is what was sent; params, where given, may already be decoded or not, by browser.
    const pairs = text !== '' ? [...new URLSearchParams(text)] : (postData.params ?? []).map((p) => [p.name, p.value ?? ''] as const);
    return { mode: 'urlencoded', urlencoded: pairs.map(([key, value]) => ({ key, value })) };
  }
  if (text === '' && !postData.params?.length) return undefined;
  return { mode: 'raw', raw: text, options: { raw: { language: languageOf(type) } } };
}

function exampleOf(har: HarResponse, originalRequest: RequestObject, at: string, skipped: Skipped[]): Response | undefined {
  if (har.status === 0) {
    skipped.push({ at, what: 'the response (none was recorded: the request failed or was blocked)' });
    return undefined;
  }
  const header = (har.headers ?? [])
    .filter(({ name }) => !name.startsWith(':') && !DROPPED_RESPONSE_HEADERS.has(name.toLowerCase()))
    .map(({ name, value }) => ({ key: name, value }));
  const mimeType = har.content?.mimeType ?? headerOf(har.headers, 'content-type') ?? '';
  const example: Response = {
    name: `${har.status} ${har.statusText ?? ''}`.trim(),
    originalRequest,
    status: har.statusText ?? '',
    code: har.status,
    header,
    cookie: [],
    _postman_previewlanguage: languageOf(mimeType.toLowerCase()),
  };
  const text = har.content?.text;
  if (text === undefined) return example;
  if (har.content?.encoding !== 'base64') return { ...example, body: text };
  const decoded = decodeBase64Text(text);
  if (decoded === undefined) skipped.push({ at: `${at}.response.content`, what: `the ${mimeType || 'binary'} response body (not text)` });
  return decoded === undefined ? example : { ...example, body: decoded };
}

/** UTF-8 text from base64, or undefined when the bytes are not UTF-8 (images, archives). */
export function decodeBase64Text(base64: string): string | undefined {
  try {
    const binary = atob(base64.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function languageOf(mimeType: string): string {
  if (/[/+]json\b/.test(mimeType)) return 'json';
  if (/[/+]xml\b/.test(mimeType)) return 'xml';
  if (mimeType.includes('html')) return 'html';
  if (mimeType.includes('javascript')) return 'javascript';
  return 'text';
}

function headerOf(headers: HarEntry['request']['headers'], name: string): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name)?.value;
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}` || '/';
}
