import { and, asc, desc, eq, getTableColumns, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { collections } from '../collections/schema.ts';
import { environments } from '../environments/schema.ts';
import { workspaces } from '../workspaces/schema.ts';
import { monitorRecipients, monitorRuns, monitors } from './schema.ts';
import type { MonitorRunCounts, MonitorRunStatus } from './schema.ts';

export type MonitorRecord = typeof monitors.$inferSelect;
export type MonitorRunRecord = typeof monitorRuns.$inferSelect;
export type MonitorRunListRecord = Omit<MonitorRunRecord, 'results'>;
export type NewMonitor = Pick<
  MonitorRecord,
  'workspaceId' | 'collectionId' | 'environmentId' | 'name' | 'cron' | 'timezone' | 'enabled' | 'options' | 'notifications' | 'runAs' | 'nextRunAt' | 'createdAt' | 'updatedAt'
>;
export type MonitorChange = Partial<Omit<NewMonitor, 'workspaceId' | 'createdAt'>>;

/** A monitor with what its view shows beside it. */
export interface MonitorDetails {
  monitor: MonitorRecord;
  collectionName: string;
  environmentName: string | null;
  emails: string[];
  lastRun: { id: string; status: MonitorRunStatus; finishedAt: Date | null } | null;
}

export interface StatRow {
  id: string;
  status: MonitorRunStatus;
  finishedAt: Date;
  avgResponseMs: number | null;
  maxResponseMs: number | null;
  counts: MonitorRunCounts;
}

const emptyCounts = (): MonitorRunCounts => ({ requests: 0, assertionsPassed: 0, assertionsFailed: 0, errors: 0 });

export function createMonitorStore(db: Database) {
  const { results: _results, ...runListColumns } = getTableColumns(monitorRuns);

  async function details(rows: MonitorRecord[]): Promise<MonitorDetails[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const names = await db
      .select({ id: collections.id, name: collections.name })
      .from(collections)
      .where(inArray(collections.id, [...new Set(rows.map((r) => r.collectionId))]));
    const envIds = [...new Set(rows.flatMap((r) => (r.environmentId ? [r.environmentId] : [])))];
    const envNames = envIds.length ? await db.select({ id: environments.id, name: environments.name }).from(environments).where(inArray(environments.id, envIds)) : [];
    const recipients = await db
      .select({ monitorId: monitorRecipients.monitorId, email: users.email })
      .from(monitorRecipients)
      .innerJoin(users, eq(users.id, monitorRecipients.userId))
      .where(inArray(monitorRecipients.monitorId, ids))
      .orderBy(asc(users.email));
    // The newest run of each monitor (distinct on: one row per monitor).
    const last = await queryRows<{ monitor_id: string; id: string; status: MonitorRunStatus; finished_at: string | Date | null }>(
      db,
      sql`select distinct on (${monitorRuns.monitorId}) ${monitorRuns.monitorId} as monitor_id, ${monitorRuns.id} as id, ${monitorRuns.status} as status, ${monitorRuns.finishedAt} as finished_at
          from ${monitorRuns} where ${inArray(monitorRuns.monitorId, ids)}
          order by ${monitorRuns.monitorId}, ${monitorRuns.createdAt} desc, ${monitorRuns.id} desc`,
    );
    return rows.map((monitor) => {
      const run = last.find((r) => r.monitor_id === monitor.id);
      return {
        monitor,
        collectionName: names.find((n) => n.id === monitor.collectionId)?.name ?? '',
        environmentName: envNames.find((e) => e.id === monitor.environmentId)?.name ?? null,
        emails: recipients.filter((r) => r.monitorId === monitor.id).map((r) => r.email),
        lastRun: run ? { id: run.id, status: run.status, finishedAt: run.finished_at === null ? null : new Date(run.finished_at) } : null,
      };
    });
  }

  return {
    async insert(monitor: NewMonitor, recipientIds: string[]): Promise<MonitorRecord> {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(monitors).values(monitor).returning();
        if (recipientIds.length) await tx.insert(monitorRecipients).values(recipientIds.map((userId) => ({ monitorId: row!.id, userId })));
        return row!;
      });
    },

    async find(id: string): Promise<MonitorRecord | undefined> {
      const [row] = await db.select().from(monitors).where(eq(monitors.id, id)).limit(1);
      return row;
    },

    async details(id: string): Promise<MonitorDetails | undefined> {
      const [row] = await db.select().from(monitors).where(eq(monitors.id, id)).limit(1);
      return row ? (await details([row]))[0] : undefined;
    },

    async listDetails(workspaceId: string): Promise<MonitorDetails[]> {
      const rows = await db.select().from(monitors).where(eq(monitors.workspaceId, workspaceId)).orderBy(asc(monitors.createdAt), asc(monitors.id));
      return details(rows);
    },

    async update(id: string, change: MonitorChange, recipientIds?: string[]): Promise<void> {
      await db.transaction(async (tx) => {
        if (Object.keys(change).length) await tx.update(monitors).set(change).where(eq(monitors.id, id));
        if (recipientIds) {
          await tx.delete(monitorRecipients).where(eq(monitorRecipients.monitorId, id));
          if (recipientIds.length) await tx.insert(monitorRecipients).values(recipientIds.map((userId) => ({ monitorId: id, userId })));
        }
      });
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db.delete(monitors).where(eq(monitors.id, id)).returning({ id: monitors.id });
      return rows.length > 0;
    },

    async teamOf(workspaceId: string): Promise<string | null> {
      const [row] = await db.select({ teamId: workspaces.teamId }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
      return row?.teamId ?? null;
    },

    /** Accounts by email address (case-insensitive). */
    async accountsByEmail(emails: string[]): Promise<{ id: string; email: string }[]> {
      if (emails.length === 0) return [];
      return db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(sql`lower(${users.email})`, emails.map((e) => e.toLowerCase())));
    },

    async emailsOf(userId: string): Promise<string[]> {
      const rows = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
      return rows.map((r) => r.email);
    },

    async recipients(monitorId: string): Promise<{ id: string; email: string }[]> {
      return db
        .select({ id: users.id, email: users.email })
        .from(monitorRecipients)
        .innerJoin(users, eq(users.id, monitorRecipients.userId))
        .where(eq(monitorRecipients.monitorId, monitorId));
    },

    /** Enabled monitors whose next tick is at or before `now`. */
    async due(now: Date, limit: number): Promise<Pick<MonitorRecord, 'id' | 'cron' | 'timezone' | 'nextRunAt'>[]> {
      return db
        .select({ id: monitors.id, cron: monitors.cron, timezone: monitors.timezone, nextRunAt: monitors.nextRunAt })
        .from(monitors)
        .where(and(eq(monitors.enabled, true), isNotNull(monitors.nextRunAt), lte(monitors.nextRunAt, now)))
        .orderBy(asc(monitors.nextRunAt))
        .limit(limit);
    },

    /**
     * Takes the tick `tick` of a monitor: moves next_run_at from `tick` to `next` only if no one
     * moved it yet (compare-and-set) and, in the same statement, records the queued run. Answers
     * the run's id, or undefined when another process took the tick first.
     */
    async claimTick(monitorId: string, tick: Date, next: Date, now: Date): Promise<string | undefined> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`with claimed as (
              update ${monitors} set next_run_at = ${next.toISOString()}::timestamptz
              where ${monitors.id} = ${monitorId} and ${monitors.enabled} and ${monitors.nextRunAt} = ${tick.toISOString()}::timestamptz
              returning ${monitors.id} as id
            )
            insert into ${monitorRuns} (monitor_id, trigger, scheduled_for, status, attempts, counts, results, created_at)
            select id, 'schedule', ${tick.toISOString()}::timestamptz, 'queued', 0, ${JSON.stringify(emptyCounts())}::json, '[]'::json, ${now.toISOString()}::timestamptz
            from claimed
            on conflict do nothing
            returning id`,
      );
      return rows[0]?.id;
    },

    async insertManualRun(monitorId: string, now: Date): Promise<MonitorRunRecord> {
      const [row] = await db
        .insert(monitorRuns)
        .values({ monitorId, trigger: 'manual', scheduledFor: now, status: 'queued', counts: emptyCounts(), results: [], createdAt: now })
        .returning();
      return row!;
    },

    /** Moves a queued run to running (compare-and-set), so a job delivered twice runs it once. */
    async startRun(runId: string, now: Date): Promise<MonitorRunRecord | undefined> {
      const [row] = await db
        .update(monitorRuns)
        .set({ status: 'running', startedAt: now })
        .where(and(eq(monitorRuns.id, runId), eq(monitorRuns.status, 'queued')))
        .returning();
      return row;
    },

    async finishRun(runId: string, change: Partial<Omit<MonitorRunRecord, 'id' | 'monitorId'>>): Promise<void> {
      await db.update(monitorRuns).set(change).where(eq(monitorRuns.id, runId));
    },

    /** Runs left `running` by a process that stopped before `startedBefore`: ended as errors. */
    async endAbandoned(startedBefore: Date, now: Date, error: string): Promise<number> {
      const rows = await db
        .update(monitorRuns)
        .set({ status: 'error', error, finishedAt: now })
        .where(and(eq(monitorRuns.status, 'running'), lt(monitorRuns.startedAt, startedBefore)))
        .returning({ id: monitorRuns.id });
      return rows.length;
    },

    /** Runs still queued since before `createdBefore` (their job was lost): their ids, to queue again. */
    async longQueued(createdBefore: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: monitorRuns.id })
        .from(monitorRuns)
        .where(and(eq(monitorRuns.status, 'queued'), lt(monitorRuns.createdAt, createdBefore)))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async setStreak(monitorId: string, failing: boolean, streakNotices: number): Promise<void> {
      await db.update(monitors).set({ failing, streakNotices }).where(eq(monitors.id, monitorId));
    },

    async findRun(monitorId: string, runId: string): Promise<MonitorRunRecord | undefined> {
      const [row] = await db
        .select()
        .from(monitorRuns)
        .where(and(eq(monitorRuns.id, runId), eq(monitorRuns.monitorId, monitorId)))
        .limit(1);
      return row;
    },

    /** Newest first; `before` is the (createdAt, id) of the last run already seen. */
    async listRuns(monitorId: string, limit: number, before?: [Date, string]): Promise<MonitorRunListRecord[]> {
      return db
        .select(runListColumns)
        .from(monitorRuns)
        .where(
          and(
            eq(monitorRuns.monitorId, monitorId),
            before === undefined ? undefined : or(lt(monitorRuns.createdAt, before[0]), and(eq(monitorRuns.createdAt, before[0]), lt(monitorRuns.id, before[1]))),
          ),
        )
        .orderBy(desc(monitorRuns.createdAt), desc(monitorRuns.id))
        .limit(limit);
    },

    /** Finished runs since `since`, oldest first. */
    async stats(monitorId: string, since: Date): Promise<StatRow[]> {
      const rows = await db
        .select({
          id: monitorRuns.id,
          status: monitorRuns.status,
          finishedAt: monitorRuns.finishedAt,
          avgResponseMs: monitorRuns.avgResponseMs,
          maxResponseMs: monitorRuns.maxResponseMs,
          counts: monitorRuns.counts,
        })
        .from(monitorRuns)
        .where(and(eq(monitorRuns.monitorId, monitorId), isNotNull(monitorRuns.finishedAt), gte(monitorRuns.finishedAt, since)))
        .orderBy(asc(monitorRuns.finishedAt), asc(monitorRuns.id));
      return rows.map((r) => ({ ...r, finishedAt: r.finishedAt! }));
    },
  };
}

export type MonitorStore = ReturnType<typeof createMonitorStore>;
