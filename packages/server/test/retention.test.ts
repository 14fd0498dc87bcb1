import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { openDatabase, queryRows } from '../src/db/database.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { DATA_MAP, declarationFor } from '../src/db/datamap/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { createInlineJobQueue } from '../src/jobs/queue.ts';
import { users } from '../src/modules/accounts/schema.ts';
import { analyticsEvents, errorReports } from '../src/modules/analytics/schema.ts';
import { createAuditService } from '../src/modules/audit/service.ts';
import { createAuditStore } from '../src/modules/audit/store.ts';
import { auditEvents } from '../src/modules/audit/schema.ts';
import { notificationPreferences, notifications } from '../src/modules/communications/schema.ts';
import { dataExports } from '../src/modules/data-exports/schema.ts';
import { requestHistory } from '../src/modules/history/schema.ts';
import { outboxMessages } from '../src/modules/outbox/schema.ts';
import { rateLimitWindows } from '../src/modules/rate-limits/schema.ts';
import { emailTokens } from '../src/modules/recovery/schema.ts';
import { retentionStep } from '../src/modules/retention/rules.ts';
import { createRetentionService } from '../src/modules/retention/service.ts';
import type { RetentionCount } from '../src/modules/retention/service.ts';
import { createRetentionStore } from '../src/modules/retention/store.ts';
import { accountActivity } from '../src/modules/retention/schema.ts';
import { createRetentionTasks } from '../src/modules/retention/tasks.ts';
import { sessions } from '../src/modules/sessions/schema.ts';
import { teamInvitations, teams } from '../src/modules/teams/schema.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING } from './support/app.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Database work on a busy machine (PGlite migrations especially) can take a while. */
const SLOW = 120_000;
const MINUTE = 60 * 1000;
/** "Now" of the test: the run's asOf and the audit log's clock. */
const T = new Date('2026-06-01T03:17:00.000Z');
const ago = (ms: number) => new Date(T.getTime() - ms);

/** The row values keyed by SQL column name, turned into Drizzle's property names. */
function valuesFor(table: PgTable, bySqlName: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (column.name in bySqlName) values[key] = bySqlName[column.name];
  }
  return values;
}

