import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { notFound } from '../../errors.ts';
import { accountPendingDeletion, accountSuspended } from '../accounts/suspension.ts';
import type { NetworkLocator } from '../../geoip/network-locator.ts';
import type { CurrentSession, CurrentUser } from '../../http/env.ts';
import { approximateNetwork } from './approximate-network.ts';
import type { SessionRecord, SessionStore } from './store.ts';
import type { AuditService } from '../audit/service.ts';
import { describeUserAgent } from './user-agent.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** last_seen_at (and the sliding expiry) is written at most this often per session. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export interface StartedSession {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  session: CurrentSession;
  expiresAt: Date;
}

export interface ResolvedSession {
  user: CurrentUser;
  session: CurrentSession;
  /** Set when this request slid the expiry forward, so the cookies can be renewed. */
  renewedUntil?: Date;
}

export interface SessionSummary {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  /** e.g. 203.0.113.0/24; null when the address was unknown. */
  approximateNetwork: string | null;
  /** e.g. "Lisbon, Portugal", from the network; null without a location database or a match. */
  approximateLocation: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export type SessionService = ReturnType<typeof createSessionService>;

export function createSessionService({
  store,
  clock,
  locateNetwork,
  audit,
}: {
  store: SessionStore;
  clock: Clock;
  locateNetwork?: NetworkLocator;
  /** Records every sign-in, whichever way it came (password, single sign-on, sign-up) (P18). */
  audit?: Pick<AuditService, 'record'>;
}) {
  return {
    /** `clientAddress` is only kept truncated to its network (see approximate-network.ts). */
    async start(userId: string, userAgent: string | undefined, clientAddress?: string): Promise<StartedSession> {
      // Every way in (password, single sign-on, sign-up) passes here (P7).
      if (await store.isSuspended(userId)) throw accountSuspended();
      if (await store.isPendingDeletion(userId)) throw accountPendingDeletion(null);
      const now = clock();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
      const row = await store.create({
        userId,
        tokenHash: sha256(token),
        userAgent: userAgent?.slice(0, 512) ?? null,
        approximateNetwork: approximateNetwork(clientAddress),
        now,
        expiresAt,
      });
      const csrfToken = csrfTokenFor(token);
      await audit?.record({ actorId: userId, action: 'auth.signed_in', targetType: 'account', targetId: userId, details: { sessionId: row.id } });
      return { token, csrfToken, session: { id: row.id, csrfToken }, expiresAt };
    },

    /** The session a cookie token names, sliding its expiry; undefined when unknown or expired. */
    async resolve(token: string): Promise<ResolvedSession | undefined> {
      const now = clock();
      const found = await store.findActive(sha256(token), now);
      if (!found) return undefined;
      const resolved: ResolvedSession = { user: found.user, session: { id: found.session.id, csrfToken: csrfTokenFor(token) } };
      if (now.getTime() - found.session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
        const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
        await store.touch(found.session.id, now, expiresAt);
        resolved.renewedUntil = expiresAt;
      }
      return resolved;
    },

    async list(userId: string, currentSessionId: string): Promise<SessionSummary[]> {
      const rows = await store.listActive(userId, clock());
      return rows.map((row) => summarize(row, currentSessionId, locateNetwork));
    },

    /** Ends one of the person's sessions; someone else's (or a missing) session is "not found". */
    async revoke(userId: string, sessionId: string): Promise<void> {
      if (!(await store.deleteOwned(sessionId, userId))) throw notFound('No such session.');
    },

    /** Ends every session of the person (after a password reset, for instance). */
    async revokeAll(userId: string): Promise<number> {
      return store.deleteAllOf(userId);
    },
  };
}

function summarize(row: SessionRecord, currentSessionId: string, locateNetwork: NetworkLocator | undefined): SessionSummary {
  return {
    id: row.id,
    current: row.id === currentSessionId,
    ...describeUserAgent(row.userAgent),
    approximateNetwork: row.approximateNetwork,
    approximateLocation: row.approximateNetwork && locateNetwork ? locateNetwork(row.approximateNetwork) : null,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
  };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The CSRF token is derived from the session token, so it needs no storage and a cookie planted
 * by a sibling domain (which cannot know the session token) never matches.
 */
const csrfTokenFor = (token: string) => createHash('sha256').update(`csrf:${token}`).digest('base64url');
