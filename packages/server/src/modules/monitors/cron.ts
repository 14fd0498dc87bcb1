/**
 * Monitor schedules: five standard cron fields (minute granularity) read in an IANA time zone,
 * with cron-parser (which follows the zone's daylight-saving changes).
 */
import { CronExpressionParser } from 'cron-parser';

/** Why `cron` is not a schedule we run, or undefined when it is. */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') {
    return 'must be 5 cron fields: minute hour day-of-month month day-of-week, e.g. "*/5 * * * *"';
  }
  try {
    CronExpressionParser.parse(fields.join(' '), { strict: false, tz: 'UTC' }).next();
    return undefined;
  } catch (error) {
    return `is not a valid cron expression: ${(error as Error).message}`;
  }
}

/** Why `timezone` is not an IANA zone name, or undefined when it is. */
export function timezoneProblem(timezone: string): string | undefined {
  // Names only (Area/Location, UTC): offsets like "+02:00" and abbreviations like "CEST" do not follow DST rules.
  const message = 'must be an IANA time zone such as "Europe/Berlin" or "UTC"';
  if (!/^(?:UTC|Etc\/[A-Za-z0-9+-]+|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/.test(timezone)) return message;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return undefined;
  } catch {
    return message;
  }
}

/** The first tick of the schedule strictly after `after`. */
export function nextTick(cron: string, timezone: string, after: Date): Date {
  const expression = CronExpressionParser.parse(cron.trim().split(/\s+/).join(' '), { currentDate: after, tz: timezone, strict: false });
  return expression.next().toDate();
}
