/**
 * Monitors with several processes (issue #9): two `postern serve` processes on one PostgreSQL, both
 * looking for due monitors every 300 ms, run each scheduled tick exactly once.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@postern/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../cli/bin/postern.js');
const serverUrl = process.env.TEST_DATABASE_URL;
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const MONITORS = 20;

interface Node {
  url: string;
  child: ChildProcess;
  stderr: () => string;
}

function startNode(env: NodeJS.ProcessEnv): Promise<Node> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Postern is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

async function stopNode(node: Node | undefined): Promise<void> {
  if (!node || node.child.exitCode !== null) return;
  node.child.kill('SIGTERM');
  await new Promise((r) => node.child.once('close', r));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!serverUrl) {
  const message = 'TEST_DATABASE_URL is not set: the two-process monitor scheduling test cannot run.';
  if (inCi) {
    it('has a PostgreSQL to run two server processes on', () => {
      throw new Error(message);
    });
  } else {
    console.warn(`⚠⚠⚠ ${message} Skipping it. ⚠⚠⚠`);
    it.skip('monitors run each tick exactly once with two processes', () => {});
  }
} else {
  describe('monitors with two server processes on one PostgreSQL', () => {
    const dbName = `postern_monitors_${process.pid}_${randomBytes(4).toString('hex')}`;
    const dataDirs = [mkdtempSync(join(tmpdir(), 'postern-mon-a-')), mkdtempSync(join(tmpdir(), 'postern-mon-b-'))];
    const dbUrl = new URL(serverUrl);
    dbUrl.pathname = `/${dbName}`;
    let a: Node | undefined;
    let b: Node | undefined;
    let kit: TestServer;

    const withClient = async <T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await run(client);
      } finally {
        await client.end();
      }
    };
    const query = <T extends Record<string, unknown>>(text: string) => withClient(dbUrl.toString(), async (c) => (await c.query<T>(text)).rows);

    beforeAll(async () => {
      kit = await startTestServer();
      await withClient(serverUrl, (c) => c.query(`create database "${dbName}"`));
      const secret = randomBytes(32).toString('base64');
      const env = (dataDir: string): NodeJS.ProcessEnv => ({
        ...process.env,
        POSTERN_FROM_SOURCE: '1',
        DATABASE_URL: dbUrl.toString(),
        POSTERN_SECRET_KEY: secret,
        POSTERN_DATA_DIR: dataDir,
        POSTERN_MONITOR_POLL_MS: '300',
        HOST: '127.0.0.1',
      });
      // Both start at once on an empty database: one applies the migrations, the other waits for it.
      [a, b] = await Promise.all([startNode(env(dataDirs[0]!)), startNode(env(dataDirs[1]!))]);
    }, 90_000);

    afterAll(async () => {
      await Promise.all([stopNode(a), stopNode(b)]);
      await kit?.close();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      await withClient(serverUrl, (c) => c.query(`drop database if exists "${dbName}" with (force)`));
    });

    it('runs each scheduled tick of 20 due monitors exactly once', async () => {
      const signUp = await fetch(`${a!.url}/api/accounts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'monitor_person', email: 'monitors@example.test', password: 'correct horse battery', birthDate: '1990-01-01', country: 'DE' }),
      });
      expect(signUp.status).toBe(201);
      const pairs = signUp.headers.getSetCookie().map((line) => line.split(';')[0]!);
      const csrf = pairs.find((p) => p.startsWith('postern_csrf='))!.split('=')[1]!;
      const headers = { Cookie: pairs.join('; '), 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' };
      const post = async (url: string, body: unknown) => {
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
        expect(res.status, await res.clone().text()).toBe(201);
        return (await res.json()) as { id: string };
      };
      const workspace = await post(`${a!.url}/api/workspaces`, { name: 'Monitors', kind: 'private' });
      const collection = await post(`${b!.url}/api/workspaces/${workspace.id}/collections`, {
        info: { name: 'Ping', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [{ name: 'get', request: { method: 'GET', url: `${kit.url}/get` } }],
      });
      // Once a year: no tick of their own comes due while the test runs; the test makes them due.
      for (let i = 0; i < MONITORS; i++) {
        await post(`${(i % 2 ? a : b)!.url}/api/workspaces/${workspace.id}/monitors`, { name: `m${i}`, collectionId: collection.id, cron: '0 0 1 1 *' });
      }

      const finished = async () => Number((await query<{ n: string }>(`select count(*) as n from monitor_runs where status not in ('queued', 'running')`))[0]!.n);
      const waitFor = async (count: number) => {
        const deadline = Date.now() + 30_000;
        while ((await finished()) < count && Date.now() < deadline) await pause(200);
        // A little longer: a duplicate run would show up now.
        await pause(1_500);
      };

      for (const [round, tick] of [
        [1, '2026-01-01T10:00:00Z'],
        [2, '2026-01-01T10:01:00Z'],
      ] as const) {
        // The tick comes due now, for every monitor at once, in both processes' next poll.
        await query(`update monitors set next_run_at = '${tick}'`);
        await waitFor(round * MONITORS);
        const runs = await query<{ monitor_id: string; scheduled_for: Date; status: string; attempts: number }>(
          `select monitor_id, scheduled_for, status, attempts from monitor_runs where scheduled_for = '${tick}'`,
        );
        expect(runs).toHaveLength(MONITORS);
        expect(new Set(runs.map((r) => r.monitor_id)).size).toBe(MONITORS);
        expect(runs.every((r) => r.status === 'passed' && r.attempts === 1)).toBe(true);
        // Each run executed once: the target saw exactly one request per run.
        expect(kit.requestCount()).toBe(round * MONITORS);
        expect(Number((await query<{ n: string }>('select count(*) as n from monitor_runs'))[0]!.n)).toBe(round * MONITORS);
      }
      const next = await query<{ next_run_at: Date }>('select distinct next_run_at from monitors');
      expect(next.map((r) => r.next_run_at.toISOString())).toEqual(['2027-01-01T00:00:00.000Z']);
      expect(a!.stderr() + b!.stderr()).not.toMatch(/monitors failed|job:monitors/);
    }, 60_000);
  });
}
