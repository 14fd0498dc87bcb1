import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

/** open: the operator's turn; waiting: the requester's turn; resolved: done (retention starts). */
export type TicketState = 'open' | 'waiting' | 'resolved';
export const TICKET_STATES = ['open', 'waiting', 'resolved'] as const satisfies readonly TicketState[];

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array: callers always get a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Support tickets (P3): from a signed-in person (requester_id) or from someone without an account
 * (contact_email only). The contact details are kept only to answer them.
 */
export const supportTickets = pgTable(
  'support_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown to the requester, e.g. ST-7K2M-Q9XD; the operator-access feature cites it (P16). */
    reference: text('reference').notNull().unique(),
    requesterId: uuid('requester_id').references(() => users.id, { onDelete: 'cascade' }),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull(),
    state: text('state').$type<TicketState>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Set while resolved; retention counts from it. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('support_tickets_requester_idx').on(t.requesterId),
    index('support_tickets_state_idx').on(t.state, t.updatedAt),
    check('support_tickets_state_check', sql`${t.state} in ('open', 'waiting', 'resolved')`),
  ],
);

/**
 * Replies on a ticket, from the requester or the operator. The requester's id and address are
 * repeated here (and on attachments) so that export and erasure find every row from the data map
 * alone; `expires_at` is set when the ticket is resolved.
 */
export const supportTicketMessages = pgTable(
  'support_ticket_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id, { onDelete: 'cascade' }),
    requesterId: uuid('requester_id').references(() => users.id, { onDelete: 'cascade' }),
    requesterEmail: text('requester_email'),
    /** 'requester' or 'operator'; for an operator, author_id says who. */
    fromRole: text('from_role').$type<'requester' | 'operator'>().notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('support_ticket_messages_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** Screenshots and logs attached to a ticket; the type comes from the bytes. */
export const supportTicketAttachments = pgTable(
  'support_ticket_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id, { onDelete: 'cascade' }),
    requesterId: uuid('requester_id').references(() => users.id, { onDelete: 'cascade' }),
    requesterEmail: text('requester_email'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
    /** Resolution + 90 days: attachments go before the ticket does. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('support_ticket_attachments_ticket_idx').on(t.ticketId)],
);
