import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { AppError, badRequest, notFound, tooLarge } from '../../errors.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import { detectUploadType } from '../../uploads/file-type.ts';
import type { UploadType } from '../../uploads/file-type.ts';
import type { AuditService } from '../audit/service.ts';
import { ATTACHMENT_RETENTION_DAYS, TICKET_RETENTION_DAYS } from './datamap.ts';
import { openedMessage, replyMessage, resolvedMessage } from './messages.ts';
import type { TicketState } from './schema.ts';
import { createSupportTicketStore } from './store.ts';
import type { AttachmentFile, AttachmentInfo, MessageRecord, NewAttachment, SupportTicketStore, TicketRecord } from './store.ts';

/** Attachment limits (P3): per file, all files of a ticket together, and how many. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_TOTAL_ATTACHMENT_BYTES = 15 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
export const ATTACHMENT_TYPES: readonly UploadType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'];
/** Where a signed-in requester reads a ticket in the web app. */
export const TICKET_PAGE_PATH = '/support/tickets';

const DAY_MS = 24 * 60 * 60 * 1000;
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TICKET_REFERENCE = /^ST-[0-9A-Z]{4}-[0-9A-Z]{4}$/i;

/** A reference such as ST-7K2M-Q9XD: short enough to read out, too many to guess. */
export function newTicketReference(): string {
  const chars = [...randomBytes(8)].map((b) => REFERENCE_ALPHABET[b % 32]).join('');
  return `ST-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export interface SupportTicketServiceDeps {
  store: SupportTicketStore;
  mailer: Mailer;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  publicUrl: string;
  reportError: (error: unknown) => void;
}

export interface OpenTicketInput {
  /** The signed-in requester, or null for someone without an account. */
  requesterId: string | null;
  contactName: string;
  contactEmail: string;
  summary: string;
  description: string;
  attachments: { name: string; bytes: Buffer }[];
}

export interface TicketView {
  id: string;
  reference: string;
  state: TicketState;
  summary: string;
  description: string;
  contactName: string;
  contactEmail: string;
  /** Whether a signed-in person opened it (else only the email address links it to someone). */
  hasAccount: boolean;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  messages: { id: string; from: 'requester' | 'operator'; body: string; createdAt: Date }[];
  attachments: AttachmentInfo[];
}

/** What the operator-access feature (P16) learns about a ticket cited as the owner's request for support. */
export interface OwnerTicket {
  id: string;
  reference: string;
  state: TicketState;
  summary: string;
  createdAt: Date;
}

export type SupportTicketService = ReturnType<typeof createSupportTicketService>;

const ticketNotFound = () => notFound('No support ticket has this reference, or it is not yours.', { code: 'TICKET_NOT_FOUND' });
const mib = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;

/** Checks count, sizes and types (from the bytes); the first problem found is the answer. */
export async function checkAttachments(files: { name: string; bytes: Buffer }[]): Promise<NewAttachment[]> {
  if (files.length > MAX_ATTACHMENTS) {
    throw badRequest(`Attach at most ${MAX_ATTACHMENTS} files.`, { code: 'TOO_MANY_ATTACHMENTS' });
  }
  let total = 0;
  const checked: NewAttachment[] = [];
  for (const file of files) {
    if (file.bytes.length === 0) throw badRequest(`"${file.name}" is empty.`, { code: 'ATTACHMENT_EMPTY' });
    if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
      throw tooLarge(`"${file.name}" is larger than ${mib(MAX_ATTACHMENT_BYTES)}; attach a smaller file.`, { code: 'ATTACHMENT_TOO_LARGE' });
    }
    total += file.bytes.length;
    if (total > MAX_TOTAL_ATTACHMENT_BYTES) {
      throw tooLarge(`The attachments together may be at most ${mib(MAX_TOTAL_ATTACHMENT_BYTES)}; attach fewer or smaller files.`, { code: 'ATTACHMENTS_TOO_LARGE' });
    }
    const type = await detectUploadType(file.bytes, ATTACHMENT_TYPES);
    if (!type) {
      throw new AppError(
        415,
        'ATTACHMENT_TYPE_UNSUPPORTED',
        `"${file.name}" is not a PNG, JPEG, GIF or WebP image, a PDF or a plain text file (the type is read from the file's contents, not its name).`,
      );
    }
    checked.push({ fileName: file.name, contentType: type, bytes: file.bytes });
  }
  return checked;
}

