/** The API calls of restriction of use (P25) and the operator's usage analytics (P5). */
import { api } from '../api/client.ts';

export interface Restrictions {
  marketing: boolean;
  analytics: boolean;
  personalisation: boolean;
}

export interface AnalyticsOverview {
  since: string;
  daily: { day: string; type: 'page_view' | 'feature_used'; name: string; count: number }[];
  errors: { id: string; message: string; stack: string | null; path: string | null; createdAt: string }[];
  retentionDays: { page_view: number; feature_used: number; error_report: number };
}

/** The account-wide "processing restricted" state (P25), set by the person or by staff during a dispute. */
export interface ProcessingRestriction {
  processingRestricted: boolean;
  processingRestrictedBy: 'person' | 'staff' | null;
  processingRestrictedReason: string | null;
  processingRestrictedSince: string | null;
}

export type RestrictionsState = Restrictions & ProcessingRestriction & { updatedAt: string | null };

export const restrictionsApi = {
  get: () => api<RestrictionsState>('GET', '/api/me/restrictions'),
  set: (restrictions: Restrictions) => api<RestrictionsState>('PUT', '/api/me/restrictions', { body: restrictions }),
  setProcessing: (processingRestricted: boolean) => api<RestrictionsState>('PATCH', '/api/me/restrictions', { body: { processingRestricted } }),
  overview: () => api<AnalyticsOverview>('GET', '/api/admin/analytics'),
};
