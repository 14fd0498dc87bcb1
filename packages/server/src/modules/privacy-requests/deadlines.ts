import type { RequestLaw } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A request due within this many days is flagged in the operator's queue. */
export const DUE_SOON_DAYS = 7;

/** Adds calendar months in UTC; the 31st plus a month is the last day of a shorter month. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** GDPR Art. 12(3): one month from receipt; CCPA § 1798.130: 45 days; otherwise one month. */
export function dueDate(law: RequestLaw, receivedAt: Date): Date {
  return law === 'ccpa' ? addDays(receivedAt, 45) : addMonths(receivedAt, 1);
}

/** The one extension: GDPR two further months, CCPA 45 further days; counted from the current due date. */
export function extendedDueDate(law: RequestLaw, dueAt: Date): Date {
  return law === 'ccpa' ? addDays(dueAt, 45) : addMonths(dueAt, 2);
}

export type DueWarning = 'overdue' | 'due_soon' | null;

/** The queue's warning for an open request; closed requests have none. */
export function dueWarning(dueAt: Date, now: Date, closed: boolean): DueWarning {
  if (closed) return null;
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (dueAt.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS) return 'due_soon';
  return null;
}