export function createSupportTicketService(deps: SupportTicketServiceDeps) {
  const { store, clock } = deps;

  async function send(message: MailMessage): Promise<void> {
    try {
      await deps.mailer.send(message);
    } catch (error) {
      deps.reportError(error);
    }
  }

  const about = (t: TicketRecord) => ({
    to: t.contactEmail,
    name: t.contactName,
    reference: t.reference,
    summary: t.summary,
    url: t.requesterId ? `${deps.publicUrl}${TICKET_PAGE_PATH}/${t.reference}` : null,
  });

  async function view(ticket: TicketRecord): Promise<TicketView> {
    const [messages, attachments] = await Promise.all([store.messages(ticket.id), store.attachments(ticket.id)]);
    return {
      id: ticket.id,
      reference: ticket.reference,
      state: ticket.state,
      summary: ticket.summary,
      description: ticket.description,
      contactName: ticket.contactName,
      contactEmail: ticket.contactEmail,
      hasAccount: ticket.requesterId !== null,
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
      resolvedAt: ticket.resolvedAt,
      messages: messages.map((m: MessageRecord) => ({ id: m.id, from: m.fromRole, body: m.body, createdAt: m.createdAt })),
      attachments,
    };
  }

  async function mine(requesterId: string, reference: string): Promise<TicketRecord> {
    const ticket = await store.findByReference(reference);
    // Someone else's ticket answers like a missing one: references are not to be probed.
    if (!ticket || ticket.requesterId !== requesterId) throw ticketNotFound();
    return ticket;
  }

  async function byId(id: string): Promise<TicketRecord> {
    const ticket = await store.find(id);
    if (!ticket) throw notFound('No such support ticket.', { code: 'TICKET_NOT_FOUND' });
    return ticket;
  }

  async function moveTo(ticket: TicketRecord, state: TicketState, actorId: string | null): Promise<TicketRecord> {
    if (ticket.state === state) return ticket;
    const now = clock();
    const expiry =
      state === 'resolved'
        ? { messages: new Date(now.getTime() + TICKET_RETENTION_DAYS * DAY_MS), attachments: new Date(now.getTime() + ATTACHMENT_RETENTION_DAYS * DAY_MS) }
        : null;
    const moved = (await store.setState(ticket.id, state, now, expiry)) ?? ticket;
    if (state === 'resolved') {
      await deps.audit.record({ actorId, action: 'support.ticket_resolved', targetType: 'support_ticket', targetId: ticket.id, details: { reference: ticket.reference } });
    }
    return moved;
  }

  return {
    async open(input: OpenTicketInput): Promise<TicketView> {
      const attachments = await checkAttachments(input.attachments);
      const now = clock();
      const ticket = await store.create(
        {
          reference: newTicketReference(),
          requesterId: input.requesterId,
          contactName: input.contactName,
          contactEmail: input.contactEmail,
          summary: input.summary,
          description: input.description,
          state: 'open',
          createdAt: now,
          updatedAt: now,
        },
        attachments,
      );
      // Ids and counts only: the audit log outlives the people in it.
      await deps.audit.record({
        actorId: input.requesterId,
        action: 'support.ticket_opened',
        targetType: 'support_ticket',
        targetId: ticket.id,
        details: { reference: ticket.reference, attachments: attachments.length, signedIn: input.requesterId !== null },
      });
      await send(openedMessage(about(ticket)));
      return view(ticket);
    },

    // ---- The requester ----

    async listMine(requesterId: string): Promise<TicketRecord[]> {
      return store.listForRequester(requesterId);
    },

    async getMine(requesterId: string, reference: string): Promise<TicketView> {
      return view(await mine(requesterId, reference));
    },

    /** The requester answers: the ticket is the operator's turn again (a resolved one reopens). */
    async replyMine(requesterId: string, reference: string, body: string): Promise<TicketView> {
      const ticket = await mine(requesterId, reference);
      await store.addMessage(ticket, { fromRole: 'requester', authorId: requesterId, body, createdAt: clock() });
      return view(await moveTo(ticket, 'open', requesterId));
    },

    async attachmentMine(requesterId: string, reference: string, attachmentId: string): Promise<AttachmentFile> {
      const ticket = await mine(requesterId, reference);
      const file = await store.attachment(ticket.id, attachmentId);
      if (!file) throw notFound('No such attachment.', { code: 'ATTACHMENT_NOT_FOUND' });
      return file;
    },

    // ---- The operator's queue ----

    async list(states: readonly TicketState[] | undefined, limit = 500): Promise<TicketRecord[]> {
      return store.list(states, limit);
    },

    async get(id: string): Promise<TicketView> {
      return view(await byId(id));
    },

    async attachment(id: string, attachmentId: string): Promise<AttachmentFile> {
      const file = await store.attachment((await byId(id)).id, attachmentId);
      if (!file) throw notFound('No such attachment.', { code: 'ATTACHMENT_NOT_FOUND' });
      return file;
    },

    /**
     * The operator answers (mailed to the contact address and shown in the app) and sets the next
     * state: waiting on the requester by default, or resolved.
     */
    async reply(operatorId: string, id: string, input: { body: string; state: TicketState }): Promise<TicketView> {
      const ticket = await byId(id);
      await store.addMessage(ticket, { fromRole: 'operator', authorId: operatorId, body: input.body, createdAt: clock() });
      const moved = await moveTo(ticket, input.state, operatorId);
      await send(replyMessage({ ...about(moved), body: input.body, resolved: moved.state === 'resolved' }));
      return view(moved);
    },

    async setState(operatorId: string, id: string, state: TicketState): Promise<TicketView> {
      const ticket = await byId(id);
      const moved = await moveTo(ticket, state, operatorId);
      if (state === 'resolved' && ticket.state !== 'resolved') await send(resolvedMessage(about(moved)));
      return view(moved);
    },

    /**
     * For the operator-access feature (P16, reason "support requested by the owner"): the ticket
     * with this reference if `userId` opened it while signed in and it is not resolved yet;
     * undefined otherwise (unknown reference, someone else's ticket, or resolved).
     */
    findTicketForOwner(reference: string, userId: string): Promise<OwnerTicket | undefined> {
      return lookUpOwnerTicket(store, reference, userId);
    },
  };
}

/**
 * The same lookup with only the database at hand (the operator-access feature, P16): see
 * SupportTicketService.findTicketForOwner.
 */
export async function findTicketForOwner(db: Database, reference: string, userId: string): Promise<OwnerTicket | undefined> {
  return lookUpOwnerTicket(createSupportTicketStore(db), reference, userId);
}

async function lookUpOwnerTicket(store: Pick<SupportTicketStore, 'findByReference'>, reference: string, userId: string): Promise<OwnerTicket | undefined> {
  if (!TICKET_REFERENCE.test(reference.trim())) return undefined;
  const ticket = await store.findByReference(reference.trim());
  if (!ticket || ticket.requesterId !== userId || ticket.state === 'resolved') return undefined;
  return { id: ticket.id, reference: ticket.reference, state: ticket.state, summary: ticket.summary, createdAt: ticket.createdAt };
}
