import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue #4: two app nodes on one PostgreSQL share sessions and data, and start together safely.
const bin = join(import.meta.dirname, '../bin/postern.js');
const serverUrl = process.env.TEST_DATABASE_URL;
const inCi = process.env.CI === 'true' || process.env.CI === '1';

interface Node {
  url: string;
  child: ChildProcess;
}

function startNode(env: NodeJS.ProcessEnv): Promise<Node> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Postern is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

async function stopNode(node: Node | undefined): Promise<void> {
  if (!node || node.child.exitCode !== null) return;
  node.child.kill('SIGTERM');
  await new Promise((r) => node.child.once('close', r));
}

/** The session and CSRF cookies a response set, as a Cookie header and the CSRF value. */
function credentialsFrom(res: Response): { cookie: string; csrf: string } {
  const pairs = res.headers.getSetCookie().map((line) => line.split(';')[0]!);
  const csrf = pairs.find((p) => p.startsWith('postern_csrf='))!.split('=')[1]!;
  return { cookie: pairs.join('; '), csrf };
}

// Tests read a few fields of known JSON responses.
const json = (res: Response): Promise<any> => res.json();

if (!serverUrl) {
  const message = 'TEST_DATABASE_URL is not set: the two-process PostgreSQL test cannot run.';
  if (inCi) {
    it('has a PostgreSQL to run two server processes on', () => {
      throw new Error(message);
    });
  } else {
    console.warn(`⚠⚠⚠ ${message} Skipping it. ⚠⚠⚠`);
    it.skip('two server processes on one PostgreSQL', () => {});
  }
} else {
  describe('two server processes on one PostgreSQL', () => {
    const dbName = `postern_cluster_${process.pid}_${randomBytes(4).toString('hex')}`;
    const dataDirs = [mkdtempSync(join(tmpdir(), 'postern-node-a-')), mkdtempSync(join(tmpdir(), 'postern-node-b-'))];
    const secret = randomBytes(32).toString('base64');
    let a: Node | undefined;
    let b: Node | undefined;

    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(query);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      await admin(`create database "${dbName}"`);
      const url = new URL(serverUrl);
      url.pathname = `/${dbName}`;
      const env = (dataDir: string) => ({ ...process.env, DATABASE_URL: url.toString(), POSTERN_SECRET_KEY: secret, POSTERN_DATA_DIR: dataDir });
      // Both start at once on an empty database: one applies the migrations, the other waits for it.
      [a, b] = await Promise.all([startNode(env(dataDirs[0]!)), startNode(env(dataDirs[1]!))]);
    }, 60_000);

    afterAll(async () => {
      await Promise.all([stopNode(a), stopNode(b)]);
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      await admin(`drop database if exists "${dbName}" with (force)`);
    });

    it('both nodes start together on a new database and see the same migrations', async () => {
      const [ha, hb] = await Promise.all([fetch(`${a!.url}/api/health`), fetch(`${b!.url}/api/health`)]);
      const [healthA, healthB] = await Promise.all([json(ha), json(hb)]);
      expect(healthA).toMatchObject({ status: 'ok', database: { kind: 'postgres' } });
      expect(healthB.database.migrations).toBe(healthA.database.migrations);
      expect(healthA.database.migrations).toBeGreaterThan(0);
    });

    it('a session and the content written on one node work on the other, and signing out ends it on both', async () => {
      const signUp = await fetch(`${a!.url}/api/accounts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'cluster_person', email: 'cluster@example.test', password: 'correct horse battery', birthDate: '1990-01-01', country: 'DE' }),
      });
      expect(signUp.status).toBe(201);
      const { cookie, csrf } = credentialsFrom(signUp);

      const meOnB = await fetch(`${b!.url}/api/me`, { headers: { Cookie: cookie } });
      expect(meOnB.status).toBe(200);
      expect((await json(meOnB)).username).toBe('cluster_person');

      // Content written through one node is read back identical through the other.
      const collection = {
        info: { name: 'Shared', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [{ name: 'one', request: { method: 'GET', url: 'https://example.test/one' } }],
      };
      const headers = { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' };
      const workspace = await json(await fetch(`${a!.url}/api/workspaces`, { method: 'POST', headers, body: JSON.stringify({ name: 'Cluster', kind: 'private' }) }));
      const imported = await fetch(`${b!.url}/api/workspaces/${workspace.id}/collections`, { method: 'POST', headers, body: JSON.stringify(collection) });
      expect(imported.status).toBe(201);
      const { id } = await json(imported);
      expect(await json(await fetch(`${a!.url}/api/collections/${id}`, { headers }))).toEqual(collection);

      // Two nodes editing the same revision: the second save is refused, not silently lost.
      const edited = { ...collection, info: { ...collection.info, name: 'Edited on A' } };
      const saveA = await fetch(`${a!.url}/api/collections/${id}`, { method: 'PUT', headers: { ...headers, 'If-Match': '"1"' }, body: JSON.stringify(edited) });
      expect(saveA.status).toBe(200);
      const saveB = await fetch(`${b!.url}/api/collections/${id}`, { method: 'PUT', headers: { ...headers, 'If-Match': '"1"' }, body: JSON.stringify(collection) });
      expect(saveB.status).toBe(412);
      expect((await json(await fetch(`${b!.url}/api/collections/${id}`, { headers }))).info.name).toBe('Edited on A');

      const signOutOnB = await fetch(`${b!.url}/api/sessions/current`, { method: 'DELETE', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
      expect(signOutOnB.status).toBe(204);
      expect((await fetch(`${a!.url}/api/me`, { headers: { Cookie: cookie } })).status).toBe(401);
    });
  });
}
