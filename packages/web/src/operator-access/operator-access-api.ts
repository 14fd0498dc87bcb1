/** Operator access to private workspaces (P16): grants (operator), consent and the transparency log (owners). */
import { api } from '../api/client.ts';

export type OperatorAccessReason = 'security' | 'support_requested' | 'service_integrity' | 'legal_obligation' | 'suspected_unlawful_content' | 'owner_consent';
export type GrantStatus = 'awaiting_consent' | 'active' | 'expired' | 'ended' | 'declined';

export interface OperatorGrant {
  id: string;
  workspaceId: string;
  workspaceName: string;
  operator: string | null;
  reason: OperatorAccessReason;
  reasonLabel: string;
  ticketRef: string | null;
  justification: string;
  hours: number;
  status: GrantStatus;
  createdAt: string;
  startsAt: string | null;
  expiresAt: string;
  consentedAt: string | null;
  endedAt: string | null;
}

export interface OperatorRead {
  id: string;
  grantId: string;
  operator: string | null;
  at: string;
  method: string;
  route: string;
  path: string;
}

export const REASONS: { value: OperatorAccessReason; label: string; hint: string }[] = [
  { value: 'security', label: 'Security', hint: 'An attack, a compromised account or a leaked credential.' },
  { value: 'support_requested', label: 'Support requested by the owner', hint: 'Needs the ticket reference.' },
  { value: 'service_integrity', label: 'Service integrity', hint: 'Content that breaks or endangers the instance.' },
  { value: 'legal_obligation', label: 'Legal obligation', hint: 'A court order or a request the law obliges us to answer.' },
  { value: 'suspected_unlawful_content', label: 'Suspected unlawful content', hint: 'A report that the workspace holds unlawful content.' },
  { value: 'owner_consent', label: "The owner's consent", hint: 'Nothing is readable until the owner agrees.' },
];

export const STATUS_LABELS: Record<GrantStatus, string> = {
  awaiting_consent: 'Waiting for consent',
  active: 'Active',
  expired: 'Expired',
  ended: 'Ended early',
  declined: 'Declined',
};

const id = (value: string) => encodeURIComponent(value);

export const operatorAccess = {
  list: () => api<{ grants: OperatorGrant[]; maxHours: number }>('GET', '/api/admin/operator-access'),
  create: (body: { workspaceId: string; reason: string; ticketRef?: string; justification: string; hours: number }) =>
    api<OperatorGrant>('POST', '/api/admin/operator-access', { body }),
  end: (grantId: string) => api<OperatorGrant>('POST', `/api/operator-access/${id(grantId)}/end`),
  decide: (grantId: string, agree: boolean) => api<OperatorGrant>('POST', `/api/operator-access/${id(grantId)}/consent`, { body: { agree } }),
  log: (workspaceId: string) => api<{ grants: OperatorGrant[]; reads: OperatorRead[] }>('GET', `/api/workspaces/${id(workspaceId)}/access-log`),
};
