import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createApp, migrate, openDatabase, queryRows, schema } from '@postern/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAsOf } from '../src/commands/admin-retention.ts';
import { tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '../bin/postern.js');
const DAY = 24 * 60 * 60 * 1000;

describe('parseAsOf', () => {
  it('reads ISO dates as midnight UTC and times without a zone as UTC', () => {
    expect(parseAsOf('2026-12-01')).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(parseAsOf('2026-12-01T03:17')).toEqual(new Date('2026-12-01T03:17:00Z'));
    expect(parseAsOf('2026-12-01T03:17:00+02:00')).toEqual(new Date('2026-12-01T01:17:00Z'));
    expect(parseAsOf('2026-12-01T03:17:00.5Z')).toEqual(new Date('2026-12-01T03:17:00.500Z'));
  });

  it('refuses what is not an ISO date or a day that does not exist', () => {
    for (const bad of ['tomorrow', '01/12/2026', '2026-02-31', '2026-13-01', '2026-12-01T25:00Z', '2026-12-01 03:00', '']) {
      expect(() => parseAsOf(bad), bad).toThrow(/^--as-of must be an ISO date or date and time/);
    }
  });
});

describe('postern admin retention', () => {
  const data = tempDir();
  const env = { ...process.env, POSTERN_FROM_SOURCE: '1', POSTERN_DATA_DIR: data.path, DATABASE_URL: '', SMTP_URL: '' };
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, 'admin', 'retention', ...args], { env, encoding: 'utf8', timeout: 170_000 });
  const withDatabase = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> => {
    const database = await openDatabase({ dataDir: data.path });
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  };
  const now = Date.now();

  beforeAll(async () => {
    // A person signed up (a session, a verification link, its mail in the outbox) and mail from 40 days ago.
    const database = await openDatabase({ dataDir: data.path });
    try {
      await migrate(database);
      const app = createApp({ database, rateLimits: false, passwordHashing: { memoryCost: 1024, timeCost: 1 } });
      const res = await app.request('/api/accounts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'ada', email: 'ada@example.test', password: 'correct horse battery', birthDate: '1990-04-02', country: 'FR' }),
      });
      expect(res.status).toBe(201);
      await database.db.insert(schema.outboxMessages).values({ to: 'old@example.test', subject: 'Old', text: 'old', createdAt: new Date(now - 40 * DAY) });
    } finally {
      await database.close();
    }
  }, 180_000);
  afterAll(() => data.cleanup());

  it('shows, with --dry-run, what would go per table and changes nothing', async () => {
    const r = run(['--dry-run', '--as-of', new Date(now + DAY).toISOString()]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Retention as of \d{4}-\d\d-\d\dT[\d:.]+Z \(dry run: nothing was changed\)$/m);
    expect(r.stdout).toMatch(/^Table +Rule +Would go$/m);
    expect(r.stdout).toMatch(/^outbox_messages +30 days after created_at +1$/m);
    expect(r.stdout).toMatch(/^sessions +at expires_at +0$/m);
    expect(r.stdout).toMatch(/^request_history +task history +0$/m);
    expect(r.stdout).toMatch(/^users +with the account, 15 days after deletion +0$/m);
    expect(r.stdout).toMatch(/^\d+ rows? would go\. Run without --dry-run to delete them\.$/m);
    const outbox = await withDatabase((db) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox_messages`));
    expect(outbox[0]!.n).toBe(2);
  }, 180_000);

  it('counts more for a later --as-of, as JSON', () => {
    const r = run(['--dry-run', '--as-of', '2099-01-01', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { asOf: string; dryRun: boolean; total: number; tables: { table: string; rule: string; count: number; words: string }[] };
    expect(report).toMatchObject({ asOf: '2099-01-01T00:00:00.000Z', dryRun: true });
    const count = (table: string) => report.tables.find((t) => t.table === table)?.count;
    expect(count('outbox_messages')).toBe(2);
    expect(count('sessions')).toBe(1);
    expect(count('email_tokens')).toBe(1);
    expect(report.tables.find((t) => t.table === 'request_history')).toMatchObject({ rule: 'custom', job: 'history', words: 'task history' });
    expect(report.total).toBe(report.tables.reduce((n, t) => n + t.count, 0));
  }, 180_000);

  it('refuses an invalid --as-of in one line, before opening anything', () => {
    const r = run(['--dry-run', '--as-of', 'next tuesday']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: --as-of must be an ISO date or date and time, e.g. 2026-12-01 or 2026-12-01T03:00:00Z (got "next tuesday")',
    ]);
    expect(r.stdout).toBe('');
  }, 180_000);

  it('applies without --dry-run and audits each purged table', async () => {
    const r = run([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Table +Rule +Went$/m);
    expect(r.stdout).toMatch(/^outbox_messages +30 days after created_at +1$/m);
    expect(r.stdout).toMatch(/deleted or anonymized; each purged table is in the audit log \(retention\.purged\)\.$/m);
    const [outbox, audit] = await withDatabase(async (db) => [
      await queryRows<{ subject: string }>(db, sql`select subject from outbox_messages`),
      await queryRows<{ target_id: string; details: Record<string, unknown> }>(db, sql`select target_id, details from audit_events where action = 'retention.purged'`),
    ]);
    expect(outbox.map((m) => m.subject)).not.toContain('Old');
    expect(outbox).toHaveLength(1);
    expect(audit).toEqual([{ target_id: 'outbox_messages', details: { count: 1, rule: 'age', asOf: expect.stringMatching(/Z$/) } }]);
  }, 180_000);
});
