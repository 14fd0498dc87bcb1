/**
 * OpenAPI 3.0 / 3.1 and Swagger 2.0 mocks. Everything costly (routing trie, Ajv validators,
 * security rules) is built once in createOpenApiMock; a request then costs a trie walk, a few
 * precompiled validator calls and (for static answers) a cached body.
 */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockRequest, MockResponse } from '../collection/match.ts';
import { createMockHandler } from '../http.ts';
import type { MockAnswer } from '../http.ts';
import { generate } from './generate.ts';
import { asArray, deref, escapePointer, loadDocument, METHODS, OpenApiDocumentError } from './load.ts';
import type { Json, JsonObject } from './load.ts';
import { PathRouter } from './router.ts';

export interface OpenApiMockOptions {
  /** Generate bodies from schemas instead of serving examples (per request: `Prefer: dynamic=true|false`). */
  dynamic?: boolean;
  /** Check requests against the document (default true). */
  validateRequests?: boolean;
  /** Answer CORS preflights and add Access-Control-Allow-Origin (default true). */
  cors?: boolean;
}

export interface OpenApiMock {
  /** Pure: request in, response out. */
  match(request: MockRequest): MockResponse;
  /** The same, shaped for createMockHandler/listenMock. */
  resolve(request: MockRequest): MockAnswer;
  /** A node:http request listener. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  operationCount: number;
}

export interface Violation {
  /** Where the bad value is: `['query', 'limit']`, `['body', 'tags', '0']`. */
  location: string[];
  message: string;
}

interface CompiledParam {
  name: string;
  lname: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  isArray: boolean;
  delimiter: string | null;
  validate: ValidateFunction | null;
}

interface CompiledOp {
  method: string;
  template: string;
  op: JsonObject;
  params: CompiledParam[];
  body: { required: boolean; media: Array<{ type: string; validate: ValidateFunction | null }> } | null;
  security: JsonObject[];
  cache: Map<string, { status: number; headers: Array<[string, string]>; body: string }>;
}

interface PathEntry {
  template: string;
  ops: Map<string, CompiledOp>;
  allow: string;
}

