import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { workspaces } from '../api/endpoints.ts';
import { Field, Form, SelectField, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { REASONS, STATUS_LABELS, operatorAccess } from './operator-access-api.ts';
import type { OperatorGrant } from './operator-access-api.ts';

const OPEN = new Set(['active', 'awaiting_consent']);

function GrantFacts({ grant, showWorkspace }: { grant: OperatorGrant; showWorkspace?: boolean }) {
  return (
    <>
      <p>
        <strong>{STATUS_LABELS[grant.status]}</strong>
        {showWorkspace && (
          <>
            {' '}
            · workspace <Link to={`/w/${grant.workspaceId}`}>{grant.workspaceName}</Link> <span className="muted">({grant.workspaceId})</span>
          </>
        )}
        <span className="muted"> · by {grant.operator ?? 'a deleted account'}</span>
      </p>
      <dl className="facts">
        <dt>Reason</dt>
        <dd>
          {grant.reasonLabel}
          {grant.ticketRef && ` (ticket ${grant.ticketRef})`}
        </dd>
        <dt>Justification</dt>
        <dd>{grant.justification}</dd>
        <dt>Time box</dt>
        <dd>
          {grant.startsAt ? `From ${formatDate(grant.startsAt)}` : `Asked ${formatDate(grant.createdAt)}`} until {formatDate(grant.expiresAt)} ({grant.hours} h)
          {grant.endedAt && `; ${grant.status === 'declined' ? 'declined' : 'ended'} ${formatDate(grant.endedAt)}`}
        </dd>
      </dl>
    </>
  );
}

/** `/admin/operator-access`: the operator opens and ends time-boxed, read-only access to a workspace (P16). */
export function AdminOperatorAccessPage() {
  useTitle('Operator access');
  const loaded = useLoad(() => operatorAccess.list(), 'operator-access');
  const [status, setStatus] = useState('');
  return (
    <>
      <h1>Operator access to workspaces</h1>
      <p>
        You cannot read a private workspace unless you record one of the reasons below. Access is read-only, ends at the time box, and every read is logged
        and shown to the workspace’s owner (and a team’s admins), who are told by email and in the app when it starts.
      </p>
      <p className="success" role="status">
        {status}
      </p>
      <Loading loaded={loaded} what="grants">
        {({ grants, maxHours }) => (
          <>
            <section aria-labelledby="new-grant-heading">
              <h2 id="new-grant-heading">Open access</h2>
              <Form
                submitLabel="Open access"
                onSubmit={async (data) => {
                  const ticketRef = String(data.get('ticketRef') ?? '').trim();
                  const created = await operatorAccess.create({
                    workspaceId: String(data.get('workspaceId') ?? '').trim(),
                    reason: String(data.get('reason') ?? ''),
                    justification: String(data.get('justification') ?? ''),
                    hours: Number(data.get('hours')),
                    ...(ticketRef && { ticketRef }),
                  });
                  setStatus(
                    created.status === 'awaiting_consent'
                      ? `Asked the owner of ${created.workspaceName} for consent.`
                      : `Access to ${created.workspaceName} is open until ${formatDate(created.expiresAt)}.`,
                  );
                  loaded.reload();
                }}
              >
                <Field name="workspaceId" label="Workspace id" hint="The id in the workspace’s address (/w/…)." required />
                <SelectField name="reason" label="Reason" defaultValue="security">
                  {REASONS.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label} — {r.hint}
                    </option>
                  ))}
                </SelectField>
                <Field name="ticketRef" label="Support ticket reference" hint="Required when the owner asked for support." />
                <TextAreaField name="justification" label="Justification" hint="Why you need to read it; the owner reads this." required rows={3} />
                <Field name="hours" label="Hours" type="number" min={1} max={maxHours} defaultValue={4} hint={`At most ${maxHours} hours.`} required />
              </Form>
            </section>
            <section aria-labelledby="grants-heading">
              <h2 id="grants-heading">Grants</h2>
              {grants.length === 0 ? (
                <p>No grants yet.</p>
              ) : (
                <ul className="report-list" aria-label="Grants">
                  {grants.map((g) => (
                    <li key={g.id} className="message">
                      <GrantFacts grant={g} showWorkspace />
                      {OPEN.has(g.status) && (
                        <ConfirmAction
                          label="End now"
                          accessibleLabel={`End now: access to ${g.workspaceName}`}
                          question={`End access to ${g.workspaceName} now?`}
                          confirmLabel="Yes, end it"
                          onConfirm={async () => {
                            await operatorAccess.end(g.id);
                            setStatus(`Ended access to ${g.workspaceName}.`);
                            loaded.reload();
                          }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </Loading>
    </>
  );
}

/** `/w/:workspaceId/access-log`: the access transparency log of a workspace, for its admins (P16). */
export function AccessLogPage() {
  const { workspaceId = '' } = useParams();
  useTitle('Access transparency');
  const workspace = useLoad(() => workspaces.get(workspaceId), workspaceId);
  const log = useLoad(() => operatorAccess.log(workspaceId), `log:${workspaceId}`);
  const [status, setStatus] = useState('');
  return (
    <Loading loaded={workspace} what="the workspace">
      {(w) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {w.name}</Link>
          </p>
          <h1>Access transparency: {w.name}</h1>
          <p className="muted">
            The operator of this instance can read a private workspace only for a recorded reason, read-only and for a limited time. Every such access and
            every read is listed here, and you are told when one starts.
          </p>
          <p className="success" role="status">
            {status}
          </p>
          <Loading loaded={log} what="the access log">
            {({ grants, reads }) => (
              <>
                <section aria-labelledby="grants-heading">
                  <h2 id="grants-heading">Operator access</h2>
                  {grants.length === 0 ? (
                    <p>The operator has never had access to this workspace.</p>
                  ) : (
                    <ul className="report-list" aria-label="Operator access">
                      {grants.map((g) => (
                        <li key={g.id} className="message">
                          <GrantFacts grant={g} />
                          <div className="form-actions">
                            {g.status === 'awaiting_consent' && (
                              <>
                                <ConfirmAction
                                  label="Agree"
                                  accessibleLabel={`Agree to operator access for ${g.hours} hours`}
                                  question={`Let the operator read this workspace for ${g.hours} hours?`}
                                  confirmLabel="Yes, agree"
                                  onConfirm={async () => {
                                    await operatorAccess.decide(g.id, true);
                                    setStatus('You agreed; the operator can read this workspace now.');
                                    log.reload();
                                  }}
                                />
                                <ConfirmAction
                                  label="Decline"
                                  accessibleLabel="Decline operator access"
                                  question="Decline the operator’s request?"
                                  confirmLabel="Yes, decline"
                                  onConfirm={async () => {
                                    await operatorAccess.decide(g.id, false);
                                    setStatus('You declined the request.');
                                    log.reload();
                                  }}
                                />
                              </>
                            )}
                            {g.status === 'active' && (
                              <ConfirmAction
                                label="End access now"
                                accessibleLabel="End access now for the operator"
                                question="End the operator’s access now?"
                                confirmLabel="Yes, end it"
                                onConfirm={async () => {
                                  await operatorAccess.end(g.id);
                                  setStatus('The operator’s access has ended.');
                                  log.reload();
                                }}
                              />
                            )}
                          </div>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
                <section aria-labelledby="reads-heading">
                  <h2 id="reads-heading">What was read</h2>
                  {reads.length === 0 ? (
                    <p>Nothing was read.</p>
                  ) : (
                    <table>
                      <caption>Reads by the operator, newest first</caption>
                      <thead>
                        <tr>
                          <th scope="col">When</th>
                          <th scope="col">Who</th>
                          <th scope="col">Why</th>
                          <th scope="col">What</th>
                        </tr>
                      </thead>
                      <tbody>
                        {reads.map((r) => {
                          const g = grants.find((x) => x.id === r.grantId);
                          return (
                            <tr key={r.id}>
                              <td>{formatDate(r.at)}</td>
                              <td>{r.operator ?? 'a deleted account'}</td>
                              <td>
                                {g?.reasonLabel}
                                {g?.ticketRef && ` (ticket ${g.ticketRef})`}
                              </td>
                              <td>
                                <code>
                                  {r.method} {r.path}
                                </code>
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  )}
                </section>
              </>
            )}
          </Loading>
        </>
      )}
    </Loading>
  );
}
