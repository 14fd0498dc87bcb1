import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

/** The documents Postern publishes (P28); each value is also the URL segment (/policies/privacy). */
export const POLICY_KINDS = ['privacy', 'cookies', 'terms'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * Every version of every policy. A row with `published_at` null is the kind's one draft; once
 * published, the service never changes its text, dates or key changes again (P28). Only the
 * announcement progress (how many accounts were emailed) is written afterwards.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<PolicyKind>().notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    // Markdown.
    body: text('body').notNull(),
    // Null on a draft that will take effect when published.
    effectiveAt: timestamp('effective_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    significant: boolean('significant').notNull().default(false),
    keyChanges: jsonb('key_changes').$type<string[]>().notNull().default([]),
    // Null for the seeded first versions, and once the publisher's account is erased.
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    // Significant versions email every account once published (service.ts, announce()).
    announcedCount: integer('announced_count').notNull().default(0),
    announcementFinishedAt: timestamp('announcement_finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('policy_versions_kind_version_key').on(t.kind, t.version),
    // At most one draft per kind, so a draft's number is the next one when it is published.
    uniqueIndex('policy_versions_one_draft_key').on(t.kind).where(sql`${t.publishedAt} is null`),
  ],
);

/** Who acknowledged which significant version, and when (P28); one row per person and version. */
export const policyAcknowledgements = pgTable(
  'policy_acknowledgements',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<PolicyKind>().notNull(),
    version: integer('version').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.version] })],
);
