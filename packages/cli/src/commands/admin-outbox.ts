/**
 * `postern admin outbox`: the mail the instance kept instead of sending (no SMTP_URL), newest
 * first. Reads the database named by the same settings as `postern serve` (docs/server.md).
 */
import { CliError } from '../errors.ts';
import type { MainIO } from '../main.ts';

export interface AdminOutboxFlags {
  limit?: string;
  json?: boolean;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

export async function adminOutboxCommand(flags: AdminOutboxFlags, io: MainIO): Promise<number> {
  const limit = flags.limit === undefined ? DEFAULT_LIMIT : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new CliError('INVALID_OPTION', `--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const { loadConfig, openDatabase, migrate, createOutboxService, createOutboxStore, systemClock } = await import('@postern/server');
  const config = loadConfig(process.env, io.cwd);
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const outbox = createOutboxService({ store: createOutboxStore(database.db), clock: systemClock });
    const { items } = await outbox.list({ limit });
    if (flags.json) {
      const messages = items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }));
      io.stdout.write(`${JSON.stringify(messages, null, 2)}\n`);
      return 0;
    }
    if (items.length === 0) {
      const why = config.smtpUrl ? ' (SMTP_URL is set, so new mail goes to the SMTP server)' : '';
      io.stdout.write(`The outbox is empty${why}.\n`);
      return 0;
    }
    for (const [i, m] of items.entries()) {
      if (i > 0) io.stdout.write('\n');
      io.stdout.write(
        [
          `─── ${m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC  ${m.id}`,
          `To:      ${m.to}`,
          `Subject: ${m.subject}`,
          ...Object.entries(m.headers).map(([name, value]) => `${name}: ${value}`),
          '',
          m.text.trimEnd(),
          '',
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}
