import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { teams } from '../teams/schema.ts';

/**
 * Email domains a team claims (P11, P12). Several teams may add the same domain, but only one can
 * hold it verified: the partial unique index refuses a second verification.
 */
export const teamDomains = pgTable(
  'team_domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    // Lower case, no trailing dot.
    domain: text('domain').notNull(),
    // The random value of the TXT record that proves control of the domain.
    verificationToken: text('verification_token').notNull(),
    createdAt: createdAt(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    // Domain capture: when the owner started it, the notice given, and when it takes effect.
    captureStartedAt: timestamp('capture_started_at', { withTimezone: true }),
    captureNoticeDays: integer('capture_notice_days'),
    captureEffectiveAt: timestamp('capture_effective_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('team_domains_team_domain_key').on(t.teamId, t.domain),
    uniqueIndex('team_domains_verified_domain_key').on(t.domain).where(sql`${t.verifiedAt} is not null`),
  ],
);

/**
 * Accounts a team manages through a captured domain (P11). A row exists once the person was told;
 * the account is managed from `effective_at` on (checked at use) while the domain stays verified.
 */
export const managedAccounts = pgTable(
  'managed_accounts',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    domainId: uuid('domain_id')
      .notNull()
      .references(() => teamDomains.id, { onDelete: 'cascade' }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    // Set by the job that records the change (audit account.managed); the rules use effective_at.
    managedAt: timestamp('managed_at', { withTimezone: true }),
  },
  (t) => [index('managed_accounts_team_idx').on(t.teamId), index('managed_accounts_effective_idx').on(t.effectiveAt)],
);
