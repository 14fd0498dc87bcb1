import { byAccount, byEmail, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { supportTicketAttachments, supportTicketMessages, supportTickets } from './schema.ts';

/** Resolved tickets and their replies are kept a year after resolution, attachments 90 days (P19). */
export const TICKET_RETENTION_DAYS = 365;
export const ATTACHMENT_RETENTION_DAYS = 90;

const SUPPORT = 'support' as const;
const ticket = (category: `user.${string}`, what: string) => personal(category, what, [SUPPORT], 'contract');
// The requester's rows go with them: by account, and by address for people without one.
const requesterLinks = [byAccount('requester_id', 'requester', 'delete'), byEmail('requester_email', 'requester')];

export const declarations: TableDeclaration[] = [
  {
    table: supportTickets,
    description: 'A support ticket: who to answer, what the problem is (P3).',
    subjects: [byAccount('requester_id', 'requester', 'delete'), byEmail('contact_email', 'requester')],
    retention: { kind: 'age', column: 'resolved_at', days: TICKET_RETENTION_DAYS, describe: '12 months after the ticket is resolved' },
    columns: {
      id: rowId('ticket'),
      reference: system('The reference number given to the requester.', 'system.reference'),
      requester_id: ticket('user.unique_id', 'The account that opened the ticket, if any.'),
      contact_name: ticket('user.name', 'The name to address the requester by.'),
      contact_email: ticket('user.contact.email', 'Where answers go.'),
      summary: ticket('user.content.support', 'The summary the requester wrote.'),
      description: ticket('user.content.support', 'The problem as the requester described it.'),
      state: system('Open, waiting on the requester, or resolved.'),
      created_at: createdAt('ticket'),
      updated_at: system('When the ticket last changed.', 'system.timestamp'),
      resolved_at: system('When the ticket was resolved.', 'system.timestamp'),
    },
  },
  {
    table: supportTicketMessages,
    description: 'A reply on a support ticket, from the requester or the operator (P3).',
    subjects: [...requesterLinks, byAccount('author_id', 'operator', 'reattribute')],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: '12 months after the ticket is resolved (deleted with it)' },
    columns: {
      id: rowId('reply'),
      ticket_id: system('The ticket.', 'system.reference'),
      requester_id: ticket('user.unique_id', 'The account that opened the ticket, if any.'),
      requester_email: ticket('user.contact.email', 'The address of the requester.'),
      from_role: system('Requester or operator.'),
      author_id: personal('user.unique_id', 'The operator who answered.', [SUPPORT], 'contract'),
      body: { ...ticket('user.content.support', 'The text of the reply.'), mentions: true },
      created_at: createdAt('reply'),
      expires_at: system('When the reply goes: 12 months after resolution.', 'system.timestamp'),
    },
  },
  {
    table: supportTicketAttachments,
    description: 'A screenshot or log attached to a support ticket (P3).',
    subjects: requesterLinks,
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: '90 days after the ticket is resolved' },
    columns: {
      id: rowId('attachment'),
      ticket_id: system('The ticket.', 'system.reference'),
      requester_id: ticket('user.unique_id', 'The account that opened the ticket, if any.'),
      requester_email: ticket('user.contact.email', 'The address of the requester.'),
      file_name: ticket('user.content.support', 'The file name as uploaded.'),
      content_type: system('PNG, JPEG, GIF, WebP, PDF or plain text, from the bytes.'),
      size: system('Its size in bytes.'),
      bytes: ticket('user.content.support', 'The screenshot or log.'),
      created_at: createdAt('attachment'),
      expires_at: system('When the attachment goes: 90 days after resolution.', 'system.timestamp'),
    },
  },
];
