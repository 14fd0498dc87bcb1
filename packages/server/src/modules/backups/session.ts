import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';

/**
 * Settings that make PostgreSQL's text form of every value exact and independent of the server's
 * configuration (time zone, date style, float digits), for the transaction only. Backup and
 * restore both use them, so values survive the round trip unchanged.
 */
export async function useCanonicalText(db: Database): Promise<void> {
  await db.execute(sql`set local timezone = 'UTC'`);
  await db.execute(sql`set local datestyle = 'ISO, YMD'`);
  await db.execute(sql`set local intervalstyle = 'postgres'`);
  await db.execute(sql`set local extra_float_digits = 3`);
}
