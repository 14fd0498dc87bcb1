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

export const restrictionsApi = {
  get: () => api<Restrictions & { updatedAt: string | null }>('GET', '/api/me/restrictions'),
  set: (restrictions: Restrictions) => api<Restrictions & { updatedAt: string | null }>('PUT', '/api/me/restrictions', { body: restrictions }),
  overview: () => api<AnalyticsOverview>('GET', '/api/admin/analytics'),
};
