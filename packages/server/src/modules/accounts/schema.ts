import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';

/** Settings that follow the person across devices; kept small on purpose (P1). */
export interface UserPreferences {
  theme?: 'system' | 'light' | 'dark';
  /** Days sent requests are kept; 0 keeps none (history/retention.ts, P19/P25). Unset means 30. */
  historyRetentionDays?: 0 | 1 | 7 | 30 | 90 | 365;
}

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    // Null for accounts that only sign in through an identity provider.
    passwordHash: text('password_hash'),
    displayName: text('display_name'),
    // Profile (P1): the bio is public; the email stays private unless public_email is on.
    bio: text('bio'),
    publicEmail: boolean('public_email').notNull().default(false),
    preferences: jsonb('preferences').$type<UserPreferences>().notNull().default({}),
    // When the avatar (table avatars) last changed; null without one. Versions the avatar URL.
    avatarUpdatedAt: timestamp('avatar_updated_at', { withTimezone: true }),
    createdAt: createdAt(),
    operator: boolean('operator').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    // Set when the operator confirms the account belongs to a child (P7, underage-reports): no
    // sign-in, session or API key works from then on, and the profile is hidden.
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    // When the account's data is due for deletion; the deletion job (issue #7) consumes it.
    deletionScheduledFor: timestamp('deletion_scheduled_for', { withTimezone: true }),
  },
  (t) => [
    // Usernames and emails are unique regardless of case, without needing the citext extension.
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
  ],
);

/**
 * Addresses an account used before an email change (P23), kept only while mail sent to them may
 * still sit in the outbox, so that export and erasure (P21, P24) find that mail too.
 */
export const previousEmails = pgTable(
  'previous_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('previous_emails_user_idx').on(t.userId)],
);
