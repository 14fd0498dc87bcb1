import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { teams } from '../teams/schema.ts';
import { workspaces } from '../workspaces/schema.ts';

/**
 * An outgoing webhook endpoint of a team (every workspace of the team and its membership) or of
 * one workspace. The signing secret is sealed with the instance's secret box.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description'),
    events: text('events').array().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    // Why it was switched off (410 Gone, repeated failures), shown to admins; null when on or switched off by hand.
    disabledReason: text('disabled_reason'),
    // Deliveries that failed after all their attempts, in a row; a success resets it.
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_endpoints_team_id_idx').on(t.teamId),
    index('webhook_endpoints_workspace_id_idx').on(t.workspaceId),
    index('webhook_endpoints_created_by_idx').on(t.createdBy),
    check('webhook_endpoints_one_owner_check', sql`(${t.teamId} is null) <> (${t.workspaceId} is null)`),
  ],
);

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'retrying' | 'delivered' | 'failed';

/** One event sent (or to be sent) to one endpoint: the body as signed, and the last attempt's outcome. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'retrying', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    responseStatus: integer('response_status'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_created_at_idx').on(t.createdAt),
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending', 'sending', 'retrying', 'delivered', 'failed')`),
  ],
);
