/**
 * npm run bench:import — every importer on large inputs, each run in a fresh child process:
 *   a generated OpenAPI document with 2,000 operations (JSON and YAML), a generated Postman
 *   collection with 5,000 requests (and the same requests as HAR and as cURL commands, written by
 *   Postern's exporters), and Postman's own SDK (postman-collection) building the same collection
 *   as the reference. Prints the median wall time and the medians of the RSS high-water mark
 *   (process.resourceUsage().maxRSS) and of the heap in use with the result held.
 *
 *   npm run bench:import -- [--operations 2000] [--requests 5000] [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { stringify } from 'yaml';
import { exporterFor, parseCollection } from '../packages/collection/src/index.ts';
import { generateOpenApiDocument } from './fixtures/openapi-large.ts';
import { generatePostmanCollection } from './fixtures/postman-large.ts';

const { values: args } = parseArgs({
  options: { operations: { type: 'string', default: '2000' }, requests: { type: 'string', default: '5000' }, runs: { type: 'string', default: '5' } },
});
const OPERATIONS = Number(args.operations);
const REQUESTS = Number(args.requests);
const RUNS = Number(args.runs);

// Inside the collection package, so the bundle's npm imports resolve as the package's own do.
const work = resolve(import.meta.dirname, '../packages/collection/node_modules/.cache/postern-bench-import');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// Plain node runs the child: no TypeScript loader in the measured process.
const child = join(work, 'import-child.mjs');
await build({
  entryPoints: [resolve(import.meta.dirname, 'import-child.ts')],
  outfile: child,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

const openapi = generateOpenApiDocument(OPERATIONS);
const postman = generatePostmanCollection(REQUESTS);
const collection = parseCollection(postman);
const inputs = {
  'openapi.json': JSON.stringify(openapi),
  'openapi.yaml': stringify(openapi),
  'postman.json': JSON.stringify(postman),
  'requests.har': exporterFor('har').export(collection).text,
  'requests.sh': exporterFor('curl').export(collection).text,
};
for (const [name, text] of Object.entries(inputs)) writeFileSync(join(work, name), text);

const cases: Array<{ label: string; target: string; file: keyof typeof inputs }> = [
  { label: `OpenAPI JSON, ${OPERATIONS} operations`, target: 'openapi', file: 'openapi.json' },
  { label: `OpenAPI YAML, ${OPERATIONS} operations`, target: 'openapi', file: 'openapi.yaml' },
  { label: `Postman v2.1, ${REQUESTS} requests`, target: 'postman', file: 'postman.json' },
  { label: `postman-collection SDK, same file (reference)`, target: 'postman-collection-sdk', file: 'postman.json' },
  { label: `HAR, ${REQUESTS} entries`, target: 'har', file: 'requests.har' },
  { label: `cURL, ${REQUESTS} commands`, target: 'curl', file: 'requests.sh' },
];

interface Sample {
  ms: number;
  requests: number;
  heapUsed: number;
  baselineRss: number;
  maxRss: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

const cpu = cpus();
console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${mb(totalmem())} MB RAM, Node ${process.version}`);
console.log(`median of ${RUNS} runs, each in a fresh process (cold: includes JIT warm-up, as a CLI import would)\n`);
console.log('| input | size | requests | wall time (median) | peak RSS (median) | heap used, result held (median) | node baseline RSS |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const c of cases) {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const res = spawnSync(process.execPath, [child, c.target, join(work, c.file)], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
    if (res.status !== 0) throw new Error(`${c.label} failed: ${res.stderr}`);
    samples.push(JSON.parse(res.stdout.trim().split('\n').pop()!) as Sample);
  }
  const size = Buffer.byteLength(inputs[c.file]);
  console.log(
    `| ${c.label} | ${mb(size)} MB | ${samples[0]!.requests} | ${median(samples.map((s) => s.ms)).toFixed(0)} ms | ` +
      `${mb(median(samples.map((s) => s.maxRss)))} MB | ${mb(median(samples.map((s) => s.heapUsed)))} MB | ${mb(median(samples.map((s) => s.baselineRss)))} MB |`,
  );
}
rmSync(work, { recursive: true, force: true });
