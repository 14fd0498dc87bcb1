import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Clock } from '../../clock.ts';
import { queryRows } from '../../db/database.ts';
import { createAuditService } from '../audit/service.ts';
import { createAuditStore } from '../audit/store.ts';
import type { Database, DatabaseHandle, DatabaseKind } from '../../db/database.ts';
import { dataTables, foreignKeys, insertOrder, migrationLevel } from './catalog.ts';
import type { TableInfo } from './catalog.ts';
import { BACKUP_FORMAT, BACKUP_VERSION } from './format.ts';
import type { BackupHeader, BackupTable } from './format.ts';
import { useCanonicalText } from './session.ts';

/** Told after each batch of rows and once at the end of each table. */
export type ProgressListener = (progress: { table: string; rows: number; total: number; done: boolean }) => void;

export interface BackupOptions {
  clock: Clock;
  onProgress?: ProgressListener;
}

export interface BackupSummary {
  header: BackupHeader;
  rows: number;
}

/** Rows fetched from the cursor at a time: documents can be megabytes each. */
const FETCH_ROWS = 200;

/**
 * Writes a logical backup of every table of the public schema but the deletion ledger (format.ts)
 * to `output`, gzipped, and ends it. One read-only REPEATABLE READ transaction: on PostgreSQL the
 * whole file is one consistent snapshot even while the server keeps writing.
 */
export async function writeBackup(database: DatabaseHandle, output: Writable, options: BackupOptions): Promise<BackupSummary> {
  const gzip = createGzip();
  const written = pipeline(gzip, output);
  try {
    const summary = await database.db.transaction(
      async (tx) => {
        await useCanonicalText(tx);
        const header = await snapshotHeader(tx, database.kind, options.clock);
        const write = async (line: string) => {
          if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
        };
        await write(JSON.stringify(header));
        const tables = new Map((await dataTables(tx)).map((t) => [t.name, t]));
        let rows = 0;
        for (const [i, entry] of header.tables.entries()) {
          rows += await writeTable(tx, tables.get(entry.name)!, i, entry.rows, write, options.onProgress);
        }
        await write(JSON.stringify({ end: true, rows }));
        return { header, rows };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await written;
    // Who holds a copy of everyone's data is worth knowing (P18); counts only, no path.
    await createAuditService({ store: createAuditStore(database.db), clock: options.clock }).record({
      actorId: null,
      action: 'backup.created',
      targetType: 'backup',
      details: { createdAt: summary.header.createdAt, tables: summary.header.tables.length, rows: summary.rows },
    });
    return summary;
  } catch (error) {
    gzip.destroy(error as Error);
    await written.catch(() => {});
    throw error;
  }
}

async function snapshotHeader(db: Database, source: DatabaseKind, clock: Clock): Promise<BackupHeader> {
  const tables = await dataTables(db);
  const order = insertOrder(
    tables.map((t) => t.name),
    await foreignKeys(db),
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const entries: BackupTable[] = [];
  for (const name of order) {
    const table = byName.get(name)!;
    const [counted] = await queryRows<{ n: string }>(db, sql`select count(*)::text as n from ${sql.identifier(name)}`);
    entries.push({ name, columns: table.columns.map(({ name, type }) => ({ name, type })), rows: Number(counted?.n ?? 0) });
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: clock().toISOString(),
    source,
    migrations: await migrationLevel(db),
    tables: entries,
  };
}

/** One table's rows as JSON arrays built by PostgreSQL itself (exact text of every type, bytea as base64). */
async function writeTable(
  db: Database,
  table: TableInfo,
  index: number,
  total: number,
  write: (line: string) => Promise<void>,
  onProgress: ProgressListener | undefined,
): Promise<number> {
  await write(JSON.stringify({ table: table.name }));
  const values: SQL[] = table.columns.map((c) =>
    c.bytea ? sql`translate(encode(${sql.identifier(c.name)}, 'base64'), E'\n', '')` : sql`${sql.identifier(c.name)}::text`,
  );
  const cursor = sql.identifier(`postern_backup_${index}`);
  await db.execute(
    sql`declare ${cursor} no scroll cursor for select array_to_json(array[${sql.join(values, sql`, `)}]::text[])::text as line from ${sql.identifier(table.name)}`,
  );
  let rows = 0;
  for (;;) {
    const batch = await queryRows<{ line: string }>(db, sql`fetch forward ${sql.raw(String(FETCH_ROWS))} from ${cursor}`);
    for (const { line } of batch) await write(line);
    rows += batch.length;
    if (batch.length < FETCH_ROWS) break;
    onProgress?.({ table: table.name, rows, total, done: false });
  }
  await db.execute(sql`close ${cursor}`);
  onProgress?.({ table: table.name, rows, total, done: true });
  return rows;
}