const DOC_ID = 'https://postern.invalid/openapi.json';
const PROBLEM = 'application/problem+json';
const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
// ajv-formats is CommonJS; depending on the loader its function is the module or its default.
const addFormats = ((formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin) as typeof formatsPlugin;

export async function createOpenApiMock(source: string | object, options: OpenApiMockOptions = {}): Promise<OpenApiMock> {
  const { doc, dialect, file } = await loadDocument(source);
  const validateRequests = options.validateRequests !== false;
  const cors = options.cors !== false;

  const requestDoc = withoutReadOnlyRequired(doc);
  const makeAjv = (coerce: boolean) => {
    const opts = { strict: false, allErrors: true, logger: false as const, coerceTypes: coerce ? ('array' as const) : false, validateSchema: false };
    const ajv = dialect === '3.1' ? new Ajv2020(opts) : new Ajv(opts);
    addFormats(ajv);
    // OpenAPI's own formats: accepted as-is (int32 ranges etc. are not worth rejecting in a mock).
    for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(f, true);
    ajv.addSchema(requestDoc, DOC_ID);
    return ajv;
  };
  const ajvBody = makeAjv(false);
  const ajvParams = makeAjv(true);
  // Large documents repeat the same small schemas (`{type: integer}` ids, one $ref per body):
  // one validator per distinct schema text keeps start-up fast. Local $refs resolve the same
  // way wherever the text appears, so sharing is safe.
  const compiled = new Map<Ajv, Map<string, ValidateFunction>>();
  const compile = (ajv: Ajv, pointer: string): ValidateFunction => {
    let cache = compiled.get(ajv);
    if (!cache) compiled.set(ajv, (cache = new Map()));
    const key = JSON.stringify(deref(requestDoc, { $ref: `#${pointer}` }) ?? null);
    const hit = cache.get(key);
    if (hit) return hit;
    try {
      const fn = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      cache.set(key, fn);
      return fn;
    } catch (e) {
      throw new OpenApiDocumentError(file, pointer, `invalid schema: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  /** Follows $refs, remembering the pointer of the object finally reached (validators need it). */
  const follow = (value: Json | undefined, pointer: string): [Json | undefined, string] => {
    let cur = value;
    let at = pointer;
    for (let i = 0; i < 20 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
      const ref: string = cur.$ref;
      cur = deref(doc, { $ref: ref });
      if (cur === undefined) throw new OpenApiDocumentError(file, at, `$ref ${ref} points nowhere`);
      at = ref.slice(1);
    }
    return [cur, at];
  };

  const router = new PathRouter<PathEntry>();
  const rootSecurity = Array.isArray(doc.security) ? (doc.security as JsonObject[]) : [];
  const schemes = isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  let operationCount = 0;

  for (const [template, rawItem] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    const [item, itemPtr] = follow(rawItem, `/paths/${escapePointer(template)}`);
    if (!isObj(item)) continue;
    const ops = new Map<string, CompiledOp>();
    for (const m of METHODS) {
      const op = item[m];
      if (!isObj(op)) continue;
      const opPtr = `${itemPtr}/${m}`;
      const byKey = new Map<string, CompiledParam>();
      const addParams = (list: Json | undefined, ptr: string) =>
        asArray(list).forEach((raw, i) => {
          const [p, pPtr] = follow(raw, `${ptr}/parameters/${i}`);
          if (!isObj(p) || !['path', 'query', 'header', 'cookie'].includes(p.in as string)) return;
          const name = p.name as string;
          const lname = p.in === 'header' ? name.toLowerCase() : name;
          // Content-Type, Accept and Authorization are described elsewhere in OpenAPI and ignored as parameters.
          if (p.in === 'header' && ['accept', 'content-type', 'authorization'].includes(lname)) return;
          const [schema] = follow(p.schema, `${pPtr}/schema`);
          const types = isObj(schema) ? schema.type : undefined;
          const isArray = types === 'array' || (Array.isArray(types) && types.includes('array'));
          const style = (p.style as string | undefined) ?? (p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple');
          const explode = (p.explode as boolean | undefined) ?? style === 'form';
          const delimiter = !isArray || explode ? (p.in === 'query' ? null : ',') : style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
          byKey.set(`${p.in}:${lname}`, {
            name,
            lname,
            in: p.in as CompiledParam['in'],
            required: p.required === true || p.in === 'path',
            isArray,
            delimiter,
            validate: p.schema !== undefined && validateRequests ? compile(ajvParams, `${pPtr}/schema`) : null,
          });
        });
      // Operation parameters override path-level ones with the same name and location.
      addParams(item.parameters, itemPtr);
      addParams(op.parameters, opPtr);

      let body: CompiledOp['body'] = null;
      if (op.requestBody !== undefined) {
        const [rb, rbPtr] = follow(op.requestBody, `${opPtr}/requestBody`);
        if (isObj(rb) && isObj(rb.content)) {
          body = {
            required: rb.required === true,
            media: Object.entries(rb.content).map(([type, media]) => ({
              type: type.toLowerCase(),
              validate:
                validateRequests && isObj(media) && media.schema !== undefined
                  ? compile(type.includes('form') ? ajvParams : ajvBody, `${rbPtr}/content/${escapePointer(type)}/schema`)
                  : null,
            })),
          };
        }
      }
      ops.set(m.toUpperCase(), {
        method: m.toUpperCase(),
        template,
        op,
        params: [...byKey.values()],
        body,
        security: Array.isArray(op.security) ? (op.security as JsonObject[]) : rootSecurity,
        cache: new Map(),
      });
      operationCount++;
    }
    const allow = [...ops.keys(), ...(ops.has('GET') && !ops.has('HEAD') ? ['HEAD'] : [])].join(', ');
    router.add(template, { template, ops, allow });
  }

  // Server URLs may carry a base path (`https://api.example.com/v1`); requests may use it or not.
  const prefixes = new Set<string>();
  for (const s of asArray(doc.servers)) {
    if (!isObj(s) || typeof s.url !== 'string') continue;
    let url = s.url;
    if (isObj(s.variables)) for (const [k, v] of Object.entries(s.variables)) if (isObj(v)) url = url.replaceAll(`{${k}}`, String(v.default ?? ''));
    try {
      const p = new URL(url, 'http://localhost').pathname.replace(/\/+$/, '');
      if (p) prefixes.add(p);
    } catch {
      // An unparsable server URL only means no base path to strip.
    }
  }

  const answer = (request: MockRequest, meta: { label?: string }): MockResponse => {
    const method = request.method.toUpperCase();
    const q = request.url.indexOf('?');
    const pathname = q === -1 ? request.url : request.url.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : request.url.slice(q + 1));
    const h = request.headers;
    const header = (n: string): string | undefined => {
      const v = h[n];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    const origin = header('origin');
    const corsHeaders: Array<[string, string]> = !cors
      ? []
      : origin
        ? [['access-control-allow-origin', origin], ['access-control-allow-credentials', 'true'], ['access-control-expose-headers', '*'], ['vary', 'Origin']]
        : [['access-control-allow-origin', '*'], ['access-control-expose-headers', '*']];
    const problem = (status: number, code: string, title: string, detail: string, extra: JsonObject = {}, more: Array<[string, string]> = []): MockResponse => ({
      status,
      headers: [['content-type', PROBLEM], ...more, ...corsHeaders],
      body: JSON.stringify({ type: `https://postern.dev/problems/mock/${code}`, title, status, detail, ...extra }),
      delayMs: 0,
    });

    let found = router.match(pathname);
    for (const p of prefixes) {
      if (found) break;
      if (pathname === p || pathname.startsWith(`${p}/`)) found = router.match(pathname.slice(p.length) || '/');
    }

    // CORS preflight: browsers send it before the real request and expect no validation.
    if (cors && method === 'OPTIONS' && header('access-control-request-method')) {
      return {
        status: 204,
        headers: [
          ...corsHeaders,
          ['access-control-allow-methods', found ? found.value.allow : METHODS.map((m) => m.toUpperCase()).join(', ')],
          ['access-control-allow-headers', header('access-control-request-headers') ?? '*'],
          ['access-control-max-age', '86400'],
        ],
        body: '',
        delayMs: 0,
      };
    }
    if (!found) return problem(404, 'not-found', 'No such path', `${pathname} matches no path in the OpenAPI document; check the URL against the document's "paths".`);
    const entry = found.value;
    const cop = entry.ops.get(method) ?? (method === 'HEAD' ? entry.ops.get('GET') : undefined);
    if (!cop) {
      return problem(405, 'method-not-allowed', 'Method not allowed', `${entry.template} has no ${method} operation; use one of: ${entry.allow}.`, {}, [['allow', entry.allow]]);
    }
    meta.label = typeof cop.op.operationId === 'string' ? cop.op.operationId : `${cop.method} ${cop.template}`;
    const prefer = parsePrefer(header('prefer'));
    const accept = header('accept');

    // Security before validation, as a real server would.
    const denied = checkSecurity(cop.security, schemes, header, query);
    if (denied) {
      const own = respond(cop, '401', 401, accept, undefined, false, true);
      const challenge: [string, string] = ['www-authenticate', denied.challenge];
      if (own) return { ...own, headers: [...own.headers, challenge] };
      return problem(401, 'unauthorized', 'Unauthorized', denied.detail, {}, [challenge]);
    }

    if (validateRequests) {
      const violations = validate(cop, found.params, query, header, request.body);
      if (violations === 'unsupported-media-type') {
        const types = cop.body!.media.map((m) => m.type).join(', ');
        return problem(415, 'unsupported-media-type', 'Unsupported media type', `Send the body as one of: ${types}.`);
      }
      if (violations.length) {
        const own = respond(cop, '400', 400, accept, undefined, false, true);
        if (own) return own;
        return problem(422, 'invalid-request', 'Invalid request', `The request does not match the OpenAPI document (${violations.length} problem${violations.length === 1 ? '' : 's'}).`, { errors: violations as unknown as Json });
      }
    }

    // Choose the status.
    const responses = isObj(cop.op.responses) ? cop.op.responses : {};
    let key: string | undefined;
    let status: number;
    if (prefer.code !== undefined) {
      const n = prefer.code;
      key = [String(n), `${String(n)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
      if (!key) return problem(404, 'no-such-response', 'No such response', `The operation defines no ${n} response; Prefer code=… one of: ${Object.keys(responses).join(', ')}.`);
      status = n;
    } else {
      const codes = Object.keys(responses);
      key = codes.filter((c) => /^2\d\d$/.test(c)).sort()[0] ?? codes.find((c) => c === '2XX') ?? codes.find((c) => c === 'default') ?? codes.filter((c) => /^\d{3}$/.test(c)).sort()[0];
      status = key && /^\d{3}$/.test(key) ? Number(key) : 200;
      if (!key) return { status: 200, headers: corsHeaders, body: '', delayMs: 0 };
    }
    const dynamic = prefer.dynamic ?? options.dynamic === true;
    const out = respond(cop, key, status, accept, prefer.example, dynamic, false);
    if (!out) {
      const types = Object.keys(contentOf(responses[key]));
      return problem(406, 'not-acceptable', 'Not acceptable', `This response is available as ${types.join(', ')}; send an Accept header that allows one of them.`);
    }
    if ('missingExample' in out) {
      return problem(404, 'no-such-example', 'No such example', `No example named "${prefer.example}" for the ${status} response; Prefer example=… one of: ${out.missingExample.join(', ') || '(none)'}.`);
    }
    return out;

    function contentOf(resp: Json | undefined): JsonObject {
      const r = deref(doc, resp);
      return isObj(r) && isObj(r.content) ? r.content : {};
    }

    /**
     * The response for one status: null when Accept rules out every media type, or (own=true)
     * when the document gives no example for it.
     */
    function respond(op: CompiledOp, key: string, status: number, accept: string | undefined, exampleName: string | undefined, dyn: boolean, own: true): MockResponse | null;
    function respond(op: CompiledOp, key: string, status: number, accept: string | undefined, exampleName: string | undefined, dyn: boolean, own: false): MockResponse | { missingExample: string[] } | null;
    function respond(op: CompiledOp, key: string, status: number, accept: string | undefined, exampleName: string | undefined, dyn: boolean, own: boolean): MockResponse | { missingExample: string[] } | null {
      const resp = deref(doc, (isObj(op.op.responses) ? op.op.responses : {})[key]);
      if (!isObj(resp)) return null;
      const content = isObj(resp.content) ? resp.content : {};
      const types = Object.keys(content);
      let mediaType: string | undefined;
      if (types.length) {
        mediaType = negotiate(types, accept);
        if (!mediaType) return null;
      }
      const cacheKey = `${key}|${status}|${mediaType}|${exampleName ?? ''}`;
      if (!dyn) {
        const hit = op.cache.get(cacheKey);
        if (hit) return { status: hit.status, headers: [...hit.headers, ...corsHeaders], body: hit.body, delayMs: 0 };
      }
      const headers: Array<[string, string]> = [];
      for (const [name, rawH] of Object.entries(isObj(resp.headers) ? resp.headers : {})) {
        const hd = deref(doc, rawH);
        if (!isObj(hd) || name.toLowerCase() === 'content-type') continue;
        const v = hd.example ?? generate(doc, hd.schema, dyn ? 'dynamic' : 'static');
        if (v !== null && v !== undefined) headers.push([name.toLowerCase(), typeof v === 'string' ? v : JSON.stringify(v)]);
      }
      let body = '';
      if (mediaType) {
        const media = deref(doc, content[mediaType]);
        const m = isObj(media) ? media : {};
        const examples = isObj(m.examples) ? m.examples : {};
        let value: Json | undefined;
        if (exampleName !== undefined) {
          const ex = deref(doc, examples[exampleName]);
          if (!isObj(ex)) return { missingExample: Object.keys(examples) };
          value = ex.value;
        } else if (dyn && m.schema !== undefined) value = generate(doc, m.schema, 'dynamic');
        else {
          const first = Object.values(examples)[0];
          value = m.example ?? (first !== undefined ? deref(doc, first as JsonObject)?.value : undefined);
          if (value === undefined) {
            if (own) return null;
            value = m.schema !== undefined ? generate(doc, m.schema, 'static') : undefined;
          }
        }
        const ct = mediaType.includes('*') ? 'application/json' : mediaType;
        headers.unshift(['content-type', ct]);
        body =
          value === undefined
            ? ''
            : typeof value === 'string' && !/json/.test(ct)
              ? value
              : /xml/.test(ct)
                ? toXml(value, xmlName(doc, m.schema) ?? 'root')
                : JSON.stringify(value);
      } else if (own) return null;
      if (!dyn) op.cache.set(cacheKey, { status, headers, body });
      return { status, headers: [...headers, ...corsHeaders], body, delayMs: 0 };
    }
  };

  const match = (request: MockRequest): MockResponse => answer(request, {});
  // The label (operationId, else "METHOD /template") is what `postern mock` logs per request.
  const resolve = (request: MockRequest): MockAnswer => {
    const meta: { label?: string } = {};
    const response = answer(request, meta);
    return meta.label === undefined ? { response } : { response, label: meta.label };
  };
  return { match, resolve, handle: createMockHandler(resolve), operationCount };
}

/**
 * Validators only ever check requests, where clients do not send readOnly properties: a copy of
 * the document whose `required` lists leave them out (pointers are unchanged).
 */
function withoutReadOnlyRequired(doc: JsonObject): JsonObject {
  const copy = structuredClone(doc);
  const walk = (v: Json): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObj(v)) return;
    if (Array.isArray(v.required) && isObj(v.properties)) {
      const props = v.properties;
      v.required = v.required.filter((name) => {
        const prop = deref(copy, props[String(name)]);
        return !(isObj(prop) && prop.readOnly === true);
      });
    }
    Object.values(v).forEach(walk);
  };
  walk(copy);
  return copy;
}

/** The root element name: the schema's `xml.name`, else the name of the component it refers to. */
function xmlName(doc: JsonObject, schema: Json | undefined): string | undefined {
  if (!isObj(schema)) return undefined;
  if (isObj(schema.xml) && typeof schema.xml.name === 'string') return schema.xml.name;
  if (typeof schema.$ref === 'string') return xmlName(doc, deref(doc, schema)) ?? schema.$ref.split('/').pop();
  return undefined;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A plain XML rendering of a JSON value (no attributes or namespaces): enough for a mock. */
export function toXml(value: Json, name: string): string {
  const tag = name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'item';
  if (Array.isArray(value)) return `<${tag}>${value.map((v) => toXml(v, 'item')).join('')}</${tag}>`;
  if (isObj(value)) return `<${tag}>${Object.entries(value).map(([k, v]) => toXml(v, k)).join('')}</${tag}>`;
  return value === null ? `<${tag}/>` : `<${tag}>${xmlEscape(String(value))}</${tag}>`;
}

function parsePrefer(value: string | undefined): { code?: number; example?: string; dynamic?: boolean } {
  const out: { code?: number; example?: string; dynamic?: boolean } = {};
  if (!value) return out;
  for (const part of value.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const k = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (k === 'code' && /^\d{3}$/.test(v)) out.code = Number(v);
    else if (k === 'example') out.example = v;
    else if (k === 'dynamic') out.dynamic = v === 'true';
  }
  return out;
}

/** Picks the response media type the Accept header likes best (q-values, wildcards). */
export function negotiate(types: string[], accept: string | undefined): string | undefined {
  if (!accept || !accept.trim()) return types[0];
  const ranges = accept
    .split(',')
    .map((r, i) => {
      const [t, ...ps] = r.trim().toLowerCase().split(';');
      const qp = ps.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: t!.trim(), q: qp ? Number(qp.slice(2)) : 1, i };
    })
    .filter((r) => r.type && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    const [rt, rs] = r.type.split('/');
    for (const t of types) {
      const [tt, ts] = t.toLowerCase().split(';')[0]!.trim().split('/');
      if ((rt === '*' || tt === '*' || rt === tt) && (rs === '*' || ts === '*' || rs === ts)) return t;
    }
  }
  return undefined;
}

function checkSecurity(
  requirements: JsonObject[],
  schemes: JsonObject,
  header: (n: string) => string | undefined,
  query: URLSearchParams,
): { challenge: string; detail: string } | null {
  if (!requirements.length) return null;
  const auth = header('authorization') ?? '';
  const cookies = parseCookies(header('cookie'));
  const hints: string[] = [];
  const challenges = new Set<string>();
  for (const req of requirements) {
    let ok = true;
    for (const name of Object.keys(req)) {
      const s = schemes[name];
      if (!isObj(s)) continue;
      if (s.type === 'apiKey') {
        const n = String(s.name);
        const present = s.in === 'header' ? !!header(n.toLowerCase()) : s.in === 'query' ? !!query.get(n) : !!cookies.get(n);
        if (!present) {
          ok = false;
          hints.push(`the ${n} ${s.in === 'header' ? 'header' : s.in === 'query' ? 'query parameter' : 'cookie'}`);
          challenges.add(`ApiKey realm="postern", name="${n}", in="${String(s.in)}"`);
        }
      } else {
        const scheme = s.type === 'http' ? String(s.scheme ?? 'bearer').toLowerCase() : 'bearer';
        if (!auth.toLowerCase().startsWith(`${scheme} `) || auth.length <= scheme.length + 1) {
          ok = false;
          const pretty = scheme[0]!.toUpperCase() + scheme.slice(1);
          hints.push(`an Authorization: ${pretty} … header`);
          challenges.add(`${pretty} realm="postern"`);
        }
      }
    }
    if (ok) return null;
  }
  return { challenge: [...challenges].join(', '), detail: `This operation needs credentials: send ${[...new Set(hints)].join(' or ')}.` };
}

function parseCookies(v: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (v ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function validate(
  op: CompiledOp,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  header: (n: string) => string | undefined,
  rawBody: string | undefined,
): Violation[] | 'unsupported-media-type' {
  const out: Violation[] = [];
  let cookies: Map<string, string> | undefined;
  for (const p of op.params) {
    let value: Json | undefined;
    if (p.in === 'path') value = pathParams[p.name];
    else if (p.in === 'query') {
      const all = query.getAll(p.name);
      if (all.length) value = p.isArray ? (p.delimiter ? all.flatMap((v) => v.split(p.delimiter!)) : all) : all[0]!;
    } else {
      const raw = p.in === 'header' ? header(p.lname) : (cookies ??= parseCookies(header('cookie'))).get(p.name);
      if (raw !== undefined) value = p.isArray ? raw.split(',').map((s) => s.trim()) : raw;
    }
    if (value === undefined) {
      if (p.required) out.push({ location: [p.in, p.name], message: 'is required' });
      continue;
    }
    if (p.validate) {
      if (!p.validate(value)) out.push(...ajvErrors([p.in, p.name], p.validate.errors));
    }
  }
  if (op.body) {
    const empty = rawBody === undefined || rawBody.length === 0;
    if (empty) {
      if (op.body.required) out.push({ location: ['body'], message: 'is required' });
    } else {
      const ct = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const media = op.body.media.find((m) => m.type === ct) ?? op.body.media.find((m) => negotiate([m.type], ct || '*/*') !== undefined);
      if (!media) return 'unsupported-media-type';
      if (media.validate) {
        let data: Json | undefined;
        if (/json/.test(ct) || (!ct && /json/.test(media.type))) {
          try {
            data = JSON.parse(rawBody!) as Json;
          } catch {
            out.push({ location: ['body'], message: 'is not valid JSON' });
          }
        } else if (ct === 'application/x-www-form-urlencoded') data = Object.fromEntries(new URLSearchParams(rawBody!));
        if (data !== undefined && !media.validate(data)) out.push(...ajvErrors(['body'], media.validate.errors));
      }
    }
  }
  return out;
}

function ajvErrors(base: string[], errors: ErrorObject[] | null | undefined): Violation[] {
  const out: Violation[] = [];
  for (const e of errors ?? []) {
    const loc = [...base, ...e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))];
    if (e.keyword === 'required') loc.push(String((e.params as { missingProperty: string }).missingProperty));
    if (e.keyword === 'additionalProperties') loc.push(String((e.params as { additionalProperty: string }).additionalProperty));
    // anyOf/oneOf report every branch's failure first; the summary line is the useful one.
    if (e.keyword === 'if') continue;
    out.push({ location: loc, message: e.keyword === 'required' || e.keyword === 'additionalProperties' ? (e.keyword === 'required' ? 'is required' : 'is not allowed') : (e.message ?? 'is invalid') });
  }
  return out;
}
