import { stringify } from 'csv-stringify/sync';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page } from '../../http/pagination.ts';
import { authorizeTeam } from '../../policies/teams.ts';
import { users } from '../accounts/schema.ts';
import { createTeamStore } from '../teams/store.ts';
import type { AuditService } from './service.ts';
import { searchAuditEvents } from './store.ts';
import type { AuditSearch, AuditSearchRow } from './store.ts';

/** The filters people type (usernames, not ids); see AuditSearch for what each means. */
export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  target?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
}

/** One event as the log shows it: usernames instead of account ids where the account still exists. */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  action: string;
  /** The actor's username; null for the system or an account since deleted (P24). */
  actor: string | null;
  targetType: string | null;
  targetId: string | null;
  /** The username when the target is an existing account. */
  target: string | null;
  details: Record<string, unknown>;
}

export const CSV_COLUMNS = ['occurred_at', 'action', 'actor', 'target_type', 'target_id', 'target', 'details', 'id'] as const;
const EXPORT_BATCH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toAuditView(row: AuditSearchRow): AuditEventView {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    action: row.action,
    actor: row.actorUsername,
    targetType: row.targetType,
    targetId: row.targetId,
    target: row.targetUsername,
    details: row.details,
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

/**
 * Reading the audit log (P18): team owners and admins see their team's events, the operator sees
 * all. The log has no update or delete: the only deletion is the retention rule (400 days).
 */
export function createAuditLog({ db, audit }: { db: Database; audit: Pick<AuditService, 'record'> }) {
  const teamStore = createTeamStore(db);

  async function accountId(username: string): Promise<string | null> {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase())).limit(1);
    return row?.id ?? null;
  }

  async function toSearch(filter: AuditFilter, scope: { teamId?: string }, limit: number, cursor: string | undefined): Promise<AuditSearch> {
    const search: AuditSearch = { ...scope, limit };
    if (filter.action) search.actionPrefix = filter.action;
    // An unknown username matches nothing (null), never everything.
    if (filter.actor) search.actorId = await accountId(filter.actor);
    if (filter.target) {
      const id = UUID.test(filter.target) ? null : await accountId(filter.target);
      search.targetIds = [filter.target, ...(id ? [id] : [])];
    }
    if (filter.from) search.from = filter.from;
    if (filter.to) search.to = filter.to;
    if (filter.q) search.text = filter.q;
    if (cursor !== undefined) {
      const [at, id] = decodeCursor(cursor, 2);
      search.before = [new Date(String(at)), String(id)];
    }
    return search;
  }

  /** The team, if the person is its owner or an admin (and not suspended); others get 404/403. */
  async function teamScope(user: CurrentUser, slug: string): Promise<{ teamId: string }> {
    const found = await teamStore.findWithRole(slug, user.id);
    if (found?.role && found.suspended) throw forbidden('Your access to this team is suspended.', { code: 'TEAM_MEMBER_SUSPENDED' });
    authorizeTeam(found?.role ?? null, 'manageMembers');
    return { teamId: found!.team.id };
  }

  function operatorScope(user: CurrentUser): Record<string, never> {
    if (!user.operator) throw forbidden('Only the operator of this instance can read the whole audit log.', { code: 'OPERATOR_ONLY' });
    return {};
  }

  async function search(scope: { teamId?: string }, filter: AuditFilter, page: { limit: number; cursor?: string | undefined }): Promise<Page<AuditEventView>> {
    const rows = await searchAuditEvents(db, await toSearch(filter, scope, page.limit + 1, page.cursor));
    const result = pageOf(rows, page.limit, (r) => [r.occurredAt.toISOString(), r.id]);
    return { items: result.items.map(toAuditView), nextCursor: result.nextCursor };
  }

  /**
   * The matching events as CSV or JSON lines, newest first, read in batches as the client
   * reads so a large log never sits in memory. The export itself is recorded.
   */
  async function exportStream(user: CurrentUser, scope: { teamId?: string }, filter: AuditFilter, format: 'csv' | 'jsonl'): Promise<ReadableStream<Uint8Array>> {
    const first = await toSearch(filter, scope, EXPORT_BATCH, undefined);
    await audit.record({
      actorId: user.id,
      action: 'audit.exported',
      targetType: scope.teamId ? 'team' : 'instance',
      ...(scope.teamId && { targetId: scope.teamId }),
      details: { format, filters: Object.keys(filter).filter((k) => filter[k as keyof AuditFilter] !== undefined) },
      teamId: scope.teamId ?? null,
    });
    const encoder = new TextEncoder();
    let before: [Date, string] | undefined;
    let header = format === 'csv';
    let done = false;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (done) return controller.close();
        const rows = await searchAuditEvents(db, { ...first, ...(before && { before }) });
        const last = rows.at(-1);
        if (last) before = [last.occurredAt, last.id];
        if (rows.length < EXPORT_BATCH) done = true;
        const views = rows.map(toAuditView);
        let chunk: string;
        if (format === 'csv') {
          chunk = stringify(
            views.map((v) => ({
              occurred_at: v.occurredAt,
              action: v.action,
              actor: v.actor ?? '',
              target_type: v.targetType ?? '',
              target_id: v.targetId ?? '',
              target: v.target ?? '',
              details: JSON.stringify(v.details),
              id: v.id,
            })),
            { header, columns: [...CSV_COLUMNS] },
          );
          header = false;
        } else {
          chunk = views.map((v) => `${JSON.stringify(v)}\n`).join('');
        }
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (done) controller.close();
      },
    });
  }

  return {
    async searchTeam(user: CurrentUser, slug: string, filter: AuditFilter, page: { limit: number; cursor?: string | undefined }) {
      return search(await teamScope(user, slug), filter, page);
    },
    async searchAll(user: CurrentUser, filter: AuditFilter, page: { limit: number; cursor?: string | undefined }) {
      return search(operatorScope(user), filter, page);
    },
    async exportTeam(user: CurrentUser, slug: string, filter: AuditFilter, format: 'csv' | 'jsonl') {
      return exportStream(user, await teamScope(user, slug), filter, format);
    },
    async exportAll(user: CurrentUser, filter: AuditFilter, format: 'csv' | 'jsonl') {
      return exportStream(user, operatorScope(user), filter, format);
    },
  };
}
