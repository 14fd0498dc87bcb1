/**
 * A pasted cURL command as a Postman request (v2.1 item): the flags people copy from API docs and
 * from browsers' "Copy as cURL". What cannot be expressed in a request (files read from disk,
 * output options, proxies) is listed in `skipped`, never silently dropped.
 */
import { CollectionError } from '../../errors.ts';
import type { Auth, FormParam, Header, Item, ProtocolProfileBehavior, RequestBody, UrlEncodedParam } from '../../types.ts';
import { parseUrl } from '../../url.ts';
import { ShellSyntaxError, splitShellWords } from './shell-words.ts';

export interface CurlImport {
  item: Item;
  /** Human-readable notes on what was left out, e.g. `-o out.json (where curl writes the output)`. */
  skipped: string[];
}

type Option =
  | 'request' | 'header' | 'data' | 'data-raw' | 'data-binary' | 'data-urlencode' | 'json' | 'form' | 'form-string'
  | 'user' | 'cookie' | 'user-agent' | 'referer' | 'url' | 'url-query' | 'upload-file' | 'range' | 'oauth2-bearer'
  | 'get' | 'head' | 'insecure' | 'location' | 'digest' | 'ntlm' | 'basic' | 'compressed';

/** curl's names for what we translate; `true` = takes a value. */
const OPTIONS: Record<string, [Option, boolean]> = {
  '-X': ['request', true], '--request': ['request', true],
  '-H': ['header', true], '--header': ['header', true],
  '-d': ['data', true], '--data': ['data', true], '--data-ascii': ['data', true],
  '--data-raw': ['data-raw', true], '--data-binary': ['data-binary', true], '--data-urlencode': ['data-urlencode', true],
  '--json': ['json', true],
  '-F': ['form', true], '--form': ['form', true], '--form-string': ['form-string', true],
  '-u': ['user', true], '--user': ['user', true],
  '-b': ['cookie', true], '--cookie': ['cookie', true],
  '-A': ['user-agent', true], '--user-agent': ['user-agent', true],
  '-e': ['referer', true], '--referer': ['referer', true],
  '--url': ['url', true], '--url-query': ['url-query', true],
  '-T': ['upload-file', true], '--upload-file': ['upload-file', true],
  '-r': ['range', true], '--range': ['range', true],
  '--oauth2-bearer': ['oauth2-bearer', true],
  '-G': ['get', false], '--get': ['get', false],
  '-I': ['head', false], '--head': ['head', false],
  '-k': ['insecure', false], '--insecure': ['insecure', false],
  '-L': ['location', false], '--location': ['location', false],
  '--digest': ['digest', false], '--ntlm': ['ntlm', false], '--basic': ['basic', false],
  '--compressed': ['compressed', false],
};

/** Options with no meaning for a stored request, and whether they take a value. */
const IGNORED: Record<string, boolean> = {
  '-s': false, '--silent': false, '-S': false, '--show-error': false, '-v': false, '--verbose': false, '-i': false,
  '--include': false, '-f': false, '--fail': false, '-N': false, '--no-buffer': false, '-g': false, '--globoff': false,
  '-#': false, '--progress-bar': false, '--http1.0': false, '--http1.1': false, '--http2': false, '--http3': false,
  '-0': false, '-O': false, '--remote-name': false, '-J': false, '--remote-header-name': false, '-q': false,
  '-o': true, '--output': true, '-w': true, '--write-out': true, '-c': true, '--cookie-jar': true, '-x': true,
  '--proxy': true, '-m': true, '--max-time': true, '--connect-timeout': true, '--retry': true, '-E': true,
  '--cert': true, '--key': true, '--cacert': true, '--capath': true, '-K': true, '--config': true, '--resolve': true,
  '--limit-rate': true, '--max-redirs': true, '-U': true, '--proxy-user': true, '--aws-sigv4': true, '-D': true,
  '--dump-header': true, '--trace': true, '--trace-ascii': true, '--interface': true,
};

interface Parsed {
  method?: string;
  url?: string;
  headers: Header[];
  data: { kind: 'data' | 'data-raw' | 'data-binary' | 'data-urlencode' | 'json'; value: string }[];
  form: FormParam[];
  user?: string;
  cookies: string[];
  queries: string[];
  uploadFile?: string;
  bearer?: string;
  flags: Set<Option>;
  skipped: string[];
}

