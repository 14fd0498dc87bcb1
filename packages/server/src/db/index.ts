export { openDatabase, queryRows, PGLITE_SUBDIR } from './database.ts';
export { DataDirInUseError } from './data-dir-lock.ts';
export type { Database, DatabaseHandle, DatabaseKind } from './database.ts';
export { migrate, countAppliedMigrations, MIGRATIONS_FOLDER } from './migrate.ts';
export type { MigrationResult } from './migrate.ts';
export * as schema from './schema.ts';
