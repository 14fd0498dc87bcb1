import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { emailTokens } from './schema.ts';
import type { EmailTokenPurpose } from './schema.ts';

export type EmailTokenRecord = typeof emailTokens.$inferSelect;

export interface NewEmailToken {
  userId: string;
  purpose: EmailTokenPurpose;
  tokenHash: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface EmailTokenStore {
  create(token: NewEmailToken): Promise<void>;
  /**
   * Marks the unused, unexpired token used and returns it, in one statement, so two requests
   * racing with the same link cannot both succeed. Undefined when there is no such token.
   */
  consume(purpose: EmailTokenPurpose, tokenHash: string, now: Date): Promise<EmailTokenRecord | undefined>;
  find(purpose: EmailTokenPurpose, tokenHash: string): Promise<EmailTokenRecord | undefined>;
  /** Marks every unused token of the person for `purpose` used (the others die with the one used). */
  useAll(userId: string, purpose: EmailTokenPurpose, now: Date): Promise<void>;
  deleteExpiredBefore(cutoff: Date): Promise<void>;
  /** The newest unused, unexpired token of the person for `purpose`. */
  findLive(userId: string, purpose: EmailTokenPurpose, now: Date): Promise<EmailTokenRecord | undefined>;
}

export function createEmailTokenStore(db: Database): EmailTokenStore {
  return {
    async create(token) {
      await db.insert(emailTokens).values(token);
    },
    async consume(purpose, tokenHash, now) {
      const [row] = await db
        .update(emailTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(emailTokens.tokenHash, tokenHash),
            eq(emailTokens.purpose, purpose),
            isNull(emailTokens.usedAt),
            gt(emailTokens.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },
    async find(purpose, tokenHash) {
      const [row] = await db
        .select()
        .from(emailTokens)
        .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.purpose, purpose)))
        .limit(1);
      return row;
    },
    async useAll(userId, purpose, now) {
      await db
        .update(emailTokens)
        .set({ usedAt: now })
        .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
    },
    async deleteExpiredBefore(cutoff) {
      await db.delete(emailTokens).where(lt(emailTokens.expiresAt, cutoff));
    },
    async findLive(userId, purpose, now) {
      const [row] = await db
        .select()
        .from(emailTokens)
        .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
        .orderBy(desc(emailTokens.createdAt))
        .limit(1);
      return row;
    },
  };
}