/**
 * What curl sends for --compressed when built with zlib and brotli. Builds with zstd add `, zstd`;
 * it is left out because the runtime cannot decode zstd on Node 20, and the server would pick it.
 */
export const COMPRESSED_ACCEPT_ENCODING = 'deflate, gzip, br';

const fail = (message: string) => new CollectionError('INVALID_CURL', message);

/** One pasted command (the URL field's paste); a second command after it is listed in `skipped`. */
export function importCurl(command: string): CurlImport {
  let words: string[];
  let rest: string | undefined;
  try {
    ({ words, rest } = splitShellWords(command.trim().replace(/^\$\s+/, '')));
  } catch (error) {
    throw shellError(error);
  }
  const imported = curlWordsToItem(words);
  if (rest) imported.skipped.push(`"${rest}" (a second command after the cURL one)`);
  return imported;
}

/** A lexer failure as the CollectionError users see, with its line and column. */
export function shellError(error: unknown): unknown {
  if (error instanceof ShellSyntaxError) {
    return new CollectionError('INVALID_CURL', `This cURL command cannot be read: ${error.message}.`, { line: error.line, column: error.column });
  }
  return error;
}

/** A command already split into words (`curl` first) as a request. */
export function curlWordsToItem(words: readonly string[]): CurlImport {
  if (words[0] !== 'curl' && words[0] !== 'curl.exe') throw fail('This is not a cURL command: it should start with "curl".');
  const parsed = parseWords(words.slice(1));
  if (!parsed.url) throw fail('This cURL command has no URL: add one, e.g. curl https://api.example.com/items.');
  return { item: toItem(parsed), skipped: parsed.skipped };
}

function parseWords(args: string[]): Parsed {
  const parsed: Parsed = { headers: [], data: [], form: [], cookies: [], queries: [], flags: new Set(), skipped: [] };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const takeValue = (name: string, attached?: string): string => {
      if (attached !== undefined) return attached;
      i += 1;
      if (i >= args.length) throw fail(`${name} needs a value after it.`);
      return args[i]!;
    };
    if (arg === '--') {
      for (const positional of args.slice(i + 1)) addPositional(parsed, positional);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      const attached = eq === -1 ? undefined : arg.slice(eq + 1);
      const known = OPTIONS[name];
      if (known) applyOption(parsed, known[0], name, known[1] ? takeValue(name, attached) : undefined);
      else if (name in IGNORED) skip(parsed, name, IGNORED[name] ? takeValue(name, attached) : undefined);
      else parsed.skipped.push(`${arg} (not a cURL option Postern translates)`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // Short options bundle (-sSL) and take their value attached (-XPOST) or as the next word.
      for (let j = 1; j < arg.length; j += 1) {
        const name = `-${arg[j]}`;
        const attached = j + 1 < arg.length ? arg.slice(j + 1) : undefined;
        const known = OPTIONS[name];
        const ignoredTakesValue = IGNORED[name];
        if (known?.[1] || ignoredTakesValue) {
          const value = takeValue(name, attached);
          if (known) applyOption(parsed, known[0], name, value);
          else skip(parsed, name, value);
          break;
        }
        if (known) applyOption(parsed, known[0], name, undefined);
        else if (name in IGNORED) skip(parsed, name, undefined);
        else parsed.skipped.push(`${name} (not a cURL option Postern translates)`);
      }
      continue;
    }
    addPositional(parsed, arg);
  }
  return parsed;
}

function addPositional(parsed: Parsed, value: string) {
  if (parsed.url === undefined) parsed.url = value;
  else parsed.skipped.push(`${value} (a second URL: one request is made from the first)`);
}

function skip(parsed: Parsed, name: string, value: string | undefined) {
  const quiet = ['-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-i', '--include', '-g', '--globoff', '-#', '--progress-bar'];
  if (quiet.includes(name)) return; // output display only: nothing to keep or to warn about
  parsed.skipped.push(value === undefined ? `${name} (no equivalent in a saved request)` : `${name} ${value} (no equivalent in a saved request)`);
}

