import type { SendResponse } from '../api/types.ts';
import { formatDuration } from './format.ts';
import { timingRows } from './timing.ts';

/** Where the time went: one row per phase, with a bar relative to the total (a <meter>, no inline style). */
export function TimingTable({ timings }: { timings: SendResponse['timings'] }) {
  const rows = timingRows(timings);
  const total = Math.max(timings.total, 1);
  return (
    <>
      <table className="response-table response-timing">
        <caption className="visually-hidden">Response timing</caption>
        <thead>
          <tr>
            <th scope="col">Phase</th>
            <th scope="col">Duration</th>
            <th scope="col">
              <span className="visually-hidden">Share of the total</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={`response-timing-${row.id}`}>
              <th scope="row">{row.label}</th>
              <td>{formatDuration(row.ms)}</td>
              <td>
                {/* The duration is in the cell before; the bar only shows it at a glance. */}
                <meter min={0} max={total} value={Math.min(row.ms, total)} aria-hidden="true" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {timings.tcp === undefined && timings.tls === undefined && <p className="hint">An open connection was reused, so there was no connecting time.</p>}
    </>
  );
}
