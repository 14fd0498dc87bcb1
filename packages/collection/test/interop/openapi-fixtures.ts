/** Loading OpenAPI fixture folders as ImportInput (the main file plus every other file by relative path). */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ImportInput } from '../../src/index.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/interop/openapi');

export function fixtureInput(folder: string, main: string): ImportInput {
  const dir = path.join(FIXTURES, folder);
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.startsWith('expected')) files.set(path.relative(dir, p).split(path.sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  const text = files.get(main)!;
  files.delete(main);
  return { name: main, text, files };
}

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
export function expectGolden(actual: unknown, file: string): void {
  const target = path.join(FIXTURES, file);
  const text = typeof actual === 'string' ? actual : `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(target)) writeFileSync(target, text);
  expect(text).toBe(readFileSync(target, 'utf8'));
}
