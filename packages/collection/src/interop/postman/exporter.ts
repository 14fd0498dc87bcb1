/** Postman Collection v2.x: the stored JSON as is (lossless; v2.0 stays v2.0). */
import { serializeCollection } from '../../parse.ts';
import type { Collection } from '../../types.ts';
import type { Exporter, ExportResult } from '../types.ts';

export const postmanExporter: Exporter = {
  format: 'postman',
  label: 'Postman Collection v2.1',
  export(collection: Collection): ExportResult {
    return { text: serializeCollection(collection), mediaType: 'application/json', extension: 'json', skipped: [] };
  },
};
