import { boolean, index, integer, json, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { workspaces } from '../workspaces/schema.ts';

/**
 * The requests a person sent through POST /api/send (P2: content they send), kept only for the
 * period they chose (P19, P25; see history/retention.ts). `request` is the Postman request object
 * as the person wrote it: `{{variables}}` stay unresolved, so values resolved from environments
 * (secrets included) never land here.
 */
export const requestHistory = pgTable(
  'request_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Links back to where the request came from; the workspace goes when it is deleted.
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'set null' }),
    collectionId: text('collection_id'),
    itemId: text('item_id'),
    method: text('method').notNull(),
    url: text('url').notNull(),
    request: json('request').$type<Record<string, unknown>>().notNull(),
    // True when the request's body was too large to keep and was left out of `request`.
    bodyOmitted: boolean('body_omitted').notNull().default(false),
    // Null when no response came (refused, timed out, failed); errorCode says why.
    status: integer('status'),
    errorCode: text('error_code'),
    durationMs: integer('duration_ms').notNull(),
    // Bytes of the response (headers and body); null without a response.
    responseSize: integer('response_size'),
    // Set from the app's clock, not the database's, so retention and its tests share one "now".
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('request_history_user_created_idx').on(t.userId, t.createdAt.desc(), t.id.desc())],
);
