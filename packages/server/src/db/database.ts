import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** Drizzle over either driver; code outside src/db never needs to know which. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The driver under Drizzle, for libraries that speak SQL themselves (the pg-boss job queue). */
export type RawDatabase = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool; connectionString: string };

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** The driver itself; absent on handles made by hand (tests). */
  raw?: RawDatabase;
  /**
   * Runs `fn` on one connection while holding an instance-wide lock, so work such as migrations
   * runs once even when several server processes start together on one PostgreSQL.
   */
  exclusive<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Arbitrary but fixed: the advisory lock key Postern's processes agree on. */
const EXCLUSIVE_LOCK_KEY = 7_301_004_211;

/** The embedded database lives in this folder of the data directory. */
export const PGLITE_SUBDIR = 'db';

/** Opens PostgreSQL when DATABASE_URL is configured, otherwise the embedded PGlite in the data dir. */
export async function openDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePostgres({ client: pool, schema });
    const exclusive = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
      // Session-level advisory locks belong to a connection, so everything runs on this one client.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [EXCLUSIVE_LOCK_KEY]);
        try {
          return await fn(drizzlePostgres({ client, schema }));
        } finally {
          await client.query('select pg_advisory_unlock($1)', [EXCLUSIVE_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    };
    return {
      db,
      kind: 'postgres',
      raw: { kind: 'postgres', pool, connectionString: config.databaseUrl },
      exclusive,
      close: () => pool.end(),
    };
  }
  const dir = join(config.dataDir, PGLITE_SUBDIR);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  let client: PGlite;
  try {
    client = await PGlite.create(dir);
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite({ client, schema });
  const close = async () => {
    try {
      await client.close();
    } finally {
      unlock();
    }
  };
  // One process owns a PGlite data directory, and PGlite runs one query at a time.
  return { db, kind: 'pglite', raw: { kind: 'pglite', client }, exclusive: (fn) => fn(db), close };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<Row extends Record<string, unknown>>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as { rows: Row[] };
  return result.rows;
}
