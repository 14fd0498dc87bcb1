import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import { MIGRATIONS_FOLDER } from '../../db/migrate.ts';

/**
 * What backup and restore read from the database's own catalog at run time, so that a table added
 * by a later migration is covered without anyone listing it.
 */

/** Postern's tables live in `public`; pg-boss (schema pgboss) and drizzle's bookkeeping (schema drizzle) are not data. */
const DATA_SCHEMA = 'public';

/** Kept apart from what a restore overwrites (P19): never backed up, never truncated. */
export const LEDGER_TABLE = 'deletion_ledger';

export interface ColumnInfo {
  name: string;
  /** The SQL type as format_type() spells it, e.g. `timestamp with time zone`, `text[]`. */
  type: string;
  /** bytea travels as base64 rather than PostgreSQL's hex text. */
  bytea: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Has a GENERATED ALWAYS identity column: inserts need OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  /** pg_get_constraintdef(): what re-creates it. */
  definition: string;
}

/** The tables a backup holds: every ordinary table of the public schema but the deletion ledger. */
export async function dataTables(db: Database): Promise<TableInfo[]> {
  const rows = await queryRows<{ table: string; column: string; type: string; bytea: boolean; identity: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
          t.typname = 'bytea' as "bytea", a.attidentity::text as "identity"
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        join pg_type t on t.oid = a.atttypid
        where n.nspname = ${DATA_SCHEMA} and c.relkind in ('r', 'p') and not c.relispartition
          and c.relpersistence <> 't' and c.relname <> ${LEDGER_TABLE}
          and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    let table = tables.get(row.table);
    if (!table) tables.set(row.table, (table = { name: row.table, columns: [], identityAlways: false }));
    table.columns.push({ name: row.column, type: row.type, bytea: row.bytea });
    if (row.identity === 'a') table.identityAlways = true;
  }
  return [...tables.values()];
}

/** Foreign keys between tables of the public schema. */
export async function foreignKeys(db: Database): Promise<ForeignKey[]> {
  return queryRows<{ name: string; child: string; parent: string; definition: string } & Record<string, unknown>>(
    db,
    sql`select con.conname as "name", child.relname as "child", parent.relname as "parent",
          pg_get_constraintdef(con.oid) as "definition"
        from pg_constraint con
        join pg_class child on child.oid = con.conrelid
        join pg_class parent on parent.oid = con.confrelid
        join pg_namespace n on n.oid = child.relnamespace
        where con.contype = 'f' and n.nspname = ${DATA_SCHEMA}
        order by child.relname, con.conname`,
  );
}

/** Sequences owned by columns of the public schema (serial and identity), to set past the restored rows. */
export async function ownedSequences(db: Database): Promise<{ table: string; column: string; sequence: string }[]> {
  return queryRows(
    db,
    sql`select c.relname as "table", a.attname as "column", s.oid::regclass::text as "sequence"
        from pg_depend d
        join pg_class s on s.oid = d.objid and s.relkind = 'S'
        join pg_class c on c.oid = d.refobjid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
          and d.deptype in ('a', 'i') and n.nspname = ${DATA_SCHEMA}`,
  );
}

/**
 * Tables ordered parents first along the foreign keys (name order among equals), so rows can be
 * inserted without tripping a constraint. Self-references and cycles cannot be ordered; restore
 * suspends those constraints instead (see `backwardKeys`).
 */
export function insertOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const remaining = new Set([...tables].sort());
  const parents = new Map<string, Set<string>>([...remaining].map((t) => [t, new Set<string>()]));
  for (const key of keys) {
    if (key.child !== key.parent && remaining.has(key.parent)) parents.get(key.child)?.add(key.parent);
  }
  const ordered: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => ![...parents.get(t)!].some((p) => remaining.has(p)));
    // A cycle: take the first remaining table; its backward keys are suspended during restore.
    const next = ready.length > 0 ? ready : [[...remaining][0]!];
    for (const t of next) {
      ordered.push(t);
      remaining.delete(t);
    }
  }
  return ordered;
}

/** The keys whose parent rows do not all come before the child rows in `order` (self-references, cycles). */
export function backwardKeys(order: readonly string[], keys: readonly ForeignKey[]): ForeignKey[] {
  const position = new Map(order.map((t, i) => [t, i]));
  return keys.filter((key) => {
    const child = position.get(key.child);
    const parent = position.get(key.parent);
    return child !== undefined && parent !== undefined && parent >= child;
  });
}

export interface MigrationLevel {
  /** Migrations recorded in the database. */
  count: number;
  /** The tag of the latest one (e.g. `0011_deletion_ledger`), or null when this code does not know it. */
  last: string | null;
  /** Its timestamp in drizzle's journal (folder millis): identifies it when the tag is unknown. */
  lastCreatedAt: number | null;
}

/** The migration level of the database, from drizzle's table and this code's journal. */
export async function migrationLevel(db: Database): Promise<MigrationLevel> {
  const [exists] = await queryRows<{ name: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`);
  if (!exists?.name) return { count: 0, last: null, lastCreatedAt: null };
  const [row] = await queryRows<{ count: number; last: string | null }>(
    db,
    sql`select count(*)::int as "count", max(created_at)::text as "last" from drizzle.__drizzle_migrations`,
  );
  const lastCreatedAt = row?.last == null ? null : Number(row.last);
  const entry = journal().find((e) => e.when === lastCreatedAt);
  return { count: row?.count ?? 0, last: entry?.tag ?? null, lastCreatedAt };
}

function journal(): { tag: string; when: number }[] {
  const text = readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(text) as { entries: { tag: string; when: number }[] }).entries;
}
