import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, createDeletionLedger, loadOrCreateSecretKey, migrate, openDatabase, queryRows, systemClock } from '@postern/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '../bin/postern.js');

describe('postern admin backup and restore (embedded database)', () => {
  const data = tempDir();
  const out = tempDir();
  const file = join(out.path, 'instance.jsonl.gz');
  // The sources, not a possibly older bundle; the embedded database in the temp data dir.
  const env = { ...process.env, POSTERN_FROM_SOURCE: '1', POSTERN_DATA_DIR: data.path, DATABASE_URL: '', SMTP_URL: '', POSTERN_SECRET_KEY: '' };
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, 'admin', ...args], { env, cwd: out.path, encoding: 'utf8', timeout: 120_000 });
  const ids: Record<string, string> = {};

  async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
    const database = await openDatabase({ dataDir: data.path });
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }
  const usernames = () =>
    withDatabase(async (db) => (await queryRows<{ username: string }>(db, sql`select username from users order by username`)).map((r) => r.username));

  beforeAll(async () => {
    const database = await openDatabase({ dataDir: data.path });
    try {
      await migrate(database);
      // The key `postern serve` would use: the one generated into the data dir.
      const secretKey = loadOrCreateSecretKey({ dataDir: data.path }).key;
      const app = createApp({ database, secretKey, rateLimits: false, passwordHashing: { memoryCost: 1024, timeCost: 1 } });
      for (const username of ['ada', 'grace']) {
        const res = await app.request('/api/accounts', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, email: `${username}@example.test`, password: 'correct horse battery', birthDate: '1990-04-02', country: 'FR' }),
        });
        expect(res.status).toBe(201);
        ids[username] = ((await res.json()) as { id: string }).id;
      }
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(() => {
    data.cleanup();
    out.cleanup();
  });

  it('writes a backup readable by its owner only, showing progress per table', () => {
    const r = run(['backup', '-o', 'instance.jsonl.gz']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^Backed up users: 2 rows$/m);
    expect(r.stderr).not.toMatch(/deletion_ledger/);
    expect(r.stdout).toMatch(new RegExp(`^Backup written to ${file.replace(/[.]/g, '\\.')} \\(\\d+(\\.\\d)? kB\\): \\d+ tables, \\d+ rows`, 'm'));
    expect(r.stdout).toContain('delete it after 30 days at most');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('refuses to restore without --yes when there is no terminal to ask', async () => {
    const r = run(['restore', file]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('There is no terminal to confirm this: add --yes to restore.');
    expect(await usernames()).toEqual(['ada', 'grace']);
  }, 120_000);

  it('restores with --yes and erases again whoever the ledger names', async () => {
    // Grace is erased after the backup: her account goes, her tombstone stays.
    await withDatabase(async (db) => {
      const ledger = createDeletionLedger({ db, secretKey: loadOrCreateSecretKey({ dataDir: data.path }).key, clock: systemClock });
      await db.execute(sql`delete from users where id = ${ids.grace!}`);
      await ledger.recordErasure({ accountId: ids.grace!, email: 'grace@example.test' });
    });
    expect(await usernames()).toEqual(['ada']);

    const r = run(['restore', file, '--yes']);
    expect(r.stderr).not.toContain('error:');
    expect(r.stderr).toMatch(/^Restored users: 2 rows$/m);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Restored \d+ rows in \d+ tables from the backup of \d{4}-\d\d-\d\dT[\d:.]+Z\.$/m);
    expect(r.stdout).toContain('Re-erased 1 account listed in the deletion ledger.');
    expect(await usernames()).toEqual(['ada']);
    expect(await withDatabase(async (db) => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from deletion_ledger`))[0]!.n)).toBe(1);
  }, 120_000);

  it('says in one line when the file is not a backup', () => {
    const bogus = join(out.path, 'notes.txt');
    writeFileSync(bogus, 'not a backup\n');
    const r = run(['restore', bogus, '--yes']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`error: ${bogus} is not a complete gzip file (Z_DATA_ERROR).`]);
  }, 120_000);
});
