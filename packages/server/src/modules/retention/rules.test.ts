import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { RetentionRule, TableDeclaration } from '../../db/datamap/types.ts';
import type { AuditEventInput } from '../audit/store.ts';
import { customJobs, retentionStep, ruleInWords, ruleLabel } from './rules.ts';
import { checkRetentionTasks, createRetentionService, retentionFailures } from './service.ts';
import type { RetentionStore } from './store.ts';
import type { RetentionTasks } from './tasks.ts';
import { monthsBefore } from './tasks.ts';

const asOf = new Date('2026-11-29T03:17:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('retentionStep', () => {
  it("reads an 'age' rule as rows whose column is before asOf minus the days", () => {
    expect(retentionStep({ kind: 'age', column: 'created_at', days: 30, describe: '' }, asOf)).toEqual({
      kind: 'before',
      column: 'created_at',
      cutoff: new Date(asOf.getTime() - 30 * DAY),
    });
  });

  it("reads an 'expiry' rule as rows whose column plus the grace is before asOf", () => {
    expect(retentionStep({ kind: 'expiry', column: 'expires_at', graceDays: 7, describe: '' }, asOf)).toEqual({
      kind: 'before',
      column: 'expires_at',
      cutoff: new Date(asOf.getTime() - 7 * DAY),
    });
    expect(retentionStep({ kind: 'expiry', column: 'expires_at', graceDays: 0, describe: '' }, asOf)).toEqual({ kind: 'before', column: 'expires_at', cutoff: asOf });
  });

  it('hands account rules to erasure, custom rules to their task, and leaves content alone', () => {
    expect(retentionStep({ kind: 'account', graceDays: 15, describe: '' }, asOf)).toEqual({ kind: 'account' });
    expect(retentionStep({ kind: 'custom', job: 'history', describe: '' }, asOf)).toEqual({ kind: 'task', job: 'history' });
    expect(retentionStep({ kind: 'content', describe: '' }, asOf)).toEqual({ kind: 'none' });
  });

  it('says each rule in a few words and labels it for the audit log', () => {
    const rules: [RetentionRule, string, string][] = [
      [{ kind: 'age', column: 'created_at', days: 30, describe: '' }, '30 days after created_at', 'age'],
      [{ kind: 'age', column: 'occurred_at', days: 1, describe: '' }, '1 day after occurred_at', 'age'],
      [{ kind: 'expiry', column: 'expires_at', graceDays: 0, describe: '' }, 'at expires_at', 'expiry'],
      [{ kind: 'expiry', column: 'expires_at', graceDays: 7, describe: '' }, '7 days after expires_at', 'expiry'],
      [{ kind: 'account', graceDays: 15, describe: '' }, 'with the account, 15 days after deletion', 'account'],
      [{ kind: 'content', describe: '' }, 'no time limit (content)', 'content'],
      [{ kind: 'custom', job: 'history', describe: '' }, 'task history', 'custom:history'],
    ];
    for (const [rule, words, label] of rules) {
      expect(ruleInWords(rule)).toBe(words);
      expect(ruleLabel(rule)).toBe(label);
    }
  });
});

describe('monthsBefore', () => {
  it('counts calendar months and keeps the end of a month inside it', () => {
    expect(monthsBefore(new Date('2026-11-29T03:17:00Z'), 24)).toEqual(new Date('2024-11-29T03:17:00Z'));
    expect(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1)).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(monthsBefore(new Date('2026-01-15T12:00:00Z'), 24)).toEqual(new Date('2024-01-15T12:00:00Z'));
  });
});

// A tiny data map over made-up tables, one per kind of rule.
const logs = pgTable('logs', { id: uuid('id'), createdAt: timestamp('created_at') });
const tokens = pgTable('tokens', { id: uuid('id'), expiresAt: timestamp('expires_at') });
const people = pgTable('people', { id: uuid('id'), email: text('email') });
const notes = pgTable('notes', { id: uuid('id') });
const prefs = pgTable('prefs', { id: uuid('id') });

const declare = (table: TableDeclaration['table'], retention: RetentionRule, subjects: TableDeclaration['subjects'] = []): TableDeclaration => ({
  table,
  description: '',
  subjects,
  retention,
  columns: {},
});

const MAP: TableDeclaration[] = [
  declare(logs, { kind: 'age', column: 'created_at', days: 30, describe: '' }),
  declare(tokens, { kind: 'expiry', column: 'expires_at', graceDays: 7, describe: '' }),
  declare(people, { kind: 'account', graceDays: 15, describe: '' }, [{ column: 'id', by: 'account', role: 'self', onErase: 'delete' }]),
  declare(notes, { kind: 'content', describe: '' }),
  declare(prefs, { kind: 'custom', job: 'reset-prefs', describe: '' }),
];

/** A store that answers from fixed numbers and records what it was asked to do. */
function fakeStore(counts: Record<string, number>) {
  const calls: string[] = [];
  const store: RetentionStore = {
    countBefore: async (table, column, cutoff) => (calls.push(`count ${table}.${column} < ${cutoff.toISOString()}`), counts[table] ?? 0),
    deleteBefore: async (table, column, cutoff) => (calls.push(`delete ${table}.${column} < ${cutoff.toISOString()}`), counts[table] ?? 0),
    countOfDueAccounts: async (table, links) => (calls.push(`due ${table} by ${links.map((l) => l.column).join(',')}`), counts[table] ?? 0),
    countHistoryPastRetention: async () => 0,
    deleteHistoryPastRetention: async () => 0,
    countStaleMarketingOptIns: async () => 0,
    resetStaleMarketingOptIns: async () => 0,
    recordMarketingActivity: async () => {},
    countActivityWithoutOptIn: async () => 0,
    deleteActivityWithoutOptIn: async () => 0,
    countAnalyticsPastRetention: async () => 0,
    deleteAnalyticsPastRetention: async () => 0,
    countExpiredExportFiles: async () => 0,
    deleteExpiredExportFiles: async () => 0,
    countMockCallsPastRetention: async () => 0,
    deleteMockCallsPastRetention: async () => 0,
  };
  return { store, calls };
}

