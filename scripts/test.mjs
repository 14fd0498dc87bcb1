#!/usr/bin/env node
// Runs the whole Vitest suite and ends with one plain summary line
// ("tests: N passed, N failed, N skipped") that CI tooling can read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const outDir = join(process.cwd(), '.tmp');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, 'vitest-results.json');

const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${outFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let summary = 'tests: results missing';
if (existsSync(outFile)) {
  const r = JSON.parse(readFileSync(outFile, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  summary = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
}
console.log(summary);
process.exit(result.status ?? 1);
