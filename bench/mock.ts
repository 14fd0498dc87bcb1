/**
 * npm run bench:mock — `postern mock` vs Prism (`prism mock`, static mode) on the same OpenAPI
 * petstore document, each in its own process on loopback, loaded by autocannon with the same
 * connections and duration; plus the ceiling (a bare node:http server answering fixed JSON), and
 * start-up time and RSS on a generated spec with 1,000 operations.
 *
 *   npm run bench:mock -- [--connections 50] [--duration 10] [--warmup 2] [--operations 1000]
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    operations: { type: 'string', default: '1000' },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const OPERATIONS = Number(args.operations);
const PETSTORE = join(root, 'packages/mock/test/openapi/fixtures/petstore/openapi.yaml');
const POSTERN_BIN = join(root, 'packages/cli/bin/postern.js');
// Run Prism's JS entry with this Node directly, so the child's pid is the server's own process (for RSS).
const PRISM_BIN = realpathSync(join(root, 'node_modules/.bin/prism'));
const work = mkdtempSync(join(tmpdir(), 'postern-bench-mock-'));

// Children die with us: on normal exit, on error, on Ctrl+C, and when the whole run overruns.
const children = new Set<ChildProcess>();
function cleanup(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}
const overall = setTimeout(
  () => {
    console.error('bench:mock took longer than its time limit; stopping.');
    process.exit(1);
  },
  (60 + 12 * (DURATION + WARMUP) * 2) * 1000,
);
overall.unref();

interface Server {
  name: string;
  child: ChildProcess;
  base: string;
  startMs: number;
}

async function freePort(): Promise<number> {
  return await new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Spawns a server and waits until `probe` answers 2xx; start-up time is spawn → that answer. */
