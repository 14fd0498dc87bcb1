import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

/**
 * What a link does; an email change has two: confirm (sent to the new address) and cancel (to the old).
 * approve_email_change marks a managed account's change waiting for a team admin (P11, team-domains); never mailed.
 */
export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'cancel_email_change' | 'approve_email_change';

/** Single-use links sent by email (P18). Only the token's SHA-256 is stored. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<EmailTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    // The address the link was sent to: verifying it must not verify an address changed since.
    email: text('email'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('email_tokens_user_id_idx').on(t.userId), index('email_tokens_expires_at_idx').on(t.expiresAt)],
);
