import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import type { UserRecord } from '../accounts/store.ts';
import { identities, pendingOidcSignups } from './schema.ts';

export type IdentityRecord = typeof identities.$inferSelect;
export type PendingSignupRecord = typeof pendingOidcSignups.$inferSelect;
export type NewPendingSignup = Omit<PendingSignupRecord, 'id'>;

export interface IdentityStore {
  /** The live account linked to this issuer and subject. */
  findAccount(issuer: string, subject: string): Promise<UserRecord | undefined>;
  /** Links the identity; false when it is already linked (to anyone). */
  link(userId: string, issuer: string, subject: string, now: Date): Promise<boolean>;
  listOwned(userId: string): Promise<IdentityRecord[]>;
  deleteOwned(id: string, userId: string): Promise<boolean>;
  savePending(pending: NewPendingSignup): Promise<void>;
  /** The unexpired pending sign-up with this token hash. */
  findPending(tokenHash: string, now: Date): Promise<PendingSignupRecord | undefined>;
  /** Removes a pending sign-up (and, in passing, every expired one). */
  deletePending(tokenHash: string, now: Date): Promise<void>;
}

export function createIdentityStore(db: Database): IdentityStore {
  return {
    async findAccount(issuer, subject) {
      const [row] = await db
        .select({ user: users })
        .from(identities)
        .innerJoin(users, eq(users.id, identities.userId))
        .where(and(eq(identities.issuer, issuer), eq(identities.subject, subject), isNull(users.deletedAt)))
        .limit(1);
      return row?.user;
    },
    async link(userId, issuer, subject, now) {
      const inserted = await db
        .insert(identities)
        .values({ userId, issuer, subject, createdAt: now })
        .onConflictDoNothing({ target: [identities.issuer, identities.subject] })
        .returning({ id: identities.id });
      return inserted.length > 0;
    },
    async listOwned(userId) {
      return db.select().from(identities).where(eq(identities.userId, userId)).orderBy(asc(identities.createdAt), asc(identities.id));
    },
    async deleteOwned(id, userId) {
      const deleted = await db
        .delete(identities)
        .where(and(eq(identities.id, id), eq(identities.userId, userId)))
        .returning({ id: identities.id });
      return deleted.length > 0;
    },
    async savePending(pending) {
      await db.insert(pendingOidcSignups).values(pending);
    },
    async findPending(tokenHash, now) {
      const [row] = await db
        .select()
        .from(pendingOidcSignups)
        .where(and(eq(pendingOidcSignups.tokenHash, tokenHash), gt(pendingOidcSignups.expiresAt, now)))
        .limit(1);
      return row;
    },
    async deletePending(tokenHash, now) {
      await db.delete(pendingOidcSignups).where(eq(pendingOidcSignups.tokenHash, tokenHash));
      await db.delete(pendingOidcSignups).where(lte(pendingOidcSignups.expiresAt, now));
    },
  };
}
