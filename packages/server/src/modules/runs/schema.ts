import { index, json, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { collections } from '../collections/schema.ts';

export type RunStatus = 'queued' | 'running' | 'finished' | 'cancelled' | 'failed';

export interface RunAssertion {
  name: string;
  passed: boolean;
  error?: string;
}

/** One request execution of a run. No bodies or headers: only what the results table shows. */
export interface RunResultRow {
  iteration: number;
  itemId: string;
  path: string[];
  name: string;
  method: string;
  url: string;
  status: number | null;
  timeMs: number | null;
  size: number | null;
  assertions: RunAssertion[];
  error?: string;
}

export interface RunSummaryView {
  progress: { done: number; total: number };
  counts: { requests: number; assertionsPassed: number; assertionsFailed: number; errors: number };
  /** Set when results beyond the stored cap were dropped (counts still include them). */
  resultsTruncated?: boolean;
  /** Why a run failed as a whole (not a request error). */
  error?: string;
}

/** The three report documents of a finished run, as `postern run -r json,junit,html` writes them. */
export interface RunReports {
  json?: string;
  junit?: string;
  html?: string;
}

/**
 * Collection runs started from the web app or the API (P2: content of the person who ran it).
 * Results are kept with the run so they survive a restart; they go with the collection or account.
 */
export const collectionRuns = pgTable(
  'collection_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<RunStatus>().notNull(),
    options: json('options').$type<Record<string, unknown>>().notNull(),
    summary: json('summary').$type<RunSummaryView>().notNull(),
    results: json('results').$type<RunResultRow[]>().notNull(),
    reports: json('reports').$type<RunReports>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('collection_runs_collection_created_idx').on(t.collectionId, t.createdAt.desc(), t.id.desc())],
);
