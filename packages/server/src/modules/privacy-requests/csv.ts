import { stringify } from 'csv-stringify/sync';
import type { PrivacyRequestRecord } from './store.ts';

export const CSV_COLUMNS = [
  'reference',
  'kind',
  'law',
  'state',
  'requester_type',
  'received_at',
  'due_at',
  'extended_at',
  'closed_at',
  'outcome',
  'on_time',
] as const;

const iso = (date: Date | null) => date?.toISOString() ?? '';

/**
 * The request log for a regulator (P26): what was asked, when, and whether it was answered in time.
 * No names, addresses or reasons: the log is about the desk, not the people.
 */
export function requestLogCsv(requests: readonly PrivacyRequestRecord[]): string {
  return stringify(
    requests.map((r) => ({
      reference: r.reference,
      kind: r.kind,
      law: r.law,
      state: r.state,
      requester_type: r.requesterType,
      received_at: iso(r.receivedAt),
      due_at: iso(r.dueAt),
      extended_at: iso(r.extendedAt),
      closed_at: iso(r.closedAt),
      outcome: r.state === 'completed' || r.state === 'denied' ? r.state : '',
      on_time: r.closedAt ? (r.closedAt.getTime() <= r.dueAt.getTime() ? 'yes' : 'no') : '',
    })),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}
