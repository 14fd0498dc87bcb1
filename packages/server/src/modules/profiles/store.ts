import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import type { UserPreferences } from '../accounts/schema.ts';
import type { UserRecord } from '../accounts/store.ts';
import { avatars } from './schema.ts';

export interface ProfileChanges {
  displayName?: string | null;
  bio?: string | null;
  publicEmail?: boolean;
  /** Merged into the stored preferences, key by key. */
  preferences?: UserPreferences;
}

export interface StoredAvatar {
  contentType: string;
  bytes: Buffer;
  sha256: string;
  updatedAt: Date;
}

export interface ProfileStore {
  /** Applies the changes to a live account; undefined when there is none. */
  update(userId: string, changes: ProfileChanges): Promise<UserRecord | undefined>;
  /** A live account by username, ignoring case. */
  findByUsername(username: string): Promise<UserRecord | undefined>;
  /** Stores the avatar of a live account; undefined when there is none. */
  saveAvatar(userId: string, avatar: StoredAvatar): Promise<UserRecord | undefined>;
  /** False when there was no avatar. */
  deleteAvatar(userId: string): Promise<boolean>;
  /** The avatar of a live account, by username. */
  findAvatarByUsername(username: string): Promise<StoredAvatar | undefined>;
}

// Suspended accounts (P7) have no public profile or avatar while they wait for deletion.
const liveUsername = (username: string) =>
  and(eq(sql`lower(${users.username})`, username.toLowerCase()), isNull(users.deletedAt), isNull(users.suspendedAt));

export function createProfileStore(db: Database): ProfileStore {
  return {
    async update(userId, { preferences, ...fields }) {
      const set = {
        ...fields,
        ...(preferences && { preferences: sql`${users.preferences} || ${JSON.stringify(preferences)}::jsonb` }),
      };
      const where = and(eq(users.id, userId), isNull(users.deletedAt));
      if (Object.keys(set).length === 0) {
        const [row] = await db.select().from(users).where(where).limit(1);
        return row;
      }
      const [row] = await db.update(users).set(set).where(where).returning();
      return row;
    },
    async findByUsername(username) {
      const [row] = await db.select().from(users).where(liveUsername(username)).limit(1);
      return row;
    },
    async saveAvatar(userId, avatar) {
      return db.transaction(async (tx) => {
        const [user] = await tx
          .update(users)
          .set({ avatarUpdatedAt: avatar.updatedAt })
          .where(and(eq(users.id, userId), isNull(users.deletedAt)))
          .returning();
        if (!user) return undefined;
        const row = { ...avatar, size: avatar.bytes.length };
        await tx
          .insert(avatars)
          .values({ userId, ...row })
          .onConflictDoUpdate({ target: avatars.userId, set: row });
        return user;
      });
    },
    async deleteAvatar(userId) {
      return db.transaction(async (tx) => {
        const deleted = await tx.delete(avatars).where(eq(avatars.userId, userId)).returning({ userId: avatars.userId });
        await tx.update(users).set({ avatarUpdatedAt: null }).where(eq(users.id, userId));
        return deleted.length > 0;
      });
    },
    async findAvatarByUsername(username) {
      const [row] = await db
        .select({ contentType: avatars.contentType, bytes: avatars.bytes, sha256: avatars.sha256, updatedAt: avatars.updatedAt })
        .from(avatars)
        .innerJoin(users, eq(users.id, avatars.userId))
        .where(liveUsername(username))
        .limit(1);
      return row;
    },
  };
}
