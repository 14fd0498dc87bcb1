import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';

/** Who restricted processing: the person themselves, or staff while one of their requests is disputed. */
export type ProcessingRestrictedBy = 'person' | 'staff';

/**
 * Restriction of use (P25): one row per account that switched a restriction on (no row: nothing
 * restricted). A table rather than users.preferences because PATCH /api/me replaces that document
 * as a whole, which would race with these switches, and the product-news send asks per account.
 */
export const dataRestrictions = pgTable('data_restrictions', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  marketing: boolean('marketing').notNull().default(false),
  analytics: boolean('analytics').notNull().default(false),
  personalisation: boolean('personalisation').notNull().default(false),
  /** While true, every non-essential use is restricted, whatever the switches above say (P25, Art. 18). */
  processingRestricted: boolean('processing_restricted').notNull().default(false),
  processingRestrictedBy: text('processing_restricted_by').$type<ProcessingRestrictedBy>(),
  processingRestrictedReason: text('processing_restricted_reason'),
  processingRestrictedSince: timestamp('processing_restricted_since', { withTimezone: true }),
  /** The disputed privacy request (P26) when staff set it; no foreign key, the desk's rows may go first. */
  processingRestrictedRequestId: uuid('processing_restricted_request_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
