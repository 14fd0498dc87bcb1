/**
 * Reads what `postern import` was pointed at into the importers' ImportInput: a file (and, lazily,
 * the files next to it that an OpenAPI document `$ref`s) or a Bruno collection folder.
 * Importers never touch the disk; this is the only place the CLI does it for them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { decodeText } from '@postern/collection';
import type { ImportInput } from '@postern/collection';
import { CliError } from './errors.ts';

/** Limits for folders and referenced files: a wrong path (a home folder) fails fast instead of reading it all. */
export const INPUT_LIMITS = { maxFiles: 5000, maxTotalBytes: 64 * 1024 * 1024, maxDepth: 12 } as const;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
const REFERENCE_EXTENSIONS = /\.(ya?ml|json)$/i;
const BRUNO_FILES = /(\.bru|^bruno\.json)$/i;

export interface ReadInput {
  input: ImportInput;
  /** Bytes of the main file, or of all files read from the folder. */
  bytes: number;
  kind: 'file' | 'folder';
}

const toSlash = (path: string) => path.split(sep).join('/');

function readError(location: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CliError('FILE_NOT_FOUND', `file not found: ${location}`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError('FILE_UNREADABLE', `cannot read ${location}: permission denied`);
  return new CliError('FILE_UNREADABLE', `cannot read ${location}: ${(err as Error).message}`);
}

export async function readImportInput(location: string, cwd: string): Promise<ReadInput> {
  const path = resolve(cwd, location);
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw readError(location, err);
  }
  if (info.isDirectory()) return readBrunoFolder(path, location);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw readError(location, err);
  }
  const name = basename(path);
  const text = decodeText(bytes, name);
  // Only a document with references gets its neighbours (an OpenAPI document split in files).
  const files = /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"']/.test(text) ? { files: new NearbyFiles(dirname(path), name) } : {};
  return { input: { name, text, ...files }, bytes: bytes.length, kind: 'file' };
}

/** A Bruno collection: bruno.json is the main text, every `.bru` file (environments too) goes in `files`. */
async function readBrunoFolder(root: string, location: string): Promise<ReadInput> {
  const files = new Map<string, string>();
  let total = 0;
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > INPUT_LIMITS.maxDepth) return;
    const entries = await readdir(folder, { withFileTypes: true }).catch((err: unknown) => {
      throw readError(location, err);
    });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, depth + 1);
        continue;
      }
      if (!entry.isFile() || !BRUNO_FILES.test(entry.name)) continue;
      if (files.size >= INPUT_LIMITS.maxFiles) {
        throw new CliError('INVALID_INPUT', `${location} holds more than ${INPUT_LIMITS.maxFiles} Bruno files; point at the collection's own folder.`);
      }
      const bytes = await readFile(full).catch((err: unknown) => {
        throw readError(toSlash(join(location, relative(root, full))), err);
      });
      total += bytes.length;
      if (total > INPUT_LIMITS.maxTotalBytes) {
        throw new CliError('INVALID_INPUT', `${location} holds more than ${INPUT_LIMITS.maxTotalBytes / 1024 / 1024} MB of Bruno files; point at the collection's own folder.`);
      }
      const rel = toSlash(relative(root, full));
      files.set(rel, decodeText(bytes, rel));
    }
  };
  await walk(root, 0);
  if (files.size === 0) {
    throw new CliError('INVALID_INPUT', `${location} is a folder without .bru files or bruno.json; pass a file, or a Bruno collection folder.`);
  }
  const text = files.get('bruno.json') ?? '';
  files.delete('bruno.json');
  return { input: { name: basename(root), text, files }, bytes: total, kind: 'folder' };
}

/**
 * The files around a document, by path relative to it, read only when an importer asks for one
 * (an OpenAPI `$ref` to `schemas/pet.yaml` or `../common.json`). Iterating lists the YAML and
 * JSON files under the document's folder, within INPUT_LIMITS.
 */
export class NearbyFiles implements ReadonlyMap<string, string> {
  private readonly cache = new Map<string, string | null>();
  private listed: string[] | undefined;
  private bytesRead = 0;

  constructor(
    private readonly folder: string,
    /** The document itself, left out of the listing. */
    private readonly main: string,
  ) {}

  get(key: string): string | undefined {
    const rel = key.replace(/^\.\//, '').replace(/[?#].*$/, '');
    const cached = this.cache.get(rel);
    if (cached !== undefined) return cached ?? undefined;
    let text: string | null = null;
    try {
      const full = resolve(this.folder, rel);
      const info = statSync(full);
      if (info.isFile() && this.bytesRead + info.size <= INPUT_LIMITS.maxTotalBytes) {
        this.bytesRead += info.size;
        text = decodeText(readFileSync(full), rel);
      }
    } catch {
      text = null;
    }
    this.cache.set(rel, text);
    return text ?? undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.list().length;
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.all()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, string]> {
    return this.all().entries();
  }

  keys(): MapIterator<string> {
    // Names only: detection (is there a .bru file?) must not read every file.
    return new Map(this.list().map((key) => [key, key])).keys();
  }

  values(): MapIterator<string> {
    return this.all().values();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.all().entries();
  }

  /** Every listed file that could be read, as a plain map. */
  private all(): Map<string, string> {
    const map = new Map<string, string>();
    for (const key of this.list()) {
      const value = this.get(key);
      if (value !== undefined) map.set(key, value);
    }
    return map;
  }

  private list(): string[] {
    if (this.listed) return this.listed;
    const found: string[] = [];
    const walk = (folder: string, depth: number) => {
      if (depth > INPUT_LIMITS.maxDepth || found.length >= INPUT_LIMITS.maxFiles) return;
      let names: string[];
      try {
        names = readdirSync(folder).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (found.length >= INPUT_LIMITS.maxFiles) return;
        const full = join(folder, name);
        let isDir = false;
        try {
          isDir = statSync(full).isDirectory();
        } catch {
          continue;
        }
        if (isDir) {
          if (!SKIPPED_FOLDERS.has(name)) walk(full, depth + 1);
        } else if (REFERENCE_EXTENSIONS.test(name) && !(folder === this.folder && name === this.main)) {
          found.push(toSlash(relative(this.folder, full)));
        }
      }
    };
    walk(this.folder, 0);
    this.listed = found;
    return found;
  }
}
