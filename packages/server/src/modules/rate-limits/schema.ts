import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One counter per rate-limit rule, key and fixed window, shared by every server process on the
 * database. Keys are SHA-256 hashes (of an IP address, a login…), never the values themselves.
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    rule: text('rule').notNull(),
    keyHash: text('key_hash').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rule, t.keyHash, t.windowStart] }), index('rate_limit_windows_expires_at_idx').on(t.expiresAt)],
);
