/**
 * A Postman data dump (Settings → Data → Export data: backup.json). Collections (v1 shape, or v2
 * in newer dumps) become collections, environments and globals become variable lists; header
 * presets and other app state have no place in a collection and are listed as skipped.
 */
import { parseCollection } from '../../parse.ts';
import type { Collection, Variable, VariableList } from '../../types.ts';
import type { Importer, ImportInput, ImportResult, Skipped } from '../types.ts';
import { asArray, asString, invalidImport, isObject, peekJson, readJson } from '../shared/import-helpers.ts';
import type { JsonObject } from '../shared/import-helpers.ts';
import { convertV1Collection, isV1Collection } from '../postman-v1/convert.ts';

const KNOWN = new Set(['version', 'collections', 'environments', 'globals']);

function isDump(value: unknown): value is JsonObject {
  return isObject(value) && 'version' in value && Array.isArray(value.collections) && !('info' in value) && !('requests' in value);
}

function variables(list: unknown): Variable[] {
  return asArray(list)
    .filter(isObject)
    .filter((v) => typeof v.key === 'string')
    .map((v) => {
      const variable: Variable = { key: v.key as string, value: asString(v.value) ?? '' };
      variable.type = v.type === 'secret' ? 'secret' : typeof v.type === 'string' ? v.type : 'default';
      variable.enabled = v.enabled !== false;
      return variable;
    });
}

export const postmanDumpImporter: Importer = {
  format: 'postman-dump',
  label: 'Postman data dump',
  detect(input: ImportInput): boolean {
    return isDump(peekJson(input.text));
  },
  async import(input: ImportInput): Promise<ImportResult> {
    const dump = readJson(input, 'a Postman data dump (backup.json)');
    if (!isDump(dump)) {
      throw invalidImport(input, 'expected a Postman data dump: a JSON object with "version" and a "collections" list.', {
        ...(isObject(dump) && !Array.isArray(dump.collections) ? { path: 'collections' } : {}),
      });
    }
    const skipped: Skipped[] = [];
    const collections: Collection[] = [];
    asArray(dump.collections).forEach((entry, index) => {
      const at = `collections[${index}]`;
      if (isV1Collection(entry)) {
        const converted = convertV1Collection(entry, at);
        collections.push(converted.collection);
        skipped.push(...converted.skipped);
      } else if (isObject(entry) && 'info' in entry) {
        try {
          collections.push(parseCollection(entry, { source: `${input.name} ${at}` }));
        } catch (error) {
          throw invalidImport(input, `${at} is not a collection Postern reads: ${(error as Error).message}`, { path: at });
        }
      } else {
        throw invalidImport(input, `${at} should be a Postman collection (an object with "requests" or "info").`, { path: at });
      }
    });

    const environments: VariableList[] = [];
    asArray(dump.environments).forEach((env, index) => {
      if (!isObject(env) || !Array.isArray(env.values)) {
        throw invalidImport(input, `environments[${index}] should be an object with a "values" list.`, { path: `environments[${index}].values` });
      }
      environments.push({
        ...(typeof env.id === 'string' ? { id: env.id } : {}),
        name: asString(env.name) ?? `Environment ${index + 1}`,
        values: variables(env.values),
        _postman_variable_scope: 'environment',
      });
    });
    const globals = Array.isArray(dump.globals) ? dump.globals : isObject(dump.globals) ? dump.globals.values : undefined;
    if (Array.isArray(globals) && globals.length > 0) {
      environments.push({ name: 'Globals', values: variables(globals), _postman_variable_scope: 'globals' });
    }

    for (const key of Object.keys(dump)) {
      if (KNOWN.has(key)) continue;
      const count = Array.isArray(dump[key]) ? ` (${dump[key].length})` : '';
      const why = key === 'headerPresets' ? 'header presets are an app setting with no place in a collection' : 'app data with no place in a collection';
      if (count === ' (0)') continue;
      skipped.push({ at: key, what: `${key}${count}: ${why}` });
    }
    return { format: 'postman-dump', collections, environments, skipped };
  },
};
