import { useEffect, useRef, useState } from 'react';
import { isSignedOut } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { monitors, isRunPending } from './api.ts';
import type { MonitorRun, MonitorRunDetail } from './api.ts';
import { formatInZone } from './schedule.ts';
import { RunStatusBadge } from './RunStatusBadge.tsx';
import { countsText, durationText, jobLine } from './run-text.ts';

/** How often a queued or running run is read again. */
export const POLL_MS = 1000;

/**
 * One run with its per-request results, read again every POLL_MS while it is queued or running;
 * `onSettled` hears once when it finishes (so the page reloads its history and chart).
 */
export function RunDetail({ monitorId, runId, timeZone, onSettled, onClose }: {
  monitorId: string;
  runId: string;
  timeZone: string;
  onSettled(run: MonitorRun): void;
  onClose(): void;
}) {
  const { forget } = useAuth();
  const [run, setRun] = useState<MonitorRunDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sawPending = false;
    setRun(null);
    setError(null);
    const read = async () => {
      try {
        const next = await monitors.run(monitorId, runId);
        if (stopped) return;
        setRun(next);
        if (isRunPending(next.status)) {
          sawPending = true;
          timer = setTimeout(() => void read(), POLL_MS);
        } else if (sawPending) {
          settled.current(next);
        }
      } catch (thrown) {
        if (stopped) return;
        if (isSignedOut(thrown)) forget();
        setError(thrown);
      }
    };
    void read();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [monitorId, runId, forget]);

  const when = run ? formatInZone(run.scheduledFor, timeZone) : '';
  return (
    <section aria-labelledby="run-detail-heading" className="panel monitor-run-detail">
      <div className="section-heading">
        <h2 id="run-detail-heading">{run ? `Run of ${when}` : 'Run'}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close run
        </button>
      </div>
      {error !== null && <ErrorMessage error={error} />}
      {!run && error === null && (
        <p className="page-status" role="status">
          Loading the run…
        </p>
      )}
      {run && (
        <>
          <p role="status" className="monitor-job">
            <RunStatusBadge status={run.status} /> {jobLine(run)}
          </p>
          <dl className="facts">
            <dt>Trigger</dt>
            <dd>{run.trigger === 'manual' ? 'Run now' : 'Schedule'}</dd>
            <dt>Started</dt>
            <dd>{run.startedAt ? formatInZone(run.startedAt, timeZone) : '—'}</dd>
            <dt>Duration</dt>
            <dd>{durationText(run.durationMs)}</dd>
            <dt>Attempts</dt>
            <dd>{run.attempts}</dd>
            <dt>Results</dt>
            <dd>
              {countsText(run.counts)}
            </dd>
          </dl>
          {run.error && <p className="field-error">{run.error}</p>}
          {run.results.length > 0 && <ResultsTable run={run} />}
        </>
      )}
    </section>
  );
}

function ResultsTable({ run }: { run: MonitorRunDetail }) {
  return (
    <div className="table-scroll">
      <table className="runner-results monitor-results">
        <caption className="visually-hidden">Requests of the run, in the order they ran</caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Request</th>
            <th scope="col">URL</th>
            <th scope="col">Status</th>
            <th scope="col">Time</th>
            <th scope="col">Tests</th>
          </tr>
        </thead>
        <tbody>
          {run.results.map((r, i) => {
            const failed = r.assertions.filter((a) => !a.passed);
            return (
              <tr key={`${r.iteration}:${r.itemId}:${i}`} className={failed.length || r.error ? 'run-failed' : 'run-passed'}>
                <td>
                  <code>{r.method}</code>
                </td>
                <th scope="row">{[...r.path, r.name].join(' / ')}</th>
                <td className="monitor-url">{r.url}</td>
                <td>{r.status ?? '—'}</td>
                <td>{r.timeMs === null ? '—' : `${r.timeMs} ms`}</td>
                <td>
                  {r.error && <p className="field-error">{r.error}</p>}
                  {r.assertions.length === 0 ? (
                    <span className="muted">No tests</span>
                  ) : (
                    // Failures open at once; an all-passing list stays folded to its count.
                    <details open={failed.length > 0}>
                      <summary>
                        {r.assertions.length - failed.length} passed{failed.length > 0 && `, ${failed.length} failed`}
                      </summary>
                      <ul className="runner-assertions">
                        {r.assertions.map((a, j) => (
                          <li key={j} className={a.passed ? 'run-passed' : 'run-failed'}>
                            <span aria-hidden="true">{a.passed ? '✓' : '✗'}</span> <span className="visually-hidden">{a.passed ? 'Passed:' : 'Failed:'}</span> {a.name}
                            {a.error && <span className="muted"> — {a.error}</span>}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
