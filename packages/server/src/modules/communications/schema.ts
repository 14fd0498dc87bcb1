import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

/** The switchable notification types (P22); security and transactional mail is not one (P9). */
export type NotificationType = 'comments' | 'monitors' | 'team' | 'productNews' | 'secrets';
/** What the in-app feed holds: the switchable types and notices nobody can switch off (P16 operator access). */
export type FeedNotificationType = NotificationType | 'operatorAccess';
export interface ChannelSwitches {
  inApp: boolean;
  email: boolean;
}

/**
 * Notification preferences, one row per account that changed a default (no row: defaults, so
 * existing accounts are opted out of marketing without a backfill). A table rather than
 * users.preferences because the product-news send selects opted-in accounts by an indexed column,
 * the opt-in keeps the time it changed (evidence of consent, P19), and PATCH /api/me replaces the
 * preferences document as a whole, which would race with these switches.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    // In-app and email switches of every type except the product-news email below.
    channels: jsonb('channels').$type<Partial<Record<NotificationType, Partial<ChannelSwitches>>>>().notNull().default({}),
    // Product news by email (marketing): opt-in, off unless the person turned it on.
    marketingEmail: boolean('marketing_email').notNull().default(false),
    marketingEmailChangedAt: timestamp('marketing_email_changed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notification_preferences_marketing_idx').on(t.marketingEmail)],
);

/** The in-app feed; rows older than NOTIFICATION_RETENTION_DAYS are deleted (service.ts). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<FeedNotificationType>().notNull(),
    title: text('title').notNull(),
    // A path inside the web app (e.g. /w/…/collections/…/settings), never an outside URL.
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt, t.id), index('notifications_created_idx').on(t.createdAt)],
);
