#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build`, which `npm ci` runs); falls back
// to the TypeScript sources through tsx when no bundle exists or POSTERN_FROM_SOURCE is set.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/main.js', import.meta.url);
let main;
if (existsSync(bundle) && !process.env.POSTERN_FROM_SOURCE) {
  ({ main } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
