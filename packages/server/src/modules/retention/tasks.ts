/**
 * Retention rules that a column and a number cannot say (RetentionRule kind 'custom'), by the job
 * name the data map uses. The service refuses to run when a declaration names a job missing here,
 * and a unit test checks every name in DATA_MAP, so no table escapes retention by a typo.
 */
import type { Clock } from '../../clock.ts';
import { RETENTION_DAYS } from '../analytics/service.ts';
import { DEFAULT_HISTORY_RETENTION_DAYS, HISTORY_RETENTION_CHOICES } from '../history/retention.ts';
import type { RetentionStore } from './store.ts';

export interface RetentionTask {
  /** The one table the task works on; a declaration naming the task on another table is refused. */
  table: string;
  /** Rows that would go or change as of `asOf`. */
  count(asOf: Date): Promise<number>;
  /** Deletes or changes them in one statement; answers how many. */
  apply(asOf: Date): Promise<number>;
  /** Runs at the start of every applying run, before any table is purged (never in a dry run). */
  prepare?(): Promise<void>;
}

export type RetentionTasks = Readonly<Record<string, RetentionTask>>;

/** Product-news opt-ins lapse after this many months without any activity on the account (P19). */
export const MARKETING_INACTIVITY_MONTHS = 24;

/** Analytics events by type (page views and feature use are kept for different periods, P5). */
const { error_report: _errorReports, ...ANALYTICS_DAYS } = RETENTION_DAYS;

const HISTORY_SETTING = { choices: HISTORY_RETENTION_CHOICES, defaultDays: DEFAULT_HISTORY_RETENTION_DAYS };

/** `asOf` minus whole calendar months (UTC). */
export function monthsBefore(asOf: Date, months: number): Date {
  const date = new Date(asOf);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  // The 31st of a shorter month becomes its last day rather than spilling into the next one.
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date;
}

export function createRetentionTasks({ store, clock }: { store: RetentionStore; clock: Clock }): RetentionTasks {
  const inactiveSince = (asOf: Date) => monthsBefore(asOf, MARKETING_INACTIVITY_MONTHS);
  return {
    // Each person's own choice of how long sent requests are kept (users.preferences, default 30 days).
    history: {
      table: 'request_history',
      count: (asOf) => store.countHistoryPastRetention(asOf, HISTORY_SETTING),
      apply: (asOf) => store.deleteHistoryPastRetention(asOf, HISTORY_SETTING),
    },
    // Consent to product news is not kept forever: after 24 months without activity it is off again.
    'marketing-inactivity': {
      table: 'notification_preferences',
      count: (asOf) => store.countStaleMarketingOptIns(inactiveSince(asOf)),
      apply: (asOf) => store.resetStaleMarketingOptIns(inactiveSince(asOf), clock()),
      // Sessions go when they expire: their last use is kept first, for as long as the opt-in lasts.
      prepare: () => store.recordMarketingActivity(),
    },
    // That record of activity goes once the account is no longer opted in.
    'marketing-activity': {
      table: 'account_activity',
      count: () => store.countActivityWithoutOptIn(),
      apply: () => store.deleteActivityWithoutOptIn(),
    },
    // Page views and feature use each for their own period (analytics/service.ts RETENTION_DAYS).
    analytics: {
      table: 'analytics_events',
      count: (asOf) => store.countAnalyticsPastRetention(asOf, ANALYTICS_DAYS),
      apply: (asOf) => store.deleteAnalyticsPastRetention(asOf, ANALYTICS_DAYS),
    },
    // The ZIP of an expired data export is deleted; the record that the export was made stays.
    exports: {
      table: 'data_exports',
      count: (asOf) => store.countExpiredExportFiles(asOf),
      apply: (asOf) => store.deleteExpiredExportFiles(asOf),
    },
    // Each hosted mock's call log for the period its editors chose (1–90 days, mocks/service.ts).
    'mock-calls': {
      table: 'mock_calls',
      count: (asOf) => store.countMockCallsPastRetention(asOf),
      apply: (asOf) => store.deleteMockCallsPastRetention(asOf),
    },
  };
}
