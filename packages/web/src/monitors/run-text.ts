/** A monitor run's figures in words, for the run view and the history table. */
import { RUN_STATUS_LABELS } from './api.ts';
import type { MonitorRun } from './api.ts';

/** What a pending run is doing, in words for the status line. */
export function jobLine(run: MonitorRun): string {
  if (run.status === 'queued') return 'Queued: waiting for a worker to pick it up.';
  if (run.status === 'running') return `Running${run.attempts > 1 ? ` (attempt ${run.attempts})` : ''}…`;
  return `${RUN_STATUS_LABELS[run.status]}.`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 requests · 1 test passed · 1 failed · 0 errors" */
export function countsText(c: MonitorRun['counts']): string {
  return `${plural(c.requests, 'request', 'requests')} · ${plural(c.assertionsPassed, 'test', 'tests')} passed · ${c.assertionsFailed} failed · ${plural(c.errors, 'error', 'errors')}`;
}

/** "850 ms", "1.5 s", or a dash before the run has one. */
export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
