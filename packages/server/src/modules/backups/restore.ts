import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Clock } from '../../clock.ts';
import type { Database, DatabaseHandle } from '../../db/database.ts';
import { createAuditService } from '../audit/service.ts';
import { createAuditStore } from '../audit/store.ts';
import { replayDeletionLedger } from '../deletion-ledger/replay.ts';
import { LEDGER_RETENTION_DAYS } from '../deletion-ledger/service.ts';
import type { ProgressListener } from './backup.ts';
import { backwardKeys, dataTables, foreignKeys, migrationLevel, ownedSequences } from './catalog.ts';
import type { TableInfo } from './catalog.ts';
import { BackupError, describeLevel, parseHeader } from './format.ts';
import type { BackupHeader, BackupTable } from './format.ts';
import { useCanonicalText } from './session.ts';

export interface RestoreOptions {
  /** The instance secret key: the deletion ledger's hashes are keyed with it. */
  secretKey: Buffer;
  clock: Clock;
  onProgress?: ProgressListener;
}

export interface RestoreSummary {
  header: BackupHeader;
  rows: number;
  /** Restored accounts erased again because the deletion ledger has their tombstone. */
  reErased: number;
}

/** Rows per INSERT, and the most text one batch carries. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 8 * 1024 * 1024;

/** Reads and checks only the header of a backup file. */
export async function readBackupHeader(path: string): Promise<BackupHeader> {
  const lines = backupLines(path);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? undefined : first.value);
  } finally {
    await lines.return(undefined);
  }
}

/**
 * Throws BackupError unless the backup can go into this database: same migration level, the same
 * tables and columns, and younger than the deletion ledger's memory.
 */
export async function checkRestorable(db: Database, header: BackupHeader, clock: Clock): Promise<void> {
  const level = await migrationLevel(db);
  if (level.count !== header.migrations.count || level.lastCreatedAt !== header.migrations.lastCreatedAt) {
    throw new BackupError(
      'BACKUP_MIGRATION_MISMATCH',
      `This backup was made at ${describeLevel(header.migrations)}; this database is at ${describeLevel(level)}. ` +
        'Restore it with the Postern version that made it (into an empty database), then upgrade.',
    );
  }
  const age = clock().getTime() - Date.parse(header.createdAt);
  if (!(age <= LEDGER_RETENTION_DAYS * 86_400_000)) {
    throw new BackupError(
      'BACKUP_TOO_OLD',
      `This backup is from ${header.createdAt}, older than ${LEDGER_RETENTION_DAYS} days: the deletion ledger no longer ` +
        'remembers every erasure since then, so restoring it could bring erased people back.',
    );
  }
  const mismatch = schemaMismatch(header.tables, await dataTables(db));
  if (mismatch) throw new BackupError('BACKUP_SCHEMA_MISMATCH', `This backup does not match this database: ${mismatch}.`);
}

/**
 * Replaces every table of the public schema but the deletion ledger with the backup's rows, then
 * replays the ledger (erasing again each restored account it names) — all in one transaction, so
 * the database never shows the restored data with an erased person in it, and a failure changes
 * nothing.
 */
