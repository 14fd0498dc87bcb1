/** The API calls of the policy pages (P28) and of underage reports (P7). */
import { api } from '../api/client.ts';

export type PolicyKind = 'privacy' | 'cookies' | 'terms';
export const POLICY_KINDS: PolicyKind[] = ['privacy', 'cookies', 'terms'];
export const POLICY_LABELS: Record<PolicyKind, string> = { privacy: 'Privacy policy', cookies: 'Cookie notice', terms: 'Terms of use' };

export interface PolicyVersionSummary {
  kind: PolicyKind;
  version: number;
  title: string;
  effectiveAt: string | null;
  publishedAt: string | null;
  significant: boolean;
  keyChanges: string[];
  path: string;
}
export interface PolicyVersion extends PolicyVersionSummary {
  body: string;
}
export interface AdminPolicyVersion extends PolicyVersion {
  announcement: { sent: number; finishedAt: string | null } | null;
}
export interface PolicyNotice {
  kind: PolicyKind;
  name: string;
  version: number;
  title: string;
  effectiveAt: string;
  keyChanges: string[];
  path: string;
  acknowledgeable: boolean;
}
export interface PolicyDraft {
  title: string;
  body: string;
  effectiveAt: string | null;
  significant: boolean;
  keyChanges: string[];
}

export const isPolicyKind = (value: string | undefined): value is PolicyKind => POLICY_KINDS.includes(value as PolicyKind);

export const policies = {
  current: (kind: PolicyKind) => api<PolicyVersion>('GET', `/api/policies/${kind}`),
  version: (kind: PolicyKind, version: number) => api<PolicyVersion>('GET', `/api/policies/${kind}/versions/${version}`),
  archive: (kind: PolicyKind) => api<{ versions: PolicyVersionSummary[] }>('GET', `/api/policies/${kind}/versions`),
  notices: () => api<{ notices: PolicyNotice[] }>('GET', '/api/policy-notices'),
  acknowledge: (kind: PolicyKind, version: number) => api<undefined>('POST', `/api/policies/${kind}/versions/${version}/acknowledgement`),
  all: () => api<{ versions: AdminPolicyVersion[] }>('GET', '/api/admin/policies'),
  createDraft: (kind: PolicyKind, draft: PolicyDraft) => api<PolicyVersion>('POST', `/api/policies/${kind}/versions`, { body: draft }),
  updateDraft: (kind: PolicyKind, version: number, draft: PolicyDraft) =>
    api<PolicyVersion>('PATCH', `/api/policies/${kind}/versions/${version}`, { body: draft }),
  deleteDraft: (kind: PolicyKind, version: number) => api<undefined>('DELETE', `/api/policies/${kind}/versions/${version}`),
  publish: (kind: PolicyKind, version: number) => api<PolicyVersion>('POST', `/api/policies/${kind}/versions/${version}/publish`),
};

export interface UnderageReport {
  id: string;
  status: 'open' | 'confirmed' | 'dismissed';
  note: string | null;
  reportedBy: string | null;
  createdAt: string;
  reviewedAt: string | null;
  account: { username: string; createdAt: string; suspendedAt: string | null; deletionScheduledFor: string | null };
  ageCheckRecord: null;
}

export const underageReports = {
  report: (username: string, note: string) =>
    api<{ received: true }>('POST', `/api/accounts/${encodeURIComponent(username)}/underage-reports`, { body: note ? { note } : {} }),
  list: () => api<{ reports: UnderageReport[] }>('GET', '/api/admin/underage-reports'),
  confirm: (id: string) => api<UnderageReport>('POST', `/api/admin/underage-reports/${id}/confirm`),
  dismiss: (id: string) => api<UnderageReport>('POST', `/api/admin/underage-reports/${id}/dismiss`),
};

export interface PublicProfile {
  username: string;
  displayName: string | null;
  bio: string | null;
  avatarUrl: string | null;
  email: string | null;
}
export const publicProfile = (username: string) => api<PublicProfile>('GET', `/api/users/${encodeURIComponent(username)}`);
