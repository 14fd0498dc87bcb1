import { index, integer, json, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { workspaces } from '../workspaces/schema.ts';

/**
 * A Postman environment (P2 content). `document` is the environment JSON as imported, as text so
 * its key order survives; values of secret-typed variables are sealed.
 */
export const environments = pgTable(
  'environments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    document: text('document').notNull(),
    revision: integer('revision').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('environments_workspace_id_idx').on(t.workspaceId, t.createdAt, t.id)],
);

/** The workspace's globals (one variable list per workspace), stored like an environment. */
export const workspaceGlobals = pgTable('workspace_globals', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  document: text('document').notNull(),
  revision: integer('revision').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every change to an environment (P2): who, when, and an RFC 6902 diff of the stored document. */
export const environmentChanges = pgTable(
  'environment_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    environmentId: uuid('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    summary: text('summary').notNull(),
    patch: json('patch').$type<unknown[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('environment_changes_revision_key').on(t.environmentId, t.revision)],
);

/** Every change to a workspace's globals (P2), like environment_changes. */
export const globalsChanges = pgTable(
  'globals_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    summary: text('summary').notNull(),
    patch: json('patch').$type<unknown[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('globals_changes_revision_key').on(t.workspaceId, t.revision)],
);
