import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimited } from '../errors.ts';
import type { RateLimit, RateLimiter } from '../modules/rate-limits/service.ts';
import type { AppEnv } from './env.ts';

export type { RateLimit } from '../modules/rate-limits/service.ts';

/** The limits on the endpoints that guess, create or mail (P18). */
export interface RateLimits {
  /** POST /api/sessions, per client address and login. */
  signIn: RateLimit;
  /** POST /api/accounts, per client address. */
  signUp: RateLimit;
  /** POST /api/password-resets per email address; POST /api/password-resets/complete per client address. */
  passwordReset: RateLimit;
  /** POST /api/email-verifications and /api/me/email-verification per client address; also email changes (P23). */
  verification: RateLimit;
  /** POST /api/teams/{slug}/invitations, per signed-in person: each one sends an email. */
  invitations: RateLimit;
  /** POST /api/accounts/{username}/underage-reports, per client address (P7). */
  underageReports: RateLimit;
  /** POST /api/privacy-requests and its code routes, per client address (P26): each may send an email. */
  privacyRequests: RateLimit;
  /** POST /api/support/tickets, per client address (P3): each sends an email. */
  supportTickets: RateLimit;
  /** POST /api/oauth/token and /api/oauth/revoke, per client address (P14): they check codes, secrets and refresh tokens. */
  oauthToken: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signIn: { limit: 10, windowSeconds: 60 },
  signUp: { limit: 5, windowSeconds: 60 * 60 },
  passwordReset: { limit: 5, windowSeconds: 60 * 60 },
  verification: { limit: 10, windowSeconds: 60 * 60 },
  invitations: { limit: 30, windowSeconds: 60 * 60 },
  underageReports: { limit: 10, windowSeconds: 60 * 60 },
  privacyRequests: { limit: 20, windowSeconds: 60 * 60 },
  supportTickets: { limit: 10, windowSeconds: 60 * 60 },
  oauthToken: { limit: 60, windowSeconds: 60 },
};

/** The key used when the client's address is unknown (requests made in-process, as in tests). */
export const UNKNOWN_CLIENT = 'unknown-client';

/**
 * The client's IP address: the last X-Forwarded-For entry (the one the proxy in front of us
 * added) when `trustProxy` is on, otherwise the socket's peer address.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('X-Forwarded-For')
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? UNKNOWN_CLIENT;
  } catch {
    // No Node socket behind this request (app.request, other runtimes).
    return UNKNOWN_CLIENT;
  }
}

/** A string field of the JSON body, normalized for use as a key; '' when absent or unreadable. */
export async function bodyField(c: Context<AppEnv>, name: string): Promise<string> {
  try {
    // Hono caches the parsed body, so the route's validator still reads it afterwards.
    const body: unknown = await c.req.json();
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value.trim().toLowerCase() : '';
  } catch {
    return '';
  }
}

/**
 * Answers 429 (RATE_LIMITED, with Retry-After) once the key's window is full. Every request
 * counts, successful or not, so the limit cannot be probed for free.
 */
export function rateLimit(
  limiter: RateLimiter,
  rule: string,
  limit: RateLimit,
  key: (c: Context<AppEnv>) => Promise<string[]> | string[],
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const verdict = await limiter.hit(rule, await key(c), limit);
    if (!verdict.allowed) {
      throw rateLimited(`Too many attempts; try again in ${verdict.retryAfterSeconds} seconds.`, {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    await next();
  };
}
