import { lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { rateLimitWindows } from './schema.ts';

export interface RateLimitStore {
  /** Counts one hit in the window (creating it at 1) and returns the window's count so far. */
  hit(rule: string, keyHash: string, windowStart: Date, expiresAt: Date): Promise<number>;
  deleteExpired(now: Date): Promise<void>;
}

export function createRateLimitStore(db: Database): RateLimitStore {
  return {
    async hit(rule, keyHash, windowStart, expiresAt) {
      // One atomic upsert, so concurrent requests on several processes never lose a count.
      const [row] = await db
        .insert(rateLimitWindows)
        .values({ rule, keyHash, windowStart, expiresAt, hits: 1 })
        .onConflictDoUpdate({
          target: [rateLimitWindows.rule, rateLimitWindows.keyHash, rateLimitWindows.windowStart],
          set: { hits: sql`${rateLimitWindows.hits} + 1` },
        })
        .returning({ hits: rateLimitWindows.hits });
      return row!.hits;
    },
    async deleteExpired(now) {
      await db.delete(rateLimitWindows).where(lt(rateLimitWindows.expiresAt, now));
    },
  };
}
