import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { RateLimitStore } from './store.ts';

/** At most `limit` requests per `windowSeconds` for one key. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * Fixed-window counters kept in the database, so every server process on one PostgreSQL shares
 * them (P18). Windows start at multiples of their length since the epoch.
 */
export function createRateLimiter({ store, clock }: { store: RateLimitStore; clock: Clock }) {
  return {
    /** Counts a request for `rule` by the key made of `parts` (stored only as a SHA-256 hash). */
    async hit(rule: string, parts: readonly string[], { limit, windowSeconds }: RateLimit): Promise<RateLimitVerdict> {
      const now = clock();
      const windowMs = windowSeconds * 1000;
      const start = Math.floor(now.getTime() / windowMs) * windowMs;
      const end = start + windowMs;
      const keyHash = createHash('sha256').update(JSON.stringify([rule, ...parts])).digest('hex');
      const hits = await store.hit(rule, keyHash, new Date(start), new Date(end));
      // The first hit of a window is a good moment to drop the windows that have ended.
      if (hits === 1) await store.deleteExpired(now);
      if (hits <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
    },
  };
}
