/** The OpenAPI importer and exporter, and the pure helpers packages/mock shares. */
import type { Exporter, Importer } from '../types.ts';
import { isOpenApi } from './detect.ts';
import { exportOpenApi } from './export-openapi.ts';
import { importOpenApi } from './import-openapi.ts';

export const openApiImporter: Importer = {
  format: 'openapi',
  label: 'OpenAPI 3.x / Swagger 2.0',
  detect: isOpenApi,
  import: async (input) => importOpenApi(input),
};

export const openApiExporter: Exporter = {
  format: 'openapi',
  label: 'OpenAPI 3.1',
  export: (collection, options) => exportOpenApi(collection, options),
};

export { importOpenApi, exportOpenApi };
export { buildOpenApi, type OpenApiExportOptions } from './export-openapi.ts';
export type { OpenApiImportOptions } from './import-context.ts';
export { convertSwagger2 } from './swagger2.ts';
export { METHODS, asArray, deref, escapePointer, isObj, resolvePointer, type Json, type JsonObject } from './json.ts';
