/**
 * Loading and saving collection, environment and globals files.
 *
 * Parsing validates but never rewrites: the value returned is the JSON as
 * written (unknown fields, key order and all), so serialize(parse(x)) is x.
 */
import { CollectionError } from './errors.ts';
import type { CollectionErrorCode } from './errors.ts';
import { decodeText, label, parseJsonText, withSource } from './json-text.ts';
import { collectionSchema, variableListSchema } from './schema.ts';
import type { Collection, VariableList } from './types.ts';
import { describeProblem, describeValue, formatPath } from './validation.ts';
import type { JsonPath } from './validation.ts';

export interface ParseOptions {
  /** File name (or other label) used in error messages. */
  source?: string;
}

export type VariableListKind = 'environment' | 'globals';

export interface ParseVariableListOptions extends ParseOptions {
  kind?: VariableListKind;
}

export const SCHEMA_V2_0 = 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json';
export const SCHEMA_V2_1 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

const REEXPORT_HINT = 'export it again from Postman as Collection v2.1';

/** Accepts file text, file bytes or an already parsed JSON value. */
export function parseCollection(input: unknown, options: ParseOptions = {}): Collection {
  const { source } = options;
  const root = toJsonValue(input, source);
  if (!isPlainObject(root)) {
    throw invalid(
      'INVALID_COLLECTION',
      source,
      [],
      `${label(source)} is not a collection: expected a JSON object with "info" and "item", found ${describeValue(root)}; ${REEXPORT_HINT}.`,
    );
  }

  let doc: Record<string, unknown> = root;
  let prefix: JsonPath = [];
  if (!('info' in root) && isPlainObject(root.collection)) {
    // Postman API responses wrap the collection: { "collection": { … } }.
    doc = root.collection;
    prefix = ['collection'];
  }

  if (!('info' in doc) && (Array.isArray(doc.requests) || Array.isArray(doc.order) || Array.isArray(doc.folders))) {
    throw unsupportedV1(source);
  }
  if (!('info' in doc) && !('item' in doc) && Array.isArray(doc.values)) {
    throw invalid(
      'INVALID_COLLECTION',
      source,
      prefix,
      `${label(source)} looks like an environment or globals file, not a collection; pass it with --environment or --globals.`,
    );
  }

  checkSchemaVersion(doc, source, prefix);

  const result = collectionSchema.safeParse(doc);
  if (!result.success) {
    const problem = describeProblem(result.error.issues, doc);
    const path = formatPath([...prefix, ...problem.path]);
    const what =
      problem.found === undefined
        ? `${path} is missing (expected ${problem.expected})`
        : `${path} should be ${problem.expected} but is ${describeValue(problem.found)}`;
    throw invalid(
      'INVALID_COLLECTION',
      source,
      [...prefix, ...problem.path],
      `${label(source)}: ${what}; fix that field or ${REEXPORT_HINT}.`,
    );
  }
  return doc as Collection;
}

export function serializeCollection(collection: Collection): string {
  return JSON.stringify(collection, null, 2);
}

/**
 * Environment and globals files: Postman exports (`{ id, name, values }`), Postman
 * API responses (`{ environment: { … } }`), workspace globals (`{ values }`) and
 * the older bare array of variables.
 */
export function parseVariableList(input: unknown, options: ParseVariableListOptions = {}): VariableList {
  const { source } = options;
  const kind = options.kind ?? 'environment';
  const root = toJsonValue(input, source);

  let doc: unknown = root;
  let prefix: JsonPath = [];
  let bare = false;
  if (Array.isArray(root)) {
    doc = { values: root };
    bare = true;
  } else if (isPlainObject(root) && !Array.isArray(root.values)) {
    for (const key of [kind, kind === 'environment' ? 'globals' : 'environment']) {
      if (isPlainObject(root[key])) {
        doc = root[key];
        prefix = [key];
        break;
      }
    }
  }

  if (!isPlainObject(doc)) {
    throw invalid(
      'INVALID_VARIABLE_LIST',
      source,
      [],
      `${label(source)} is not ${withArticle(kind)} file: expected a JSON object with "values" or a list of variables, found ${describeValue(root)}.`,
    );
  }
  if ('info' in doc && 'item' in doc) {
    throw invalid(
      'INVALID_VARIABLE_LIST',
      source,
      prefix,
      `${label(source)} looks like a collection, not ${withArticle(kind)} file; pass it as the collection argument.`,
    );
  }

  const result = variableListSchema.safeParse(doc);
  if (!result.success) {
    const problem = describeProblem(result.error.issues, doc);
    // A bare array was wrapped as { values }, so its paths start at the array itself.
    const rawPath = bare ? problem.path.slice(1) : [...prefix, ...problem.path];
    const path = formatPath(rawPath);
    const what =
      problem.found === undefined
        ? `${path} is missing (expected ${problem.expected})`
        : `${path} should be ${problem.expected} but is ${describeValue(problem.found)}`;
    throw invalid(
      'INVALID_VARIABLE_LIST',
      source,
      rawPath,
      `${label(source)}: ${what}; fix that field or export the ${kind} again from Postman.`,
    );
  }
  return doc as VariableList;
}

export function serializeVariableList(list: VariableList): string {
  return JSON.stringify(list, null, 2);
}

function toJsonValue(input: unknown, source: string | undefined): unknown {
  if (typeof input === 'string') return parseJsonText(decodeText(input, source), source);
  if (input instanceof Uint8Array) return parseJsonText(decodeText(input, source), source);
  if (input instanceof ArrayBuffer) return parseJsonText(decodeText(new Uint8Array(input), source), source);
  return input;
}

function checkSchemaVersion(doc: Record<string, unknown>, source: string | undefined, prefix: JsonPath): void {
  const info = doc.info;
  if (!isPlainObject(info) || typeof info.schema !== 'string') return;
  const match = /collection\/v?(\d+)(?:\.(\d+))?/i.exec(info.schema);
  if (!match) return;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  if (major === 1) throw unsupportedV1(source);
  if (major === 2 && (minor === 0 || minor === 1)) return;
  throw invalid(
    'UNSUPPORTED_SCHEMA',
    source,
    [...prefix, 'info', 'schema'],
    `${label(source)} uses collection format v${major}.${minor}, which Postern does not read; ${REEXPORT_HINT}.`,
  );
}

function unsupportedV1(source: string | undefined): CollectionError {
  return new CollectionError(
    'UNSUPPORTED_V1',
    `${label(source)} is a Postman v1 collection; convert it with \`postern import ${source ?? '<file>'}\` (or ${REEXPORT_HINT}).`,
    withSource(source),
  );
}

function invalid(code: CollectionErrorCode, source: string | undefined, path: JsonPath, message: string) {
  return new CollectionError(code, message, {
    ...withSource(source),
    ...(path.length > 0 ? { path: formatPath(path) } : {}),
  });
}

function withArticle(kind: VariableListKind): string {
  return kind === 'environment' ? 'an environment' : 'a globals';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
