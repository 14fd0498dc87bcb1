import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';

/** One optional category's answer: consent given, and legitimate interest not objected to. */
export interface CategoryChoice {
  consent: boolean;
  legitimateInterest: boolean;
}

export interface ConsentChoices {
  functional: CategoryChoice;
  performance: CategoryChoice;
  targeting: CategoryChoice;
}

export type ConsentMethod = 'banner' | 'preference_center' | 'gpc' | 'api';

/**
 * Every cookie and tracking decision (P20, P27), never updated except to tie an anonymous record
 * to the account that signs in on the same browser. Of the address only a keyed HMAC is kept
 * (enough to tell records from one address apart when proving consent, useless without the
 * instance's secret key); the account's records go with the account.
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    choices: jsonb('choices').$type<ConsentChoices>().notNull(),
    // The cookie policy revision the choices were made under; 0 on a GPC record made before any
    // choice, so the banner still asks.
    policyRevision: integer('policy_revision').notNull(),
    method: text('method').$type<ConsentMethod>().notNull(),
    // Whether the browser sent Global Privacy Control (or DNT) when this was recorded or earlier.
    gpc: boolean('gpc').notNull().default(false),
    accountId: uuid('account_id').references(() => users.id, { onDelete: 'cascade' }),
    ipHmac: text('ip_hmac'),
    userAgentFamily: text('user_agent_family'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('consent_records_account_idx').on(t.accountId, t.createdAt)],
);
