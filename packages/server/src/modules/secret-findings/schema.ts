import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { workspaces } from '../workspaces/schema.ts';

export const FINDING_STATES = ['active', 'false_positive', 'revoked', 'accepted_risk'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
export const ITEM_KINDS = ['collection', 'environment', 'globals'] as const;
export type ScannedItemKind = (typeof ITEM_KINDS)[number];

/**
 * A secret the scanner found in workspace content (P17). Only the masked preview and the SHA-256
 * of the value are kept, never the value. One row per (item, JSON path, value hash): a re-save
 * that keeps the value keeps the row and its state; a value that disappears gets `removed_at`
 * (and comes back with its old state if the same value returns to the same place).
 */
export const secretFindings = pgTable(
  'secret_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemKind: text('item_kind', { enum: ITEM_KINDS }).notNull(),
    // The collection or environment id; the workspace id for globals. No foreign key (three
    // tables); deleting the item deletes its findings in the same save path.
    itemId: uuid('item_id').notNull(),
    jsonPath: text('json_path').notNull(),
    // Where to show the warning: the request/folder id inside a collection, the variable's key in
    // an environment or globals; null when the path is outside any (collection-level fields).
    target: text('target'),
    line: integer('line'),
    ruleId: text('rule_id').notNull(),
    masked: text('masked').notNull(),
    valueSha256: text('value_sha256').notNull(),
    state: text('state', { enum: FINDING_STATES }).notNull().default('active'),
    stateNote: text('state_note'),
    stateChangedBy: uuid('state_changed_by').references(() => users.id, { onDelete: 'set null' }),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('secret_findings_place_key').on(t.itemKind, t.itemId, t.jsonPath, t.valueSha256),
    index('secret_findings_workspace_idx').on(t.workspaceId, t.state),
    index('secret_findings_changed_by_idx').on(t.stateChangedBy),
    check('secret_findings_state_check', sql`${t.state} in ('active', 'false_positive', 'revoked', 'accepted_risk')`),
    check('secret_findings_item_kind_check', sql`${t.itemKind} in ('collection', 'environment', 'globals')`),
  ],
);

/** The latest full re-scan of one workspace (daily job or on request): progress for the UI. */
export const secretScans = pgTable('secret_scans', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
  trigger: text('trigger', { enum: ['schedule', 'request'] }).notNull(),
  itemsTotal: integer('items_total').notNull().default(0),
  itemsDone: integer('items_done').notNull().default(0),
  newFindings: integer('new_findings').notNull().default(0),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  error: text('error'),
});
