import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isSignedOut } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field, Form, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { incidents } from './api.ts';
import type { AdminTeamMember, Incident, MemberDevice, MemberUsage } from './api.ts';
import { useTeamAdmin } from './TeamAdminLayout.tsx';

const JUSTIFICATION_MIN = 30;
const DATA_LABELS: Record<string, string> = { members: 'the member list', usage: 'usage', devices: 'devices' };

/** Security incidents (P15): the list, and for the owner a form to open one. */
export function TeamIncidentsPage() {
  const { team } = useTeamAdmin();
  const navigate = useNavigate();
  const list = useLoad(() => incidents.list(team.slug), `incidents:${team.slug}`);
  const base = `/teams/${encodeURIComponent(team.slug)}/admin/incidents`;
  return (
    <section aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Security incidents</h2>
      <p className="hint">
        Members’ sign-in devices and usage are private. The team’s owner may see them only inside an open incident, with a written
        justification; every view is recorded and shown on the incident. Closing the incident ends access.
      </p>
      <Loading loaded={list} what="incidents">
        {({ items, canOpen }) => (
          <>
            {items.length === 0 ? (
              <p className="empty">No incidents yet.</p>
            ) : (
              <ul className="list" aria-label="Incidents">
                {items.map((i) => (
                  <li key={i.id} className="row">
                    <span>
                      <Link to={`${base}/${i.id}`}>{i.title}</Link> <span className="tag">{i.open ? 'Open' : 'Closed'}</span>
                      <br />
                      <span className="muted">
                        Opened {formatDate(i.openedAt)}
                        {i.openedBy ? ` by ${i.openedBy}` : ''}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {canOpen ? (
              <section aria-labelledby="open-incident-heading">
                <h3 id="open-incident-heading">Open an incident</h3>
                <Form
                  submitLabel="Open incident"
                  pendingLabel="Opening…"
                  onSubmit={async (data) => {
                    const opened = await incidents.open(team.slug, {
                      title: String(data.get('title') ?? '').trim(),
                      justification: String(data.get('justification') ?? '').trim(),
                    });
                    await navigate(`${base}/${opened.id}`);
                  }}
                >
                  <Field name="title" label="Title" required minLength={3} maxLength={200} />
                  <TextAreaField
                    name="justification"
                    label="Justification"
                    hint={`What happened and why you need to look at members’ data (at least ${JUSTIFICATION_MIN} characters). Members of the team can be told about it.`}
                    required
                    minLength={JUSTIFICATION_MIN}
                    maxLength={5000}
                    rows={4}
                  />
                </Form>
              </section>
            ) : (
              <p className="muted">Only the team’s owner can open an incident.</p>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}

/** One incident: what and why, its access log, and for the owner while it is open, the data. */
export function TeamIncidentPage() {
  const { team } = useTeamAdmin();
  const { incidentId = '' } = useParams();
  const found = useLoad(() => incidents.get(team.slug, incidentId), `incident:${team.slug}:${incidentId}`);
  return (
    <section aria-labelledby="incident-heading">
      <p>
        <Link to={`/teams/${encodeURIComponent(team.slug)}/admin/incidents`}>All incidents</Link>
      </p>
      <Loading loaded={found} what="the incident">
        {(detail) => <IncidentView key={detail.incident.id} slug={team.slug} initial={detail} />}
      </Loading>
    </section>
  );
}

type IncidentDetail = Awaited<ReturnType<typeof incidents.get>>;

function IncidentView({ slug, initial }: { slug: string; initial: IncidentDetail }) {
  const { forget } = useAuth();
  const [{ incident, accessLog, canView }, setDetail] = useState(initial);
  /** Fetches the incident again quietly (after a view or closing), keeping what is on screen. */
  async function refresh() {
    try {
      setDetail(await incidents.get(slug, incident.id));
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
    }
  }
  return (
    <>
      <h2 id="incident-heading">
        {incident.title} <span className="tag">{incident.open ? 'Open' : 'Closed'}</span>
      </h2>
      <p className="muted">
        Opened {formatDate(incident.openedAt)}
        {incident.openedBy ? ` by ${incident.openedBy}` : ''}
        {incident.closedAt && ` · closed ${formatDate(incident.closedAt)}${incident.closedBy ? ` by ${incident.closedBy}` : ''}`}
      </p>
      <h3>Justification</h3>
      <p className="pre-wrap">{incident.justification}</p>
      {canView && <IncidentData slug={slug} incident={incident} onChange={() => void refresh()} />}
      <h3 id="access-log-heading">Access log</h3>
      {accessLog.length === 0 ? (
        <p className="empty">Nobody has viewed members’ data in this incident.</p>
      ) : (
        <ul className="list" aria-labelledby="access-log-heading">
          {accessLog.map((e, n) => (
            <li key={`${e.occurredAt}-${n}`}>
              {formatDate(e.occurredAt)}: {e.viewer ?? 'Deleted user'} viewed {DATA_LABELS[e.data] ?? e.data}
              {e.subject ? ` of ${e.subject}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function IncidentData({ slug, incident, onChange }: { slug: string; incident: Incident; onChange(): void }) {
  const { forget } = useAuth();
  const [members, setMembers] = useState<AdminTeamMember[] | null>(null);
  const [usage, setUsage] = useState<MemberUsage | null>(null);
  const [devices, setDevices] = useState<{ username: string; items: MemberDevice[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load<T>(run: () => Promise<T>, set: (value: T) => void) {
    setError(null);
    try {
      set(await run());
      // The view was recorded: show it in the access log.
      onChange();
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
    }
  }

  return (
    <section aria-labelledby="incident-data-heading">
      <h3 id="incident-data-heading">Members’ data</h3>
      <p className="hint">Each view below is recorded in the audit log and in this incident’s access log.</p>
      {error !== null && <ErrorMessage error={error} />}
      <p>
        <button type="button" onClick={() => void load(() => incidents.members(slug, incident.id), (r) => setMembers(r.items))}>
          Show members
        </button>{' '}
        <ConfirmAction
          label="Close incident"
          question="Close this incident? Access to members’ data ends now."
          confirmLabel="Yes, close it"
          pendingLabel="Closing…"
          onConfirm={async () => {
            await incidents.close(slug, incident.id);
            onChange();
          }}
        />
      </p>
      {members && (
        <ul className="list" aria-label="Members in this incident">
          {members.map((m) => (
            <li key={m.username} className="row">
              <span>
                {m.username} <span className="tag">{m.role}</span>
                {m.suspended && <span className="tag">Suspended</span>}
              </span>
              <span>
                <button type="button" className="secondary" aria-label={`Usage of ${m.username}`} onClick={() => void load(() => incidents.usage(slug, incident.id, m.username), setUsage)}>
                  Usage
                </button>{' '}
                <button type="button" className="secondary" aria-label={`Devices of ${m.username}`} onClick={() => void load(() => incidents.devices(slug, incident.id, m.username), setDevices)}>
                  Devices
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {usage && (
        <section aria-labelledby="usage-heading">
          <h4 id="usage-heading">Usage of {usage.username}</h4>
          <dl>
            <dt>Requests sent in the last 30 days</dt>
            <dd>{usage.requestsLast30Days}</dd>
            <dt>…of which in this team’s workspaces</dt>
            <dd>{usage.requestsInTeamWorkspacesLast30Days}</dd>
            <dt>Last request</dt>
            <dd>{formatDate(usage.lastRequestAt ?? undefined) || '—'}</dd>
            <dt>Last seen signed in</dt>
            <dd>{formatDate(usage.lastSessionSeenAt ?? undefined) || '—'}</dd>
            <dt>Last API key use</dt>
            <dd>{formatDate(usage.lastApiKeyUsedAt ?? undefined) || '—'}</dd>
          </dl>
        </section>
      )}
      {devices && (
        <section aria-labelledby="devices-heading">
          <h4 id="devices-heading">Devices of {devices.username}</h4>
          {devices.items.length === 0 ? (
            <p className="empty">No signed-in devices.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Signed-in devices of {devices.username}</caption>
              <thead>
                <tr>
                  <th scope="col">Browser</th>
                  <th scope="col">System</th>
                  <th scope="col">Network</th>
                  <th scope="col">Approximate location</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {devices.items.map((d, n) => (
                  <tr key={`${d.createdAt}-${n}`}>
                    <td>{d.browser ?? '—'}</td>
                    <td>{d.os ?? '—'}</td>
                    <td>{d.approximateNetwork ?? '—'}</td>
                    <td>{d.approximateLocation ?? '—'}</td>
                    <td>{formatDate(d.lastSeenAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
