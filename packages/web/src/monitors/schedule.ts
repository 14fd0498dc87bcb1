/**
 * A monitor's schedule: the presets the form offers, turned into a cron expression and recognised
 * in one, and the words the pages use for it. The server checks the expression; the words here
 * are a preview (cronstrue reads the same five fields).
 */
import cronstrue from 'cronstrue';

export type IntervalMinutes = 5 | 15 | 30;

export type Schedule =
  | { kind: 'interval'; minutes: IntervalMinutes }
  | { kind: 'hourly' }
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; day: number; time: string }
  | { kind: 'custom'; cron: string };

export type ScheduleKind = 'every5' | 'every15' | 'every30' | 'hourly' | 'daily' | 'weekly' | 'custom';

/** The preset choices of the form, in the order it lists them. */
export const SCHEDULE_CHOICES: ReadonlyArray<readonly [ScheduleKind, string]> = [
  ['every5', 'Every 5 minutes'],
  ['every15', 'Every 15 minutes'],
  ['every30', 'Every 30 minutes'],
  ['hourly', 'Every hour'],
  ['daily', 'Every day at…'],
  ['weekly', 'Every week on…'],
  ['custom', 'Custom (cron expression)'],
];

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The form's choice for a schedule. */
export function kindOf(schedule: Schedule): ScheduleKind {
  return schedule.kind === 'interval' ? `every${schedule.minutes}` : schedule.kind;
}

/** "HH:MM" (24-hour) → [hour, minute], or null when it is not a time of day. */
export function parseTime(time: string): [number, number] | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? [hour, minute] : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The cron expression of a schedule; a time that does not parse falls back to midnight. */
export function scheduleToCron(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'interval':
      return `*/${schedule.minutes} * * * *`;
    case 'hourly':
      return '0 * * * *';
    case 'daily': {
      const [hour, minute] = parseTime(schedule.time) ?? [0, 0];
      return `${minute} ${hour} * * *`;
    }
    case 'weekly': {
      const [hour, minute] = parseTime(schedule.time) ?? [0, 0];
      return `${minute} ${hour} * * ${schedule.day}`;
    }
    case 'custom':
      return schedule.cron.trim().split(/\s+/).join(' ');
  }
}

/** A whole number written as cron writes it (no sign, no leading zero), within [min, max]. */
function plainNumber(field: string, min: number, max: number): number | null {
  if (!/^(0|[1-9]\d?)$/.test(field)) return null;
  const n = Number(field);
  return n >= min && n <= max ? n : null;
}

/**
 * The preset an expression is, so editing a monitor shows the choice it was made with; anything
 * else is custom. scheduleToCron(cronToSchedule(e)) gives e back (spacing normalised).
 */
export function cronToSchedule(cron: string): Schedule {
  const normalised = cron.trim().split(/\s+/).join(' ');
  const fields = normalised.split(' ');
  const custom: Schedule = { kind: 'custom', cron: normalised };
  if (fields.length !== 5) return custom;
  const [minuteField, hourField, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  if (dayOfMonth !== '*' || month !== '*') return custom;
  const interval = /^\*\/(5|15|30)$/.exec(minuteField);
  if (interval && hourField === '*' && dayOfWeek === '*') return { kind: 'interval', minutes: Number(interval[1]) as IntervalMinutes };
  if (minuteField === '0' && hourField === '*' && dayOfWeek === '*') return { kind: 'hourly' };
  const minute = plainNumber(minuteField, 0, 59);
  const hour = plainNumber(hourField, 0, 23);
  if (minute === null || hour === null) return custom;
  const time = `${pad(hour)}:${pad(minute)}`;
  if (dayOfWeek === '*') return { kind: 'daily', time };
  const day = plainNumber(dayOfWeek, 0, 6);
  return day === null ? custom : { kind: 'weekly', day, time };
}

export type CronDescription = { ok: true; text: string } | { ok: false; problem: string };

/** The expression in words ("At 09:30, only on Monday"), or what is wrong with it. */
export function describeCron(cron: string): CronDescription {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return { ok: false, problem: 'Write five fields separated by spaces: minute, hour, day of month, month, day of week.' };
  }
  try {
    return { ok: true, text: cronstrue.toString(fields.join(' '), { use24HourTimeFormat: true, throwExceptionOnParseError: true }) };
  } catch (error) {
    const detail = typeof error === 'string' ? error : error instanceof Error ? error.message : '';
    return { ok: false, problem: `This is not a cron expression Postern can read${detail ? `: ${detail.replace(/^Error:\s*/, '')}` : ''}.` };
  }
}

/** A monitor's schedule in words with its time zone, e.g. "Every 5 minutes (Europe/Berlin)". */
export function describeSchedule(cron: string, timezone: string): string {
  const described = describeCron(cron);
  return `${described.ok ? described.text : cron} (${timezone})`;
}

/** The time zone the browser is in, UTC when it does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The IANA zones the time zone select offers: UTC first, then the browser's list, plus `current` if it is missing. */
export function timeZoneChoices(current?: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = ['UTC', ...known.filter((z) => z !== 'UTC')];
  if (current && !zones.includes(current)) zones.push(current);
  return zones;
}

const IN_ZONE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/**
 * An instant in a monitor's time zone, named, e.g. "4 Mar 2026, 09:30 CET" (the schedule's times
 * are that zone's, whatever the browser's is), or the ISO text if it does not read.
 */
export function formatInZone(iso: string, timeZone: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(locale, { ...IN_ZONE, timeZone });
  } catch {
    return date.toLocaleString(locale, IN_ZONE);
  }
}
