import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';

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
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
