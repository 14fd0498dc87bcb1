import { FilterSelect } from '../components/FilterSelect.tsx';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Field, Form, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { KIND_LABELS, LAW_LABELS, privacyRequestsApi, STATE_LABELS } from './api.ts';
import type { RequestDetail } from './api.ts';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const WARNINGS = { overdue: 'Overdue', due_soon: 'Due within 7 days' } as const;
const FILTERS: [string, string][] = [
  ['open', 'Open requests'],
  ['', 'All requests'],
  ...Object.entries(STATE_LABELS),
  ['closed', 'Closed (completed or refused)'],
];
const REQUESTER = { account: 'Signed-in person', email: 'Person without an account', agent: 'Authorized agent' } as const;

function Warning({ warning }: { warning: RequestDetail['warning'] }) {
  return warning ? <strong className={`due-warning due-warning-${warning}`}>{WARNINGS[warning]}</strong> : null;
}

/** For the operator: the request desk queue (P26), by due date, with warnings and the CSV log. */
export function AdminPrivacyRequestsPage() {
  useTitle('Privacy requests');
  const [filter, setFilter] = useState('open');
  const loaded = useLoad(() => privacyRequestsApi.queue(filter), `privacy-requests:${filter}`);
  return (
    <>
      <h1>Privacy requests</h1>
      <p>
        Requests about personal data (P26), open ones first by due date. GDPR requests are due one month after receipt, CCPA requests 45
        days; each may be extended once, before it is due, with the reason sent to the requester.
      </p>
      <p>
        <a href="/api/admin/privacy-requests.csv" download>
          Download the request log (CSV)
        </a>{' '}
        <span className="muted">references, kinds, states, dates and outcomes; no contact details</span>
      </p>
      <FilterSelect id="privacy-request-filter" options={FILTERS} value={filter} onChange={setFilter} />
      <Loading loaded={loaded} what="requests">
        {({ requests }) =>
          requests.length === 0 ? (
            <p>No requests.</p>
          ) : (
            <div className="table-scroll">
              <table className="privacy-request-queue">
                <caption>Requests, by due date</caption>
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Request</th>
                    <th scope="col">Status</th>
                    <th scope="col">Due</th>
                    <th scope="col">From</th>
                  </tr>
                </thead>
                <tbody>
                  {requests.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/admin/privacy-requests/${r.id}`}>{r.reference}</Link>
                      </td>
                      <td>{r.kind.replace('_', ' ')}</td>
                      <td>{STATE_LABELS[r.state]}</td>
                      <td>
                        <time dateTime={r.dueAt}>{day(r.dueAt)}</time> <Warning warning={r.warning} />
                      </td>
                      <td>{REQUESTER[r.requesterType]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loading>
    </>
  );
}

/** One request: who asked, what, its full trail, and what the operator can do next. */
export function AdminPrivacyRequestPage() {
  const { id = '' } = useParams();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState('');
  const loaded = useLoad(() => privacyRequestsApi.get(id), `${id}:${version}`);
  useTitle(loaded.status === 'ready' ? `Privacy request ${loaded.data.reference}` : 'Privacy request');
  const done = (message: string) => {
    setStatus(message);
    setVersion((v) => v + 1);
  };
  return (
    <>
      <p>
        <Link to="/admin/privacy-requests">All privacy requests</Link>
      </p>
      <p className="success" role="status">
        {status}
      </p>
      <Loading loaded={loaded} what="the request">
        {(r) => (
          <>
            <h1>Privacy request {r.reference}</h1>
            <dl className="privacy-request-facts">
              <dt>Request</dt>
              <dd>{KIND_LABELS[r.kind]}</dd>
              <dt>Law</dt>
              <dd>{LAW_LABELS[r.law]}</dd>
              <dt>Status</dt>
              <dd>{STATE_LABELS[r.state]}</dd>
              <dt>Received</dt>
              <dd>{new Date(r.receivedAt).toLocaleString()}</dd>
              <dt>Due</dt>
              <dd>
                {new Date(r.dueAt).toLocaleString()} {r.extendedAt && '(extended once)'} <Warning warning={r.warning} />
              </dd>
              <dt>From</dt>
              <dd>
                {REQUESTER[r.requesterType]}: {r.requesterName ?? 'anonymized'} {r.requesterEmail && `<${r.requesterEmail}>`}
              </dd>
              {r.subjectName && (
                <>
                  <dt>On behalf of</dt>
                  <dd>
                    {r.subjectName} {r.subjectEmail && `<${r.subjectEmail}>`}
                    {r.hasAuthorization && (
                      <>
                        {' · '}
                        <a href={`/api/admin/privacy-requests/${r.id}/authorization`} download>
                          Signed authorization
                        </a>
                      </>
                    )}
                  </dd>
                </>
              )}
              <dt>Account</dt>
              <dd>{r.account ? r.account.username : 'No account with this address'}</dd>
              <dt>Processing</dt>
              <dd>
                {r.processingRestriction
                  ? `Restricted by ${r.processingRestriction.by === 'staff' ? 'staff' : 'the person'} since ${day(r.processingRestriction.since)}${r.processingRestriction.reason ? `: ${r.processingRestriction.reason}` : ''}`
                  : 'Not restricted'}
              </dd>
              {r.details && (
                <>
                  <dt>Details</dt>
                  <dd>{r.details}</dd>
                </>
              )}
              {r.outcome && (
                <>
                  <dt>Outcome</dt>
                  <dd>{r.outcome}</dd>
                </>
              )}
            </dl>
            <Actions request={r} onDone={done} />
            <h2>Trail</h2>
            <div className="table-scroll">
              <table>
                <caption>Everything that happened to this request, oldest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {r.events.map((e, i) => (
                    <tr key={i}>
                      <td>{new Date(e.at).toLocaleString()}</td>
                      <td>{e.actor === 'requester' || e.actor === 'system' ? e.actor : 'operator'}</td>
                      <td>
                        {e.kind === 'transition'
                          ? `${e.fromState ? `${STATE_LABELS[e.fromState]} → ` : ''}${e.toState ? STATE_LABELS[e.toState] : ''}`
                          : e.kind === 'note'
                            ? 'Note'
                            : 'Processing restriction'}
                      </td>
                      <td>{e.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Loading>
    </>
  );
}

function Actions({ request: r, onDone }: { request: RequestDetail; onDone(message: string): void }) {
  const closed = r.state === 'completed' || r.state === 'denied';
  const act = privacyRequestsApi.act;
  return (
    <section aria-labelledby="privacy-request-actions">
      <h2 id="privacy-request-actions">Actions</h2>
      {r.state === 'verified' && (
        <Form submitLabel="Start work" onSubmit={async () => onDone(`Started: ${(await act(r.id, 'start')).reference} is in progress.`)}>
          <p>The requester’s identity is confirmed.</p>
        </Form>
      )}
      {r.state === 'identity_unverified' && <p>Waiting for the requester to enter the emailed code.</p>}
      {r.state === 'in_progress' && (
        <Form
          submitLabel="Complete"
          onSubmit={async (data) => {
            const note = String(data.get('note') ?? '').trim();
            const exportUrl = String(data.get('exportUrl') ?? '').trim();
            await act(r.id, 'complete', { ...(note && { note }), ...(exportUrl && { exportUrl }) });
            onDone('Completed; the requester is told by email.');
          }}
        >
          <h3>Complete</h3>
          <TextAreaField name="note" label="Answer to the requester (optional)" rows={3} maxLength={2000} />
          {r.kind === 'access' && <Field name="exportUrl" label="Link to their data export (optional)" type="url" />}
          {r.kind === 'deletion' && r.account && <p>Completing starts the deletion of the account {r.account.username}.</p>}
        </Form>
      )}
      {r.state === 'in_progress' && !r.extendedAt && (
        <Form
          submitLabel="Extend"
          onSubmit={async (data) => {
            await act(r.id, 'extend', { reason: String(data.get('reason') ?? '').trim() });
            onDone('Extended; the requester is told the reason and the new due date.');
          }}
        >
          <h3>Extend once</h3>
          <TextAreaField name="reason" label="Why more time is needed (sent to the requester)" rows={2} maxLength={2000} required />
        </Form>
      )}
      {!closed && (
        <Form
          submitLabel="Refuse"
          onSubmit={async (data) => {
            await act(r.id, 'deny', { reason: String(data.get('reason') ?? '').trim() });
            onDone('Refused; the requester is told the reason and how to complain.');
          }}
        >
          <h3>Refuse</h3>
          <TextAreaField name="reason" label="Reason for refusing (sent to the requester)" rows={2} maxLength={2000} required />
        </Form>
      )}
      {r.account && !closed && (
        <Form
          submitLabel={r.processingRestriction?.thisRequest ? 'Lift the restriction' : 'Restrict processing'}
          onSubmit={async (data) => {
            const restricted = !r.processingRestriction?.thisRequest;
            const reason = String(data.get('restrictionReason') ?? '').trim();
            await act(r.id, 'restriction', { restricted, ...(reason && { reason }) });
            onDone(restricted ? 'Processing of the account’s data is restricted.' : 'The restriction is lifted.');
          }}
        >
          <h3>Restrict processing while disputed</h3>
          <p className="muted">Stops every non-essential use of {r.account.username}’s data until the request is resolved (P25).</p>
          <Field name="restrictionReason" label="Reason" maxLength={2000} />
        </Form>
      )}
      <Form
        submitLabel="Add note"
        onSubmit={async (data) => {
          await act(r.id, 'notes', { note: String(data.get('note') ?? '').trim() });
          onDone('Note added.');
        }}
      >
        <h3>Internal note</h3>
        <TextAreaField name="note" label="Note (seen by operators only)" rows={2} maxLength={4000} />
      </Form>
    </section>
  );
}
