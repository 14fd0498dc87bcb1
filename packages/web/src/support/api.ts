/** The API calls of support tickets (P3) and a team's billing records (P4). */
import { api } from '../api/client.ts';

export type TicketState = 'open' | 'waiting' | 'resolved';

export const TICKET_STATE_LABELS: Record<TicketState, string> = {
  open: 'Open',
  waiting: 'Waiting on the requester',
  resolved: 'Resolved',
};

/** Limits the server enforces too; checked here first so nobody uploads 15 MiB to hear "no". */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_TOTAL_ATTACHMENT_BYTES = 15 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
export const ATTACHMENT_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log';

export interface TicketSummary {
  id: string;
  reference: string;
  state: TicketState;
  summary: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export interface QueueItem extends TicketSummary {
  contactName: string;
  contactEmail: string;
  hasAccount: boolean;
}

export interface Ticket extends QueueItem {
  description: string;
  messages: { id: string; from: 'requester' | 'operator'; body: string; createdAt: string }[];
  attachments: { id: string; fileName: string; contentType: string; size: number; createdAt: string }[];
}

export interface OpenTicketInput {
  contactName: string;
  contactEmail: string;
  summary: string;
  description: string;
  attachments: { name: string; data: string }[];
}

const ref = (reference: string) => encodeURIComponent(reference);

export const supportApi = {
  open: (input: OpenTicketInput) => api<{ reference: string; state: TicketState; createdAt: string }>('POST', '/api/support/tickets', { body: input }),
  mine: () => api<{ tickets: TicketSummary[] }>('GET', '/api/me/support/tickets'),
  mineOne: (reference: string) => api<Ticket>('GET', `/api/me/support/tickets/${ref(reference)}`),
  replyMine: (reference: string, body: string) => api<Ticket>('POST', `/api/me/support/tickets/${ref(reference)}/replies`, { body: { body } }),
  mineAttachmentUrl: (reference: string, id: string) => `/api/me/support/tickets/${ref(reference)}/attachments/${encodeURIComponent(id)}`,
  queue: (state: string) => api<{ tickets: QueueItem[] }>('GET', `/api/admin/support/tickets${state ? `?state=${encodeURIComponent(state)}` : ''}`),
  get: (id: string) => api<Ticket>('GET', `/api/admin/support/tickets/${encodeURIComponent(id)}`),
  reply: (id: string, body: string, state: TicketState) => api<Ticket>('POST', `/api/admin/support/tickets/${encodeURIComponent(id)}/replies`, { body: { body, state } }),
  setState: (id: string, state: TicketState) => api<Ticket>('POST', `/api/admin/support/tickets/${encodeURIComponent(id)}/state`, { body: { state } }),
  attachmentUrl: (id: string, attachmentId: string) => `/api/admin/support/tickets/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
};

export type BillingPlan = 'free' | 'team' | 'business';
export const PLAN_LABELS: Record<BillingPlan, string> = { free: 'Free', team: 'Team', business: 'Business' };

export interface Billing {
  plan: BillingPlan;
  seats: number | null;
  renewalDate: string | null;
  contact: { kind: 'member'; username: string; displayName: string | null } | { kind: 'email'; name: string; email: string } | null;
  updatedAt: string | null;
}

export interface BillingInput {
  plan: BillingPlan;
  seats: number | null;
  renewalDate: string | null;
  contact: { username: string } | { name: string; email: string } | null;
}

export const billingApi = {
  get: (slug: string) => api<Billing>('GET', `/api/teams/${encodeURIComponent(slug)}/billing`),
  set: (slug: string, input: BillingInput) => api<Billing>('PUT', `/api/teams/${encodeURIComponent(slug)}/billing`, { body: input }),
};

// The same reader the request desk uses for its uploads.
export { fileToBase64 } from '../privacy-requests/api.ts';

export const fileSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`);