function setup(counts: Record<string, number>, options: { eraseFails?: boolean } = {}) {
  const { store, calls } = fakeStore(counts);
  const audited: AuditEventInput[] = [];
  const erasures: Date[] = [];
  const tasks: RetentionTasks = {
    'reset-prefs': {
      table: 'prefs',
      count: async () => counts.prefs ?? 0,
      apply: async (at) => (calls.push(`task reset-prefs ${at.toISOString()}`), counts.prefs ?? 0),
      prepare: async () => {
        calls.push('prepare reset-prefs');
      },
    },
  };
  const retention = createRetentionService({
    store,
    tasks,
    map: MAP,
    audit: { record: async (event) => (audited.push(event), undefined as never) },
    eraseDue: async (at) => {
      if (options.eraseFails) throw new Error('mail server down');
      erasures.push(at);
    },
  });
  return { retention, calls, audited, erasures, tasks };
}

describe('the retention service', () => {
  it('plans every table of the map without changing anything', async () => {
    const { retention, calls, audited, erasures } = setup({ logs: 3, tokens: 0, people: 2, prefs: 1 });
    const plan = await retention.planRetention(asOf);
    expect(plan.map(({ table, rule, count }) => [table, rule.kind, count])).toEqual([
      ['logs', 'age', 3],
      ['tokens', 'expiry', 0],
      ['people', 'account', 2],
      ['notes', 'content', 0],
      ['prefs', 'custom', 1],
    ]);
    expect(calls.some((c) => c.startsWith('delete') || c.startsWith('task') || c.startsWith('prepare'))).toBe(false);
    expect(erasures).toEqual([]);
    expect(audited).toEqual([]);
    expect(calls).toContain(`count logs.created_at < ${new Date(asOf.getTime() - 30 * DAY).toISOString()}`);
    expect(calls).toContain(`count tokens.expires_at < ${new Date(asOf.getTime() - 7 * DAY).toISOString()}`);
    expect(calls).toContain('due people by id');
  });

  it('applies each rule, erases due accounts once, and audits only the tables it purged', async () => {
    const { retention, calls, audited, erasures } = setup({ logs: 3, tokens: 0, people: 2, prefs: 1 });
    const applied = await retention.applyRetention(asOf);
    expect(applied.map(({ table, count, error }) => [table, count, error])).toEqual([
      ['logs', 3, undefined],
      ['tokens', 0, undefined],
      ['people', 2, undefined],
      ['notes', 0, undefined],
      ['prefs', 1, undefined],
    ]);
    expect(erasures).toEqual([asOf]);
    expect(calls).toContain(`delete logs.created_at < ${new Date(asOf.getTime() - 30 * DAY).toISOString()}`);
    expect(calls).toContain(`task reset-prefs ${asOf.toISOString()}`);
    // Tasks prepare before any table is purged.
    expect(calls.indexOf('prepare reset-prefs')).toBeLessThan(calls.findIndex((c) => c.startsWith('delete')));
    expect(audited).toEqual(
      [
        ['logs', 3, 'age'],
        ['people', 2, 'account'],
        ['prefs', 1, 'custom:reset-prefs'],
      ].map(([table, count, rule]) => ({
        actorId: null,
        action: 'retention.purged',
        targetType: 'table',
        targetId: table,
        details: { count, rule, asOf: asOf.toISOString() },
      })),
    );
    expect(retentionFailures(applied)).toBeUndefined();
  });

  it('reports a failed erasure on the account tables and still applies the others', async () => {
    const { retention, audited } = setup({ logs: 3, people: 2 }, { eraseFails: true });
    const applied = await retention.applyRetention(asOf);
    expect(applied.find((r) => r.table === 'people')?.error).toBe('account erasure failed: mail server down');
    expect(applied.find((r) => r.table === 'logs')).toMatchObject({ count: 3 });
    expect(audited.map((e) => e.targetId)).toEqual(['logs']);
    expect(retentionFailures(applied)).toBe('Retention failed for people (account erasure failed: mail server down)');
  });

  it('refuses to plan or apply when the map names a task that does not exist, naming it', async () => {
    const { tasks } = setup({});
    const map = [...MAP, declare(pgTable('extra', { id: uuid('id') }), { kind: 'custom', job: 'shred-extra', describe: '' })];
    const retention = createRetentionService({ store: fakeStore({}).store, tasks, map, audit: { record: async () => undefined as never }, eraseDue: async () => {} });
    await expect(retention.planRetention(asOf)).rejects.toThrow('The data map names retention task "shred-extra", which does not exist; add it to modules/retention/tasks.ts.');
    await expect(retention.applyRetention(asOf)).rejects.toThrow('"shred-extra"');
  });

  it('refuses a task used on another table than its own', () => {
    const { tasks } = setup({});
    const map = [declare(logs, { kind: 'custom', job: 'reset-prefs', describe: '' })];
    expect(() => checkRetentionTasks(map, tasks)).toThrow('Retention task "reset-prefs" works on table prefs, but the data map uses it for logs.');
  });

  it('lists each custom job once', () => {
    expect(customJobs([...MAP, declare(notes, { kind: 'custom', job: 'reset-prefs', describe: '' })])).toEqual(['reset-prefs']);
  });
});
