import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array: callers always get a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export type DataExportStatus = 'queued' | 'building' | 'ready' | 'failed' | 'expired';

/**
 * A copy of a person's data (P21), built by the data-export.build job. The ZIP lives in `bytes`
 * from `ready` until `expires_at`; retention then empties the row (status `expired`), keeping only
 * the facts needed to show that an export was made and downloaded.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<DataExportStatus>().notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    // What the job is doing now, shown beside the progress bar.
    step: text('step'),
    bytes: bytea('bytes'),
    size: integer('size'),
    sha256: text('sha256'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    downloadCount: integer('download_count').notNull().default(0),
    lastDownloadedAt: timestamp('last_downloaded_at', { withTimezone: true }),
    errorCode: text('error_code'),
  },
  (t) => [
    index('data_exports_user_id_idx').on(t.userId, t.createdAt),
    // One export at a time per person, enforced by the database so two clicks cannot both start one.
    uniqueIndex('data_exports_one_active_key').on(t.userId).where(sql`${t.status} in ('queued', 'building')`),
    check('data_exports_status_check', sql`${t.status} in ('queued', 'building', 'ready', 'failed', 'expired')`),
    check('data_exports_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);
