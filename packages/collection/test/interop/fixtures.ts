/** Reads the interop fixtures (test/fixtures/interop/…) as the CLI would pass them to an importer. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ImportInput } from '../../src/interop/types.ts';

export const FIXTURES = join(import.meta.dirname, '../fixtures/interop');

export function fileInput(path: string): ImportInput {
  const full = join(FIXTURES, path);
  return { name: path.split('/').pop()!, text: readFileSync(full, 'utf8') };
}

/** A Bruno folder: bruno.json as the text, every other file by its relative path. */
export function folderInput(path: string): ImportInput {
  const root = join(FIXTURES, path);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  const text = files.get('bruno.json') ?? '';
  files.delete('bruno.json');
  return { name: path.split('/').pop()!, text, files };
}
