/**
 * One measurement of `npm run bench:import`, in a fresh process: reads the input, then times the
 * import and a walk over every request, and prints wall time, the RSS high-water mark and the heap
 * in use (the result still held) as one JSON line. Bundled by bench/import.ts and run with plain node.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { flattenItems, importerFor } from '../packages/collection/src/index.ts';
import type { ImportFormat } from '../packages/collection/src/index.ts';

/** What is used of postman-collection (its package.json names no types). */
interface PostmanSdk {
  Collection: new (definition: unknown) => { forEachItem(callback: () => void): void };
}

const [target, file] = process.argv.slice(2) as [string, string];
const text = readFileSync(file, 'utf8');
// Loaded before the clock starts, like Postern's importers (bundled into this file).
const sdk = target === 'postman-collection-sdk' ? (createRequire(import.meta.url)('postman-collection') as PostmanSdk) : undefined;
const baselineRss = process.memoryUsage().rss;

async function run(): Promise<{ requests: number; keep: unknown }> {
  if (sdk) {
    // The reference: Postman's own SDK building its object model from the same JSON.
    const collection = new sdk.Collection(JSON.parse(text));
    let requests = 0;
    collection.forEachItem(() => (requests += 1));
    return { requests, keep: collection };
  }
  const result = await importerFor(target as ImportFormat).import({ name: file, text });
  const requests = result.collections.reduce((n, c) => n + flattenItems(c).length, 0);
  return { requests, keep: result };
}

const started = performance.now();
const { requests, keep } = await run();
const ms = performance.now() - started;
const heapUsed = process.memoryUsage().heapUsed;
process.stdout.write(
  `${JSON.stringify({ ms, requests, heapUsed, baselineRss, maxRss: process.resourceUsage().maxRSS * 1024, kept: keep !== undefined })}\n`,
);
