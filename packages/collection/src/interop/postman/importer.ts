/**
 * Postman Collection v2.0 / v2.1 (kept as written: the model is the JSON) and Postman environment
 * or globals files, which import as environments.
 */
import { CollectionError, isCollectionError } from '../../errors.ts';
import { parseCollection, parseVariableList } from '../../parse.ts';
import type { Importer, ImportInput, ImportResult } from '../types.ts';
import { isObject, peekJson, readJson } from '../shared/import-helpers.ts';

const V2_SCHEMA = /schema\.(?:getpostman|postman)\.com\/json\/collection\/v2\.[01]\.\d+\//i;

function collectionInfo(value: unknown): unknown {
  if (!isObject(value)) return undefined;
  if (isObject(value.info)) return value.info;
  return isObject(value.collection) && isObject(value.collection.info) ? value.collection.info : undefined;
}

/** A v2 schema URL, or (hand-written and generated files often omit it) a named `info` beside an `item` list. */
function isV2Collection(value: unknown): boolean {
  const info = collectionInfo(value);
  if (!isObject(info)) return false;
  if (typeof info.schema === 'string') return V2_SCHEMA.test(info.schema);
  const doc = isObject(value) && isObject(value.collection) ? value.collection : value;
  return typeof info.name === 'string' && isObject(doc) && Array.isArray(doc.item);
}

/** A Postman environment or globals export: `{ name?, values: [{ key, value, … }], _postman_variable_scope? }`. */
function isVariableList(value: unknown): boolean {
  const doc = isObject(value) && isObject(value.environment) ? value.environment : value;
  if (!isObject(doc) || !Array.isArray(doc.values) || 'info' in doc || 'item' in doc) return false;
  const scope = doc._postman_variable_scope;
  return (scope === 'environment' || scope === 'globals') && doc.values.every((v) => isObject(v) && typeof v.key === 'string');
}

export const postmanImporter: Importer = {
  format: 'postman',
  label: 'Postman Collection v2.0/v2.1 or environment',
  detect(input: ImportInput): boolean {
    const value = peekJson(input.text);
    return isV2Collection(value) || isVariableList(value);
  },
  async import(input: ImportInput): Promise<ImportResult> {
    const value = readJson(input, 'a Postman collection (v2.0/v2.1) or environment');
    try {
      if (isVariableList(value)) {
        return { format: 'postman', collections: [], environments: [parseVariableList(value, { source: input.name })], skipped: [] };
      }
      return { format: 'postman', collections: [parseCollection(value, { source: input.name })], environments: [], skipped: [] };
    } catch (error) {
      // The parser's message already names the file and the field; only the code changes.
      if (isCollectionError(error)) {
        throw new CollectionError('INVALID_IMPORT', error.message, {
          source: input.name,
          ...(error.path !== undefined ? { path: error.path } : {}),
          ...(error.line !== undefined ? { line: error.line } : {}),
        });
      }
      throw error;
    }
  },
};
