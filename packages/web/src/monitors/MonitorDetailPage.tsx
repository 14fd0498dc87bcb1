import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isSignedOut } from '../api/client.ts';
import { workspaces } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LoadStatus } from '../components/LoadStatus.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { isRunPending, monitors } from './api.ts';
import type { Monitor, MonitorRun } from './api.ts';
import { MonitorForm } from './MonitorForm.tsx';
import { ResponseTimeChart } from './ResponseTimeChart.tsx';
import { POLL_MS, RunDetail } from './RunDetail.tsx';
import { durationText } from './run-text.ts';
import { RunStatusBadge } from './RunStatusBadge.tsx';
import { describeSchedule, formatInZone } from './schedule.ts';

const PERIODS = [7, 30, 90] as const;

/**
 * `/w/:workspaceId/monitors/:monitorId`: one monitor: its response times over time, its run
 * history, one run's results (`?run=<id>`), and for editors Run now, its settings and Delete.
 */
export function MonitorDetailPage() {
  const { workspaceId = '', monitorId = '' } = useParams();
  const navigate = useNavigate();
  const { forget } = useAuth();
  const [search, setSearch] = useSearchParams();
  const shownRunId = search.get('run');
  const loaded = useLoad(
    async () => ({ workspace: await workspaces.get(workspaceId), monitor: await monitors.get(monitorId) }),
    `monitor:${workspaceId}:${monitorId}`,
  );
  // The monitor as last saved or re-read here, shown without reloading the page.
  const [fresh, setFresh] = useState<Monitor | null>(null);
  const [version, setVersion] = useState(0);
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const runs = usePaged((cursor) => monitors.runs(monitorId, cursor), `monitor-runs:${monitorId}:${version}`);
  const monitor = fresh?.id === monitorId ? fresh : loaded.status === 'ready' ? loaded.data.monitor : null;
  useTitle(monitor ? `Monitor ${monitor.name}` : 'Monitor');

  const showRun = useCallback(
    (runId: string | null) =>
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (runId) next.set('run', runId);
          else next.delete('run');
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );

  // A run finished: history, chart and the monitor's last status change.
  const refresh = useCallback(() => {
    setVersion((n) => n + 1);
    monitors.get(monitorId).then(setFresh, (thrown: unknown) => {
      if (isSignedOut(thrown)) forget();
    });
  }, [monitorId, forget]);

  // Scheduled runs start on their own: while the history shows one going on, read the history
  // again; once none is, the chart and the last status catch up.
  const pendingInList = runs.items.some((r) => isRunPending(r.status));
  const { reload: reloadRuns } = runs;
  useEffect(() => {
    if (!pendingInList || runs.status !== 'ready') return undefined;
    const timer = setTimeout(reloadRuns, POLL_MS * 2);
    return () => clearTimeout(timer);
  }, [pendingInList, runs.status, runs.items, reloadRuns]);
  const wasPending = useRef(false);
  useEffect(() => {
    if (runs.status !== 'ready') return;
    if (wasPending.current && !pendingInList) refresh();
    wasPending.current = pendingInList;
  }, [pendingInList, runs.status, refresh]);

  async function runNow(m: Monitor) {
    setActionError(null);
    setMessage('');
    try {
      const run = await monitors.runNow(m.id);
      setMessage('Run queued. Its progress shows below.');
      showRun(run.id);
      setVersion((n) => n + 1);
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setActionError(thrown);
    }
  }

  return (
    <Loading loaded={loaded} what="the monitor">
      {({ workspace: w }) =>
        monitor && (
          <>
            <p>
              <Link to={`/w/${workspaceId}/monitors`}>← Monitors of {w.name}</Link>
            </p>
            <div className="section-heading">
              <h1>{monitor.name}</h1>
              {w.abilities.canEdit && (
                <button type="button" onClick={() => void runNow(monitor)}>
                  Run now
                </button>
              )}
            </div>
            <p role="status" className="success">
              {message}
            </p>
            {actionError !== null && <ErrorMessage error={actionError} />}
            <dl className="facts">
              <dt>Collection</dt>
              <dd>
                {monitor.collectionName}
                {monitor.environmentName && ` with the environment ${monitor.environmentName}`}
              </dd>
              <dt>Schedule</dt>
              <dd>{describeSchedule(monitor.cron, monitor.timezone)}</dd>
              <dt>Next run</dt>
              <dd>{monitor.enabled ? (monitor.nextRunAt ? formatInZone(monitor.nextRunAt, monitor.timezone) : '—') : 'Switched off: runs only with Run now'}</dd>
              <dt>Last run</dt>
              <dd>
                <RunStatusBadge status={monitor.lastRun?.status ?? null} />
                {monitor.lastRun?.finishedAt && ` ${formatInZone(monitor.lastRun.finishedAt, monitor.timezone)}`}
              </dd>
            </dl>

            {shownRunId && (
              <RunDetail
                key={shownRunId}
                monitorId={monitor.id}
                runId={shownRunId}
                timeZone={monitor.timezone}
                onSettled={refresh}
                onClose={() => showRun(null)}
              />
            )}

            <StatsSection monitor={monitor} version={version} />

            <section aria-labelledby="runs-heading">
              <h2 id="runs-heading">Runs</h2>
              <RunsTable runs={runs} timeZone={monitor.timezone} shownRunId={shownRunId} onShow={showRun} />
            </section>

            {w.abilities.canEdit && (
              <section aria-labelledby="monitor-settings-heading">
                <h2 id="monitor-settings-heading">Settings</h2>
                <MonitorForm
                  key={monitor.updatedAt}
                  workspaceId={workspaceId}
                  initial={monitor}
                  submitLabel="Save changes"
                  pendingLabel="Saving…"
                  onSubmit={async (input) => {
                    setFresh(await monitors.update(monitor.id, input));
                    setMessage('Changes saved.');
                  }}
                />
                <ConfirmAction
                  label="Delete monitor"
                  question={`Delete the monitor ${monitor.name} and its run history?`}
                  confirmLabel="Delete monitor"
                  pendingLabel="Deleting…"
                  onConfirm={async () => {
                    await monitors.remove(monitor.id);
                    await navigate(`/w/${workspaceId}/monitors`);
                  }}
                />
              </section>
            )}
          </>
        )
      }
    </Loading>
  );
}

