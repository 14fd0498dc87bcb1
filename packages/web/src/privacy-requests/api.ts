/** The API calls of the request desk (P26). */
import { api } from '../api/client.ts';

export type RequestKind = 'access' | 'deletion' | 'correction' | 'opt_out' | 'restriction' | 'objection';
export type RequestLaw = 'gdpr' | 'ccpa' | 'other';
export type RequestState = 'received' | 'identity_unverified' | 'verified' | 'in_progress' | 'completed' | 'denied' | 'extended';

export const KIND_LABELS: Record<RequestKind, string> = {
  access: 'Access: a copy of the data you hold about me',
  deletion: 'Deletion: delete my data',
  correction: 'Correction: correct data that is wrong',
  opt_out: 'Opt out of sale, sharing or marketing',
  restriction: 'Restriction: stop using my data while something is checked',
  objection: 'Objection: stop a use of my data',
};

export const LAW_LABELS: Record<RequestLaw, string> = {
  gdpr: 'GDPR (EU, EEA, UK): answered within one month',
  ccpa: 'CCPA (California): answered within 45 days',
  other: 'Other or not sure: answered within one month',
};

export const STATE_LABELS: Record<RequestState, string> = {
  received: 'Received',
  identity_unverified: 'Waiting for the code',
  verified: 'Identity confirmed',
  in_progress: 'In progress',
  completed: 'Completed',
  denied: 'Refused',
  extended: 'Extended',
};

export interface RequestStatus {
  reference: string;
  kind: RequestKind;
  law: RequestLaw;
  state: RequestState;
  requesterType: 'account' | 'email' | 'agent';
  receivedAt: string;
  dueAt: string;
  extendedAt: string | null;
  closedAt: string | null;
  outcome: string | null;
  exportUrl: string | null;
  history: { at: string; state: RequestState; reason: string | null }[];
}

export interface RequestDetail extends RequestStatus {
  id: string;
  warning: 'overdue' | 'due_soon' | null;
  requesterName: string | null;
  requesterEmail: string | null;
  subjectName: string | null;
  subjectEmail: string | null;
  details: string | null;
  account: { id: string; username: string } | null;
  hasAuthorization: boolean;
  processingRestriction: { by: 'person' | 'staff'; reason: string | null; since: string; thisRequest: boolean } | null;
  events: { at: string; kind: 'transition' | 'note' | 'restriction'; actor: string; fromState: RequestState | null; toState: RequestState | null; note: string | null }[];
}

export interface PublicRequestInput {
  kind: RequestKind;
  law: RequestLaw;
  details?: string;
  name: string;
  email: string;
  onBehalfOf?: { name: string; email: string; authorization: string };
}

const ref = (reference: string) => encodeURIComponent(reference);

export const privacyRequestsApi = {
  submit: (input: PublicRequestInput) => api<{ reference: string; state: RequestState; dueAt: string }>('POST', '/api/privacy-requests', { body: input }),
  verify: (reference: string, code: string) => api<RequestStatus>('POST', `/api/privacy-requests/${ref(reference)}/verify`, { body: { code } }),
  resendCode: (reference: string) => api<{ sent: true }>('POST', `/api/privacy-requests/${ref(reference)}/resend-code`, { body: {} }),
  status: (reference: string, token: string) =>
    api<RequestStatus>('GET', `/api/privacy-requests/${ref(reference)}?token=${encodeURIComponent(token)}`),
  mine: () => api<{ requests: RequestStatus[] }>('GET', '/api/me/privacy-requests'),
  submitMine: (input: { kind: RequestKind; law: RequestLaw; details?: string }) =>
    api<RequestStatus>('POST', '/api/me/privacy-requests', { body: input }),
  // The operator's desk.
  queue: (state: string) => api<{ requests: RequestDetail[] }>('GET', `/api/admin/privacy-requests${state ? `?state=${encodeURIComponent(state)}` : ''}`),
  get: (id: string) => api<RequestDetail>('GET', `/api/admin/privacy-requests/${encodeURIComponent(id)}`),
  act: (id: string, action: 'start' | 'complete' | 'deny' | 'extend' | 'restriction' | 'notes', body: Record<string, unknown> = {}) =>
    api<RequestDetail>('POST', `/api/admin/privacy-requests/${encodeURIComponent(id)}/${action}`, { body }),
};

/** The file's bytes as base64, for the JSON body (the server checks type and size again). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
