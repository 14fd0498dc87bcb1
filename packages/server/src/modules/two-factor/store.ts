import { and, count, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { recoveryCodes, totpCredentials } from './schema.ts';

export type TotpRecord = typeof totpCredentials.$inferSelect;

export interface TwoFactorStore {
  find(userId: string): Promise<TotpRecord | undefined>;
  /** Stores a new, not yet confirmed secret, replacing an earlier unconfirmed one. */
  savePending(userId: string, secretSealed: string, now: Date): Promise<void>;
  /** Activates a pending secret and replaces the recovery codes; false when nothing was pending. */
  confirm(userId: string, step: number, now: Date, codeHashes: string[]): Promise<boolean>;
  /** Records `step` as used if it is later than the last used one; false for a replayed code. */
  claimStep(userId: string, step: number): Promise<boolean>;
  /** Marks an unused recovery code as used; false when there is none with this hash. */
  useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean>;
  replaceRecoveryCodes(userId: string, codeHashes: string[], now: Date): Promise<void>;
  countUnusedRecoveryCodes(userId: string): Promise<number>;
  /** Removes the authenticator and the recovery codes; false when there was no authenticator. */
  remove(userId: string): Promise<boolean>;
}

export function createTwoFactorStore(db: Database): TwoFactorStore {
  return {
    async find(userId) {
      const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).limit(1);
      return row;
    },
    async savePending(userId, secretSealed, now) {
      await db
        .insert(totpCredentials)
        .values({ userId, secretSealed, createdAt: now })
        .onConflictDoUpdate({
          target: totpCredentials.userId,
          set: { secretSealed, createdAt: now, confirmedAt: null, lastUsedStep: null },
          // Never overwrite an active authenticator.
          setWhere: isNull(totpCredentials.confirmedAt),
        });
    },
    async confirm(userId, step, now, codeHashes) {
      return db.transaction(async (tx) => {
        const confirmed = await tx
          .update(totpCredentials)
          .set({ confirmedAt: now, lastUsedStep: step })
          .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)))
          .returning({ userId: totpCredentials.userId });
        if (confirmed.length === 0) return false;
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
        return true;
      });
    },
    async claimStep(userId, step) {
      const claimed = await db
        .update(totpCredentials)
        .set({ lastUsedStep: step })
        .where(
          and(
            eq(totpCredentials.userId, userId),
            isNotNull(totpCredentials.confirmedAt),
            or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)),
          ),
        )
        .returning({ userId: totpCredentials.userId });
      return claimed.length > 0;
    },
    async useRecoveryCode(userId, codeHash, now) {
      const used = await db
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return used.length > 0;
    },
    async replaceRecoveryCodes(userId, codeHashes, now) {
      await db.transaction(async (tx) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
      });
    },
    async countUnusedRecoveryCodes(userId) {
      const [row] = await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return row?.n ?? 0;
    },
    async remove(userId) {
      return db.transaction(async (tx) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        const removed = await tx
          .delete(totpCredentials)
          .where(eq(totpCredentials.userId, userId))
          .returning({ userId: totpCredentials.userId });
        return removed.length > 0;
      });
    },
  };
}
