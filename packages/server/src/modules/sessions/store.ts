import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { sessions } from './schema.ts';

export type SessionRecord = typeof sessions.$inferSelect;

export interface NewSession {
  userId: string;
  tokenHash: string;
  userAgent: string | null;
  approximateNetwork: string | null;
  now: Date;
  expiresAt: Date;
}

export interface SessionOwner {
  id: string;
  username: string;
  operator: boolean;
}

export interface SessionStore {
  create(session: NewSession): Promise<SessionRecord>;
  /** The unexpired session with this token hash, and its live owner. */
  findActive(tokenHash: string, now: Date): Promise<{ session: SessionRecord; user: SessionOwner } | undefined>;
  touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  /** The person's unexpired sessions, most recently used first. */
  listActive(userId: string, now: Date): Promise<SessionRecord[]>;
  /** Deletes the session if it belongs to `userId`; false when there was none. */
  deleteOwned(id: string, userId: string): Promise<boolean>;
  /** Deletes every session of the person; returns how many there were. */
  deleteAllOf(userId: string): Promise<number>;
  /** Whether the account is suspended (P7, underage-reports): it may start no session. */
  isSuspended(userId: string): Promise<boolean>;
  /** Whether the account's owner asked to delete it (P24): it may start no session until restored. */
  isPendingDeletion(userId: string): Promise<boolean>;
}

export function createSessionStore(db: Database): SessionStore {
  return {
    async create({ userId, tokenHash, userAgent, approximateNetwork, now, expiresAt }) {
      const [row] = await db
        .insert(sessions)
        .values({ userId, tokenHash, userAgent, approximateNetwork, createdAt: now, lastSeenAt: now, expiresAt })
        .returning();
      return row!;
    },
    async findActive(tokenHash, now) {
      const [row] = await db
        .select({ session: sessions, user: { id: users.id, username: users.username, operator: users.operator } })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.deletedAt), isNull(users.suspendedAt)))
        .limit(1);
      return row;
    },
    async touch(id, lastSeenAt, expiresAt) {
      await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
    },
    async listActive(userId, now) {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
    },
    async isSuspended(userId) {
      const [row] = await db.select({ suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, userId)).limit(1);
      return row?.suspendedAt != null;
    },
    async isPendingDeletion(userId) {
      const [row] = await db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).limit(1);
      return row?.deletedAt != null;
    },
    async deleteAllOf(userId) {
      const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
      return deleted.length;
    },
    async deleteOwned(id, userId) {
      const deleted = await db
        .delete(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
        .returning({ id: sessions.id });
      return deleted.length > 0;
    },
  };
}
