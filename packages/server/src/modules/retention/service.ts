/**
 * Retention (P19): every table of the data map is kept only as long as its declared rule says.
 * `planRetention` counts what would go (nothing changes); `applyRetention` deletes it, table by
 * table, one statement each, and audits every table it purged. The daily `retention.run` job and
 * `postern admin retention` both end here.
 */
import type { RetentionRule, TableDeclaration } from '../../db/datamap/types.ts';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { AuditService } from '../audit/service.ts';
import { customJobs, retentionStep, ruleLabel } from './rules.ts';
import type { RetentionStore } from './store.ts';
import type { RetentionTasks } from './tasks.ts';

/** Erases every account whose deletion is due at `asOf` and sends the receipts (account deletion, P24). */
export type EraseDue = (asOf: Date) => Promise<unknown>;

export interface RetentionServiceDeps {
  store: RetentionStore;
  tasks: RetentionTasks;
  eraseDue: EraseDue;
  audit: Pick<AuditService, 'record'>;
  /** The declarations to apply: the whole data map (tests pass a smaller one). */
  map: readonly TableDeclaration[];
}

export interface RetentionCount {
  table: string;
  rule: RetentionRule;
  /** Rows that would go (plan) or went (apply); for account rules, rows of accounts being erased. */
  count: number;
  /** Why this table was not purged (apply only); the other tables still were. */
  error?: string;
}

export type RetentionService = ReturnType<typeof createRetentionService>;

/** The data map names a retention task that does not exist, or uses one on the wrong table. */
export class RetentionConfigError extends Error {
  readonly code = 'RETENTION_TASK_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'RetentionConfigError';
  }
}

/** Refuses a map whose custom rules name a task that is missing or meant for another table. */
export function checkRetentionTasks(map: readonly TableDeclaration[], tasks: RetentionTasks): void {
  const missing = customJobs(map).filter((job) => !Object.hasOwn(tasks, job));
  if (missing.length > 0) {
    const names = missing.map((job) => `"${job}"`).join(', ');
    throw new RetentionConfigError(`The data map names retention task${missing.length > 1 ? 's' : ''} ${names}, which ${missing.length > 1 ? 'do' : 'does'} not exist; add ${missing.length > 1 ? 'them' : 'it'} to modules/retention/tasks.ts.`);
  }
  for (const decl of map) {
    if (decl.retention.kind !== 'custom') continue;
    const name = getTableConfig(decl.table).name;
    const task = tasks[decl.retention.job]!;
    if (task.table !== name) {
      throw new RetentionConfigError(`Retention task "${decl.retention.job}" works on table ${task.table}, but the data map uses it for ${name}.`);
    }
  }
}

export function createRetentionService({ store, tasks, eraseDue, audit, map }: RetentionServiceDeps) {
  const tables = () => {
    checkRetentionTasks(map, tasks);
    return map.map((decl) => ({ decl, name: getTableConfig(decl.table).name }));
  };

  /** What one table's rule would remove at `asOf`. */
  async function countFor(decl: TableDeclaration, name: string, asOf: Date): Promise<number> {
    const step = retentionStep(decl.retention, asOf);
    switch (step.kind) {
      case 'before':
        return store.countBefore(name, step.column, step.cutoff);
      case 'account':
        return store.countOfDueAccounts(name, decl.subjects, asOf);
      case 'task':
        return tasks[step.job]!.count(asOf);
      case 'none':
        return 0;
    }
  }

  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

  return {
    /** Per table, what retention would remove as of `asOf`; changes nothing. */
    async planRetention(asOf: Date): Promise<RetentionCount[]> {
      const results: RetentionCount[] = [];
      for (const { decl, name } of tables()) results.push({ table: name, rule: decl.retention, count: await countFor(decl, name, asOf) });
      return results;
    },

    /**
     * Applies every table's rule as of `asOf`. A table that fails is reported with its error and
     * the others still run; the caller decides whether that fails the job.
     */
    async applyRetention(asOf: Date): Promise<RetentionCount[]> {
      const all = tables();
      // E.g. keeping what a table about to be purged still tells (marketing-inactivity: activity).
      for (const job of customJobs(map)) await tasks[job]!.prepare?.();
      // Account erasure touches many tables at once: count them first, then erase once.
      const accountTables = all.filter(({ decl }) => decl.retention.kind === 'account');
      const erased = new Map<string, number>();
      let erasure: string | undefined;
      if (accountTables.length > 0) {
        try {
          for (const { decl, name } of accountTables) erased.set(name, await countFor(decl, name, asOf));
          await eraseDue(asOf);
        } catch (error) {
          erasure = message(error);
        }
      }

      const results: RetentionCount[] = [];
      for (const { decl, name } of all) {
        const rule = decl.retention;
        let count = 0;
        try {
          const step = retentionStep(rule, asOf);
          if (step.kind === 'account') {
            if (erasure !== undefined) throw new Error(`account erasure failed: ${erasure}`);
            count = erased.get(name) ?? 0;
          } else if (step.kind === 'before') count = await store.deleteBefore(name, step.column, step.cutoff);
          else if (step.kind === 'task') count = await tasks[step.job]!.apply(asOf);
          if (count > 0) {
            // Ids, counts and codes only: the audit log outlives the people in it.
            await audit.record({
              actorId: null,
              action: 'retention.purged',
              targetType: 'table',
              targetId: name,
              details: { count, rule: ruleLabel(rule), asOf: asOf.toISOString() },
            });
          }
          results.push({ table: name, rule, count });
        } catch (error) {
          results.push({ table: name, rule, count, error: message(error) });
        }
      }
      return results;
    },
  };
}

/** The tables that failed in an apply, as one line for a job error or the CLI. */
export function retentionFailures(results: readonly RetentionCount[]): string | undefined {
  const failed = results.filter((r) => r.error !== undefined);
  if (failed.length === 0) return undefined;
  return `Retention failed for ${failed.map((r) => `${r.table} (${r.error})`).join(', ')}`;
}
