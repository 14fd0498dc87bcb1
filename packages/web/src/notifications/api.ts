/** The calls of the notification pages (server module communications). */
import { api } from '../api/client.ts';
import type { Page } from '../api/types.ts';

export type NotificationType = 'comments' | 'monitors' | 'team' | 'productNews' | 'secrets';

export interface NotificationPreferences {
  types: { type: NotificationType; label: string; description: string; available: boolean; inApp: boolean; email: boolean }[];
  alwaysOn: { id: string; label: string; reason: string }[];
  marketingEmailChangedAt: string | null;
}

export interface AppNotification {
  id: string;
  /** operatorAccess (P16) is never switchable, so it is not a NotificationType. */
  type: NotificationType | 'operatorAccess';
  title: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface ProductNewsResult {
  emailed: number;
  notified: number;
  skippedRestricted: number;
  failed: number;
}

/** Sent by the pages that change the unread count, so the header link follows at once. */
export const NOTIFICATIONS_CHANGED = 'postern:notifications-changed';
export const announceNotificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

export const notifications = {
  preferences: () => api<NotificationPreferences>('GET', '/api/me/notification-preferences'),
  updatePreferences: (changes: Partial<Record<NotificationType, { inApp?: boolean; email?: boolean }>>) =>
    api<NotificationPreferences>('PATCH', '/api/me/notification-preferences', { body: changes }),
  list: (cursor?: string | null) =>
    api<Page<AppNotification> & { unreadCount: number }>('GET', cursor ? `/api/me/notifications?cursor=${encodeURIComponent(cursor)}` : '/api/me/notifications'),
  unreadCount: async () => (await api<{ unreadCount: number }>('GET', '/api/me/notifications?limit=1')).unreadCount,
  markRead: (id: string) => api<void>('POST', `/api/me/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api<void>('POST', '/api/me/notifications/read-all'),
  sendProductNews: (news: { subject: string; text: string }) => api<ProductNewsResult>('POST', '/api/admin/product-news', { body: news }),
};
