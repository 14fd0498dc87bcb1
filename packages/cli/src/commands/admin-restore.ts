/**
 * `postern admin restore <file> [--yes]`: replaces the instance's data with a backup made by
 * `postern admin backup`, then erases again everyone the deletion ledger lists (P19), in one
 * transaction (docs/server.md, "Backups").
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CliError } from '../errors.ts';
import type { MainIO } from '../main.ts';
import { progressPrinter } from './backup-progress.ts';

export interface AdminRestoreFlags {
  yes?: boolean;
}

export async function adminRestoreCommand(file: string, flags: AdminRestoreFlags, io: MainIO): Promise<number> {
  const server = await import('@postern/server');
  const path = resolve(io.cwd, file);
  const header = await server.readBackupHeader(path);
  const config = server.loadConfig(process.env, io.cwd);
  const secret = server.loadOrCreateSecretKey(config);
  if (config.databaseUrl && secret.source !== 'config') {
    io.stderr.write(
      `Warning: POSTERN_SECRET_KEY is not set, so the deletion ledger is read with the key in ${secret.path ?? 'the data directory'}; ` +
        'it must be the key the server uses.\n',
    );
  }
  const database = await server.openDatabase(config);
  try {
    await server.migrate(database);
    await server.checkRestorable(database.db, header, server.systemClock);
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    const where = database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'the PostgreSQL database of DATABASE_URL';
    if (!flags.yes) await confirm(`Restore replaces all data in ${where} with the backup of ${header.createdAt} (${rows} rows).`, io);
    const summary = await server.restoreBackup(database, path, {
      secretKey: secret.key,
      clock: server.systemClock,
      onProgress: progressPrinter(io.stderr, 'Restored'),
    });
    io.stdout.write(
      `Restored ${summary.rows} rows in ${summary.header.tables.length} tables from the backup of ${summary.header.createdAt}.\n` +
        `Re-erased ${summary.reErased} account${summary.reErased === 1 ? '' : 's'} listed in the deletion ledger.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** Asks on the terminal; without one (CI, cron) there is nobody to ask, so --yes is required. */
async function confirm(question: string, io: MainIO): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new CliError('CONFIRMATION_REQUIRED', `${question} There is no terminal to confirm this: add --yes to restore.`);
  }
  const prompt = createInterface({ input: process.stdin, output: io.stderr });
  try {
    const answer = await prompt.question(`${question}\nType "restore" to continue: `);
    if (answer.trim().toLowerCase() !== 'restore') throw new CliError('CONFIRMATION_REQUIRED', 'Nothing was restored.');
  } finally {
    prompt.close();
  }
}