export async function restoreBackup(database: DatabaseHandle, path: string, options: RestoreOptions): Promise<RestoreSummary> {
  const lines = backupLines(path);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value);
    return await database.db.transaction(async (tx) => {
      await useCanonicalText(tx);
      await checkRestorable(tx, header, options.clock);
      const tables = new Map((await dataTables(tx)).map((t) => [t.name, t]));
      const order = header.tables.map((t) => t.name);
      // Self-references and cycles cannot be satisfied by table order: their constraints are
      // dropped for the load and re-created (and so checked) before commit.
      const suspended = backwardKeys(order, await foreignKeys(tx));
      for (const key of suspended) {
        await tx.execute(sql`alter table ${sql.identifier(key.child)} drop constraint ${sql.identifier(key.name)}`);
      }
      // No CASCADE: should another table ever reference these (the ledger must not), this fails
      // instead of emptying it.
      if (order.length > 0) await tx.execute(sql`truncate table ${sql.join(order.map((t) => sql.identifier(t)), sql`, `)}`);

      let rows = 0;
      for (const entry of header.tables) {
        const marker = await lines.next();
        if (marker.done || parseLine<{ table?: string }>(marker.value)?.table !== entry.name) throw truncated();
        rows += await loadTable(tx, tables.get(entry.name)!, entry, lines, options.onProgress);
      }
      const end = await lines.next();
      if (end.done || parseLine<{ end?: boolean; rows?: number }>(end.value)?.rows !== rows) throw truncated();

      for (const key of suspended) {
        await tx.execute(sql`alter table ${sql.identifier(key.child)} add constraint ${sql.identifier(key.name)} ${sql.raw(key.definition)}`);
      }
      for (const { table, column, sequence } of await ownedSequences(tx)) {
        await tx.execute(
          sql`select setval(${sequence}::regclass, coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(table)}), 0) + 1, false)`,
        );
      }
      const { replayed } = await replayDeletionLedger({ db: tx, secretKey: options.secretKey, clock: options.clock });
      await createAuditService({ store: createAuditStore(tx), clock: options.clock }).record({
        actorId: null,
        action: 'backup.restored',
        targetType: 'backup',
        details: { backupCreatedAt: header.createdAt, tables: header.tables.length, rows, reErased: replayed },
      });
      return { header, rows, reErased: replayed };
    });
  } finally {
    await lines.return(undefined);
  }
}

async function loadTable(
  db: Database,
  table: TableInfo,
  entry: BackupTable,
  lines: AsyncGenerator<string>,
  onProgress: ProgressListener | undefined,
): Promise<number> {
  // Types come from this database's catalog (checked equal to the header's), never from the file.
  const values: SQL[] = table.columns.map((c, i) => {
    const field = sql`(r ->> ${sql.raw(String(i))})`;
    return c.bytea ? sql`decode(${field}, 'base64')` : sql`${field}::${sql.raw(c.type)}`;
  });
  const insert = (payload: string) =>
    db.execute(
      sql`insert into ${sql.identifier(table.name)} (${sql.join(
        table.columns.map((c) => sql.identifier(c.name)),
        sql`, `,
      )}) ${table.identityAlways ? sql`overriding system value ` : sql``}select ${sql.join(values, sql`, `)} from json_array_elements(${payload}::text::json) as r`,
    );
  let batch: string[] = [];
  let chars = 0;
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await insert(`[${batch.join(',')}]`);
    rows += batch.length;
    batch = [];
    chars = 0;
    if (rows < entry.rows) onProgress?.({ table: table.name, rows, total: entry.rows, done: false });
  };
  for (let i = 0; i < entry.rows; i++) {
    const next = await lines.next();
    if (next.done || !next.value.startsWith('[')) throw truncated();
    batch.push(next.value);
    chars += next.value.length;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  onProgress?.({ table: table.name, rows, total: entry.rows, done: true });
  return rows;
}

/** The decompressed lines of a backup file; a damaged file ends in BackupError. */
async function* backupLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  const reader = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  try {
    for await (const line of reader) yield line;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError('BACKUP_UNREADABLE', `${path}: no such file.`);
    if (code === 'EACCES' || code === 'EISDIR') throw new BackupError('BACKUP_UNREADABLE', `${path}: cannot be read (${code}).`);
    if (typeof code === 'string' && code.startsWith('Z_')) throw new BackupError('BACKUP_UNREADABLE', `${path} is not a complete gzip file (${code}).`);
    throw error;
  } finally {
    reader.close();
    input.destroy();
  }
}

function parseLine<T>(line: string): T | undefined {
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}

function truncated(): BackupError {
  return new BackupError('BACKUP_TRUNCATED', 'The backup file is incomplete (it ends early or its sections do not add up); nothing was restored.');
}

function schemaMismatch(backup: readonly BackupTable[], current: readonly TableInfo[]): string | undefined {
  const here = new Map(current.map((t) => [t.name, t]));
  const there = new Set(backup.map((t) => t.name));
  for (const table of backup) {
    const mine = here.get(table.name);
    if (!mine) return `it has a table "${table.name}" this database lacks`;
    const a = table.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const b = mine.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    if (a !== b) return `table "${table.name}" has columns (${a}) in the backup but (${b}) here`;
  }
  const missing = current.find((t) => !there.has(t.name));
  return missing ? `it lacks the table "${missing.name}"` : undefined;
}
