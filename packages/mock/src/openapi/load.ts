import { $RefParser } from '@apidevtools/json-schema-ref-parser';
import path from 'node:path';
import { METHODS, asArray, convertSwagger2, deref, escapePointer, isObj, resolvePointer, type Json, type JsonObject } from '@postern/collection/openapi';

// The pure OpenAPI helpers live in @postern/collection (its importer uses them too).
export { METHODS, asArray, deref, escapePointer, resolvePointer, type Json, type JsonObject };

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
