import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { queryRows } from '../../src/db/database.ts';

/**
 * Schema-driven search for a person's traces, for the privacy proof test (P8, P19, P21, P24).
 * Nothing here lists tables: it reads the catalog, so a table added tomorrow is searched too.
 */

export interface ColumnInfo {
  name: string;
  /** information_schema data_type, e.g. 'text', 'jsonb', 'bytea', 'ARRAY', 'uuid'. */
  type: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Columns holding a users.id (foreign keys to users, and users.id itself). */
  accountColumns: string[];
}

export interface Trace {
  table: string;
  /** Primary-key values joined with '|', identifying the row. */
  key: string;
  /** Why the row matched: `<column> = account id` or `<column> contains <needle label>`. */
  reasons: string[];
}

/** Every table of the public schema (Postern's own; pg-boss and drizzle live elsewhere). */
export async function describeTables(db: Database): Promise<TableInfo[]> {
  const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    db,
    sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const keys = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select tc.table_name, kcu.column_name from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
        order by tc.table_name, kcu.ordinal_position`,
  );
  const userForeignKeys = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select cl.relname as table_name, att.attname as column_name
        from pg_constraint con
        join pg_class cl on cl.oid = con.conrelid
        join pg_namespace ns on ns.oid = cl.relnamespace
        join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any(con.conkey)
        where con.contype = 'f' and ns.nspname = 'public' and con.confrelid = 'public.users'::regclass`,
  );
  const tables = new Map<string, TableInfo>();
  for (const c of columns) {
    const table = tables.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [], accountColumns: [] };
    table.columns.push({ name: c.column_name, type: c.data_type });
    tables.set(c.table_name, table);
  }
  for (const k of keys) tables.get(k.table_name)?.primaryKey.push(k.column_name);
  for (const f of userForeignKeys) tables.get(f.table_name)?.accountColumns.push(f.column_name);
  tables.get('users')?.accountColumns.push('id');
  return [...tables.values()];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Rows that hold the account id in an account column, or any needle (email, username, display
 * name, IP address) in any text, JSON, array or binary column. Binary values are searched as UTF-8,
 * after gunzip when gzipped, and inside each entry when they are ZIP archives.
 */
export async function findTraces(
  db: Database,
  subject: { accountId?: string; needles: Record<string, string> },
  unzip: (bytes: Uint8Array) => Uint8Array[],
): Promise<Trace[]> {
  const traces: Trace[] = [];
  const needles = Object.entries(subject.needles).map(([label, value]) => [label, value.toLowerCase()] as const);
  for (const table of await describeTables(db)) {
    const rows = await queryRows<Record<string, unknown>>(db, sql.raw(`select * from ${quote(table.name)}`));
    for (const row of rows) {
      const reasons: string[] = [];
      if (subject.accountId) {
        for (const column of table.accountColumns) if (row[column] === subject.accountId) reasons.push(`${column} = account id`);
      }
      for (const column of table.columns) {
        const text = searchableText(row[column.name], unzip);
        if (text === undefined) continue;
        for (const [label, needle] of needles) if (text.includes(needle)) reasons.push(`${column.name} contains ${label}`);
      }
      if (reasons.length > 0) {
        const key = (table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((c) => c.name))
          .map((c) => String(row[c]))
          .join('|');
        traces.push({ table: table.name, key, reasons });
      }
    }
  }
  return traces;
}

function searchableText(value: unknown, unzip: (bytes: Uint8Array) => Uint8Array[]): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.toLowerCase();
  if (value instanceof Uint8Array) return binaryText(value, unzip).toLowerCase();
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return undefined;
  return JSON.stringify(value).toLowerCase();
}

function binaryText(bytes: Uint8Array, unzip: (bytes: Uint8Array) => Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return decoder.decode(gunzipSync(bytes));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return unzip(bytes).map((entry) => decoder.decode(entry)).join('\n');
  return decoder.decode(bytes);
}
