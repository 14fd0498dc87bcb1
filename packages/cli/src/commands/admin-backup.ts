/**
 * `postern admin backup [-o file]`: a logical backup of the instance's database (PGlite or
 * PostgreSQL, the same file format for both) as one gzip file. The deletion ledger is left out on
 * purpose: a restore keeps the live one and replays it (docs/server.md, "Backups").
 */
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { CliError } from '../errors.ts';
import type { MainIO } from '../main.ts';
import { formatBytes, progressPrinter } from './backup-progress.ts';

export interface AdminBackupFlags {
  output?: string;
}

/** How long we advise keeping a backup (docs/server.md); the ledger remembers erasures far longer. */
export const BACKUP_KEEP_DAYS = 30;

export async function adminBackupCommand(flags: AdminBackupFlags, io: MainIO): Promise<number> {
  const toStdout = flags.output === '-';
  if (toStdout && (io.stdout as { isTTY?: boolean }).isTTY) {
    throw new CliError('INVALID_OPTION', '-o - writes the gzip backup to standard output; redirect it to a file (… > backup.jsonl.gz)');
  }
  const { loadConfig, openDatabase, migrate, writeBackup, systemClock } = await import('@postern/server');
  const config = loadConfig(process.env, io.cwd);
  const path = toStdout ? undefined : resolve(io.cwd, flags.output ?? defaultName(systemClock()));
  // Written beside the target and renamed when complete: a failed backup never looks like a good one.
  const partial = path && `${path}.${process.pid}.partial`;
  const database = await openDatabase(config);
  try {
    await migrate(database);
    // The file holds everyone's personal data: readable by its owner only.
    const output = partial ? createWriteStream(partial, { mode: 0o600, flags: 'wx' }) : forwardTo(io.stdout);
    const summary = await writeBackup(database, output, { clock: systemClock, onProgress: progressPrinter(io.stderr, 'Backed up') });
    if (path && partial) renameSync(partial, path);
    const report = toStdout ? io.stderr : io.stdout;
    const where = path ? `${path} (${formatBytes(statSync(path).size)})` : 'standard output';
    report.write(
      `Backup written to ${where}: ${summary.header.tables.length} tables, ${summary.rows} rows, at ${summary.header.createdAt}.\n` +
        `It holds personal data: store it encrypted, and delete it after ${BACKUP_KEEP_DAYS} days at most.\n`,
    );
    return 0;
  } catch (error) {
    if (partial) rmSync(partial, { force: true });
    throw error;
  } finally {
    await database.close();
  }
}

function defaultName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `postern-backup-${stamp}Z.jsonl.gz`;
}

/** Passes bytes on to `stream` without ever ending it (standard output stays open). */
function forwardTo(stream: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (stream.write(chunk)) callback();
      else stream.once('drain', () => callback());
    },
  });
}
