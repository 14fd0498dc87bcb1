import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';

/**
 * The last activity of accounts opted in to product news, kept by the retention job so that the
 * opt-in lapses after MARKETING_INACTIVITY_MONTHS without activity (P19) even though the sessions
 * that showed the activity are deleted when they expire. Only opted-in accounts have a row.
 */
export const accountActivity = pgTable('account_activity', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // The latest last use of any of the account's sessions or API keys seen by a retention run.
  lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull(),
});
