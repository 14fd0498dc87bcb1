/**
 * Every importer and exporter, and `--from auto`. Each format lives in its own module under
 * interop/; this file only lists them.
 */
import { CollectionError } from '../errors.ts';
import type { ExportFormat, Exporter, ImportFormat, ImportInput, ImportResult, Importer } from './types.ts';
import { brunoImporter } from './bruno/importer.ts';
import { insomniaImporter } from './insomnia/importer.ts';
import { postmanDumpImporter } from './postman-dump/importer.ts';
import { postmanV1Importer } from './postman-v1/importer.ts';
import { postmanImporter } from './postman/importer.ts';
import { postmanExporter } from './postman/exporter.ts';
import { curlImporter } from './curl/importer.ts';
import { curlExporter } from './curl/exporter.ts';
import { harImporter } from './har/importer.ts';
import { harExporter } from './har/exporter.ts';
import { openApiExporter, openApiImporter } from './openapi/index.ts';

// Each format's module is imported above and listed here. Order matters for detection: the most
// specific format first (a Postman dump before a v2.1 collection, HAR before generic JSON).
export const IMPORTERS: Importer[] = [
  brunoImporter,
  postmanDumpImporter,
  insomniaImporter,
  postmanV1Importer,
  postmanImporter,
  openApiImporter,
  harImporter,
  curlImporter,
];
export const EXPORTERS: Exporter[] = [
  postmanExporter,
  curlExporter,
  harExporter,
  openApiExporter,
];

export function importerFor(format: ImportFormat): Importer {
  const importer = IMPORTERS.find((i) => i.format === format);
  if (!importer) throw new CollectionError('INVALID_IMPORT', `Importing ${format} is not supported.`);
  return importer;
}

export function exporterFor(format: ExportFormat): Exporter {
  const exporter = EXPORTERS.find((e) => e.format === format);
  if (!exporter) throw new CollectionError('INVALID_IMPORT', `Exporting to ${format} is not supported.`);
  return exporter;
}

/** The first importer that recognises the input, or a CollectionError naming the formats tried. */
export function detectFormat(input: ImportInput): ImportFormat {
  const found = IMPORTERS.find((i) => i.detect(input));
  if (!found) {
    throw new CollectionError(
      'INVALID_IMPORT',
      `${input.name} is not a format Postern imports (tried ${IMPORTERS.map((i) => i.label).join(', ')}); name one with --from.`,
      { source: input.name },
    );
  }
  return found.format;
}

export async function importAny(input: ImportInput, from: ImportFormat | 'auto' = 'auto'): Promise<ImportResult> {
  return importerFor(from === 'auto' ? detectFormat(input) : from).import(input);
}
