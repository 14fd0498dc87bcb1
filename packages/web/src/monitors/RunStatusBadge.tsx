import { RUN_STATUS_LABELS } from './api.ts';
import type { MonitorRunStatus } from './api.ts';

/** A run's status as a word in a coloured outline (the word carries the meaning, not the colour). */
export function RunStatusBadge({ status }: { status: MonitorRunStatus | null }) {
  if (!status) return <span className="muted">Not run yet</span>;
  return <span className={`monitor-status monitor-status-${status}`}>{RUN_STATUS_LABELS[status]}</span>;
}
