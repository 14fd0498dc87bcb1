import type { DatabaseKind } from '../../db/database.ts';
import type { MigrationLevel } from './catalog.ts';

/**
 * The backup file (docs/server.md, "Backups"): gzip of JSON lines, the same for PGlite and
 * PostgreSQL. Line 1 is the header; then, per table in insert order, a `{"table": name}` line
 * followed by one JSON array per row (each value a string in PostgreSQL's text form — base64 for
 * bytea — or null; the header gives each column's SQL type); last, `{"end": true, "rows": total}`.
 */
export const BACKUP_FORMAT = 'postern-backup';
export const BACKUP_VERSION = 1;

export interface BackupTable {
  name: string;
  columns: { name: string; type: string }[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** ISO 8601, when the snapshot was taken. */
  createdAt: string;
  /** Which database it came from; restore accepts either into either. */
  source: DatabaseKind;
  migrations: MigrationLevel;
  /** In the order their rows follow. */
  tables: BackupTable[];
}

export interface TableMarker {
  table: string;
}

export interface EndMarker {
  end: true;
  rows: number;
}

export type BackupErrorCode =
  | 'BACKUP_UNREADABLE'
  | 'BACKUP_NOT_POSTERN'
  | 'BACKUP_VERSION_UNSUPPORTED'
  | 'BACKUP_TRUNCATED'
  | 'BACKUP_MIGRATION_MISMATCH'
  | 'BACKUP_SCHEMA_MISMATCH'
  | 'BACKUP_TOO_OLD';

/** A backup that cannot be restored here; the message says why and what to do. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Checks the first line of a backup; throws BackupError when it is not one this code can read. */
export function parseHeader(line: string | undefined): BackupHeader {
  let value: unknown;
  try {
    value = line === undefined ? undefined : JSON.parse(line);
  } catch {
    value = undefined;
  }
  const header = value as Partial<BackupHeader> | undefined;
  if (!header || typeof header !== 'object' || header.format !== BACKUP_FORMAT) {
    throw new BackupError('BACKUP_NOT_POSTERN', 'This file is not a Postern backup (made by `postern admin backup`).');
  }
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(
      'BACKUP_VERSION_UNSUPPORTED',
      `This backup uses format version ${String(header.version)}; this Postern reads version ${BACKUP_VERSION}. Restore it with the Postern version that made it.`,
    );
  }
  if (typeof header.createdAt !== 'string' || !Array.isArray(header.tables) || typeof header.migrations?.count !== 'number') {
    throw new BackupError('BACKUP_UNREADABLE', 'The backup header is damaged; the file cannot be restored.');
  }
  return header as BackupHeader;
}

/** How a migration level reads in messages: `12 migrations, the last 0011_deletion_ledger`. */
export function describeLevel(level: MigrationLevel): string {
  if (level.count === 0) return 'no migrations';
  return `${level.count} migration${level.count === 1 ? '' : 's'}, the last ${level.last ?? `unknown to this Postern (${String(level.lastCreatedAt)})`}`;
}
