/**
 * What the retention job (P19) does with one table, read from its data-map declaration. Pure: the
 * store turns a step into SQL, the service runs it. Every table of the data map gets a step, so a
 * new table is under retention the moment it is declared.
 */
import type { RetentionRule, TableDeclaration } from '../../db/datamap/types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionStep =
  /** Rows whose `column` is before `cutoff` go ('age' and 'expiry' rules). */
  | { kind: 'before'; column: string; cutoff: Date }
  /** Rows of accounts due for erasure go or are anonymized, through account erasure (P24). */
  | { kind: 'account' }
  /** A named retention task does the work (tasks.ts). */
  | { kind: 'task'; job: string }
  /** Nothing goes by time: content lives as long as its workspace. */
  | { kind: 'none' };

/** The step that applies `rule` as of `asOf`. */
export function retentionStep(rule: RetentionRule, asOf: Date): RetentionStep {
  switch (rule.kind) {
    case 'age':
      // Older than `days`: the column is before asOf − days.
      return { kind: 'before', column: rule.column, cutoff: new Date(asOf.getTime() - rule.days * DAY_MS) };
    case 'expiry':
      // Past expiry plus grace: column + graceDays < asOf, i.e. column < asOf − graceDays.
      return { kind: 'before', column: rule.column, cutoff: new Date(asOf.getTime() - rule.graceDays * DAY_MS) };
    case 'account':
      return { kind: 'account' };
    case 'custom':
      return { kind: 'task', job: rule.job };
    case 'content':
      return { kind: 'none' };
  }
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** The rule in a few words, for `postern admin retention`; the declaration's `describe` says why. */
export function ruleInWords(rule: RetentionRule): string {
  switch (rule.kind) {
    case 'age':
      return `${days(rule.days)} after ${rule.column}`;
    case 'expiry':
      return rule.graceDays === 0 ? `at ${rule.column}` : `${days(rule.graceDays)} after ${rule.column}`;
    case 'account':
      return `with the account, ${days(rule.graceDays)} after deletion`;
    case 'content':
      // Content lives as long as what holds it (a workspace, a team); `describe` says which.
      return 'no time limit (content)';
    case 'custom':
      return `task ${rule.job}`;
  }
}

/** The custom job names the declarations use, each once, in map order. */
export function customJobs(map: readonly TableDeclaration[]): string[] {
  return [...new Set(map.flatMap((decl) => (decl.retention.kind === 'custom' ? [decl.retention.job] : [])))];
}

/** The audit label of a rule: its kind, with the task's name for custom rules. */
export function ruleLabel(rule: RetentionRule): string {
  return rule.kind === 'custom' ? `custom:${rule.job}` : rule.kind;
}
