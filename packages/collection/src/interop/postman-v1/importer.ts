/** Postman Collection v1 (`requests`, `folders`, `order`), converted to v2.1. */
import type { Importer, ImportInput, ImportResult } from '../types.ts';
import { invalidImport, isObject, peekJson, readJson } from '../shared/import-helpers.ts';
import { convertV1Collection, isV1Collection } from './convert.ts';

export const postmanV1Importer: Importer = {
  format: 'postman-v1',
  label: 'Postman Collection v1',
  detect(input: ImportInput): boolean {
    return isV1Collection(peekJson(input.text));
  },
  async import(input: ImportInput): Promise<ImportResult> {
    const value = readJson(input, 'a Postman v1 collection');
    if (!isObject(value)) throw invalidImport(input, 'expected a JSON object with "requests" (a Postman v1 collection).');
    if (!Array.isArray(value.requests)) {
      throw invalidImport(
        input,
        '"requests" is missing or not a list, so this is not a Postman v1 collection; choose the format it is in with --from.',
        { path: 'requests' },
      );
    }
    value.requests.forEach((request, index) => {
      if (!isObject(request)) throw invalidImport(input, `requests[${index}] should be an object.`, { path: `requests[${index}]` });
      if (request.url !== undefined && typeof request.url !== 'string') {
        throw invalidImport(input, `requests[${index}].url should be a string.`, { path: `requests[${index}].url` });
      }
    });
    const { collection, skipped } = convertV1Collection(value);
    return { format: 'postman-v1', collections: [collection], environments: [], skipped };
  },
};