forEachDatabase('retention (P19)', (target) => {
  let database: DatabaseHandle;
  const erasures: Date[] = [];
  const count = async (table: string) =>
    Number((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);

  const retention = () =>
    createRetentionService({
      store: createRetentionStore(database.db),
      tasks: createRetentionTasks({ store: createRetentionStore(database.db), clock: () => T }),
      audit: createAuditService({ store: createAuditStore(database.db), clock: () => T }),
      map: DATA_MAP,
      // Stands in for account deletion's eraseDue: removes the due accounts (their rows cascade).
      eraseDue: async (asOf) => {
        erasures.push(asOf);
        await database.db.execute(
          sql`delete from users where deletion_scheduled_for <= ${asOf.toISOString()}::timestamptz and (deleted_at is not null or suspended_at is not null)`,
        );
      },
    });

  const person = async (name: string, extra: Partial<typeof users.$inferInsert> = {}) => {
    const [row] = await database.db
      .insert(users)
      .values({ username: name, email: `${name}@example.test`, createdAt: ago(1000 * DAY), ...extra })
      .returning({ id: users.id });
    return row!.id;
  };

  const byTable = (results: RetentionCount[]) => Object.fromEntries(results.map((r) => [r.table, r.count]));
  let ada: string;
  let teamId: string;

  /**
   * Tables whose rows go by one timestamp column: a row is seeded just before and one just after the
   * cutoff its declaration gives, so the rule's own numbers are what is tested.
   */
  const byTime: Record<string, { table: PgTable; row: () => Record<string, unknown> }> = {
    sessions: {
      table: sessions,
      row: () => ({ user_id: ada, token_hash: randomUUID(), created_at: ago(60 * DAY), last_seen_at: ago(40 * DAY), expires_at: T }),
    },
    outbox_messages: { table: outboxMessages, row: () => ({ to: 'someone@example.test', subject: 'Hi', text: 'Hello', created_at: T }) },
    error_reports: { table: errorReports, row: () => ({ message: 'boom', created_at: T }) },
    email_tokens: {
      table: emailTokens,
      row: () => ({ user_id: ada, purpose: 'verify_email', token_hash: randomUUID(), email: 'ada@example.test', created_at: ago(DAY), expires_at: T }),
    },
    team_invitations: {
      table: teamInvitations,
      row: () => ({ team_id: teamId, email: `guest-${randomUUID()}@example.test`, role: 'member', token_hash: randomUUID(), created_at: ago(8 * DAY), expires_at: T }),
    },
    rate_limit_windows: { table: rateLimitWindows, row: () => ({ rule: 'sign-in', key_hash: randomUUID(), window_start: T, expires_at: T, hits: 3 }) },
    audit_events: { table: auditEvents, row: () => ({ occurred_at: T, actor_id: null, action: 'test.event', details: {} }) },
    notifications: { table: notifications, row: () => ({ user_id: ada, type: 'team', title: 'Joined', created_at: T }) },
  };
  const timeRules = () =>
    Object.entries(byTime).map(([name, seed]) => {
      const decl = declarationFor(name);
      if (!decl) throw new Error(`${name} has no data-map declaration`);
      return { name, seed, rule: decl.retention };
    });

  beforeAll(async () => {
    database = await openDatabase(target.config());
    await migrate(database);
    ada = await person('ada');
    [{ id: teamId }] = (await database.db.insert(teams).values({ slug: 'crew', name: 'Crew' }).returning({ id: teams.id })) as [{ id: string }];

    for (const { name, seed, rule } of timeRules()) {
      const step = retentionStep(rule, T);
      expect(step.kind, `${name} is kept by one timestamp (${rule.kind})`).toBe('before');
      if (step.kind !== 'before') continue;
      for (const at of [new Date(step.cutoff.getTime() - MINUTE), new Date(step.cutoff.getTime() + MINUTE)]) {
        await database.db.insert(seed.table).values(valuesFor(seed.table, { ...seed.row(), [step.column]: at }) as never);
      }
    }
  }, SLOW);
  afterAll(async () => {
    await database?.close();
  });

  it('keeps each table by the rule its declaration gives', () => {
    // The seeds above follow the declarations; this pins the categories issue #7 names.
    const kinds = Object.fromEntries(timeRules().map(({ name, rule }) => [name, rule.kind]));
    expect(kinds).toEqual({
      sessions: 'expiry',
      outbox_messages: 'age',
      error_reports: 'age',
      email_tokens: 'expiry',
      team_invitations: 'expiry',
      rate_limit_windows: 'expiry',
      audit_events: 'age',
      notifications: 'age',
    });
    expect(declarationFor('users')?.retention.kind).toBe('account');
    expect(declarationFor('request_history')?.retention).toMatchObject({ kind: 'custom', job: 'history' });
    expect(declarationFor('analytics_events')?.retention).toMatchObject({ kind: 'custom', job: 'analytics' });
    expect(declarationFor('notification_preferences')?.retention).toMatchObject({ kind: 'custom', job: 'marketing-inactivity' });
    expect(declarationFor('data_exports')?.retention).toSatisfy((rule: { kind: string; job?: string }) => rule.kind === 'expiry' || rule.job === 'exports');
  });

  describe('with request history, marketing opt-ins, exports and an account due for erasure', { timeout: SLOW }, () => {
    let week: string;
    let usual: string;
    let none: string;
    let idle: string;
    let recent: string;
    let leaving: string;
    const historyAt = async (userId: string, at: Date) =>
      database.db.insert(requestHistory).values({ userId, method: 'GET', url: 'https://api.example.test/', request: {}, durationMs: 5, createdAt: at });

    beforeAll(async () => {
      // Per person: 7 days chosen; unset (30 days); an invalid value, read as the default like the app does.
      week = await person('week', { preferences: { historyRetentionDays: 7 } });
      usual = await person('usual');
      none = await person('none', { preferences: { historyRetentionDays: 5 as never } });
      await historyAt(week, ago(7 * DAY + MINUTE));
      await historyAt(week, ago(7 * DAY - MINUTE));
      await historyAt(usual, ago(30 * DAY + MINUTE));
      await historyAt(usual, ago(29 * DAY));
      await historyAt(none, ago(31 * DAY));
      await historyAt(none, ago(DAY));

      // Opted in to product news three years ago: one gone quiet since, one using a session last month.
      idle = await person('idle', { createdAt: ago(3 * 365 * DAY) });
      recent = await person('recent', { createdAt: ago(3 * 365 * DAY) });
      for (const userId of [idle, recent]) {
        await database.db.insert(notificationPreferences).values({ userId, marketingEmail: true, marketingEmailChangedAt: ago(3 * 365 * DAY), updatedAt: ago(3 * 365 * DAY) });
      }
      await database.db
        .insert(sessions)
        .values({ userId: recent, tokenHash: randomUUID(), createdAt: ago(40 * DAY), lastSeenAt: ago(30 * DAY), expiresAt: new Date(T.getTime() + DAY) });

      // One export past its expiry, one still downloadable.
      for (const expiresAt of [ago(MINUTE), new Date(T.getTime() + DAY)]) {
        await database.db.insert(dataExports).values({ userId: ada, status: 'ready', progress: 100, bytes: Buffer.from('PK zip'), size: 6, createdAt: ago(8 * DAY), expiresAt });
      }

      // Deleted 16 days ago; the purge was due yesterday.
      leaving = await person('leaving', { deletedAt: ago(16 * DAY), deletionScheduledFor: ago(DAY) });
    }, SLOW);


    it('counts, in a dry run, exactly the rows past their rule, and changes nothing', async () => {
      const before = Object.fromEntries(await Promise.all(DATA_MAP.map(async (d) => [getTableConfig(d.table).name, await count(getTableConfig(d.table).name)])));
      const plan = byTable(await retention().planRetention(T));
      for (const name of Object.keys(byTime)) expect(plan[name], name).toBe(1);
      expect(plan.request_history).toBe(3);
      expect(plan.notification_preferences).toBe(1);
      expect(plan.data_exports).toBe(1);
      expect(plan.users).toBe(1);
      expect(plan.collections ?? 0).toBe(0);
      // Every declared table is in the plan, each once.
      expect(Object.keys(plan).sort()).toEqual(DATA_MAP.map((d) => getTableConfig(d.table).name).sort());

      const after = Object.fromEntries(await Promise.all(DATA_MAP.map(async (d) => [getTableConfig(d.table).name, await count(getTableConfig(d.table).name)])));
      expect(after).toEqual(before);
      expect(erasures).toEqual([]);
    });

    it('purges a later date more than today', async () => {
      const later = byTable(await retention().planRetention(new Date(T.getTime() + 400 * DAY)));
      for (const name of Object.keys(byTime)) expect(later[name], name).toBeGreaterThanOrEqual(2);
      expect(later.request_history).toBe(6);
      expect(later.data_exports).toBe(2);
    });

    it('applies: deletes exactly those rows, erases the due account through eraseDue, and audits each purged table', async () => {
      const applied = await retention().applyRetention(T);
      expect(applied.filter((r) => r.error !== undefined)).toEqual([]);
      const counts = byTable(applied);
      for (const name of Object.keys(byTime)) expect(counts[name], name).toBe(1);
      expect(counts).toMatchObject({ request_history: 3, notification_preferences: 1, data_exports: 1, users: 1 });

      // The rows just after each cutoff stay.
      // (Plus the session in use, and the audit events this run wrote.)
      const seeded = async (name: string) =>
        name === 'audit_events' ? (await queryRows(database.db, sql`select 1 from audit_events where action = 'test.event'`)).length : count(name);
      for (const name of Object.keys(byTime)) expect(await seeded(name), name).toBe(name === 'sessions' ? 2 : 1);
      const history = await queryRows<{ user_id: string; created_at: Date | string }>(database.db, sql`select user_id, created_at from request_history order by created_at`);
      expect(history.map((h) => [h.user_id, new Date(h.created_at).toISOString()])).toEqual([
        [usual, ago(29 * DAY).toISOString()],
        [week, ago(7 * DAY - MINUTE).toISOString()],
        [none, ago(DAY).toISOString()],
      ]);
      const optIns = await database.db.select().from(notificationPreferences);
      expect(Object.fromEntries(optIns.map((p) => [p.userId, p.marketingEmail]))).toEqual({ [idle]: false, [recent]: true });
      expect(optIns.find((p) => p.userId === idle)?.marketingEmailChangedAt).toEqual(T);
      // The expired export's ZIP goes: with the row under an 'expiry' rule, alone under the 'exports' task.
      const exports = await database.db.select({ status: dataExports.status, bytes: dataExports.bytes }).from(dataExports).orderBy(dataExports.expiresAt);
      const keepsRecord = declarationFor('data_exports')?.retention.kind === 'custom';
      expect(exports.map((e) => [e.status, e.bytes === null])).toEqual([...(keepsRecord ? [['expired', true]] : []), ['ready', false]]);

      expect(erasures).toEqual([T]);
      expect(await database.db.select({ id: users.id }).from(users).where(sql`${users.id} = ${leaving}`)).toEqual([]);

      // One audit event per purged table: counts and codes, no personal data.
      const audit = await queryRows<{ target_id: string; actor_id: string | null; details: Record<string, unknown> }>(
        database.db,
        sql`select target_id, actor_id, details from audit_events where action = 'retention.purged' order by target_id`,
      );
      const purged = applied.filter((r) => r.count > 0);
      expect(audit.map((a) => a.target_id)).toEqual(purged.map((r) => r.table).sort());
      for (const event of audit) {
        const result = purged.find((r) => r.table === event.target_id)!;
        expect(event.actor_id).toBeNull();
        expect(event.details).toEqual({ count: result.count, rule: expect.stringMatching(new RegExp(`^${result.rule.kind}`)), asOf: T.toISOString() });
      }
      expect(JSON.stringify(audit)).not.toMatch(/@example\.test|192\.0\.2/);
    });

    it('finds nothing left to purge afterwards', async () => {
      const plan = await retention().planRetention(T);
      expect(plan.filter((r) => r.count > 0)).toEqual([]);
    });

    it('has an analytics task that keeps page views and feature use for their own periods', async () => {
      const event = (type: string, at: Date) => ({ type: type as 'page_view', name: '/', occurredAt: at, network: null });
      await database.db
        .insert(analyticsEvents)
        .values([
          event('page_view', ago(90 * DAY + MINUTE)),
          event('page_view', ago(90 * DAY - MINUTE)),
          event('feature_used', ago(180 * DAY + MINUTE)),
          event('feature_used', ago(180 * DAY - MINUTE)),
          event('retired_type', ago(180 * DAY + MINUTE)),
        ]);
      const task = createRetentionTasks({ store: createRetentionStore(database.db), clock: () => T }).analytics!;
      expect(await task.count(T)).toBe(3);
      expect(await task.apply(T)).toBe(3);
      const left = await database.db.select({ type: analyticsEvents.type, at: analyticsEvents.occurredAt }).from(analyticsEvents).orderBy(analyticsEvents.occurredAt);
      expect(left).toEqual([
        { type: 'feature_used', at: ago(180 * DAY - MINUTE) },
        { type: 'page_view', at: ago(90 * DAY - MINUTE) },
      ]);
    });
  });

  it('is scheduled daily by createApp, and the retention.run job applies and audits it', async () => {
    const later = new Date(T.getTime() + 400 * DAY);
    const failures: unknown[] = [];
    const jobs = createInlineJobQueue((_name, error) => failures.push(error));
    createApp({ database, jobs, clock: () => later, rateLimits: false, passwordHashing: FAST_HASHING });
    expect(jobs.scheduled).toContainEqual({ name: 'retention.run', cron: '17 3 * * *', tz: 'UTC' });

    const expected = byTable(await retention().planRetention(later));
    expect(expected.outbox_messages).toBe(1);
    await jobs.send('retention.run', {});
    await jobs.drain();
    expect(failures).toEqual([]);
    const audited = await queryRows<{ target_id: string; details: { count: number; asOf: string } }>(
      database.db,
      sql`select target_id, details from audit_events where action = 'retention.purged' and details ->> 'asOf' = ${later.toISOString()}`,
    );
    expect(Object.fromEntries(audited.map((a) => [a.target_id, a.details.count]))).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)),
    );
    expect(await count('outbox_messages')).toBe(0);

    // The opt-in of the person whose session expired and was purged stays: its last use was kept.
    const recentId = (await database.db.select({ id: users.id }).from(users).where(sql`${users.username} = 'recent'`))[0]!.id;
    expect(await queryRows(database.db, sql`select 1 from sessions where user_id = ${recentId}`)).toEqual([]);
    const [activity] = await database.db.select().from(accountActivity);
    expect(activity).toEqual({ userId: recentId, lastActiveAt: ago(30 * DAY) });
    const optIn = await database.db.select({ on: notificationPreferences.marketingEmail }).from(notificationPreferences).where(sql`${notificationPreferences.userId} = ${recentId}`);
    expect(optIn).toEqual([{ on: true }]);
  }, SLOW);

  it('lapses that opt-in 24 months after the kept activity, and then forgets the activity', async () => {
    const lapse = new Date(ago(30 * DAY).getTime() + 2 * 366 * DAY);
    const plan = byTable(await retention().planRetention(lapse));
    expect(plan.notification_preferences).toBe(1);
    const applied = byTable(await retention().applyRetention(lapse));
    expect(applied).toMatchObject({ notification_preferences: 1, account_activity: 1 });
    expect(await database.db.select().from(accountActivity)).toEqual([]);
    expect(await database.db.select().from(notificationPreferences).where(sql`${notificationPreferences.marketingEmail} = true`)).toEqual([]);
  }, SLOW);
});
