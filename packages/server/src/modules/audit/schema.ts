import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { teams } from '../teams/schema.ts';

/**
 * The audit log (P18, P19, P24, P26): append-only record of security- and privacy-relevant events.
 * Rows never hold an email, name or IP address: the actor is an account id (NULL once that account
 * is erased, which reads as "Deleted user") and `details` holds ids, counts and codes only.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Stable dotted code, e.g. `privacy.export.downloaded`, `retention.purged`. */
    action: text('action').notNull(),
    /** What was acted on, e.g. `account`, `export`, `privacy_request`, `table`. */
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** The team whose admins may read the event (P18); NULL for instance-level events. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('audit_events_occurred_at_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_team_idx').on(t.teamId, t.occurredAt),
  ],
);
