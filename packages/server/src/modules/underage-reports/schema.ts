import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

export type UnderageReportStatus = 'open' | 'confirmed' | 'dismissed';

/**
 * Reports that an account belongs to a child (P7). The reporter may be anonymous; of their
 * address only the network is kept (/24 or /48, as for sessions), never the address itself.
 */
export const underageReports = pgTable(
  'underage_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reporterNetwork: text('reporter_network'),
    note: text('note'),
    status: text('status').$type<UnderageReportStatus>().notNull().default('open'),
    createdAt: createdAt(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('underage_reports_status_idx').on(t.status, t.createdAt)],
);
