/**
 * A collection as a shell script of cURL commands, one per request, each preceded by a comment
 * naming it. Every word is quoted for POSIX shells (bash, zsh, sh); importing the script gives back
 * the same requests.
 */
import type { NormalizedBody } from '../../request.ts';
import type { Collection } from '../../types.ts';
import { exportedRequests, graphqlJson, headerValue, rawContentType, type ExportedRequest } from '../export-requests.ts';
import type { ExportOptions, ExportResult, Exporter, Skipped } from '../types.ts';

export const curlExporter: Exporter = {
  format: 'curl',
  label: 'cURL commands',
  export: (collection, options) => exportCurl(collection, options),
};

export function exportCurl(collection: Collection, options: ExportOptions = {}): ExportResult {
  const { requests, skipped } = exportedRequests(collection, options);
  const blocks = requests.map((request) => `# ${oneLine(request.name)}\n${curlCommand(request, skipped)}`);
  const title = `# ${oneLine(collection.info.name)}: ${requests.length} request${requests.length === 1 ? '' : 's'}, exported as cURL commands`;
  return { text: `${[title, ...blocks].join('\n\n')}\n`, mediaType: 'application/x-sh', extension: 'sh', skipped };
}

/** One request as a cURL command, continued over lines with `\`. */
export function curlCommand(request: ExportedRequest, skipped: Skipped[] = []): string {
  const skip = (what: string) => skipped.push({ at: request.name, what });
  const args: string[][] = [];
  const headers = [...request.headers];
  const body = bodyArgs(request.body, headers, skip);
  const implied = request.body?.mode === 'file' && body.length > 0 ? 'PUT' : body.length > 0 ? 'POST' : 'GET';
  // The method and URL share the first line.
  const first: string[] = [];
  if (request.method === 'HEAD' && body.length === 0) first.push('--head');
  else if (request.method !== implied) first.push('-X', request.method);
  args.push([...first, quote(request.url)]);
  for (const header of headers) args.push(['-H', quote(header.value === '' ? `${header.key};` : `${header.key}: ${header.value}`)]);
  if (request.credentials) {
    const { scheme, username, password } = request.credentials;
    args.push(['-u', quote(`${username}:${password}`)]);
    if (scheme !== 'basic') args.push([`--${scheme}`]);
  }
  args.push(...body);
  if (request.behavior.strictSSL === false) args.push(['-k']);
  // A saved request follows redirects unless told not to; curl needs -L for that.
  if (request.behavior.followRedirects !== false) args.push(['-L']);
  return `curl ${args.map((words) => words.join(' ')).join(' \\\n  ')}`;
}

function bodyArgs(body: NormalizedBody | undefined, headers: { key: string; value: string }[], skip: (what: string) => void): string[][] {
  if (!body) return [];
  const contentType = (type: string) => {
    if (headerValue(headers, 'Content-Type') === undefined) headers.push({ key: 'Content-Type', value: type });
  };
  switch (body.mode) {
    case 'raw':
      contentType(rawContentType(body.language));
      return [['--data-raw', quote(body.raw)]];
    case 'graphql':
      contentType('application/json');
      return [['--data-raw', quote(graphqlJson(body))]];
    case 'urlencoded':
      return body.params.map(({ key, value = '' }) =>
        // --data-urlencode encodes the value only; a key curl would misread goes encoded via --data.
        /^[\w.~[\]-]+$/.test(key) ? ['--data-urlencode', quote(`${key}=${value}`)] : ['--data', quote(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`)],
      );
    case 'formdata':
      return body.parts.flatMap((part): string[][] => {
        if (part.key.includes('=')) {
          skip(`form field "${part.key}" (curl cannot send a field name with "=")`);
          return [];
        }
        const type = part.contentType ? `;type=${part.contentType}` : '';
        if (part.type === 'file') {
          if (part.src.length === 0) skip(`form field "${part.key}" (a file field with no file chosen)`);
          return part.src.map((src) => ['-F', quote(`${part.key}=@${src}${type}`)]);
        }
        // -F reads @file, <file and ;type= from the value; --form-string sends it as written.
        if (/^[@<"]|;/.test(part.value)) {
          if (type) skip(`the content type of form field "${part.key}" (--form-string cannot set one)`);
          return [['--form-string', quote(`${part.key}=${part.value}`)]];
        }
        return [['-F', quote(`${part.key}=${part.value}${type}`)]];
      });
    case 'file':
      if (body.src === undefined) {
        skip('the file body (no file chosen)');
        return [];
      }
      return [['-T', quote(body.src)]];
  }
}

/** Single quotes unless the word is plainly safe; a ' inside becomes '\''. */
export function quote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
