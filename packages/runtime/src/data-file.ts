/**
 * Iteration data files (-d): CSV (header row, UTF-8 BOM, quoted fields with
 * commas and newlines) or a JSON array of objects. One row per iteration.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { extname } from 'node:path';

export type DataRow = Record<string, unknown>;

export class DataFileError extends Error {
  readonly code = 'DATA_FILE';
}

export function parseDataFile(text: string, source: string): DataRow[] {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = content.trimStart();
  const looksJson = extname(source).toLowerCase() === '.json' || trimmed.startsWith('[');
  return looksJson ? parseJsonRows(content, source) : parseCsvRows(content, source);
}

function parseJsonRows(text: string, source: string): DataRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(`${source}: not valid JSON (${(err as Error).message}); a JSON data file must be an array of objects`);
  }
  if (!Array.isArray(value)) {
    throw new DataFileError(`${source}: a JSON data file must be an array of objects, one per iteration`);
  }
  value.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new DataFileError(`${source}: entry [${i}] is not an object; each entry holds one iteration's variables`);
    }
  });
  return value as DataRow[];
}

function parseCsvRows(text: string, source: string): DataRow[] {
  try {
    return parseCsv(text, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as DataRow[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    const where = e.lines ? ` at line ${e.lines}` : '';
    throw new DataFileError(`${source}: invalid CSV${where}: ${e.message.replace(/^Invalid.*?: /, '')}`);
  }
}
