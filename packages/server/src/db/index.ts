export { openDatabase, queryRows, PGLITE_SUBDIR } from './database.ts';
export { DataDirInUseError } from './data-dir-lock.ts';
export type { Database, DatabaseHandle, DatabaseKind } from './database.ts';
export { migrate, countAppliedMigrations, MIGRATIONS_FOLDER } from './migrate.ts';
export type { MigrationResult } from './migrate.ts';
export * as schema from './schema.ts';
export {
  DATA_MAP,
  tableName,
  declarationFor,
  personalColumns,
  exportColumns,
  subjectRows,
  rowMatches,
  rowConditionSql,
  eraseActionFor,
} from './datamap/index.ts';
export type { Subject, SubjectRecord, SubjectRecords } from './datamap/index.ts';
export { dataMapDocument, retentionSentence, retentionLabel, PURPOSE_LABELS, LEGAL_BASIS_LABELS } from './datamap/document.ts';
export type { DataMapDocument, DataMapTable, DataMapColumn } from './datamap/document.ts';
export type * from './datamap/types.ts';
