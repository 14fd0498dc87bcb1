import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import type { ApiKeyScope } from '../../http/env.ts';
import { users } from '../accounts/schema.ts';

/** Personal API keys for the CLI and scripts. Revoking deletes the row. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // The key has 256 random bits, so a plain SHA-256 is enough: a database leak hands out no keys.
    tokenHash: text('token_hash').notNull().unique(),
    // The first characters of the key, shown so people can tell their keys apart.
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().$type<ApiKeyScope[]>().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    // Null: never expires.
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_user_id_idx').on(t.userId, t.createdAt)],
);
