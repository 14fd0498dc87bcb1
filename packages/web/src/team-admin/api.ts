import { api } from '../api/client.ts';
import type { Page, TeamMember } from '../api/types.ts';

const id = (value: string) => encodeURIComponent(value);

/** A member as the team's owner and admins see them: with their suspension and whether the team manages the account (P11). */
export interface AdminTeamMember extends TeamMember {
  suspended?: boolean;
  managed?: boolean;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  /** Username; null for the system or a deleted account. */
  actor: string | null;
  targetType: string | null;
  targetId: string | null;
  /** Username when the target is an existing account. */
  target: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilters {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface Incident {
  id: string;
  title: string;
  justification: string;
  openedBy: string | null;
  openedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  open: boolean;
}

export interface IncidentAccess {
  occurredAt: string;
  viewer: string | null;
  data: 'members' | 'usage' | 'devices' | string;
  subject: string | null;
}

export interface MemberUsage {
  username: string;
  requestsLast30Days: number;
  requestsInTeamWorkspacesLast30Days: number;
  lastRequestAt: string | null;
  lastSessionSeenAt: string | null;
  lastApiKeyUsedAt: string | null;
  lastActiveAt: string | null;
}

export interface MemberDevice {
  browser: string | null;
  os: string | null;
  approximateNetwork: string | null;
  approximateLocation: string | null;
  createdAt: string;
  lastSeenAt: string;
}

/** Query string of the filters that are set, plus extra parameters. */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value.trim() !== '') params.set(key, value.trim());
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `base` is /api/teams/{slug}/audit-events or /api/admin/audit-events. */
export const auditLog = {
  teamBase: (slug: string) => `/api/teams/${id(slug)}/audit-events`,
  operatorBase: '/api/admin/audit-events',
  search: (base: string, filters: AuditFilters, cursor?: string | null) =>
    api<Page<AuditEvent>>('GET', `${base}${auditQuery(filters, cursor ? { cursor } : {})}`),
  /** A plain link: the browser streams the file to disk with the session cookie. */
  exportUrl: (base: string, filters: AuditFilters, format: 'csv' | 'jsonl') => `${base}/export${auditQuery(filters, { format })}`,
};

export const teamAdmin = {
  members: (slug: string, cursor?: string | null) =>
    api<Page<AdminTeamMember>>('GET', `/api/teams/${id(slug)}/members${cursor ? `?cursor=${id(cursor)}` : ''}`),
  suspend: (slug: string, username: string) => api<AdminTeamMember>('PUT', `/api/teams/${id(slug)}/members/${id(username)}/suspension`),
  unsuspend: (slug: string, username: string) => api<AdminTeamMember>('DELETE', `/api/teams/${id(slug)}/members/${id(username)}/suspension`),
};

export const incidents = {
  list: (slug: string) => api<{ items: Incident[]; canOpen: boolean }>('GET', `/api/teams/${id(slug)}/incidents`),
  open: (slug: string, input: { title: string; justification: string }) => api<Incident>('POST', `/api/teams/${id(slug)}/incidents`, { body: input }),
  get: (slug: string, incidentId: string) =>
    api<{ incident: Incident; accessLog: IncidentAccess[]; canView: boolean }>('GET', `/api/teams/${id(slug)}/incidents/${id(incidentId)}`),
  close: (slug: string, incidentId: string) => api<Incident>('POST', `/api/teams/${id(slug)}/incidents/${id(incidentId)}/close`),
  members: (slug: string, incidentId: string) =>
    api<{ items: AdminTeamMember[] }>('GET', `/api/teams/${id(slug)}/incidents/${id(incidentId)}/members`),
  usage: (slug: string, incidentId: string, username: string) =>
    api<MemberUsage>('GET', `/api/teams/${id(slug)}/incidents/${id(incidentId)}/members/${id(username)}/usage`),
  devices: (slug: string, incidentId: string, username: string) =>
    api<{ username: string; items: MemberDevice[] }>('GET', `/api/teams/${id(slug)}/incidents/${id(incidentId)}/members/${id(username)}/devices`),
};
