import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { collectionComments } from '../comments/schema.ts';
import { teamMembers } from '../teams/schema.ts';
import { notificationPreferences, notifications } from './schema.ts';

export type NotificationRecord = typeof notifications.$inferSelect;
export type PreferencesRecord = typeof notificationPreferences.$inferSelect;
export interface Recipient {
  id: string;
  username: string;
  email: string;
}
export interface MarketingRecipient extends Recipient {
  inApp: boolean;
  emailOptIn: boolean;
}

export type CommunicationsStore = ReturnType<typeof createCommunicationsStore>;

/** Accounts that can still be written to: not deleted, not suspended. */
const active = and(isNull(users.deletedAt), isNull(users.suspendedAt));

export function createCommunicationsStore(db: Database) {
  return {
    async preferences(userId: string): Promise<PreferencesRecord | undefined> {
      const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).limit(1);
      return row;
    },

    async preferencesOf(userIds: string[]): Promise<PreferencesRecord[]> {
      if (userIds.length === 0) return [];
      return db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
    },

    async savePreferences(row: { userId: string; channels: PreferencesRecord['channels']; marketingEmail: boolean; marketingEmailChangedAt: Date | null; now: Date }) {
      const values = {
        channels: row.channels,
        marketingEmail: row.marketingEmail,
        marketingEmailChangedAt: row.marketingEmailChangedAt,
        updatedAt: row.now,
      };
      await db
        .insert(notificationPreferences)
        .values({ userId: row.userId, ...values })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
    },

    /** Turns the product-news email off (creating the row if the account never had one). */
    async optOutOfMarketing(userId: string, now: Date): Promise<void> {
      await db
        .insert(notificationPreferences)
        .values({ userId, marketingEmail: false, marketingEmailChangedAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: notificationPreferences.userId,
          set: { marketingEmail: false, marketingEmailChangedAt: now, updatedAt: now },
        });
    },

    /** Whether the account row exists (deleted or suspended ones included: their opt-out still counts). */
    async exists(userId: string): Promise<boolean> {
      const rows = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
      return rows.length > 0;
    },

    async accounts(userIds: string[]): Promise<Recipient[]> {
      if (userIds.length === 0) return [];
      return db
        .select({ id: users.id, username: users.username, email: users.email })
        .from(users)
        .where(and(inArray(users.id, userIds), active));
    },

    /**
     * Every active account that wants product news in the app or (verified address) by email. The
     * in-app switch lives in the jsonb document; the email opt-in in its own indexed column.
     */
    async productNewsAudience(): Promise<MarketingRecipient[]> {
      const inApp = sql<boolean>`coalesce((${notificationPreferences.channels} -> 'productNews' ->> 'inApp')::boolean, false)`;
      const rows = await db
        .select({
          id: users.id,
          username: users.username,
          email: users.email,
          verified: users.emailVerifiedAt,
          marketingEmail: notificationPreferences.marketingEmail,
          inApp,
        })
        .from(notificationPreferences)
        .innerJoin(users, eq(users.id, notificationPreferences.userId))
        .where(and(active, or(eq(notificationPreferences.marketingEmail, true), sql`${inApp}`)))
        .orderBy(users.id);
      // Marketing goes only to confirmed addresses: an unverified one may belong to someone else.
      return rows.map((r) => ({ id: r.id, username: r.username, email: r.email, inApp: r.inApp, emailOptIn: r.marketingEmail && r.verified !== null }));
    },

    /** The people who commented on the collection before, oldest first. */
    async commenters(collectionId: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ authorId: collectionComments.authorId })
        .from(collectionComments)
        .where(eq(collectionComments.collectionId, collectionId));
      return rows.flatMap((r) => (r.authorId ? [r.authorId] : []));
    },

    async teamMemberIds(teamId: string): Promise<string[]> {
      const rows = await db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
      return rows.map((r) => r.userId);
    },

    async addNotifications(rows: { userId: string; type: NotificationRecord['type']; title: string; link: string | null; now: Date }[]) {
      if (rows.length === 0) return;
      await db.insert(notifications).values(rows.map((r) => ({ userId: r.userId, type: r.type, title: r.title, link: r.link, createdAt: r.now })));
    },

    /** Newest first, after the (createdAt, id) of the last item seen. */
    async listNotifications(userId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<NotificationRecord[]> {
      const cursor = after
        ? or(lt(notifications.createdAt, after.createdAt), and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id)))
        : undefined;
      return db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), cursor))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
    },

    async unreadCount(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return Number(row?.n ?? 0);
    },

    /** Marks one notification read; false when the account has none with this id. */
    async markRead(userId: string, id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
        .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
        .returning({ id: notifications.id });
      return rows.length > 0;
    },

    async markAllRead(userId: string, now: Date): Promise<void> {
      await db
        .update(notifications)
        .set({ readAt: now })
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    },

    async deleteOlderThan(cutoff: Date): Promise<number> {
      const rows = await db.delete(notifications).where(lt(notifications.createdAt, cutoff)).returning({ id: notifications.id });
      return rows.length;
    },
  };
}
