import { Link, useNavigate, useParams } from 'react-router';
import { workspaces } from '../api/endpoints.ts';
import { LoadStatus } from '../components/LoadStatus.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { monitors } from './api.ts';
import type { Monitor } from './api.ts';
import { MonitorForm } from './MonitorForm.tsx';
import { RunStatusBadge } from './RunStatusBadge.tsx';
import { describeSchedule, formatInZone } from './schedule.ts';

/** `/w/:workspaceId/monitors`: the workspace's monitors (scheduled collection runs), and a new one for editors. */
export function MonitorsPage() {
  const { workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const workspace = useLoad(() => workspaces.get(workspaceId), `workspace:${workspaceId}`);
  const list = useLoad(() => monitors.list(workspaceId), `monitors:${workspaceId}`);
  useTitle(workspace.status === 'ready' ? `Monitors of ${workspace.data.name}` : 'Monitors');
  return (
    <Loading loaded={workspace} what="the workspace">
      {(w) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {w.name}</Link>
          </p>
          <h1>Monitors of {w.name}</h1>
          <p className="hint">
            A monitor runs a collection on a schedule, on the server, and tells you by email or webhook when its tests fail or its
            requests error.
          </p>
          <section aria-labelledby="monitor-list-heading">
            <h2 id="monitor-list-heading">Monitors</h2>
            {list.status !== 'ready' ? (
              <LoadStatus state={list} what="the monitors" />
            ) : list.data.items.length === 0 ? (
              <p className="empty">No monitors yet.</p>
            ) : (
              <MonitorTable workspaceId={workspaceId} items={list.data.items} />
            )}
          </section>
          {w.abilities.canEdit && (
            <section aria-labelledby="new-monitor-heading">
              <h2 id="new-monitor-heading">New monitor</h2>
              <MonitorForm
                workspaceId={workspaceId}
                submitLabel="Create monitor"
                pendingLabel="Creating…"
                onSubmit={async (input) => {
                  const made = await monitors.create(workspaceId, input);
                  await navigate(`/w/${workspaceId}/monitors/${made.id}`);
                }}
              />
            </section>
          )}
        </>
      )}
    </Loading>
  );
}

function MonitorTable({ workspaceId, items }: { workspaceId: string; items: Monitor[] }) {
  return (
    <div className="table-scroll">
      <table className="monitor-table">
        <caption className="visually-hidden">Monitors of the workspace</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Collection</th>
            <th scope="col">Schedule</th>
            <th scope="col">Next run</th>
            <th scope="col">Last run</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <Link to={`/w/${workspaceId}/monitors/${m.id}`}>{m.name}</Link>
              </th>
              <td>
                {m.collectionName}
                {m.environmentName && <div className="muted">with {m.environmentName}</div>}
              </td>
              <td>{describeSchedule(m.cron, m.timezone)}</td>
              <td>{m.enabled ? (m.nextRunAt ? formatInZone(m.nextRunAt, m.timezone) : '—') : <span className="muted">Switched off</span>}</td>
              <td>
                <RunStatusBadge status={m.lastRun?.status ?? null} />
                {m.lastRun?.finishedAt && <div className="muted">{formatInZone(m.lastRun.finishedAt, m.timezone)}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
