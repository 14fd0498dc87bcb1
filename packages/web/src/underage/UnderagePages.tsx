import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Form, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { publicProfile, underageReports } from '../policies/policy-api.ts';
import type { UnderageReport } from '../policies/policy-api.ts';

/** A person's public profile (P1), with the way to report an account held by a child (P7). */
export function PublicProfilePage() {
  const { username = '' } = useParams();
  useTitle(username);
  const loaded = useLoad(() => publicProfile(username), username);
  return (
    <section>
      <Loading loaded={loaded} what="profile">
        {(profile) => (
          <>
            <h1>{profile.displayName ?? profile.username}</h1>
            {profile.displayName && <p className="muted">{profile.username}</p>}
            {profile.avatarUrl && <img src={profile.avatarUrl} alt="" width={96} height={96} />}
            {profile.bio && <p>{profile.bio}</p>}
            {profile.email && <p>{profile.email}</p>}
            <p>
              <Link to={`/u/${encodeURIComponent(profile.username)}/report`}>Report this account</Link>
            </p>
          </>
        )}
      </Loading>
    </section>
  );
}

/** Anyone, signed in or not, can report that an account belongs to a child (P7). */
export function ReportAccountPage() {
  const { username = '' } = useParams();
  useTitle(`Report ${username}`);
  const [sent, setSent] = useState(false);
  if (sent) {
    return (
      <section className="narrow">
        <h1>Report sent</h1>
        <p role="status">Thank you. The operator of this instance will review it. If the account belongs to a child, it is closed and its data deleted.</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Report {username}</h1>
      <p>
        Use this form if you believe this account belongs to a child below the minimum age (13, or higher in some countries). You do not need
        to sign in. If you are signed in, the operator sees who sent the report; of your address only its network is kept.
      </p>
      <Form
        submitLabel="Send report"
        pendingLabel="Sending…"
        onSubmit={async (data) => {
          await underageReports.report(username, String(data.get('note') ?? '').trim());
          setSent(true);
        }}
      >
        <TextAreaField name="note" label="What makes you think so (optional)" rows={4} maxLength={2000} />
      </Form>
    </section>
  );
}

/** For the operator: review reports of child accounts; confirming suspends and queues deletion. */
export function AdminUnderageReportsPage() {
  useTitle('Underage reports');
  const loaded = useLoad(() => underageReports.list(), 'underage-reports');
  const [status, setStatus] = useState('');
  return (
    <>
      <h1>Reports of child accounts</h1>
      <p>
        Confirming a report suspends the account at once (no sign-in, sessions ended, API keys refused, profile hidden), emails its holder
        and schedules its data for deletion without the usual 15-day delay. Postern keeps no age-check record: sign-up checks the birth date
        and country and stores neither.
      </p>
      <p className="success" role="status">
        {status}
      </p>
      <Loading loaded={loaded} what="reports">
        {({ reports }) =>
          reports.length === 0 ? (
            <p>No reports.</p>
          ) : (
            <ul className="report-list" aria-label="Reports">
              {reports.map((r) => (
                <ReportItem
                  key={r.id}
                  report={r}
                  onReviewed={(message) => {
                    setStatus(message);
                    loaded.reload();
                  }}
                />
              ))}
            </ul>
          )
        }
      </Loading>
    </>
  );
}

function ReportItem({ report, onReviewed }: { report: UnderageReport; onReviewed(message: string): void }) {
  const who = report.account.username;
  return (
    <li className="message">
      <p>
        <strong>{who}</strong> <span className="muted">· reported {formatDate(report.createdAt)}</span>
        <span className="muted"> · by {report.reportedBy ?? 'someone not signed in'}</span>
        <span className="muted"> · account created {formatDate(report.account.createdAt)}</span>
      </p>
      <p>{report.note ?? <span className="muted">No note.</span>}</p>
      <p>
        Status: {report.status}
        {report.account.suspendedAt && ` · account suspended ${formatDate(report.account.suspendedAt)}`}
        {report.account.deletionScheduledFor && ` · deletion due ${formatDate(report.account.deletionScheduledFor)}`}
      </p>
      {report.status === 'open' && (
        <div className="form-actions">
          <ConfirmAction
            label="Confirm"
            accessibleLabel={`Confirm the report on ${who}`}
            question={`Suspend ${who} and delete the account's data?`}
            confirmLabel={`Yes, suspend ${who}`}
            onConfirm={async () => {
              await underageReports.confirm(report.id);
              onReviewed(`Suspended ${who}; the account is queued for deletion.`);
            }}
          />
          <ConfirmAction
            label="Dismiss"
            accessibleLabel={`Dismiss the report on ${who}`}
            question={`Dismiss this report? ${who} stays as it is.`}
            confirmLabel="Yes, dismiss"
            onConfirm={async () => {
              await underageReports.dismiss(report.id);
              onReviewed(`Dismissed the report on ${who}.`);
            }}
          />
        </div>
      )}
    </li>
  );
}