function applyOption(parsed: Parsed, option: Option, name: string, value: string | undefined) {
  const v = value ?? '';
  switch (option) {
    case 'request':
      parsed.method = v.toUpperCase();
      return;
    case 'header': {
      if (v.startsWith('@')) {
        parsed.skipped.push(`${name} ${v} (headers read from a file)`);
        return;
      }
      const colon = v.indexOf(':');
      if (colon === -1) {
        // "Name;" sends an empty header; a bare name is curl's way to remove one.
        if (v.endsWith(';')) parsed.headers.push({ key: v.slice(0, -1).trim(), value: '' });
        else parsed.skipped.push(`${name} ${v} (not "Name: value")`);
        return;
      }
      const key = v.slice(0, colon).trim();
      const headerValue = v.slice(colon + 1).trim();
      if (headerValue === '') return; // "Name:" removes a header curl would add
      parsed.headers.push({ key, value: headerValue });
      return;
    }
    case 'data':
    case 'data-binary':
    case 'json':
      if (v.startsWith('@')) {
        parsed.skipped.push(`${name} ${v} (the body is read from a file: paste its content into the body)`);
        parsed.flags.add(option === 'json' ? 'json' : 'data');
        return;
      }
      parsed.data.push({ kind: option, value: v });
      if (option === 'json') parsed.flags.add('json');
      return;
    case 'data-raw':
      parsed.data.push({ kind: 'data-raw', value: v });
      return;
    case 'data-urlencode':
      parsed.data.push({ kind: 'data-urlencode', value: urlencodeData(parsed, name, v) });
      return;
    case 'form':
    case 'form-string':
      parsed.form.push(formParam(parsed, name, v, option === 'form-string'));
      return;
    case 'user':
      parsed.user = v;
      return;
    case 'cookie':
      if (v.includes('=')) parsed.cookies.push(v);
      else parsed.skipped.push(`${name} ${v} (cookies read from a file)`);
      return;
    case 'user-agent':
      parsed.headers.push({ key: 'User-Agent', value: v });
      return;
    case 'referer':
      parsed.headers.push({ key: 'Referer', value: v.replace(/;auto$/, '') });
      return;
    case 'range':
      parsed.headers.push({ key: 'Range', value: `bytes=${v}` });
      return;
    case 'url':
      addPositional(parsed, v);
      return;
    case 'url-query':
      parsed.queries.push(v);
      return;
    case 'upload-file':
      parsed.uploadFile = v;
      return;
    case 'oauth2-bearer':
      parsed.bearer = v;
      return;
    default:
      parsed.flags.add(option);
  }
}

/** --data-urlencode's forms: `content`, `=content`, `name=content`, `@file`, `name@file`. */
function urlencodeData(parsed: Parsed, name: string, value: string): string {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at !== -1 && (eq === -1 || at < eq)) {
    parsed.skipped.push(`${name} ${value} (content read from a file)`);
    return at === 0 ? '' : `${value.slice(0, at)}=`;
  }
  if (eq === -1) return encodeURIComponent(value);
  const key = value.slice(0, eq);
  const content = encodeURIComponent(value.slice(eq + 1));
  return key === '' ? content : `${key}=${content}`;
}

/** -F `name=value`, `name=@file;type=…`, `name=<file`; --form-string takes the value literally. */
function formParam(parsed: Parsed, name: string, value: string, literal: boolean): FormParam {
  const eq = value.indexOf('=');
  if (eq === -1) throw fail(`${name} ${value}: a form field is written name=value.`);
  const key = value.slice(0, eq);
  let content = value.slice(eq + 1);
  if (literal) return { key, value: content, type: 'text' };
  const [first, ...attributes] = content.split(';');
  const contentType = attributes.map((a) => /^type=(.+)$/.exec(a.trim())?.[1]).find(Boolean);
  if (first!.startsWith('@')) {
    return { key, src: first!.slice(1), type: 'file', ...(contentType && { contentType }) };
  }
  if (first!.startsWith('<')) {
    parsed.skipped.push(`${name} ${value} (a field read from a file: it is a file field here)`);
    return { key, src: first!.slice(1), type: 'file', ...(contentType && { contentType }) };
  }
  content = attributes.length > 0 && contentType ? first! : content;
  return { key, value: content, type: 'text', ...(contentType && { contentType }) };
}

