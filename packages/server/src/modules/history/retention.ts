import type { UserPreferences } from '../accounts/schema.ts';

/**
 * How long sent requests are kept (P19: retention per data category; P25: the person can stop
 * this use of their data). 0 means "don't keep history": nothing is recorded.
 */
export const HISTORY_RETENTION_CHOICES = [0, 1, 7, 30, 90, 365] as const;
export type HistoryRetentionDays = (typeof HISTORY_RETENTION_CHOICES)[number];
export const DEFAULT_HISTORY_RETENTION_DAYS: HistoryRetentionDays = 30;
/** At most this many entries per person; the oldest go first. */
export const MAX_HISTORY_ENTRIES = 1000;

export function historyRetentionDays(preferences: UserPreferences): HistoryRetentionDays {
  const days = preferences.historyRetentionDays;
  return days !== undefined && HISTORY_RETENTION_CHOICES.includes(days) ? days : DEFAULT_HISTORY_RETENTION_DAYS;
}

/** Entries created before this instant are past retention. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}
