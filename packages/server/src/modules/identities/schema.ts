import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

/**
 * Links between an account and an OpenID Connect identity: only the issuer and subject are kept
 * (P6: from a provider Postern takes name and email, stored on the account, nothing else).
 */
export const identities = pgTable(
  'identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('identities_issuer_subject_key').on(t.issuer, t.subject), index('identities_user_id_idx').on(t.userId)],
);

/**
 * A sign-in through a provider whose identity has no account yet, waiting for the age check
 * (P7) before an account exists. Short-lived; only a hash of the browser's token is stored.
 */
export const pendingOidcSignups = pgTable('pending_oidc_signups', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  issuer: text('issuer').notNull(),
  subject: text('subject').notNull(),
  email: text('email'),
  emailVerified: boolean('email_verified').notNull(),
  name: text('name'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