function toItem(parsed: Parsed): Item {
  const headers = [...parsed.headers];
  const hasHeader = (key: string) => headers.some((h) => h.key.toLowerCase() === key.toLowerCase());
  if (parsed.cookies.length > 0 && !hasHeader('Cookie')) headers.push({ key: 'Cookie', value: parsed.cookies.join('; ') });

  // curl joins repeated -d with & but concatenates repeated --json pieces.
  const dataText = parsed.data.map((d, index) => (index > 0 && d.kind !== 'json' ? '&' : '') + d.value).join('');
  const hasData = parsed.data.length > 0 || parsed.flags.has('data') || parsed.flags.has('json');
  let url = /^[a-z][a-z0-9+.-]*:\/\//i.test(parsed.url!) || parsed.url!.startsWith('{{') ? parsed.url! : `http://${parsed.url!}`;
  const extraQuery = [...parsed.queries];
  if (parsed.flags.has('get') && parsed.data.length > 0) extraQuery.push(dataText);
  if (extraQuery.length > 0) url += (url.includes('?') ? '&' : '?') + extraQuery.join('&');

  let body: RequestBody | undefined;
  if (parsed.form.length > 0) {
    body = { mode: 'formdata', formdata: parsed.form };
  } else if (parsed.uploadFile !== undefined) {
    body = { mode: 'file', file: { src: parsed.uploadFile } };
  } else if (hasData && !parsed.flags.has('get')) {
    body = dataBody(parsed, dataText, headers, hasHeader);
  }

  const method =
    parsed.method ??
    (parsed.flags.has('head') ? 'HEAD' : parsed.flags.has('get') ? 'GET' : parsed.uploadFile !== undefined ? 'PUT' : body ? 'POST' : 'GET');
  const auth = authOf(parsed);
  const behavior: ProtocolProfileBehavior = {};
  if (parsed.flags.has('insecure')) behavior.strictSSL = false;
  // Without -L curl does not follow redirects; a saved request follows them unless told not to.
  behavior.followRedirects = parsed.flags.has('location');
  if (parsed.flags.has('compressed') && !hasHeader('Accept-Encoding')) headers.push({ key: 'Accept-Encoding', value: COMPRESSED_ACCEPT_ENCODING });

  return {
    name: url,
    request: {
      method,
      header: headers,
      url: parseUrl(url),
      ...(body && { body }),
      ...(auth && { auth }),
    },
    protocolProfileBehavior: behavior,
    response: [],
  };
}

function dataBody(parsed: Parsed, text: string, headers: Header[], hasHeader: (key: string) => boolean): RequestBody {
  if (parsed.flags.has('json')) {
    if (!hasHeader('Content-Type')) headers.push({ key: 'Content-Type', value: 'application/json' });
    if (!hasHeader('Accept')) headers.push({ key: 'Accept', value: 'application/json' });
    return { mode: 'raw', raw: text, options: { raw: { language: 'json' } } };
  }
  const type = headers.find((h) => h.key.toLowerCase() === 'content-type')?.value.toLowerCase();
  const pairs = text.split('&');
  const looksLikeForm = text !== '' && pairs.every((pair) => /^[^=&\s]+=[^&]*$/.test(pair));
  if (type?.includes('application/x-www-form-urlencoded') || (type === undefined && looksLikeForm)) {
    // curl sends -d as application/x-www-form-urlencoded; Postman's urlencoded mode does too.
    return { mode: 'urlencoded', urlencoded: pairs.filter(Boolean).map(toUrlEncodedParam) };
  }
  if (type === undefined) headers.push({ key: 'Content-Type', value: 'application/x-www-form-urlencoded' });
  // API docs often send JSON with plain -d (so as form data): highlight it as JSON all the same.
  const language = type?.includes('json') || (type === undefined && looksLikeJson(text)) ? 'json' : type?.includes('xml') ? 'xml' : type?.includes('html') ? 'html' : type?.includes('javascript') ? 'javascript' : 'text';
  return { mode: 'raw', raw: text, options: { raw: { language } } };
}

function looksLikeJson(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function toUrlEncodedParam(pair: string): UrlEncodedParam {
  const eq = pair.indexOf('=');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s; // not valid percent-encoding: kept as written
    }
  };
  return eq === -1 ? { key: decode(pair), value: '' } : { key: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) };
}

function authOf(parsed: Parsed): Auth | undefined {
  if (parsed.bearer !== undefined) return { type: 'bearer', bearer: [{ key: 'token', value: parsed.bearer, type: 'string' }] };
  if (parsed.user === undefined) return undefined;
  const colon = parsed.user.indexOf(':');
  const username = colon === -1 ? parsed.user : parsed.user.slice(0, colon);
  const password = colon === -1 ? '' : parsed.user.slice(colon + 1);
  const type = parsed.flags.has('digest') ? 'digest' : parsed.flags.has('ntlm') ? 'ntlm' : 'basic';
  return {
    type,
    [type]: [
      { key: 'username', value: username, type: 'string' },
      { key: 'password', value: password, type: 'string' },
    ],
  };
}
