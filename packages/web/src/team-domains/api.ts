import { api } from '../api/client.ts';

const id = (value: string) => encodeURIComponent(value);

/** A team's email domain (P11, P12), with the TXT record that proves control of it. */
export interface TeamDomain {
  domain: string;
  status: 'pending' | 'verified';
  record: { name: string; type: 'TXT'; value: string };
  addedAt: string;
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  capture: { startedAt: string; noticeDays: number; effectiveAt: string; notifiedAccounts: number; managedAccounts: number } | null;
}

/** A managed member's email change waiting for an admin; addresses masked outside verified domains. */
export interface EmailChangeApproval {
  username: string;
  displayName: string | null;
  currentEmail: string;
  newEmail: string;
  requestedAt: string;
}

export interface ManagedAccountStatus {
  managedBy: { team: string; domain: string; effectiveAt: string; active: boolean } | null;
  pendingApproval: string | null;
}

export interface DomainLookup {
  domain: string;
  team: string | null;
  managed: boolean;
}

export const teamDomains = {
  list: (slug: string) => api<{ items: TeamDomain[] }>('GET', `/api/teams/${id(slug)}/domains`),
  add: (slug: string, domain: string) => api<TeamDomain>('POST', `/api/teams/${id(slug)}/domains`, { body: { domain } }),
  verify: (slug: string, domain: string) => api<TeamDomain>('POST', `/api/teams/${id(slug)}/domains/${id(domain)}/verify`),
  remove: (slug: string, domain: string) => api<void>('DELETE', `/api/teams/${id(slug)}/domains/${id(domain)}`),
  capture: (slug: string, domain: string, input: { noticeDays: number; contact?: string }) =>
    api<TeamDomain>('POST', `/api/teams/${id(slug)}/domains/${id(domain)}/capture`, { body: input }),
  approvals: (slug: string) => api<{ items: EmailChangeApproval[] }>('GET', `/api/teams/${id(slug)}/email-change-approvals`),
  approve: (slug: string, username: string) => api<void>('POST', `/api/teams/${id(slug)}/email-change-approvals/${id(username)}/approve`),
  deny: (slug: string, username: string) => api<void>('POST', `/api/teams/${id(slug)}/email-change-approvals/${id(username)}/deny`),
  myStatus: () => api<ManagedAccountStatus>('GET', '/api/me/managed-account'),
  lookup: (email: string) => api<DomainLookup>('GET', `/api/team-domains/lookup?email=${id(email)}`),
};
