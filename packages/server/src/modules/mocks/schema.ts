import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { collections } from '../collections/schema.ts';
import { environments } from '../environments/schema.ts';
import { workspaces } from '../workspaces/schema.ts';

/**
 * A hosted mock server: a stored collection's saved examples served at /mock/<id>, either as the
 * collection is now or pinned to one of its revisions, with an optional environment's variables.
 */
export const mockServers = pgTable(
  'mock_servers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    // Null: always the collection's latest saved state.
    collectionRevision: integer('collection_revision'),
    environmentId: uuid('environment_id').references(() => environments.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    // Private mocks answer only requests with an API key of someone who may view the workspace.
    private: boolean('private').notNull().default(true),
    // Whether examples' responseTime delays the answers.
    delay: boolean('delay').notNull().default(true),
    enabled: boolean('enabled').notNull().default(true),
    callRetentionDays: integer('call_retention_days').notNull().default(30),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mock_servers_workspace_id_idx').on(t.workspaceId, t.createdAt, t.id),
    index('mock_servers_collection_id_idx').on(t.collectionId),
    index('mock_servers_environment_id_idx').on(t.environmentId),
    index('mock_servers_created_by_idx').on(t.createdBy),
    check('mock_servers_call_retention_check', sql`${t.callRetentionDays} between 1 and 90`),
  ],
);

export type LoggedHeaders = Array<[string, string]>;

/** One request a hosted mock answered (the call log). No caller address is kept. */
export const mockCalls = pgTable(
  'mock_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mockId: uuid('mock_id')
      .notNull()
      .references(() => mockServers.id, { onDelete: 'cascade' }),
    method: text('method').notNull(),
    // Path below /mock/<id> and query, as sent.
    path: text('path').notNull(),
    status: integer('status').notNull(),
    // The example served; null when none matched.
    example: text('example'),
    durationMs: integer('duration_ms').notNull(),
    requestHeaders: jsonb('request_headers').$type<LoggedHeaders>().notNull(),
    requestBody: text('request_body'),
    responseHeaders: jsonb('response_headers').$type<LoggedHeaders>().notNull(),
    responseBody: text('response_body'),
    createdAt: createdAt(),
  },
  (t) => [index('mock_calls_mock_idx').on(t.mockId, t.createdAt, t.id), index('mock_calls_created_at_idx').on(t.createdAt)],
);