function StatsSection({ monitor, version }: { monitor: Monitor; version: number }) {
  const [days, setDays] = useState<number>(7);
  const periodId = useId();
  const stats = useLoad(async () => ({ ...(await monitors.stats(monitor.id, days)), now: new Date() }), `monitor-stats:${monitor.id}:${days}:${version}`);
  return (
    <section aria-labelledby="stats-heading">
      <div className="section-heading">
        <h2 id="stats-heading">Response times</h2>
        <div className="field monitor-period">
          <label htmlFor={periodId}>Period</label>
          <select id={periodId} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </div>
      </div>
      <Loading loaded={stats} what="the response times">
        {({ points, now }) => <ResponseTimeChart points={points} days={days} timeZone={monitor.timezone} now={now} />}
      </Loading>
    </section>
  );
}

function RunsTable({
  runs,
  timeZone,
  shownRunId,
  onShow,
}: {
  runs: ReturnType<typeof usePaged<MonitorRun>>;
  timeZone: string;
  shownRunId: string | null;
  onShow(runId: string): void;
}) {
  // While it is re-read (polling), the rows already shown stay.
  if (runs.items.length === 0) {
    return runs.status === 'ready' ? <p className="empty">No runs yet.</p> : <LoadStatus state={runs} what="the runs" />;
  }
  return (
    <>
      <div className="table-scroll">
        <table className="monitor-runs">
          <caption className="visually-hidden">Runs of the monitor, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Scheduled for</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Duration</th>
              <th scope="col">Requests</th>
              <th scope="col">Tests passed</th>
              <th scope="col">Tests failed</th>
              <th scope="col">Errors</th>
              <th scope="col">
                <span className="visually-hidden">Results</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.items.map((r) => {
              const when = formatInZone(r.scheduledFor, timeZone);
              return (
                <tr key={r.id} aria-current={r.id === shownRunId ? 'true' : undefined}>
                  <th scope="row">{when}</th>
                  <td>
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td>{r.trigger === 'manual' ? 'Run now' : 'Schedule'}</td>
                  <td>{durationText(r.durationMs)}</td>
                  <td>{r.counts.requests}</td>
                  <td>{r.counts.assertionsPassed}</td>
                  <td>{r.counts.assertionsFailed}</td>
                  <td>{r.counts.errors}</td>
                  <td>
                    <button type="button" className="secondary" aria-label={`Show the run of ${when}`} onClick={() => onShow(r.id)}>
                      Show
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {runs.error !== null && <ErrorMessage error={runs.error} />}
      {runs.hasMore && (
        <button type="button" className="secondary" onClick={runs.loadMore} disabled={runs.loadingMore}>
          {runs.loadingMore ? 'Loading more runs…' : 'Show more runs'}
        </button>
      )}
    </>
  );
}
