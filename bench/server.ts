/**
 * npm run bench:server — autocannon on loopback against a real `postern serve` process:
 *   (a) GET of a stored 200-request collection, signed in;
 *   (b) saving an edit to one request of it (PUT of one item, a real change each time);
 *   (c) sending one request of it (POST /api/send inside the collection, with a test script) to a
 *       local testkit server, as the web app's Send does;
 *   ceiling: GET /api/health/live, a route of the same server that touches no database.
 * On PGlite always, and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server
 * (a scratch database is created there and dropped afterwards).
 *
 *   npm run bench:server -- [--duration 10] [--connections 10] [--requests 200] [--only pglite|postgres]
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { startTestServer } from '@postern/testkit';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    requests: { type: 'string', default: '200' },
    only: { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const REQUESTS = Number(args.requests);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

interface Node {
  url: string;
  child: ChildProcess;
}

function startNode(env: NodeJS.ProcessEnv): Promise<Node> {
  const child = spawn(process.execPath, [join(root, 'packages/cli/bin/postern.js'), 'serve', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Postern is running at (http:\/\/\S+)/.exec(out);
      if (m) done({ url: m[1]!, child });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => fail(new Error(`postern serve exited with ${code}: ${err}`)));
  });
}

async function stopNode(node: Node): Promise<void> {
  if (node.child.exitCode !== null) return;
  node.child.kill('SIGTERM');
  await new Promise((r) => node.child.once('close', r));
}

function generateCollection(count: number) {
  const folders = Array.from({ length: 10 }, (_, f) => ({
    name: `folder ${f}`,
    item: Array.from({ length: count / 10 }, (_, i) => {
      const n = f * (count / 10) + i;
      return {
        name: `request ${n}`,
        event: [{ listen: 'test', script: { type: 'text/javascript', exec: ["pm.test('ok', () => pm.response.to.have.status(200));"] } }],
        request: {
          method: n % 2 ? 'POST' : 'GET',
          url: `{{base}}/things/${n}?q=bench&page=${n % 7}`,
          header: [{ key: 'Accept', value: 'application/json' }, { key: 'X-Request', value: String(n) }],
          ...(n % 2 ? { body: { mode: 'raw', raw: JSON.stringify({ id: n, name: `thing ${n}`, tags: ['a', 'b'] }), options: { raw: { language: 'json' } } } } : {}),
          description: `Request number ${n} of the benchmark collection.`,
        },
      };
    }),
  }));
  return {
    info: { name: `bench ${count}`, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [{ key: 'base', value: 'http://127.0.0.1:9' }],
    item: folders,
  };
}

interface Prepared {
  cookie: string;
  csrf: string;
  collectionId: string;
  itemId: string;
  item: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the benchmark reads a few fields of known responses
async function call(url: string, init: RequestInit & { cookie?: string; csrf?: string } = {}): Promise<any> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.csrf) headers['X-CSRF-Token'] = init.csrf;
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** Signs up, creates a workspace and imports the collection, through the API. */
async function prepare(base: string): Promise<Prepared> {
  const signUp = await fetch(`${base}/api/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bench', email: 'bench@example.test', password: 'correct horse battery', birthDate: '1990-01-01', country: 'DE' }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const pairs = signUp.headers.getSetCookie().map((line) => line.split(';')[0]!);
  const cookie = pairs.join('; ');
  const csrf = pairs.find((p) => p.startsWith('postern_csrf='))!.split('=')[1]!;
  const workspace = await call(`${base}/api/workspaces`, { method: 'POST', cookie, csrf, body: JSON.stringify({ name: 'Bench', kind: 'private' }) });
  const collection = await call(`${base}/api/workspaces/${workspace.id}/collections`, {
    method: 'POST',
    cookie,
    csrf,
    body: JSON.stringify(generateCollection(REQUESTS)),
  });
  const outline = await call(`${base}/api/collections/${collection.id}/items`, { cookie });
  const itemId: string = outline.items[3].children[5].id;
  const { item } = await call(`${base}/api/collections/${collection.id}/items/${itemId}`, { cookie });
  return { cookie, csrf, collectionId: collection.id, itemId, item };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function benchTarget(kind: 'pglite' | 'postgres'): Promise<Record<string, Figures>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postern-bench-server-'));
  const dbName = `postern_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { POSTERN_DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1' };
  if (kind === 'postgres') {
    await admin(`create database "${dbName}"`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const node = await startNode(env);
  try {
    const ready = await prepare(node.url);
    const auth = { Cookie: ready.cookie };
    const figures: Record<string, Figures> = {};
    figures.ceiling = await measure({ url: `${node.url}/api/health/live` });
    // The GET moves tens of kilobytes per response; a plain Node server sending the same bytes
    // shows what the transport alone allows on this machine.
    const payload = await (await fetch(`${node.url}/api/collections/${ready.collectionId}`, { headers: auth })).text();
    figures.bytes = await measurePlainPayload(payload);
    figures.get = await measure({ url: `${node.url}/api/collections/${ready.collectionId}`, headers: auth });
    let n = 0;
    figures.save = await measure({
      url: `${node.url}/api/collections/${ready.collectionId}/items/${ready.itemId}`,
      method: 'PUT',
      headers: { ...auth, 'X-CSRF-Token': ready.csrf, 'Content-Type': 'application/json' },
      // Each save changes the request, so every one is a real write with a history entry.
      requests: [
        {
          setupRequest: (request) => {
            n += 1;
            return { ...request, body: JSON.stringify({ ...ready.item, name: `request edited ${n}` }) };
          },
        },
      ],
    });
    // (c) Send: the runner inside the collection (its auth, variables and scripts), the sandbox for
    // the test script, the egress guard, and a history entry per send.
    const upstream = await startTestServer();
    try {
      figures.send = await measure({
        url: `${node.url}/api/send`,
        method: 'POST',
        headers: { ...auth, 'X-CSRF-Token': ready.csrf, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          request: { method: 'GET', url: `${upstream.url}/get?bench=1` },
          events: [{ listen: 'test', script: { exec: ["pm.test('is 200', () => pm.response.to.have.status(200));"] } }],
          collectionId: ready.collectionId,
          itemId: ready.itemId,
        }),
      });
    } finally {
      await upstream.close();
    }
    return figures;
  } finally {
    await stopNode(node);
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') await admin(`drop database if exists "${dbName}" with (force)`);
  }
}

/** autocannon against a bare node:http server (its own process) answering with `payload`. */
async function measurePlainPayload(payload: string): Promise<Figures> {
  const source = `const http = require('node:http'); const body = Buffer.from(process.env.PAYLOAD);
    const s = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); });
    s.listen(0, '127.0.0.1', () => console.log('port ' + s.address().port));`;
  const child = spawn(process.execPath, ['-e', source], { env: { ...process.env, PAYLOAD: payload }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((done) => child.stdout!.on('data', (d: Buffer) => done(/port (\d+)/.exec(d.toString())![1]!)));
    return await measure({ url: `http://127.0.0.1:${port}/` });
  } finally {
    child.kill();
  }
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

const kinds = (['pglite', 'postgres'] as const).filter((k) => (!args.only || args.only === k) && (k === 'pglite' || postgresUrl));
if (!postgresUrl) console.log('(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it)');
console.log(`bench:server — ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; autocannon ${CONNECTIONS} connections × ${DURATION} s per route; ${REQUESTS}-request collection`);
const rows: string[] = [];
for (const kind of kinds) {
  const figures = await benchTarget(kind);
  const ceiling = figures.ceiling!.rps;
  for (const [name, label] of [
    ['ceiling', 'GET /api/health/live (ceiling)'],
    ['bytes', 'plain node:http, same bytes as the GET (transport ceiling)'],
    ['get', `GET stored ${REQUESTS}-request collection`],
    ['save', 'PUT one request (save an edit)'],
    ['send', 'POST /api/send one request with a test script'],
  ] as const) {
    const f = figures[name]!;
    const problems = f.errors || f.non2xx ? ` (${f.errors} errors, ${f.non2xx} non-2xx)` : '';
    const vsBytes = name === 'get' ? ` (${(f.rps / figures.bytes!.rps).toFixed(2)} of the transport ceiling)` : '';
    rows.push(`| ${kind} | ${label} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${(f.rps / ceiling).toFixed(3)}${vsBytes} |${problems}`);
  }
}
console.log('\n| database | route | req/s | p50 ms | p99 ms | ratio to ceiling |\n| --- | --- | ---: | ---: | ---: | ---: |');
console.log(rows.join('\n'));
