/**
 * npm run bench:runner — Postern vs Newman on the same generated collection,
 * against the same local server, in one invocation; plus the ceiling (a plain
 * sequential keep-alive loop) and a long Postern-only run for memory.
 *
 *   npm run bench:runner -- [--requests 2000] [--long 100000] [--mode both|plain|scripted]
 *                           [--skip-newman] [--skip-long] [--postern-args="-r json ..."]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startTestServer } from '@postern/testkit';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    long: { type: 'string', default: '100000' },
    'skip-newman': { type: 'boolean', default: false },
    'skip-long': { type: 'boolean', default: false },
    mode: { type: 'string', default: 'both' },
    'postern-args': { type: 'string', default: '' },
  },
});
const REQUESTS = Number(args.requests);
const LONG = Number(args.long);
const work = mkdtempSync(join(tmpdir(), 'postern-bench-'));

interface Measure {
  wallMs: number;
  requests: number;
  /** Requests per second over the whole process lifetime (start-up included). */
  rps: number;
  /** Requests per second between the first and the last request the server saw (start-up excluded). */
  runRps?: number;
  peakRss?: number;
  exitCode?: number | null;
  rssAt?: Record<number, number>;
  /** Live heap after a full GC, at each mark. */
  heapAt?: Record<number, number>;
}

const PRE_SCRIPT = ["pm.variables.set('n', String(Date.now()));"];
const TEST_SCRIPT = [
  "pm.test('status and body', function () {",
  '  pm.response.to.have.status(200);',
  '  const body = pm.response.json();',
  "  pm.expect(body.url).to.be.a('string');",
  '});',
  "pm.environment.set('last', pm.info.requestName);",
];

