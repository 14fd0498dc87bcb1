import { eq, sql } from 'drizzle-orm';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE } from '../src/db/data-dir-lock.ts';
import { PGLITE_SUBDIR, openDatabase, queryRows } from '../src/db/database.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { countAppliedMigrations, migrate } from '../src/db/migrate.ts';
import { sessions, users } from '../src/db/schema.ts';
import { forEachDatabase } from './for-each-database.ts';

forEachDatabase('database', (target) => {
  const open: DatabaseHandle[] = [];
  const connect = async () => {
    const handle = await openDatabase(target.config());
    open.push(handle);
    return handle;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('opens the expected kind of database', async () => {
    expect((await connect()).kind).toBe(target.kind);
  });

  it('applies the migrations, then applies nothing on a second start and keeps the rows', async () => {
    const first = await connect();
    expect(await countAppliedMigrations(first.db)).toBe(0);
    const applied = await migrate(first);
    expect(applied.applied).toBeGreaterThan(0);
    expect(applied.total).toBe(applied.applied);

    const tables = await queryRows<{ table_name: string }>(
      first.db,
      sql`select table_name from information_schema.tables where table_schema = current_schema() order by table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['sessions', 'users']));

    const [ada] = await first.db.insert(users).values({ username: 'Ada', email: 'ada@example.test' }).returning();
    await first.db.insert(sessions).values({ userId: ada!.id, tokenHash: 'h1', expiresAt: new Date(Date.now() + 60_000) });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await connect();
    expect(await migrate(second)).toEqual({ applied: 0, total: applied.total });
    const found = await second.db.select().from(users).where(eq(users.id, ada!.id));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ username: 'Ada', operator: false, deletedAt: null });
    expect(await second.db.select().from(sessions).where(eq(sessions.userId, ada!.id))).toHaveLength(1);
  });

  it('keeps usernames unique regardless of case', async () => {
    const handle = await connect();
    await migrate(handle);
    await handle.db.insert(users).values({ username: 'grace', email: 'grace@example.test' });
    await expect(handle.db.insert(users).values({ username: 'GRACE', email: 'other@example.test' })).rejects.toThrow();
  });

  it('removes sessions with their user', async () => {
    const handle = await connect();
    await migrate(handle);
    const [user] = await handle.db.insert(users).values({ username: 'linus', email: 'linus@example.test' }).returning();
    await handle.db.insert(sessions).values({ userId: user!.id, tokenHash: 'h-linus', expiresAt: new Date() });
    await handle.db.delete(users).where(eq(users.id, user!.id));
    expect(await handle.db.select().from(sessions).where(eq(sessions.tokenHash, 'h-linus'))).toEqual([]);
  });
});

describe('the embedded database lock', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'postern-lock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a second opener out while the first holds the data directory, and lets it in after close', async () => {
    const first = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirInUseError);
      await expect(openDatabase({ dataDir })).rejects.toThrow(new RegExp(`pid ${process.pid}`));
    } finally {
      await first.close();
    }
    const second = await openDatabase({ dataDir });
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dataDir, PGLITE_SUBDIR, LOCK_FILE), gone.stdout);
    const handle = await openDatabase({ dataDir });
    await handle.close();
  });
});
