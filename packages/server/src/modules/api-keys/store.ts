import { and, desc, eq, gt, isNull, lt, lte, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { ApiKeyScope } from '../../http/env.ts';
import { users } from '../accounts/schema.ts';
import type { SessionOwner } from '../sessions/store.ts';
import { apiKeys } from './schema.ts';

export type ApiKeyRecord = typeof apiKeys.$inferSelect;

export interface NewApiKey {
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
}

export interface ApiKeyStore {
  create(key: NewApiKey): Promise<ApiKeyRecord>;
  /** The unexpired key with this hash, and its live owner. */
  findActive(tokenHash: string, now: Date): Promise<{ key: ApiKeyRecord; user: SessionOwner; suspendedAt: Date | null } | undefined>;
  /** Sets last_used_at unless it was written after `notAfter`, so busy keys cost one write a minute. */
  touch(id: string, now: Date, notAfter: Date): Promise<void>;
  /** The person's keys, newest first, starting after the (createdAt, id) of `after`. */
  listOwned(userId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<ApiKeyRecord[]>;
  deleteOwned(id: string, userId: string): Promise<boolean>;
  /** Deletes every key of the person (account deletion, P24); returns how many there were. */
  deleteAllOf(userId: string): Promise<number>;
}

export function createApiKeyStore(db: Database): ApiKeyStore {
  return {
    async create(key) {
      const [row] = await db.insert(apiKeys).values(key).returning();
      return row!;
    },
    async findActive(tokenHash, now) {
      const [row] = await db
        .select({ key: apiKeys, user: { id: users.id, username: users.username, operator: users.operator }, suspendedAt: users.suspendedAt })
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(and(eq(apiKeys.tokenHash, tokenHash), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)), isNull(users.deletedAt)))
        .limit(1);
      return row;
    },
    async touch(id, now, notAfter) {
      await db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, notAfter))));
    },
    async listOwned(userId, limit, after) {
      const page = after
        ? or(lt(apiKeys.createdAt, after.createdAt), and(eq(apiKeys.createdAt, after.createdAt), lt(apiKeys.id, after.id)))
        : undefined;
      return db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.userId, userId), page))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
        .limit(limit);
    },
    async deleteAllOf(userId) {
      const deleted = await db.delete(apiKeys).where(eq(apiKeys.userId, userId)).returning({ id: apiKeys.id });
      return deleted.length;
    },
    async deleteOwned(id, userId) {
      const deleted = await db
        .delete(apiKeys)
        .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
        .returning({ id: apiKeys.id });
      return deleted.length > 0;
    },
  };
}
