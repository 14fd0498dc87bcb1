/**
 * The history of sent requests (issue #5): every POST /api/send of a signed-in person is recorded,
 * whether it got a response or failed, unless they chose "don't keep history". Retention is the
 * person's choice (P19 retention per data category, P25 the person can stop this use): entries
 * older than their `historyRetentionDays` and beyond the newest MAX_HISTORY_ENTRIES are deleted
 * on every write and every list of their history, and at once when they change the setting (no
 * job queue exists yet; the lazy deletes keep what is shown and what is stored in step).
 */
import type { RequestObject } from '@postern/collection';
import type { Clock } from '../../clock.ts';
import { badRequest, isAppError, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page } from '../../http/pagination.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import type { UserPreferences } from '../accounts/schema.ts';
import type { SendOutcome } from '../send/service.ts';
import { MAX_HISTORY_ENTRIES, historyRetentionDays, retentionCutoff } from './retention.ts';
import type { HistoryEntryRecord, HistoryStore, HistorySummaryRecord } from './store.ts';

/** A request larger than this (as JSON) is kept without its body, so history stays small. */
export const MAX_STORED_REQUEST_BYTES = 64 * 1024;

/** Where the sent request lives, as the web app tells it; all optional. */
export interface SendLinks {
  workspaceId?: string | undefined;
  collectionId?: string | undefined;
  itemId?: string | undefined;
}

export interface HistoryServiceDeps {
  store: HistoryStore;
  access: WorkspaceAccess;
  clock: Clock;
  /** Where a failed history write is reported; the send's answer goes out regardless. */
  reportError?: (error: unknown) => void;
}

export type HistoryService = ReturnType<typeof createHistoryService>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const historyEntryNotFound = () => notFound('No such entry in your history.', { code: 'HISTORY_ENTRY_NOT_FOUND' });

/** The URL as written: a string, or the `raw` of a URL object. */
function urlOf(request: RequestObject): string {
  const url = (request as { url?: unknown }).url;
  if (typeof url === 'string') return url;
  if (url && typeof url === 'object' && typeof (url as { raw?: unknown }).raw === 'string') return (url as { raw: string }).raw;
  return '';
}

/** The request to keep: as written, or without its body when that would make it too large. */
function storable(request: RequestObject): { request: Record<string, unknown>; bodyOmitted: boolean } {
  const whole = request as unknown as Record<string, unknown>;
  if (Buffer.byteLength(JSON.stringify(whole)) <= MAX_STORED_REQUEST_BYTES) return { request: whole, bodyOmitted: false };
  const { body: _body, ...rest } = whole;
  return { request: rest, bodyOmitted: true };
}

export function createHistoryService(deps: HistoryServiceDeps) {
  const { store, clock } = deps;
  const report = (error: unknown) => deps.reportError?.(error);

  async function retentionOf(userId: string): Promise<number> {
    return historyRetentionDays((await store.preferencesOf(userId)) ?? {});
  }

  async function prune(userId: string, days: number, now: Date): Promise<void> {
    // "Don't keep history" removes everything, including entries made in this very instant.
    if (days === 0) await store.removeAll(userId);
    else await store.removeOlderThan(userId, retentionCutoff(now, days));
  }

  /** Links to a workspace the person cannot read are dropped, with the ids inside it. */
  async function readableLinks(actor: CurrentUser, links: SendLinks): Promise<Pick<HistoryEntryRecord, 'workspaceId' | 'collectionId' | 'itemId'>> {
    const none = { workspaceId: null, collectionId: null, itemId: null };
    if (links.workspaceId !== undefined && (await deps.access.roleOf(actor, links.workspaceId)) === null) return none;
    return { workspaceId: links.workspaceId ?? null, collectionId: links.collectionId ?? null, itemId: links.itemId ?? null };
  }

  return {
    /**
     * Runs `send` and records it in the person's history (unless they keep none); the send's
     * result or error is passed on unchanged.
     */
    async recordSend(actor: CurrentUser, input: { request: RequestObject; links: SendLinks }, send: () => Promise<SendOutcome>): Promise<SendOutcome> {
      const started = clock();
      let outcome: { status: number | null; errorCode: string | null; responseSize: number | null; durationMs: number };
      let result: SendOutcome;
      try {
        result = await send();
        outcome = { status: result.status, errorCode: null, responseSize: result.size.total, durationMs: Math.round(result.timings.total) };
      } catch (err) {
        const durationMs = Math.max(0, clock().getTime() - started.getTime());
        await record({ status: null, errorCode: isAppError(err) ? err.code : 'SEND_FAILED', responseSize: null, durationMs }).catch(report);
        throw err;
      }
      // The person asked for the response: a history that cannot be written must not cost them it.
      await record(outcome).catch(report);
      return result;

      async function record(what: typeof outcome): Promise<void> {
        const days = await retentionOf(actor.id);
        if (days === 0) return;
        const now = clock();
        await store.insert({
          userId: actor.id,
          ...(await readableLinks(actor, input.links)),
          method: (input.request.method ?? 'GET').toUpperCase(),
          url: urlOf(input.request),
          ...storable(input.request),
          ...what,
          createdAt: now,
        });
        await prune(actor.id, days, now);
        await store.keepNewest(actor.id, MAX_HISTORY_ENTRIES);
      }
    },

    /** The person's entries, newest first, after deleting those past retention. */
    async list(actor: CurrentUser, query: { limit: number; cursor?: string | undefined; workspaceId?: string | undefined }): Promise<Page<HistorySummaryRecord>> {
      await prune(actor.id, await retentionOf(actor.id), clock());
      let before: [Date, string] | undefined;
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, 2);
        before = [new Date(String(at)), String(id)];
        // A well-formed but forged key must not reach the database as an invalid date or id.
        if (Number.isNaN(before[0].getTime()) || !UUID.test(before[1])) throw badRequest('The cursor is not one this list gave out; start again without it.', { code: 'INVALID_CURSOR' });
      }
      const rows = await store.list(actor.id, query.limit + 1, { ...(query.workspaceId && { workspaceId: query.workspaceId }), ...(before && { before }) });
      return pageOf(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    /** One of the person's own entries with its stored request; anyone else's is a 404. */
    async get(actor: CurrentUser, id: string): Promise<HistoryEntryRecord> {
      const entry = await store.find(actor.id, id);
      if (!entry || entry.createdAt < retentionCutoff(clock(), await retentionOf(actor.id))) throw historyEntryNotFound();
      return entry;
    },

    async remove(actor: CurrentUser, id: string): Promise<void> {
      if (!(await store.remove(actor.id, id))) throw historyEntryNotFound();
    },

    async clear(actor: CurrentUser): Promise<void> {
      await store.removeAll(actor.id);
    },

    /** Applies a changed retention setting at once (called after the preferences were saved). */
    async applyPreferences(userId: string, preferences: UserPreferences): Promise<void> {
      await prune(userId, historyRetentionDays(preferences), clock());
    },
  };
}
