/**
 * npm run bench:privacy — what the privacy machinery of issue #7 costs for one heavy user:
 *   seed: a person with a 1,000-request collection in their personal workspace, another in a team
 *         workspace, 2,000 sent requests in their history and 200 notifications;
 *   export (P21): POST /api/me/exports until the ZIP is ready (data map selection, Postman files,
 *         summary, ZIP), and its size;
 *   backup and restore (P19) of the whole database, with the ledger replay;
 *   purge (P24): the retention job after the grace period erases the account through the data map.
 * In process, on PGlite always and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names
 * a server (a scratch database is created there and dropped afterwards).
 *
 *   npm run bench:privacy -- [--requests 1000] [--history 2000] [--only pglite|postgres]
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp } from '../packages/server/src/app.ts';
import { openDatabase } from '../packages/server/src/db/database.ts';
import type { DatabaseHandle } from '../packages/server/src/db/database.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { createInlineJobQueue } from '../packages/server/src/jobs/queue.ts';
import { writeBackup } from '../packages/server/src/modules/backups/backup.ts';
import { restoreBackup } from '../packages/server/src/modules/backups/restore.ts';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    history: { type: 'string', default: '2000' },
    only: { type: 'string' },
  },
});
const REQUESTS = Number(args.requests);
const HISTORY = Number(args.history);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const DAY_MS = 24 * 60 * 60 * 1000;

const quietMailer = { send: async () => {} };

function collection(name: string) {
  return {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: Array.from({ length: REQUESTS }, (_, i) => ({
      name: `Request ${i}`,
      request: {
        method: i % 3 === 0 ? 'POST' : 'GET',
        url: `https://api.example.test/v1/things/${i}?page={{page}}`,
        header: [{ key: 'Accept', value: 'application/json' }],
        ...(i % 3 === 0 && { body: { mode: 'raw', raw: JSON.stringify({ id: i, name: `thing ${i}` }) } }),
      },
    })),
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

async function benchOn(kind: 'pglite' | 'postgres', database: DatabaseHandle): Promise<Record<string, string>> {
  await migrate(database);
  let now = new Date('2026-06-01T12:00:00Z');
  const jobs = createInlineJobQueue((name, error) => {
    throw new Error(`job ${name} failed: ${String(error)}`);
  });
  const secretKey = randomBytes(32);
  const app = createApp({ database, jobs, secretKey, mailer: quietMailer, rateLimits: false, clock: () => now, passwordHashing: { memoryCost: 1024, timeCost: 1 } });

  const cookies = new Map<string, string>();
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (cookies.size > 0) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookies.get('postern_csrf')) headers['X-CSRF-Token'] = cookies.get('postern_csrf')!;
    const res = await app.request(path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };

  // The operator first, then the heavy user.
  await createApp({ database, jobs, secretKey, mailer: quietMailer, rateLimits: false, passwordHashing: { memoryCost: 1024, timeCost: 1 } }).request('/api/accounts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'operator', email: 'operator@example.test', password: 'correct horse battery', birthDate: '1980-01-01', country: 'FR' }),
  });
  const [, seedMs] = await timed(async () => {
    type Created = { id: string };
    const me = (await (
      await call('POST', '/api/accounts', { username: 'heavy_user', email: 'heavy@example.test', password: 'correct horse battery', birthDate: '1990-04-02', country: 'FR' })
    ).json()) as Created;
    const personal = (await (await call('POST', '/api/workspaces', { name: 'Mine', kind: 'private' })).json()) as Created;
    await call('POST', '/api/teams', { slug: 'heavy-team', name: 'Heavy team' });
    const team = (await (await call('POST', '/api/workspaces', { name: 'Team', kind: 'team', teamSlug: 'heavy-team', teamRole: 'editor' })).json()) as Created;
    await call('POST', `/api/workspaces/${personal.id}/collections`, collection('Mine'));
    await call('POST', `/api/workspaces/${team.id}/collections`, collection('Shared'));
    await database.db.execute(sql`
      insert into request_history (user_id, workspace_id, method, url, request, body_omitted, status, duration_ms, response_size, created_at)
      select ${me.id}::uuid, ${personal.id}::uuid, 'GET', 'https://api.example.test/v1/things/' || n, '{"method":"GET"}'::json, false, 200, 12, 512, ${now.toISOString()}::timestamptz
      from generate_series(1, ${HISTORY}) as n`);
    await database.db.execute(sql`
      insert into notifications (user_id, type, title, link, created_at)
      select ${me.id}::uuid, 'team', 'Someone joined Heavy team ' || n, '/teams/heavy-team', ${now.toISOString()}::timestamptz
      from generate_series(1, 200) as n`);
  });

  const [zipBytes, exportMs] = await timed(async () => {
    await call('POST', '/api/me/exports');
    await jobs.drain();
    const list = (await (await call('GET', '/api/me/exports')).json()) as { exports: { status: string; size: number }[] };
    const ready = list.exports.find((e) => e.status === 'ready');
    if (!ready) throw new Error(`export not ready: ${JSON.stringify(list)}`);
    return ready.size;
  });

  const dir = mkdtempSync(join(tmpdir(), 'postern-bench-privacy-'));
  try {
    const file = join(dir, 'backup.gz');
    const [summary, backupMs] = await timed(() => writeBackup(database, createWriteStream(file), { clock: () => now }));
    const backupSize = statSync(file).size;

    await call('POST', '/api/me/deletion', { password: 'correct horse battery' });
    now = new Date(now.getTime() + 16 * DAY_MS);
    const [, purgeMs] = await timed(async () => {
      await jobs.send('retention.run', {});
      await jobs.drain();
    });
    const [restored, restoreMs] = await timed(() => restoreBackup(database, file, { secretKey, clock: () => now }));
    if (restored.reErased !== 1) throw new Error(`the restore re-erased ${restored.reErased} accounts, expected 1`);

    return {
      database: kind,
      seed: `${(seedMs / 1000).toFixed(1)} s`,
      export: `${Math.round(exportMs)} ms (${(zipBytes / 1024).toFixed(0)} KiB ZIP)`,
      backup: `${Math.round(backupMs)} ms (${summary.rows} rows, ${(backupSize / 1024).toFixed(0)} KiB)`,
      purge: `${Math.round(purgeMs)} ms (retention run incl. erasure)`,
      restore: `${Math.round(restoreMs)} ms (1 account re-erased from the ledger)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const cpu = cpus();
  console.log(`bench:privacy — ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);
  console.log(`one person: 2 × ${REQUESTS}-request collections (personal and team), ${HISTORY} history entries, 200 notifications\n`);
  const results: Record<string, string>[] = [];
  if (args.only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'postern-bench-pglite-'));
    const database = await openDatabase({ dataDir });
    try {
      results.push(await benchOn('pglite', database));
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (args.only !== 'pglite' && postgresUrl) {
    const name = `postern_bench_privacy_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ dataDir: tmpdir(), databaseUrl: url.toString() });
    try {
      results.push(await benchOn('postgres', database));
    } finally {
      await database.close();
      await admin.query(`drop database ${name}`);
      await admin.end();
    }
  } else if (args.only !== 'pglite') {
    console.log('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it.\n');
  }
  console.table(results);
}

await main();
