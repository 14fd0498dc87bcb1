import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type AnalyticsEventType = 'page_view' | 'feature_used';

/**
 * First-party usage analytics (P5), recorded only with Performance consent and without an
 * analytics restriction (P25). Pseudonymous by design: no account id, no session, no cookie id;
 * of the address only its network (/24 IPv4, /48 IPv6), enough to tell a burst from one place
 * apart from wide use and nothing more. Each type is kept for its retention (service.ts).
 */
export const analyticsEvents = pgTable(
  'analytics_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').$type<AnalyticsEventType>().notNull(),
    // A route pattern (ids replaced, no query string) or a feature name.
    name: text('name').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    network: text('network'),
  },
  (t) => [index('analytics_events_type_time_idx').on(t.type, t.occurredAt)],
);

/**
 * Client error reports (P5) under legitimate interest, until the person objects: the message, the
 * stack and the page's path after scrubbing (scrub.ts). No address, no account, no request contents.
 */
export const errorReports = pgTable(
  'error_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    message: text('message').notNull(),
    stack: text('stack'),
    path: text('path'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('error_reports_time_idx').on(t.createdAt)],
);
