/**
 * `postern import <file|folder>`: OpenAPI, cURL, HAR, Insomnia, Bruno and Postman (v1, dumps,
 * v2.x) → Postman Collection v2.1 files. What the model cannot hold is listed on stderr with its
 * place. Exit 0 imported (skipped parts listed), 1 something was skipped and --strict was given,
 * 2 bad input (unreadable, not a known format, broken document: the error names file and place).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { importAny, isCollectionError, serializeCollection, serializeVariableList } from '@postern/collection';
import type { Collection, ImportFormat, ImportResult, Skipped, VariableList } from '@postern/collection';
import type { MainIO } from '../main.ts';
import { CliError, describeError } from '../errors.ts';
import { readImportInput } from '../import-input.ts';

export const IMPORT_FORMATS = ['auto', 'openapi', 'curl', 'har', 'insomnia', 'bruno', 'postman-v1', 'postman-dump', 'postman'] as const;
export const IMPORT_EXIT = { ok: 0, skipped: 1, badInput: 2 } as const;

export interface ImportFlags {
  from?: ImportFormat | 'auto';
  output?: string;
  strict?: boolean;
}

/** Inputs this large get a note on stderr, so a slow import is not mistaken for a hang. */
const BIG_INPUT_BYTES = 8 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A file name from a collection or environment name: letters, digits, dashes; never empty. */
export function fileNameFor(name: string, suffix: 'postman_collection' | 'postman_environment'): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80);
  return `${base || 'untitled'}.${suffix}.json`;
}

/** The error line of a failed import: file, place (line or JSON path), what is wrong. */
export function describeImportError(err: unknown): string {
  const message = describeError(err);
  if (!isCollectionError(err)) return message;
  const place = err.line !== undefined ? `line ${err.line}${err.column !== undefined ? `, column ${err.column}` : ''}` : err.path;
  if (!place || message.includes(place)) return message;
  return `${message} (at ${place})`;
}

export function formatSkipped(skipped: readonly Skipped[]): string {
  return skipped.map((s) => `  - ${s.at}: ${s.what}\n`).join('');
}

export async function importCommand(location: string, flags: ImportFlags, io: MainIO): Promise<number> {
  const from = flags.from ?? 'auto';
  if (!(IMPORT_FORMATS as readonly string[]).includes(from)) {
    io.stderr.write(`error: --from must be one of ${IMPORT_FORMATS.join(', ')} (got "${from}")\n`);
    return IMPORT_EXIT.badInput;
  }
  let result: ImportResult;
  const started = performance.now();
  try {
    const { input, bytes, kind } = await readImportInput(location, io.cwd);
    const big = bytes >= BIG_INPUT_BYTES;
    if (big) io.stderr.write(`importing ${location} (${megabytes(bytes)}${kind === 'folder' ? ` in ${input.files?.size ?? 0} files` : ''})…\n`);
    result = await importAny(input, from === 'auto' && kind === 'folder' ? 'bruno' : from);
    if (big) io.stderr.write(`read in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    if (err instanceof CliError || isCollectionError(err)) {
      io.stderr.write(`error: ${describeImportError(err)}\n`);
      return IMPORT_EXIT.badInput;
    }
    throw err;
  }

  const written = await writeResult(result, flags.output, io);
  const counts = `${plural(result.collections.length, 'collection')}${result.environments.length ? ` and ${plural(result.environments.length, 'environment')}` : ''}`;
  io.stderr.write(`imported ${counts} from ${location} (${result.format})${written.length ? `: ${written.join(', ')}` : ''}\n`);
  if (result.skipped.length > 0) {
    io.stderr.write(`skipped ${plural(result.skipped.length, 'part')} the collection format cannot hold:\n${formatSkipped(result.skipped)}`);
    if (flags.strict) return IMPORT_EXIT.skipped;
  }
  return IMPORT_EXIT.ok;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One collection and no environment: to stdout, or to -o as a file. Anything more: one file each,
 * named after it, in the -o folder (created if needed; the current folder without -o).
 */
async function writeResult(result: ImportResult, output: string | undefined, io: MainIO): Promise<string[]> {
  const single = result.collections.length === 1 && result.environments.length === 0;
  if (single && !(output && (await isFolder(resolve(io.cwd, output))))) {
    const text = `${serializeCollection(result.collections[0] as Collection)}\n`;
    if (!output || output === '-') {
      io.stdout.write(text);
      return [];
    }
    await writeOut(resolve(io.cwd, output), text, output);
    return [output];
  }
  const folder = output && output !== '-' ? output : '.';
  await mkdir(resolve(io.cwd, folder), { recursive: true });
  const used = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = name.replace(/(\.postman_\w+\.json)$/, `-${n}$1`);
    used.add(candidate);
    return candidate;
  };
  const files: Array<[string, string]> = [
    ...result.collections.map((c): [string, string] => [unique(fileNameFor(c.info.name, 'postman_collection')), serializeCollection(c)]),
    ...result.environments.map((e: VariableList): [string, string] => [unique(fileNameFor(e.name ?? 'environment', 'postman_environment')), serializeVariableList(e)]),
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const shown = folder === '.' ? name : join(folder, name);
    await writeOut(resolve(io.cwd, folder, name), `${text}\n`, shown);
    written.push(shown);
  }
  return written;
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

async function writeOut(path: string, text: string, shown: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (err) {
    throw new CliError('FILE_UNREADABLE', `cannot write ${shown}: ${(err as Error).message}`);
  }
}
