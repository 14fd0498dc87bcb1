import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { supportTicketAttachments, supportTicketMessages, supportTickets } from './schema.ts';
import type { TicketState } from './schema.ts';

export type TicketRecord = typeof supportTickets.$inferSelect;
export type NewTicket = typeof supportTickets.$inferInsert;
export type MessageRecord = typeof supportTicketMessages.$inferSelect;

export interface NewAttachment {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** An attachment without its bytes, for lists. */
export interface AttachmentInfo {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

export interface AttachmentFile extends AttachmentInfo {
  ticketId: string;
  bytes: Buffer;
}

export interface SupportTicketStore {
  /** The ticket, its attachments and first message in one transaction. */
  create(ticket: NewTicket, attachments: NewAttachment[]): Promise<TicketRecord>;
  find(id: string): Promise<TicketRecord | undefined>;
  findByReference(reference: string): Promise<TicketRecord | undefined>;
  /** Open and waiting tickets first (oldest change first), then resolved ones, newest first. */
  list(states: readonly TicketState[] | undefined, limit: number): Promise<TicketRecord[]>;
  listForRequester(requesterId: string): Promise<TicketRecord[]>;
  messages(ticketId: string): Promise<MessageRecord[]>;
  attachments(ticketId: string): Promise<AttachmentInfo[]>;
  attachment(ticketId: string, attachmentId: string): Promise<AttachmentFile | undefined>;
  addMessage(ticket: TicketRecord, message: { fromRole: 'requester' | 'operator'; authorId: string | null; body: string; createdAt: Date }): Promise<void>;
  /**
   * Sets the state; entering 'resolved' stamps resolved_at and the expiry of replies and
   * attachments, leaving it clears them.
   */
  setState(id: string, state: TicketState, now: Date, expiry: { messages: Date; attachments: Date } | null): Promise<TicketRecord | undefined>;
}

const infoColumns = {
  id: supportTicketAttachments.id,
  fileName: supportTicketAttachments.fileName,
  contentType: supportTicketAttachments.contentType,
  size: supportTicketAttachments.size,
  createdAt: supportTicketAttachments.createdAt,
};

export function createSupportTicketStore(db: Database): SupportTicketStore {
  return {
    async create(ticket, attachments) {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(supportTickets).values(ticket).returning();
        const owner = { ticketId: row!.id, requesterId: row!.requesterId, requesterEmail: row!.contactEmail };
        if (attachments.length > 0) {
          await tx.insert(supportTicketAttachments).values(attachments.map((a) => ({ ...owner, ...a, size: a.bytes.length })));
        }
        return row!;
      });
    },
    async find(id) {
      const [row] = await db.select().from(supportTickets).where(eq(supportTickets.id, id));
      return row;
    },
    async findByReference(reference) {
      const [row] = await db.select().from(supportTickets).where(eq(supportTickets.reference, reference.toUpperCase()));
      return row;
    },
    async list(states, limit) {
      return db
        .select()
        .from(supportTickets)
        .where(states ? inArray(supportTickets.state, [...states]) : undefined)
        .orderBy(
          sql`case when ${supportTickets.state} = 'resolved' then 1 else 0 end`,
          sql`case when ${supportTickets.state} = 'resolved' then null else ${supportTickets.updatedAt} end asc`,
          desc(supportTickets.updatedAt),
        )
        .limit(limit);
    },
    async listForRequester(requesterId) {
      return db.select().from(supportTickets).where(eq(supportTickets.requesterId, requesterId)).orderBy(desc(supportTickets.createdAt));
    },
    async messages(ticketId) {
      return db.select().from(supportTicketMessages).where(eq(supportTicketMessages.ticketId, ticketId)).orderBy(asc(supportTicketMessages.createdAt), asc(supportTicketMessages.id));
    },
    async attachments(ticketId) {
      return db.select(infoColumns).from(supportTicketAttachments).where(eq(supportTicketAttachments.ticketId, ticketId)).orderBy(asc(supportTicketAttachments.createdAt), asc(supportTicketAttachments.fileName));
    },
    async attachment(ticketId, attachmentId) {
      const [row] = await db
        .select({ ...infoColumns, ticketId: supportTicketAttachments.ticketId, bytes: supportTicketAttachments.bytes })
        .from(supportTicketAttachments)
        .where(and(eq(supportTicketAttachments.ticketId, ticketId), eq(supportTicketAttachments.id, attachmentId)));
      return row;
    },
    async addMessage(ticket, message) {
      await db.insert(supportTicketMessages).values({
        ticketId: ticket.id,
        requesterId: ticket.requesterId,
        requesterEmail: ticket.contactEmail,
        ...message,
        // A reply on a resolved ticket (the operator's closing note) goes with the ticket.
        expiresAt: null,
      });
    },
    async setState(id, state, now, expiry) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(supportTickets)
          .set({ state, updatedAt: now, resolvedAt: state === 'resolved' ? now : null })
          .where(eq(supportTickets.id, id))
          .returning();
        if (!row) return undefined;
        await tx.update(supportTicketMessages).set({ expiresAt: expiry?.messages ?? null }).where(eq(supportTicketMessages.ticketId, id));
        await tx.update(supportTicketAttachments).set({ expiresAt: expiry?.attachments ?? null }).where(eq(supportTicketAttachments.ticketId, id));
        return row;
      });
    },
  };
}
