/**
 * `postern privacy datamap`: the data map (P8), every table and column with its category, purposes,
 * legal basis, retention and whether a person's export includes it. Read from the code, not the
 * database, so it works before `postern serve` ever ran.
 */
import type { MainIO } from '../main.ts';

export interface PrivacyDatamapFlags {
  json?: boolean;
}

const HEADINGS = ['TABLE', 'COLUMN', 'CATEGORY', 'PURPOSES', 'BASIS', 'RETENTION', 'EXPORTED'] as const;

export async function privacyDatamapCommand(flags: PrivacyDatamapFlags, io: MainIO): Promise<number> {
  const { dataMapDocument, retentionLabel } = await import('@postern/server');
  const document = dataMapDocument();
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  const rows = document.tables.flatMap((table) =>
    table.columns.map((c) => [
      table.name,
      c.name,
      c.category,
      c.purposes.join(',') || '-',
      c.legalBasis ?? '-',
      retentionLabel(table.retention),
      c.exported ? 'yes' : 'no',
    ]),
  );
  const widths = HEADINGS.map((heading, i) => Math.max(heading.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}\n`;
  io.stdout.write(line(HEADINGS));
  for (const row of rows) io.stdout.write(line(row));
  const personal = document.tables.reduce((n, table) => n + table.columns.filter((c) => c.personal).length, 0);
  io.stdout.write(
    [
      '',
      `${document.tables.length} tables, ${rows.length} columns, ${personal} of them personal data.`,
      'Retention: account +Nd = life of the account, then N days; content = as long as its workspace or owner;',
      '  age Nd (col) = N days after col; expiry (col) = once col has passed; job X = the retention task X.',
      'Run with --json for descriptions, subject links, erasure rules and retention in words.',
      '',
    ].join('\n'),
  );
  return 0;
}
