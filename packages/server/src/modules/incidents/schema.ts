import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { teams } from '../teams/schema.ts';

/**
 * A security incident a team's owner opened (P15). Only while one is open may the owner see the
 * members' usernames, usage and device data; every view is written to the audit log, which is
 * also the incident's access log.
 */
export const securityIncidents = pgTable(
  'security_incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** Why the owner needs to look; free text that may name people. */
    justification: text('justification').notNull(),
    openedBy: uuid('opened_by').references(() => users.id, { onDelete: 'set null' }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('security_incidents_team_idx').on(t.teamId, t.openedAt), index('security_incidents_opened_by_idx').on(t.openedBy)],
);
