import { sql } from 'drizzle-orm';
import { boolean, index, integer, json, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { collections } from '../collections/schema.ts';
import { environments } from '../environments/schema.ts';
import type { RunResultRow } from '../runs/schema.ts';
import { workspaces } from '../workspaces/schema.ts';

export type MonitorRunStatus = 'queued' | 'running' | 'passed' | 'failed' | 'error';
export type MonitorTrigger = 'schedule' | 'manual';

export interface MonitorOptions {
  followRedirects: boolean;
  requestDelayMs: number;
  requestTimeoutMs: number;
  verifyTls: boolean;
  /** Extra attempts of a failed or errored run. */
  retries: number;
}

/** The notification settings kept on the monitor; the recipients are rows of monitor_recipients. */
export interface MonitorNotifySettings {
  onFailure: boolean;
  onError: boolean;
  webhookUrl: string | null;
  repeatLimit: number;
}

export interface MonitorRunCounts {
  requests: number;
  assertionsPassed: number;
  assertionsFailed: number;
  errors: number;
}

/**
 * A scheduled run of a collection (issue #9). `next_run_at` is the next cron tick in the
 * monitor's time zone; the scheduler claims a due monitor by moving it forward with a
 * compare-and-set, so each tick is taken by one process.
 */
export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    environmentId: uuid('environment_id').references(() => environments.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    cron: text('cron').notNull(),
    timezone: text('timezone').notNull(),
    enabled: boolean('enabled').notNull(),
    options: json('options').$type<MonitorOptions>().notNull(),
    notifications: json('notifications').$type<MonitorNotifySettings>().notNull(),
    // Whose access the monitor runs with: its creator, then whoever changed it last (an editor).
    runAs: uuid('run_as').references(() => users.id, { onDelete: 'set null' }),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    // The failing streak: notifications sent in it so far (repeatLimit), reset by a passing run.
    failing: boolean('failing').notNull().default(false),
    streakNotices: integer('streak_notices').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('monitors_workspace_id_idx').on(t.workspaceId, t.createdAt, t.id),
    index('monitors_collection_id_idx').on(t.collectionId),
    index('monitors_environment_id_idx').on(t.environmentId),
    index('monitors_run_as_idx').on(t.runAs),
    index('monitors_due_idx').on(t.nextRunAt).where(sql`${t.enabled}`),
  ],
);

/** Who is emailed when a monitor fails: members of its workspace, by account (so erasure removes them). */
export const monitorRecipients = pgTable(
  'monitor_recipients',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.userId] }), index('monitor_recipients_user_id_idx').on(t.userId)],
);

/** One run of a monitor: scheduled (one per cron tick, by the unique index) or started by hand. */
export const monitorRuns = pgTable(
  'monitor_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    trigger: text('trigger').$type<MonitorTrigger>().notNull(),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }).notNull(),
    status: text('status').$type<MonitorRunStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    counts: json('counts').$type<MonitorRunCounts>().notNull(),
    results: json('results').$type<RunResultRow[]>().notNull(),
    durationMs: integer('duration_ms'),
    avgResponseMs: integer('avg_response_ms'),
    maxResponseMs: integer('max_response_ms'),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // Exactly one run per scheduled tick, however many schedulers saw it due.
    uniqueIndex('monitor_runs_tick_key').on(t.monitorId, t.scheduledFor).where(sql`${t.trigger} = 'schedule'`),
    index('monitor_runs_monitor_idx').on(t.monitorId, t.createdAt.desc(), t.id.desc()),
    index('monitor_runs_created_at_idx').on(t.createdAt),
  ],
);
