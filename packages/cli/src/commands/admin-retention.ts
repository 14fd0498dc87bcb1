/**
 * `postern admin retention`: applies each data category's retention rule (P19) now, as the daily
 * job does, or with --dry-run only counts what would go. Reads the database named by the same
 * settings as `postern serve` (docs/server.md); erasure receipts go out through the same mail.
 */
import { CliError } from '../errors.ts';
import type { MainIO } from '../main.ts';

export interface AdminRetentionFlags {
  dryRun?: boolean;
  asOf?: string;
  json?: boolean;
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** An ISO 8601 date (midnight UTC) or date and time (UTC unless it names an offset). */
export function parseAsOf(value: string): Date {
  const match = ISO.exec(value.trim());
  const date = match ? new Date(match[0].includes('T') && !match[2] ? `${match[0]}Z` : match[0]) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || !isCalendarDay(match[1]!)) {
    throw new CliError('INVALID_OPTION', `--as-of must be an ISO date or date and time, e.g. 2026-12-01 or 2026-12-01T03:00:00Z (got "${value}")`);
  }
  return date;
}

/** Date accepts 2026-02-31 as 3 March; a day that does not exist is refused instead. */
function isCalendarDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export async function adminRetentionCommand(flags: AdminRetentionFlags, io: MainIO): Promise<number> {
  const asOf = flags.asOf === undefined ? new Date() : parseAsOf(flags.asOf);
  const { loadConfig, openDatabase, migrate, openRetention, retentionRuleInWords } = await import('@postern/server');
  const config = loadConfig(process.env, io.cwd);
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const retention = openRetention(database, config);
    const results = flags.dryRun ? await retention.planRetention(asOf) : await retention.applyRetention(asOf);
    const total = results.reduce((sum, r) => sum + r.count, 0);
    const failed = results.filter((r) => r.error !== undefined);

    if (flags.json) {
      const tables = results.map((r) => ({
        table: r.table,
        rule: r.rule.kind,
        ...(r.rule.kind === 'custom' && { job: r.rule.job }),
        words: retentionRuleInWords(r.rule),
        describe: r.rule.describe,
        count: r.count,
        ...(r.error !== undefined && { error: r.error }),
      }));
      io.stdout.write(`${JSON.stringify({ asOf: asOf.toISOString(), dryRun: flags.dryRun === true, total, tables }, null, 2)}\n`);
      return failed.length > 0 ? 1 : 0;
    }

    const heading = flags.dryRun ? 'Would go' : 'Went';
    const rows = results.map((r) => [r.table, retentionRuleInWords(r.rule), r.error === undefined ? String(r.count) : `failed: ${r.error}`]);
    const widths = [0, 1].map((i) => Math.max(i === 0 ? 'Table'.length : 'Rule'.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padEnd(widths[1]!)}  ${cells[2]}`.trimEnd();
    io.stdout.write(
      [
        `Retention as of ${asOf.toISOString()}${flags.dryRun ? ' (dry run: nothing was changed)' : ''}`,
        '',
        line(['Table', 'Rule', heading]),
        ...rows.map(line),
        '',
        flags.dryRun
          ? `${total} row${total === 1 ? '' : 's'} would go. Run without --dry-run to delete them.`
          : `${total} row${total === 1 ? '' : 's'} deleted or anonymized; each purged table is in the audit log (retention.purged).`,
        '',
      ].join('\n'),
    );
    if (failed.length > 0) io.stderr.write(`error: retention failed for ${failed.map((r) => r.table).join(', ')}; the other tables were purged\n`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}
