import { describe, expect, it } from 'vitest';
import { cronToSchedule, describeCron, describeSchedule, formatInZone, kindOf, parseTime, scheduleToCron, timeZoneChoices } from './schedule.ts';
import type { Schedule } from './schedule.ts';

describe('schedule presets and cron expressions', () => {
  const cases: Array<[Schedule, string]> = [
    [{ kind: 'interval', minutes: 5 }, '*/5 * * * *'],
    [{ kind: 'interval', minutes: 15 }, '*/15 * * * *'],
    [{ kind: 'interval', minutes: 30 }, '*/30 * * * *'],
    [{ kind: 'hourly' }, '0 * * * *'],
    [{ kind: 'daily', time: '09:30' }, '30 9 * * *'],
    [{ kind: 'daily', time: '00:00' }, '0 0 * * *'],
    [{ kind: 'weekly', day: 1, time: '23:05' }, '5 23 * * 1'],
    [{ kind: 'weekly', day: 0, time: '07:00' }, '0 7 * * 0'],
  ];

  it.each(cases)('turns %o into %s and back', (schedule, cron) => {
    expect(scheduleToCron(schedule)).toBe(cron);
    expect(cronToSchedule(cron)).toEqual(schedule);
  });

  it('reads anything else as a custom expression, spacing normalised, and gives it back unchanged', () => {
    for (const cron of ['*/10 * * * *', '0 9 * * 1-5', '0 9 1 * *', '5 * * * *', '05 9 * * *', '0 9 * * 7', '0 24 * * *', '* * * *', '0 0 9 * * *']) {
      const schedule = cronToSchedule(cron);
      expect(schedule).toEqual({ kind: 'custom', cron });
      expect(scheduleToCron(schedule)).toBe(cron);
    }
    expect(cronToSchedule('  0  9 * *   1-5 ')).toEqual({ kind: 'custom', cron: '0 9 * * 1-5' });
    expect(scheduleToCron({ kind: 'custom', cron: ' 0\t9 * * 1-5 ' })).toBe('0 9 * * 1-5');
  });

  it('names the form choice of each schedule', () => {
    expect(kindOf({ kind: 'interval', minutes: 15 })).toBe('every15');
    expect(kindOf({ kind: 'weekly', day: 3, time: '10:00' })).toBe('weekly');
    expect(kindOf({ kind: 'custom', cron: '1 2 3 4 5' })).toBe('custom');
  });

  it('reads 24-hour times and refuses others', () => {
    expect(parseTime('9:05')).toEqual([9, 5]);
    expect(parseTime('23:59')).toEqual([23, 59]);
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('12:60')).toBeNull();
    expect(parseTime('noon')).toBeNull();
    // A time the form could not read falls back to midnight rather than a broken expression.
    expect(scheduleToCron({ kind: 'daily', time: '' })).toBe('0 0 * * *');
  });
});

describe('schedule descriptions', () => {
  it('says an expression in words', () => {
    expect(describeCron('*/5 * * * *')).toEqual({ ok: true, text: 'Every 5 minutes' });
    expect(describeCron('30 9 * * *')).toEqual({ ok: true, text: 'At 09:30' });
    expect(describeCron('5 23 * * 1')).toEqual({ ok: true, text: 'At 23:05, only on Monday' });
    expect(describeCron('0 9 * * 1-5')).toEqual({ ok: true, text: 'At 09:00, Monday through Friday' });
  });

  it('says what is wrong with an expression it cannot read', () => {
    const fields = describeCron('0 9 * *');
    expect(fields.ok).toBe(false);
    expect(!fields.ok && fields.problem).toMatch(/five fields/);
    expect(describeCron('0 0 9 * * *').ok).toBe(false);
    const nonsense = describeCron('0 99 * * *');
    expect(nonsense.ok).toBe(false);
    expect(!nonsense.ok && nonsense.problem).toMatch(/not a cron expression/);
  });

  it('adds the time zone, and shows an unreadable expression as it is', () => {
    expect(describeSchedule('0 * * * *', 'Europe/Berlin')).toBe('Every hour (Europe/Berlin)');
    expect(describeSchedule('nonsense', 'UTC')).toBe('nonsense (UTC)');
  });

  it('offers UTC first and keeps a zone the browser does not list', () => {
    const zones = timeZoneChoices('Mars/Olympus_Mons');
    expect(zones[0]).toBe('UTC');
    expect(zones.filter((z) => z === 'UTC')).toHaveLength(1);
    expect(zones).toContain('Europe/Berlin');
    expect(zones.at(-1)).toBe('Mars/Olympus_Mons');
  });

  it('shows an instant in the monitor’s time zone', () => {
    expect(formatInZone('2026-03-04T08:30:00Z', 'Europe/Berlin', 'en-GB')).toBe('4 Mar 2026, 09:30 CET');
    expect(formatInZone('2026-07-04T08:30:00Z', 'Europe/Berlin', 'en-GB')).toBe('4 Jul 2026, 10:30 CEST');
    expect(formatInZone('2026-03-04T08:30:00Z', 'UTC', 'en-GB')).toBe('4 Mar 2026, 08:30 UTC');
    // A zone the browser does not know still shows the instant, in the browser's zone.
    expect(formatInZone('2026-03-04T08:30:00Z', 'Mars/Olympus_Mons', 'en-GB')).toMatch(/^4 Mar 2026, \d\d:30/);
    expect(formatInZone('not a date', 'UTC')).toBe('not a date');
  });
});