async function start(name: string, argv: (port: number) => string[], probe: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, argv(port), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before answering:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${probe} within 60 s:\n${stderr}`);
    try {
      const res = await fetch(base + probe);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { name, child, base, startMs: performance.now() - t0 };
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  server.child.kill('SIGKILL');
  children.delete(server.child);
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface Target {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

async function load(base: string, target: Target, duration = DURATION): Promise<Figures> {
  const options = { url: base + target.path, method: target.method ?? 'GET', headers: target.headers, body: target.body, connections: CONNECTIONS };
  if (WARMUP > 0) await autocannon({ ...options, duration: WARMUP });
  const r = await autocannon({ ...options, duration });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

const GET_PETS: Target = { path: '/pets' };
// Valid for createPet: the API key its security asks for, a NewPet body (additionalProperties: false).
const POST_PET: Target = {
  method: 'POST',
  path: '/pets',
  headers: { 'content-type': 'application/json', 'x-api-key': 'bench' },
  body: JSON.stringify({ name: 'Rex', tag: 'dog', age: 3 }),
};

const posternArgs = (file: string) => (port: number) => [POSTERN_BIN, 'mock', file, '--port', String(port), '--host', '127.0.0.1', '-q'];
// Prism logs every request at info level; quiet it the same way postern runs with -q.
const prismArgs = (file: string) => (port: number) => [PRISM_BIN, 'mock', file, '-p', String(port), '-h', '127.0.0.1', '-v', 'error'];

/** One request, to show both servers answer the load's requests as expected (and that validation is on). */
async function check(base: string, t: Target): Promise<number> {
  const res = await fetch(base + t.path, { method: t.method ?? 'GET', headers: t.headers, body: t.body });
  await res.arrayBuffer();
  return res.status;
}

function row(label: string, f: Figures): string {
  return `| ${label} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.errors} / ${f.non2xx} |`;
}

async function ceiling(): Promise<Figures> {
  const body = JSON.stringify([
    { id: 1, name: 'Rex', tag: 'dog' },
    { id: 2, name: 'Tom', tag: 'cat' },
  ]);
  const source = `const http = require('node:http'); const body = Buffer.from(${JSON.stringify(body)});
    http.createServer((req, res) => { req.resume(); res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); })
      .listen(Number(process.argv[1]), '127.0.0.1');`;
  const server = await start('node:http', (port) => ['-e', source, String(port)], '/');
  try {
    return await load(server.base, GET_PETS);
  } finally {
    await stop(server);
  }
}

function generateSpec(operations: number): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < operations / 2; i++) {
    const item = { id: i + 1, name: `item ${i}`, price: i * 1.5, tags: ['a', 'b'] };
    paths[`/resource${i}/items`] = {
      get: {
        operationId: `list${i}`,
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } }, example: [item] } } } },
      },
      post: {
        operationId: `create${i}`,
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewItem' } } } },
        responses: { '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' }, example: item } } } },
      },
    };
  }
  const doc = {
    openapi: '3.0.3',
    info: { title: `generated ${operations} operations`, version: '1.0.0' },
    paths,
    components: {
      schemas: {
        NewItem: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1 }, price: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } } },
        Item: { allOf: [{ $ref: '#/components/schemas/NewItem' }, { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } }] },
      },
    },
  };
  const file = join(work, 'large-openapi.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

const cpu = cpus();
console.log(`bench:mock — ${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}; autocannon ${CONNECTIONS} connections × ${DURATION} s (after ${WARMUP} s warm-up), in this process, on the same cores`);

const ceil = await ceiling();
const results: Record<string, { get: Figures; post: Figures; rss: number; checks: string }> = {};
for (const [name, argv] of [
  ['postern mock', posternArgs(PETSTORE)],
  ['prism mock', prismArgs(PETSTORE)],
] as const) {
  const server = await start(name, argv, GET_PETS.path);
  try {
    const invalid = await check(server.base, { ...POST_PET, body: JSON.stringify({ name: '', colour: 'red' }) });
    const checks = `GET ${await check(server.base, GET_PETS)}, POST ${await check(server.base, POST_PET)}, invalid POST ${invalid}`;
    const get = await load(server.base, GET_PETS);
    const post = await load(server.base, POST_PET);
    results[name] = { get, post, rss: rssMiB(server.child.pid!), checks };
  } finally {
    await stop(server);
  }
}

const large = generateSpec(OPERATIONS);
const startup: Record<string, { ms: number; rss: number; post: Figures }> = {};
for (const [name, argv] of [
  ['postern mock', posternArgs(large)],
  ['prism mock', prismArgs(large)],
] as const) {
  const server = await start(name, argv, '/resource0/items');
  try {
    // Load the last operation, so a server that matches paths in order walks all of them.
    const last = OPERATIONS / 2 - 1;
    const post = await load(server.base, { ...POST_PET, path: `/resource${last}/items`, body: JSON.stringify({ name: 'x', price: 2, tags: ['a'] }) }, 5);
    startup[name] = { ms: server.startMs, rss: rssMiB(server.child.pid!), post };
  } finally {
    await stop(server);
  }
}

const p = results['postern mock']!;
const s = results['prism mock']!;
console.log(`\nSanity (status codes): postern mock: ${p.checks}; prism mock: ${s.checks}`);
console.log('\n| server, route (petstore) | req/s | p50 ms | p99 ms | errors / non-2xx |\n| --- | ---: | ---: | ---: | ---: |');
console.log(row('bare node:http, fixed JSON (ceiling)', ceil));
console.log(row('postern mock, GET /pets (example)', p.get));
console.log(row('postern mock, POST /pets (validated body)', p.post));
console.log(row('prism mock, GET /pets (example)', s.get));
console.log(row('prism mock, POST /pets (validated body)', s.post));
console.log(`\nRSS after load (petstore): postern mock ${p.rss.toFixed(0)} MiB, prism mock ${s.rss.toFixed(0)} MiB`);

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '∞');
console.log('\n| ratio | GET | POST |\n| --- | ---: | ---: |');
console.log(`| postern req/s ÷ prism req/s | ${ratio(p.get.rps, s.get.rps)} | ${ratio(p.post.rps, s.post.rps)} |`);
console.log(`| postern req/s ÷ ceiling req/s (target ≥ 0.5) | ${ratio(p.get.rps, ceil.rps)} | ${ratio(p.post.rps, ceil.rps)} |`);
console.log(`| postern p99 ÷ prism p99 (target < 0.1) | ${ratio(p.get.p99, s.get.p99)} | ${ratio(p.post.p99, s.post.p99)} |`);

console.log(`\n| ${OPERATIONS}-operation spec | start-up ms (spawn → first 2xx) | RSS after 5 s load MiB | POST last operation req/s | p99 ms |\n| --- | ---: | ---: | ---: | ---: |`);
for (const [name, f] of Object.entries(startup)) {
  console.log(`| ${name} | ${f.ms.toFixed(0)} | ${f.rss.toFixed(0)} | ${f.post.rps.toFixed(0)} | ${f.post.p99} |`);
}

const throughputMet = p.get.rps >= ceil.rps / 2 && p.post.rps >= ceil.rps / 2;
const latencyMet = p.get.p99 < s.get.p99 / 10 && p.post.p99 < s.post.p99 / 10;
console.log(`\nTarget ≥ half the ceiling's req/s with validation on: ${throughputMet ? 'met' : 'NOT met'}`);
console.log(`Target p99 under a tenth of Prism's: ${latencyMet ? 'met' : 'NOT met'}`);
process.exit(0);
