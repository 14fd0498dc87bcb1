/**
 * The retention job's queries (P19). The generic ones work on any table of the data map by its SQL
 * name; the task queries implement the rules that a column and a number cannot say. Each change is
 * one statement, so a table is purged completely or not at all.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import type { SubjectLink } from '../../db/datamap/types.ts';
import { users } from '../accounts/schema.ts';
import { analyticsEvents } from '../analytics/schema.ts';
import { apiKeys } from '../api-keys/schema.ts';
import { notificationPreferences } from '../communications/schema.ts';
import { dataExports } from '../data-exports/schema.ts';
import { requestHistory } from '../history/schema.ts';
import { mockCalls, mockServers } from '../mocks/schema.ts';
import { mockCallsPastRetention } from '../mocks/store.ts';
import { accountActivity } from './schema.ts';
import { sessions } from '../sessions/schema.ts';

export interface RetentionStore {
  /** Rows of `table` whose `column` is before `cutoff`. */
  countBefore(table: string, column: string, cutoff: Date): Promise<number>;
  deleteBefore(table: string, column: string, cutoff: Date): Promise<number>;
  /** Rows of `table` that any of `links` ties to an account due for erasure at `asOf`. */
  countOfDueAccounts(table: string, links: readonly SubjectLink[], asOf: Date): Promise<number>;
  /** Request history past each person's own retention setting (history/retention.ts). */
  countHistoryPastRetention(asOf: Date, setting: HistorySetting): Promise<number>;
  deleteHistoryPastRetention(asOf: Date, setting: HistorySetting): Promise<number>;
  /** Product-news opt-ins of accounts with no activity since `inactiveSince`. */
  countStaleMarketingOptIns(inactiveSince: Date): Promise<number>;
  /** Turns those opt-ins off, recording `now` as the time the switch changed. */
  resetStaleMarketingOptIns(inactiveSince: Date, now: Date): Promise<number>;
  /** Keeps, for each account opted in to product news, the latest use of its sessions and API keys. */
  recordMarketingActivity(): Promise<void>;
  /** Activity rows of accounts no longer opted in to product news. */
  countActivityWithoutOptIn(): Promise<number>;
  deleteActivityWithoutOptIn(): Promise<number>;
  /** Analytics events older than the period of their type (`days` by type; others by the longest). */
  countAnalyticsPastRetention(asOf: Date, days: Readonly<Record<string, number>>): Promise<number>;
  deleteAnalyticsPastRetention(asOf: Date, days: Readonly<Record<string, number>>): Promise<number>;
  /** Data exports past `expires_at` whose ZIP is still stored. */
  countExpiredExportFiles(asOf: Date): Promise<number>;
  /** Deletes those ZIPs and marks the exports expired; the rows stay. */
  deleteExpiredExportFiles(asOf: Date): Promise<number>;
  /** Hosted mocks' call log entries older than their mock's own retention (1–90 days). */
  countMockCallsPastRetention(asOf: Date): Promise<number>;
  deleteMockCallsPastRetention(asOf: Date): Promise<number>;
}

