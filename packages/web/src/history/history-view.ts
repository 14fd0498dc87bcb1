/** What the history panel and the retention setting show, as pure functions (unit-tested). */
import type { HistoryEntry, HistoryRetentionDays } from '../api/types.ts';

/** The retention choices, in the order the setting lists them. */
export const RETENTION_OPTIONS: readonly { value: HistoryRetentionDays; label: string }[] = [
  { value: 0, label: 'Don’t keep history' },
  { value: 1, label: '1 day' },
  { value: 7, label: '7 days' },
  { value: 30, label: '30 days' },
  { value: 90, label: '90 days' },
  { value: 365, label: '365 days' },
];

export function isRetentionDays(value: number): value is HistoryRetentionDays {
  return RETENTION_OPTIONS.some((option) => option.value === value);
}

export interface DayGroup {
  /** The local calendar day, YYYY-MM-DD. */
  key: string;
  /** "Today", "Yesterday", or the date. */
  label: string;
  entries: HistoryEntry[];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day of an instant, YYYY-MM-DD. */
export const dayKey = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;

/**
 * Entries (newest first, as the API lists them) grouped by the local day they were sent,
 * keeping their order; `now` decides which day is "Today".
 */
export function groupByDay(entries: readonly HistoryEntry[], now: Date, formatDate: (at: Date) => string = defaultDate): DayGroup[] {
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const groups: DayGroup[] = [];
  for (const entry of entries) {
    const at = new Date(entry.createdAt);
    const key = dayKey(at);
    let group = groups.find((g) => g.key === key);
    if (!group) {
      const label = key === today ? 'Today' : key === yesterday ? 'Yesterday' : formatDate(at);
      group = { key, label, entries: [] };
      groups.push(group);
    }
    group.entries.push(entry);
  }
  return groups;
}

const defaultDate = (at: Date) => at.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

const ERROR_LABELS: Record<string, string> = {
  UPSTREAM_TIMEOUT: 'Timed out',
  UPSTREAM_FAILED: 'Failed',
  EGRESS_REFUSED: 'Refused',
  SEND_CANCELLED: 'Cancelled',
  INVALID_REQUEST: 'Invalid',
  BODY_FILE: 'Invalid',
};

/** The status code, or a word for a send that got no response. */
export function outcomeOf(entry: Pick<HistoryEntry, 'status' | 'errorCode'>): string {
  if (entry.status !== null) return String(entry.status);
  return ERROR_LABELS[entry.errorCode ?? ''] ?? 'Failed';
}

/** A class for the outcome's colour: 2xx ok, 3xx redirect, 4xx/5xx and failures error. */
export function outcomeClass(entry: Pick<HistoryEntry, 'status'>): string {
  if (entry.status === null || entry.status >= 400) return 'history-status-error';
  if (entry.status >= 300) return 'history-status-redirect';
  return 'history-status-ok';
}

/** Whether the entry names a request of this workspace that can open in a tab. */
export function canReopen(entry: Pick<HistoryEntry, 'workspaceId' | 'collectionId' | 'itemId'>, workspaceId: string): boolean {
  return entry.workspaceId === workspaceId && entry.collectionId !== null && entry.itemId !== null;
}

/** A short name for a tab opened from history: the URL without its scheme. */
export function tabNameOf(url: string): string {
  const name = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return name === '' ? '(no URL)' : name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

/** Bytes as people read them: 512 B, 1.5 KB, 2.3 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The local time of day an entry was sent, e.g. 14:05. */
export const timeOf = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
