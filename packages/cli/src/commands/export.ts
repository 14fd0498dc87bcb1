/**
 * `postern export <collection> --to openapi|curl|har|postman`: a Postman collection in another
 * format, on stdout or in -o. `-e` resolves `{{variables}}` first (cURL, HAR). What the target
 * format cannot hold is listed on stderr. Exit 0 written, 2 bad input or option.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exporterFor, isCollectionError, parseCollection, parseVariableList } from '@postern/collection';
import type { ExportFormat, ExportResult, VariableList } from '@postern/collection';
import type { MainIO } from '../main.ts';
import { CliError } from '../errors.ts';
import { loadBytes } from '../load.ts';
import { describeImportError, formatSkipped } from './import.ts';

export const EXPORT_FORMATS = ['postman', 'openapi', 'curl', 'har'] as const;

export interface ExportFlags {
  to?: string;
  environment?: string;
  output?: string;
}

export async function exportCommand(location: string, flags: ExportFlags, io: MainIO): Promise<number> {
  const to = flags.to;
  if (!to || !(EXPORT_FORMATS as readonly string[]).includes(to)) {
    io.stderr.write(`error: --to must be one of ${EXPORT_FORMATS.join(', ')}${to ? ` (got "${to}")` : ''}\n`);
    return 2;
  }
  let result: ExportResult;
  try {
    const collection = parseCollection(await loadBytes(location, 'collection', io.cwd), { source: location });
    const variables: VariableList[] = [];
    if (flags.environment) {
      variables.push(parseVariableList(await loadBytes(flags.environment, 'environment', io.cwd), { source: flags.environment, kind: 'environment' }));
    }
    result = exporterFor(to as ExportFormat).export(collection, variables.length ? { variables } : {});
  } catch (err) {
    if (err instanceof CliError || isCollectionError(err)) {
      io.stderr.write(`error: ${describeImportError(err)}\n`);
      return 2;
    }
    throw err;
  }
  const text = result.text.endsWith('\n') ? result.text : `${result.text}\n`;
  if (flags.output && flags.output !== '-') {
    try {
      await writeFile(resolve(io.cwd, flags.output), text);
    } catch (err) {
      throw new CliError('FILE_UNREADABLE', `cannot write ${flags.output}: ${(err as Error).message}`);
    }
    io.stderr.write(`exported ${location} to ${flags.output} (${to})\n`);
  } else {
    io.stdout.write(text);
  }
  if (result.skipped.length > 0) io.stderr.write(`left out what ${to} cannot hold:\n${formatSkipped(result.skipped)}`);
  return 0;
}