/** How a person's history setting reads: the allowed values and the default for anything else. */
export interface HistorySetting {
  choices: readonly number[];
  defaultDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

async function count(db: Database, query: SQL): Promise<number> {
  const [row] = await queryRows<{ count: number | string }>(db, query);
  return Number(row?.count ?? 0);
}

/** Counts the rows a data-changing statement returned (`returning 1`). */
const countChanged = (db: Database, change: SQL) => count(db, sql`with changed as (${change}) select count(*)::int as count from changed`);

/** Accounts whose erasure is due at `asOf`: deleted or suspended, purge scheduled no later (as account deletion selects them). */
const due = (asOf: Date) => sql`${users.deletionScheduledFor} <= ${at(asOf)} and (${users.deletedAt} is not null or ${users.suspendedAt} is not null)`;
const dueAccountIds = (asOf: Date) => sql`select ${users.id}::text from ${users} where ${due(asOf)}`;
const dueAccountEmails = (asOf: Date) => sql`select lower(${users.email}) from ${users} where ${due(asOf)}`;

/** The person's history retention in days, read from users.preferences with the same rules as historyRetentionDays(). */
function historyDays(setting: HistorySetting): SQL {
  const value = sql`(${users.preferences} ->> 'historyRetentionDays')`;
  const allowed = sql.join(
    setting.choices.map((days) => sql`${String(days)}`),
    sql`, `,
  );
  return sql`(case when ${value} in (${allowed}) then ${value}::int else ${setting.defaultDays} end)`;
}

function historyPastRetention(asOf: Date, setting: HistorySetting): SQL {
  return sql`${requestHistory.createdAt} < ${at(asOf)} - ${historyDays(setting)} * interval '1 day'`;
}

/**
 * A person's last activity: sign-up, the last change of the product-news switch, the last use of
 * any session or API key, and the latest such use a retention run recorded (account_activity), as
 * sessions are deleted when they expire.
 */
const lastActivity = sql`greatest(
  (select ${users.createdAt} from ${users} where ${users.id} = ${notificationPreferences.userId}),
  ${notificationPreferences.marketingEmailChangedAt},
  (select max(${sessions.lastSeenAt}) from ${sessions} where ${sessions.userId} = ${notificationPreferences.userId}),
  (select max(${apiKeys.lastUsedAt}) from ${apiKeys} where ${apiKeys.userId} = ${notificationPreferences.userId}),
  (select ${accountActivity.lastActiveAt} from ${accountActivity} where ${accountActivity.userId} = ${notificationPreferences.userId})
)`;

const optedIn = sql`select ${notificationPreferences.userId} from ${notificationPreferences} where ${notificationPreferences.marketingEmail} = true`;
const activityWithoutOptIn = sql`${accountActivity.userId} not in (${optedIn})`;

const staleOptIn = (inactiveSince: Date) => sql`${notificationPreferences.marketingEmail} = true and ${lastActivity} < ${at(inactiveSince)}`;

function analyticsPastRetention(asOf: Date, days: Readonly<Record<string, number>>): SQL {
  const before = (n: number) => sql`${analyticsEvents.occurredAt} < ${at(new Date(asOf.getTime() - n * DAY_MS))}`;
  const types = Object.entries(days);
  const known = sql.join(
    types.map(([type]) => sql`${type}`),
    sql`, `,
  );
  return sql.join(
    [
      ...types.map(([type, n]) => sql`(${analyticsEvents.type} = ${type} and ${before(n)})`),
      // A type the code no longer records goes after the longest period.
      sql`(${analyticsEvents.type} not in (${known}) and ${before(Math.max(...types.map(([, n]) => n)))})`,
    ],
    sql` or `,
  );
}

const expiredExportFile = (asOf: Date) => sql`${dataExports.expiresAt} < ${at(asOf)} and ${dataExports.bytes} is not null`;

export function createRetentionStore(db: Database): RetentionStore {
  return {
    countBefore(table, column, cutoff) {
      return count(db, sql`select count(*)::int as count from ${sql.identifier(table)} where ${sql.identifier(column)} < ${at(cutoff)}`);
    },
    deleteBefore(table, column, cutoff) {
      return countChanged(db, sql`delete from ${sql.identifier(table)} where ${sql.identifier(column)} < ${at(cutoff)} returning 1`);
    },
    async countOfDueAccounts(table, links, asOf) {
      if (links.length === 0) return 0;
      const linked = sql.join(
        links.map((link) =>
          link.by === 'account'
            ? sql`${sql.identifier(link.column)}::text in (${dueAccountIds(asOf)})`
            : sql`lower(${sql.identifier(link.column)}) in (${dueAccountEmails(asOf)})`,
        ),
        sql` or `,
      );
      return count(db, sql`select count(*)::int as count from ${sql.identifier(table)} where ${linked}`);
    },
    countHistoryPastRetention(asOf, setting) {
      return count(
        db,
        sql`select count(*)::int as count from ${requestHistory} join ${users} on ${users.id} = ${requestHistory.userId}
            where ${historyPastRetention(asOf, setting)}`,
      );
    },
    deleteHistoryPastRetention(asOf, setting) {
      return countChanged(
        db,
        sql`delete from ${requestHistory} using ${users}
            where ${users.id} = ${requestHistory.userId} and ${historyPastRetention(asOf, setting)} returning 1`,
      );
    },
    countStaleMarketingOptIns(inactiveSince) {
      return count(db, sql`select count(*)::int as count from ${notificationPreferences} where ${staleOptIn(inactiveSince)}`);
    },
    resetStaleMarketingOptIns(inactiveSince, now) {
      return countChanged(
        db,
        sql`update ${notificationPreferences}
            set marketing_email = false, marketing_email_changed_at = ${at(now)}, updated_at = ${at(now)}
            where ${staleOptIn(inactiveSince)} returning 1`,
      );
    },
    async recordMarketingActivity() {
      await db.execute(
        sql`insert into ${accountActivity} (user_id, last_active_at)
            select user_id, max(at) from (
              select ${sessions.userId} as user_id, ${sessions.lastSeenAt} as at from ${sessions}
              union all
              select ${apiKeys.userId}, ${apiKeys.lastUsedAt} from ${apiKeys} where ${apiKeys.lastUsedAt} is not null
            ) as used
            where user_id in (${optedIn})
            group by user_id
            on conflict (user_id) do update set last_active_at = greatest(${accountActivity.lastActiveAt}, excluded.last_active_at)`,
      );
    },
    countActivityWithoutOptIn() {
      return count(db, sql`select count(*)::int as count from ${accountActivity} where ${activityWithoutOptIn}`);
    },
    deleteActivityWithoutOptIn() {
      return countChanged(db, sql`delete from ${accountActivity} where ${activityWithoutOptIn} returning 1`);
    },
    countAnalyticsPastRetention(asOf, days) {
      return count(db, sql`select count(*)::int as count from ${analyticsEvents} where ${analyticsPastRetention(asOf, days)}`);
    },
    deleteAnalyticsPastRetention(asOf, days) {
      return countChanged(db, sql`delete from ${analyticsEvents} where ${analyticsPastRetention(asOf, days)} returning 1`);
    },
    countExpiredExportFiles(asOf) {
      return count(db, sql`select count(*)::int as count from ${dataExports} where ${expiredExportFile(asOf)}`);
    },
    deleteExpiredExportFiles(asOf) {
      return countChanged(
        db,
        sql`update ${dataExports} set bytes = null, status = 'expired' where ${expiredExportFile(asOf)} returning 1`,
      );
    },
    countMockCallsPastRetention(asOf) {
      return count(
        db,
        sql`select count(*)::int as count from ${mockCalls} join ${mockServers} on ${mockServers.id} = ${mockCalls.mockId} where ${mockCallsPastRetention(asOf)}`,
      );
    },
    deleteMockCallsPastRetention(asOf) {
      return countChanged(
        db,
        sql`delete from ${mockCalls} using ${mockServers} where ${mockServers.id} = ${mockCalls.mockId} and ${mockCallsPastRetention(asOf)} returning 1`,
      );
    },
  };
}
