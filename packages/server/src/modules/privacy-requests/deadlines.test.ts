import { describe, expect, it } from 'vitest';
import { addMonths, dueDate, dueWarning, extendedDueDate } from './deadlines.ts';

const at = (iso: string) => new Date(iso);

describe('request desk deadlines (P26)', () => {
  it('gives GDPR and other requests one calendar month, CCPA 45 days', () => {
    expect(dueDate('gdpr', at('2026-03-10T09:30:00Z')).toISOString()).toBe('2026-04-10T09:30:00.000Z');
    expect(dueDate('other', at('2026-03-10T09:30:00Z')).toISOString()).toBe('2026-04-10T09:30:00.000Z');
    expect(dueDate('ccpa', at('2026-03-10T09:30:00Z')).toISOString()).toBe('2026-04-24T09:30:00.000Z');
  });

  it('ends a month on the last day of a shorter month', () => {
    expect(addMonths(at('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(at('2028-01-31T12:00:00Z'), 1).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(addMonths(at('2026-12-15T00:00:00Z'), 1).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('extends GDPR by two further months and CCPA by 45 further days', () => {
    expect(extendedDueDate('gdpr', at('2026-04-10T09:30:00Z')).toISOString()).toBe('2026-06-10T09:30:00.000Z');
    expect(extendedDueDate('ccpa', at('2026-04-24T09:30:00Z')).toISOString()).toBe('2026-06-08T09:30:00.000Z');
  });

  it('warns of overdue requests and of those due within 7 days, never of closed ones', () => {
    const due = at('2026-04-10T00:00:00Z');
    expect(dueWarning(due, at('2026-03-20T00:00:00Z'), false)).toBeNull();
    expect(dueWarning(due, at('2026-04-03T00:00:00Z'), false)).toBe('due_soon');
    expect(dueWarning(due, at('2026-04-10T00:00:01Z'), false)).toBe('overdue');
    expect(dueWarning(due, at('2026-05-01T00:00:00Z'), true)).toBeNull();
  });
});
