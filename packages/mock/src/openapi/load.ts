import { $RefParser } from '@apidevtools/json-schema-ref-parser';
import path from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** A document that cannot be mocked: names the file and the JSON pointer of the problem. */
export class OpenApiDocumentError extends Error {
  constructor(
    readonly file: string,
    readonly pointer: string,
    detail: string,
  ) {
    super(`${file}${pointer ? `#${pointer}` : ''}: ${detail}`);
    this.name = 'OpenApiDocumentError';
  }
}

export interface LoadedDocument {
  /** OpenAPI 3.x document; Swagger 2.0 input is converted. Only local `#/…` $refs remain. */
  doc: JsonObject;
  /** '3.0' or '3.1' decides the JSON Schema dialect. */
  dialect: '3.0' | '3.1';
  file: string;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Resolves a local `#/a/b` reference inside the bundled document. */
export function resolvePointer(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  let cur: Json | undefined = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isObj(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

/** Follows `$ref` chains of non-schema objects (parameters, responses, request bodies). */
export function deref<T extends Json>(doc: JsonObject, v: T | undefined): T | undefined {
  let cur: Json | undefined = v;
  for (let i = 0; i < 20 && isObj(cur) && typeof cur.$ref === 'string'; i++) cur = resolvePointer(doc, cur.$ref);
  return cur as T | undefined;
}

export async function loadDocument(source: string | object): Promise<LoadedDocument> {
  const file = typeof source === 'string' ? path.resolve(source) : '<document>';
  let bundled: JsonObject;
  try {
    // bundle() keeps $refs internal (so cycles stay representable) and reads YAML or JSON files.
    // continueOnError makes the parser report where each broken $ref sits (file + path);
    // no http resolver, so loading a document never makes network requests.
    const parser = new $RefParser();
    const opts = { continueOnError: true, resolve: { http: false } } as never;
    bundled = (await (typeof source === 'string'
      ? parser.bundle(file, opts)
      : parser.bundle(structuredClone(source) as never, opts))) as unknown as JsonObject;
  } catch (e) {
    const first = (e as { errors?: Array<{ source?: string; path?: string[]; message?: string }> }).errors?.[0];
    if (first) {
      const at = first.path?.length ? `/${first.path.map(escapePointer).join('/')}` : '';
      const why = /could not find resolver/i.test(first.message ?? '')
        ? 'remote $refs are not fetched; save the referenced file next to the document and use a relative path'
        : (first.message ?? 'unknown error');
      throw new OpenApiDocumentError(first.source || file, at, `cannot resolve this $ref: ${why}`);
    }
    const msg = e instanceof Error ? e.message : String(e);
    throw new OpenApiDocumentError(file, '', `cannot read the document or one of its $refs: ${msg}`);
  }
  if (!isObj(bundled)) throw new OpenApiDocumentError(file, '', 'the document is not an object');
  let doc = bundled;
  let dialect: '3.0' | '3.1';
  if (typeof doc.swagger === 'string') {
    if (!doc.swagger.startsWith('2.')) throw new OpenApiDocumentError(file, '/swagger', `unsupported Swagger version ${doc.swagger}; use 2.0`);
    doc = convertSwagger2(doc);
    dialect = '3.0';
  } else if (typeof doc.openapi === 'string' && /^3\.0\./.test(doc.openapi)) dialect = '3.0';
  else if (typeof doc.openapi === 'string' && /^3\.[12]\./.test(doc.openapi)) dialect = '3.1';
  else throw new OpenApiDocumentError(file, '/openapi', 'missing or unsupported "openapi" version; use 3.0.x, 3.1.x or "swagger": "2.0"');
  checkStructure(doc, file);
  if (dialect === '3.0') normalizeDraft4Bounds(doc);
  return { doc, dialect, file };
}

function checkStructure(doc: JsonObject, file: string): void {
  const paths = doc.paths ?? {};
  if (!isObj(paths)) throw new OpenApiDocumentError(file, '/paths', '"paths" must be an object');
  for (const [p, item] of Object.entries(paths)) {
    const at = `/paths/${escapePointer(p)}`;
    if (!p.startsWith('/')) throw new OpenApiDocumentError(file, at, 'path keys must start with "/"');
    const pathItem = deref(doc, item);
    if (!isObj(pathItem)) throw new OpenApiDocumentError(file, at, 'a path item must be an object');
    for (const m of METHODS) {
      const op = pathItem[m];
      if (op === undefined) continue;
      if (!isObj(op)) throw new OpenApiDocumentError(file, `${at}/${m}`, 'an operation must be an object');
      if (!isObj(op.responses)) throw new OpenApiDocumentError(file, `${at}/${m}/responses`, 'every operation needs a "responses" object');
      for (const [i, prm] of [...asArray(pathItem.parameters), ...asArray(op.parameters)].entries()) {
        const param = deref(doc, prm);
        if (!isObj(param) || typeof param.name !== 'string' || typeof param.in !== 'string')
          throw new OpenApiDocumentError(file, `${at}/${m}/parameters/${i}`, 'a parameter needs "name" and "in"');
      }
    }
  }
}

/**
 * OpenAPI 3.0 (and Swagger 2.0) use draft-4 boolean `exclusiveMinimum`/`exclusiveMaximum`; Ajv
 * wants the draft-6+ numeric form. Rewritten in place, so JSON pointers stay valid.
 */
function normalizeDraft4Bounds(v: Json): void {
  if (Array.isArray(v)) return v.forEach(normalizeDraft4Bounds);
  if (!isObj(v)) return;
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof v[flag] !== 'boolean') continue;
    if (v[flag] === true && typeof v[bound] === 'number') {
      v[flag] = v[bound];
      delete v[bound];
    } else delete v[flag];
  }
  for (const child of Object.values(v)) normalizeDraft4Bounds(child);
}

export function asArray(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : [];
}

// --- Swagger 2.0 → OpenAPI 3.0 (the parts a mock needs) ---

const PARAM_SCHEMA_KEYS = ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf'];

function rewriteRefs(v: Json): Json {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (!isObj(v)) return v;
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === '$ref' && typeof val === 'string') {
      out[k] = val
        .replace(/^#\/definitions\//, '#/components/schemas/')
        .replace(/^#\/parameters\//, '#/components/parameters/')
        .replace(/^#\/responses\//, '#/components/responses/');
    } else out[k] = rewriteRefs(val);
  }
  return out;
}

function convertParam(p: JsonObject): JsonObject {
  if (typeof p.$ref === 'string') return p;
  const schema: JsonObject = {};
  for (const k of PARAM_SCHEMA_KEYS) if (p[k] !== undefined) schema[k] = p[k] as Json;
  const out: JsonObject = { name: p.name as Json, in: p.in as Json, schema };
  if (p.required !== undefined) out.required = p.required as Json;
  if (p.type === 'array') {
    const cf = p.collectionFormat ?? 'csv';
    out.explode = cf === 'multi';
    if (cf === 'ssv') out.style = 'spaceDelimited';
    if (cf === 'pipes') out.style = 'pipeDelimited';
  }
  return out;
}

function convertResponse(r: JsonObject, produces: string[]): JsonObject {
  if (typeof r.$ref === 'string') return r;
  const out: JsonObject = { description: r.description ?? '' };
  if (isObj(r.headers)) {
    const headers: JsonObject = {};
    for (const [n, h] of Object.entries(r.headers)) if (isObj(h)) headers[n] = { schema: convertParam({ ...h, name: n, in: 'header' }).schema as Json };
    out.headers = headers;
  }
  const examples = isObj(r.examples) ? r.examples : {};
  if (r.schema !== undefined || Object.keys(examples).length) {
    const content: JsonObject = {};
    for (const mt of new Set([...produces, ...Object.keys(examples)])) {
      const media: JsonObject = {};
      if (r.schema !== undefined) media.schema = r.schema;
      if (examples[mt] !== undefined) media.example = examples[mt] as Json;
      content[mt] = media;
    }
    out.content = content;
  }
  return out;
}

function convertSwagger2(sw: JsonObject): JsonObject {
  const s = rewriteRefs(sw) as JsonObject;
  const globalConsumes = (asArray(s.consumes) as string[]).length ? (s.consumes as string[]) : ['application/json'];
  const globalProduces = (asArray(s.produces) as string[]).length ? (s.produces as string[]) : ['application/json'];
  const components: JsonObject = { schemas: (s.definitions ?? {}) as Json };
  const params: JsonObject = {};
  const bodies: JsonObject = {};
  for (const [n, p] of Object.entries(isObj(s.parameters) ? s.parameters : {})) {
    if (!isObj(p)) continue;
    if (p.in === 'body') bodies[n] = { required: p.required ?? false, content: Object.fromEntries(globalConsumes.map((c) => [c, { schema: p.schema ?? {} }])) };
    else params[n] = convertParam(p);
  }
  components.parameters = params;
  components.requestBodies = bodies;
  components.responses = Object.fromEntries(Object.entries(isObj(s.responses) ? s.responses : {}).map(([k, r]) => [k, convertResponse(r as JsonObject, globalProduces)]));
  const schemes: JsonObject = {};
  for (const [n, d] of Object.entries(isObj(s.securityDefinitions) ? s.securityDefinitions : {})) {
    if (!isObj(d)) continue;
    if (d.type === 'basic') schemes[n] = { type: 'http', scheme: 'basic' };
    else if (d.type === 'apiKey') schemes[n] = { type: 'apiKey', name: d.name as Json, in: d.in as Json };
    else schemes[n] = { type: 'oauth2', flows: {} };
  }
  components.securitySchemes = schemes;
  const paths: JsonObject = {};
  for (const [p, item] of Object.entries(isObj(s.paths) ? s.paths : {})) {
    if (!isObj(item)) continue;
    const newItem: JsonObject = {};
    const convertList = (list: Json | undefined, consumes: string[]) => {
      const out: Json[] = [];
      let body: JsonObject | undefined;
      const form: JsonObject = {};
      const formRequired: string[] = [];
      for (const raw of asArray(list)) {
        if (!isObj(raw)) continue;
        const ref = typeof raw.$ref === 'string' ? raw.$ref : '';
        if (ref.startsWith('#/components/parameters/') && bodies[ref.slice(24)]) {
          body = { $ref: `#/components/requestBodies/${ref.slice(24)}` };
          continue;
        }
        if (raw.in === 'body') body = { required: raw.required ?? false, content: Object.fromEntries(consumes.map((c) => [c, { schema: raw.schema ?? {} }])) };
        else if (raw.in === 'formData') {
          form[raw.name as string] = convertParam(raw).schema as Json;
          if (raw.required) formRequired.push(raw.name as string);
        } else out.push(convertParam(raw));
      }
      if (Object.keys(form).length) {
        const ct = consumes.find((c) => c.includes('form')) ?? 'application/x-www-form-urlencoded';
        body = { required: formRequired.length > 0, content: { [ct]: { schema: { type: 'object', properties: form, required: formRequired } } } };
      }
      return { params: out, body };
    };
    if (item.parameters) newItem.parameters = convertList(item.parameters, globalConsumes).params;
    for (const m of METHODS) {
      const op = item[m];
      if (!isObj(op)) continue;
      const consumes = (asArray(op.consumes) as string[]).length ? (op.consumes as string[]) : globalConsumes;
      const produces = (asArray(op.produces) as string[]).length ? (op.produces as string[]) : globalProduces;
      const { params: ps, body } = convertList(op.parameters, consumes);
      const newOp: JsonObject = { ...op, parameters: ps };
      delete newOp.consumes;
      delete newOp.produces;
      if (body) newOp.requestBody = body;
      newOp.responses = Object.fromEntries(Object.entries(isObj(op.responses) ? op.responses : {}).map(([k, r]) => [k, convertResponse(r as JsonObject, produces)]));
      newItem[m] = newOp;
    }
    paths[p] = newItem;
  }
  const servers = typeof s.basePath === 'string' && s.basePath !== '/' ? [{ url: s.basePath }] : [];
  const out: JsonObject = { openapi: '3.0.3', info: s.info ?? {}, servers, paths, components };
  if (s.security) out.security = s.security;
  return out;
}
