/** The phases of a response's timings, as durations for a table with bars. */
import type { SendResponse } from '../api/types.ts';

export interface TimingRow {
  id: 'connect' | 'wait' | 'download' | 'total';
  label: string;
  /** Milliseconds spent in this phase. */
  ms: number;
}

/**
 * From the server's timings (firstByte is an offset from the start that includes connecting; tcp
 * or tls is the connect time when a new connection was opened) to durations per phase.
 */
export function timingRows(timings: SendResponse['timings']): TimingRow[] {
  const rows: TimingRow[] = [];
  const connect = timings.tls ?? timings.tcp;
  if (connect !== undefined) {
    rows.push({ id: 'connect', label: timings.tls !== undefined ? 'Connect (TCP and TLS)' : 'Connect (TCP)', ms: connect });
  }
  rows.push({ id: 'wait', label: 'Waiting for the first byte', ms: Math.max(0, timings.firstByte - (connect ?? 0)) });
  rows.push({ id: 'download', label: 'Download', ms: Math.max(0, timings.download) });
  rows.push({ id: 'total', label: 'Total', ms: Math.max(0, timings.total) });
  return rows;
}