function generateCollection(count: number, base: string, withScripts: boolean) {
  const item = [];
  for (let i = 0; i < count; i++) {
    const post = i % 2 === 1;
    const event = withScripts
      ? [
          { listen: 'prerequest', script: { type: 'text/javascript', exec: PRE_SCRIPT } },
          { listen: 'test', script: { type: 'text/javascript', exec: TEST_SCRIPT } },
        ]
      : [];
    item.push({
      name: `request ${i}`,
      event,
      request: post
        ? {
            method: 'POST',
            url: `{{base}}/post?i=${i}`,
            header: [{ key: 'Content-Type', value: 'application/json' }],
            body: { mode: 'raw', raw: JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', 'b'], nested: { ok: true } }) },
          }
        : { method: 'GET', url: `{{base}}/get?i=${i}&q=bench` },
    });
  }
  return {
    info: { name: `bench ${count}${withScripts ? ' scripted' : ''}`, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [{ key: 'base', value: base }],
    item,
  };
}

function readHwm(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function runProcess(
  label: string,
  argv: string[],
  count: number,
  server: { requestCount(): number },
  marks: number[] = [],
): Promise<Measure> {
  const probe = join(work, `${label.replace(/\W+/g, '-')}.rss`);
  const startCount = server.requestCount();
  const started = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${join(root, 'bench/rss-probe.cjs')}${marks.length ? ' --expose-gc' : ''}`,
      RSS_PROBE_OUT: probe,
      FORCE_COLOR: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const rssAt: Record<number, number> = {};
  const pending = [...marks];
  const heapMarks: number[] = [];
  let firstAt: number | undefined;
  let lastAt = 0;
  let lastSeen = 0;
  const poll = setInterval(() => {
    const done = server.requestCount() - startCount;
    if (done > 0 && firstAt === undefined) firstAt = performance.now();
    if (done !== lastSeen) {
      lastSeen = done;
      lastAt = performance.now();
    }
    while (pending.length && done >= pending[0]!) {
      const hwm = readHwm(child.pid!);
      if (hwm) rssAt[pending[0]!] = hwm;
      heapMarks.push(pending[0]!);
      child.kill('SIGUSR2');
      pending.shift();
    }
    if (process.stdout.isTTY) process.stdout.write(`\r  ${label}: ${done}/${count} requests`);
  }, 5);
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(poll);
  const wallMs = performance.now() - started;
  if (process.stdout.isTTY) process.stdout.write(`\r${' '.repeat(70)}\r`);
  const served = server.requestCount() - startCount;
  if (served < count) console.log(`  ! ${label} sent ${served} of ${count} requests (exit ${exitCode}): ${stderr.trim().split('\n').pop()}`);
  let peakRss: number | undefined;
  try {
    peakRss = Number(readFileSync(probe, 'utf8'));
  } catch {
    peakRss = undefined;
  }
  if (peakRss && marks.length) rssAt[count] = peakRss;
  const heapAt: Record<number, number> = {};
  try {
    readFileSync(`${probe}.heap`, 'utf8').trim().split('\n').forEach((line, i) => {
      if (heapMarks[i] !== undefined) heapAt[heapMarks[i]!] = Number(line);
    });
  } catch {
    // No heap figures: the process ended before a mark.
  }
  const window = firstAt !== undefined ? lastAt - firstAt : 0;
  return {
    wallMs,
    requests: served,
    rps: (served / wallMs) * 1000,
    ...(window > 0 ? { runRps: (served / window) * 1000 } : {}),
    ...(peakRss ? { peakRss } : {}),
    exitCode,
    rssAt,
    heapAt,
  };
}

const mb = (n?: number) => (n ? `${(n / 1024 / 1024).toFixed(1)} MB` : 'n/a');
const fmt = (m: Measure) =>
  `${(m.wallMs / 1000).toFixed(2)} s wall, ${m.rps.toFixed(0)} req/s overall` +
  (m.runRps ? `, ${m.runRps.toFixed(0)} req/s while sending` : '') +
  (m.peakRss ? `, peak RSS ${mb(m.peakRss)}` : '');
const sending = (m: Measure) => m.runRps ?? m.rps;

async function compare(server: { url: string; requestCount(): number }, withScripts: boolean) {
  const kind = withScripts ? 'scripted' : 'no scripts';
  const file = join(work, `bench-${withScripts ? 's' : 'p'}.json`);
  writeFileSync(file, JSON.stringify(generateCollection(REQUESTS, server.url, withScripts)));
  console.log(`\n== ${REQUESTS} requests, ${kind} ==`);
  const loop = join(root, 'bench/plain-loop.mjs');
  await runProcess('warm-up', [loop, server.url, '500'], 500, server); // warm the server's JIT first
  const ceiling = await runProcess('ceiling', [loop, server.url, String(REQUESTS)], REQUESTS, server);
  console.log(`ceiling (plain keep-alive loop): ${fmt(ceiling)}`);
  const extra = args['postern-args'] ? args['postern-args'].split(' ') : [];
  const postern = await runProcess('postern', [join(root, 'packages/cli/bin/postern.js'), 'run', file, ...extra], REQUESTS, server);
  console.log(`postern run:                     ${fmt(postern)}`);
  console.log(`  postern / ceiling throughput: ${(sending(postern) / sending(ceiling)).toFixed(2)} while sending, ${(postern.rps / ceiling.rps).toFixed(2)} overall`);
  if (!args['skip-newman']) {
    const newman = await runProcess('newman', [join(root, 'node_modules/newman/bin/newman.js'), 'run', file], REQUESTS, server);
    console.log(`newman run:                      ${fmt(newman)}`);
    console.log(`  postern / newman throughput:  ${(sending(postern) / sending(newman)).toFixed(1)}x while sending, ${(postern.rps / newman.rps).toFixed(1)}x overall`);
    if (postern.peakRss && newman.peakRss) console.log(`  postern / newman peak memory: ${(postern.peakRss / newman.peakRss).toFixed(2)}`);
  }
}

async function long(server: { url: string; requestCount(): number }, withScripts: boolean) {
  const file = join(work, `long-${withScripts ? 's' : 'p'}.json`);
  writeFileSync(file, JSON.stringify(generateCollection(LONG, server.url, withScripts)));
  const marks = [...new Set([10_000, Math.round(LONG / 2), LONG - 500])].filter((n) => n > 0 && n < LONG);
  const m = await runProcess('postern long', [join(root, 'packages/cli/bin/postern.js'), 'run', file, '-r', 'progress'], LONG, server, marks);
  console.log(`\n== postern run, ${LONG} requests, ${withScripts ? 'scripted' : 'no scripts'} ==`);
  console.log(`${fmt(m)}`);
  console.log(`  peak RSS so far at 10k requests: ${mb(m.rssAt?.[10_000])}; at ${LONG / 1000}k requests: ${mb(m.rssAt?.[LONG])}`);
  console.log(`  live heap after GC: ${marks.map((k) => `${(k / 1000).toFixed(1)}k → ${mb(m.heapAt?.[k])}`).join(', ')}`);
}

async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  const server = await startTestServer();
  try {
    const modes = args.mode === 'both' ? [false, true] : [args.mode === 'scripted'];
    for (const scripted of modes) await compare(server, scripted);
    if (!args['skip-long']) for (const scripted of modes) await long(server, scripted);
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
