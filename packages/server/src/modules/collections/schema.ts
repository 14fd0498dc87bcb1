import { index, integer, json, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { workspaces } from '../workspaces/schema.ts';
import type { ItemIdNode } from './item-ids.ts';

/**
 * A Postman collection (P2 content). `document` holds the collection JSON as imported, as text
 * so that key order survives (jsonb would reorder keys and the export must be identical); secret
 * variables in it are sealed. `itemIds` mirrors the item tree with the stable ids the API uses
 * for items, so nothing is added to the user's JSON.
 */
export const collections = pgTable(
  'collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    document: text('document').notNull(),
    itemIds: jsonb('item_ids').$type<ItemIdNode[]>().notNull(),
    requestCount: integer('request_count').notNull(),
    // Bumped by every write; clients send it back in If-Match to detect concurrent edits.
    revision: integer('revision').notNull(),
    // A fork remembers its parent and the parent's document at the fork point (three-way merges).
    forkedFromId: uuid('forked_from_id').references((): AnyPgColumn => collections.id, { onDelete: 'set null' }),
    forkLabel: text('fork_label'),
    forkRevision: integer('fork_revision'),
    forkDocument: text('fork_document'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('collections_workspace_id_idx').on(t.workspaceId, t.createdAt, t.id), index('collections_forked_from_id_idx').on(t.forkedFromId)],
);

/** Every change to a collection (P2 "every change is recorded"): who, when, and an RFC 6902 diff. */
export const collectionChanges = pgTable(
  'collection_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    // Null once the author's account is erased; the change itself stays part of the history.
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    // JSON Patch from the previous revision's stored document (secrets sealed) to this one; json, not
    // jsonb, so values keep their key order and a restored revision exports exactly as it was written.
    patch: json('patch').$type<unknown[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('collection_changes_revision_key').on(t.collectionId, t.revision)],
);
