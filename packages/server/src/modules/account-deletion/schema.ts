import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

export type DeletionTokenPurpose = 'restore' | 'confirm_code';

/**
 * Secrets of account deletion (P24): the restore link mailed when a deletion is requested (valid
 * until the purge) and the 6-digit code that re-authenticates an account without a password. Only
 * keyed hashes are stored; the rows go with the account when it is purged.
 */
export const accountDeletionTokens = pgTable(
  'account_deletion_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<DeletionTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull(),
    // Wrong guesses of a code so far; the code dies after a few.
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('account_deletion_tokens_user_idx').on(t.userId, t.purpose),
    uniqueIndex('account_deletion_tokens_restore_key').on(t.tokenHash).where(sql`${t.purpose} = 'restore'`),
    check('account_deletion_tokens_purpose_check', sql`${t.purpose} in ('restore', 'confirm_code')`),
  ],
);
