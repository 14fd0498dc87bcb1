import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { workspaces } from '../workspaces/schema.ts';

/** The recorded reasons an operator may read a private workspace for (P16); nothing else opens one. */
export const OPERATOR_ACCESS_REASONS = [
  'security',
  'support_requested',
  'service_integrity',
  'legal_obligation',
  'suspected_unlawful_content',
  'owner_consent',
] as const;
export type OperatorAccessReason = (typeof OPERATOR_ACCESS_REASONS)[number];

/**
 * A time-boxed, read-only grant to the operator for one workspace (P16). It is active from
 * `starts_at` (set at creation, or when the owner consents for 'owner_consent') until
 * `expires_at` or `ended_at`, whichever comes first.
 */
export const operatorAccessGrants = pgTable(
  'operator_access_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    operatorId: uuid('operator_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').$type<OperatorAccessReason>().notNull(),
    ticketRef: text('ticket_ref'),
    justification: text('justification').notNull(),
    hours: integer('hours').notNull(),
    createdAt: createdAt(),
    // Null while an 'owner_consent' grant waits for the owner.
    startsAt: timestamp('starts_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    consentedBy: uuid('consented_by').references(() => users.id, { onDelete: 'set null' }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by').references(() => users.id, { onDelete: 'set null' }),
    // 'ended' (by the operator or an owner), 'declined' (the owner refused consent).
    endedHow: text('ended_how').$type<'ended' | 'declined'>(),
  },
  (t) => [index('operator_access_grants_workspace_idx').on(t.workspaceId, t.createdAt), index('operator_access_grants_operator_idx').on(t.operatorId)],
);

/** One read of workspace content under a grant: the access transparency log (P16). */
export const operatorAccessReads = pgTable(
  'operator_access_reads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => operatorAccessGrants.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    operatorId: uuid('operator_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    method: text('method').notNull(),
    // The route pattern (/api/collections/:id) and the path read, whose ids name the item.
    route: text('route').notNull(),
    path: text('path').notNull(),
  },
  (t) => [index('operator_access_reads_workspace_idx').on(t.workspaceId, t.at)],
);
