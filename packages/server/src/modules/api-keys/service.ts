import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { badRequest, notFound, unauthorized } from '../../errors.ts';
import type { ApiKeyScope, CurrentApiKey, CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page } from '../../http/pagination.ts';
import { accountSuspended } from '../accounts/suspension.ts';
import type { ApiKeyRecord, ApiKeyStore } from './store.ts';

/** Every key starts with this, so secret scanners (and people) recognise a leaked one. */
export const API_KEY_PREFIX = 'pst_';
/** How much of the key is kept in clear to recognise it: `pst_` and 8 more characters. */
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** last_used_at is written at most this often per key. */
export const API_KEY_TOUCH_INTERVAL_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface NewApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  /** 1–365, or null for a key that never expires. */
  expiresInDays: number | null;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

export function createApiKeyService({ store, clock }: { store: ApiKeyStore; clock: Clock }) {
  return {
    /** Creates a key; the returned `key` is the only time the secret exists outside the client. */
    async create(userId: string, input: NewApiKeyInput): Promise<ApiKeySummary & { key: string }> {
      const now = clock();
      const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
      const row = await store.create({
        userId,
        name: input.name,
        tokenHash: sha256(key),
        prefix: key.slice(0, VISIBLE_PREFIX_LENGTH),
        // Sorted and unique, so the stored list reads the same however it was sent.
        scopes: [...new Set(input.scopes)].sort(),
        createdAt: now,
        expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS),
      });
      return { ...summarize(row), key };
    },

    /**
     * The owner and key a bearer token names. Unknown, revoked and expired keys all throw 401:
     * a request that presented a credential is never served as anonymous.
     */
    async resolve(token: string): Promise<{ user: CurrentUser; apiKey: CurrentApiKey }> {
      const now = clock();
      const found = token.startsWith(API_KEY_PREFIX) ? await store.findActive(sha256(token), now) : undefined;
      if (!found) {
        throw unauthorized('The API key is unknown, revoked or expired; create a new one in your account settings.', {
          code: 'API_KEY_INVALID',
        });
      }
      if (found.suspendedAt) throw accountSuspended();
      const lastUsed = found.key.lastUsedAt?.getTime();
      if (lastUsed === undefined || now.getTime() - lastUsed >= API_KEY_TOUCH_INTERVAL_MS) {
        await store.touch(found.key.id, now, new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS));
      }
      return { user: found.user, apiKey: { id: found.key.id, scopes: found.key.scopes } };
    },

    async list(userId: string, limit: number, cursor?: string): Promise<Page<ApiKeySummary>> {
      let after: { createdAt: Date; id: string } | undefined;
      if (cursor) {
        const [createdAt, id] = decodeCursor(cursor, 2).map(String) as [string, string];
        const date = new Date(createdAt);
        if (Number.isNaN(date.getTime()) || !UUID.test(id)) throw invalidCursor();
        after = { createdAt: date, id };
      }
      const rows = await store.listOwned(userId, limit + 1, after);
      const page = pageOf(rows, limit, (row) => [row.createdAt.toISOString(), row.id]);
      return { items: page.items.map(summarize), nextCursor: page.nextCursor };
    },

    async revoke(userId: string, id: string): Promise<void> {
      if (!(await store.deleteOwned(id, userId))) throw notFound('No such API key.');
    },

    /** Revokes every key of the person at once (account deletion, P24). */
    async revokeAll(userId: string): Promise<number> {
      return store.deleteAllOf(userId);
    },
  };
}

function summarize(row: ApiKeyRecord): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidCursor = () =>
  badRequest('The cursor is not one this list gave out; start again without it.', { code: 'INVALID_CURSOR' });

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
