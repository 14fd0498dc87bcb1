import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { CheckboxField, Field, Form, SelectField, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { fileToBase64, KIND_LABELS, LAW_LABELS, privacyRequestsApi, STATE_LABELS } from './api.ts';
import type { RequestKind, RequestLaw, RequestStatus } from './api.ts';

const MAX_AUTHORIZATION_BYTES = 5 * 1024 * 1024;
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

function KindAndLawFields() {
  return (
    <>
      <SelectField name="kind" label="What do you ask for?" defaultValue="access">
        {Object.entries(KIND_LABELS).map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </SelectField>
      <SelectField name="law" label="Which law applies to you?" hint="It sets the deadline of our answer." defaultValue="other">
        {Object.entries(LAW_LABELS).map(([law, label]) => (
          <option key={law} value={law}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextAreaField name="details" label="Details (optional)" hint="For example, which data is wrong and what it should say." rows={4} maxLength={4000} />
    </>
  );
}

/** The request desk (P26): anyone may ask, signed in or not, for themselves or as an authorized agent. */
export function PrivacyRequestPage() {
  useTitle('Privacy requests');
  const { account } = useAuth();
  return (
    <section className="narrow">
      <h1>Make a privacy request</h1>
      <p>
        Ask for a copy of your data, its correction or deletion, to opt out of sale, sharing or marketing, or to restrict or object to a use
        of it. We answer within one month (GDPR) or 45 days (CCPA); if we need more time we tell you why, once.
      </p>
      {account ? <InAppRequest /> : <PublicRequest />}
    </section>
  );
}

/** Signed in: the session shows who is asking, so no code is needed. */
function InAppRequest() {
  const mine = useLoad(() => privacyRequestsApi.mine(), 'my-privacy-requests');
  const [made, setMade] = useState<RequestStatus | null>(null);
  return (
    <>
      <p>You are signed in, so this request is about your account and needs no emailed code.</p>
      <Form
        submitLabel="Send request"
        pendingLabel="Sending…"
        onSubmit={async (data) => {
          const details = String(data.get('details') ?? '').trim();
          const result = await privacyRequestsApi.submitMine({
            kind: String(data.get('kind')) as RequestKind,
            law: String(data.get('law')) as RequestLaw,
            ...(details && { details }),
          });
          setMade(result);
          mine.reload();
        }}
      >
        <KindAndLawFields />
      </Form>
      {made && (
        <p className="success" role="status">
          Received: your reference is {made.reference}. We will answer by {day(made.dueAt)}.
        </p>
      )}
      <h2>Your requests</h2>
      <Loading loaded={mine} what="your requests">
        {({ requests }) =>
          requests.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <ul className="plain-list">
              {requests.map((r) => (
                <li key={r.reference}>
                  <StatusSummary status={r} />
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
    </>
  );
}

type Step = { step: 'form' } | { step: 'code'; reference: string; email: string } | { step: 'done'; status: RequestStatus };

function PublicRequest() {
  const [state, setState] = useState<Step>({ step: 'form' });
  const [agent, setAgent] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();

  if (state.step === 'code') return <CodeEntry reference={state.reference} email={state.email} onVerified={(status) => setState({ step: 'done', status })} />;
  if (state.step === 'done') {
    return (
      <>
        <p className="success" role="status">
          Thank you: your identity is confirmed and request {state.status.reference} is with us. The email we sent has a link to follow it.
        </p>
        <StatusSummary status={state.status} />
      </>
    );
  }
  return (
    <Form
      submitLabel="Send request"
      pendingLabel="Sending…"
      listFieldErrors
      onSubmit={async (data) => {
        const text = (name: string) => String(data.get(name) ?? '').trim();
        let onBehalfOf: { name: string; email: string; authorization: string } | undefined;
        if (agent) {
          const file = data.get('authorization');
          if (!(file instanceof File) || file.size === 0) {
            setFileError('Attach the signed authorization.');
            return;
          }
          if (file.size > MAX_AUTHORIZATION_BYTES) {
            setFileError('The file is larger than 5 MiB.');
            return;
          }
          setFileError(undefined);
          onBehalfOf = { name: text('subjectName'), email: text('subjectEmail'), authorization: await fileToBase64(file) };
        }
        const details = text('details');
        const email = text('email');
        const received = await privacyRequestsApi.submit({
          kind: text('kind') as RequestKind,
          law: text('law') as RequestLaw,
          ...(details && { details }),
          name: text('name'),
          email,
          ...(onBehalfOf && { onBehalfOf }),
        });
        setState({ step: 'code', reference: received.reference, email });
      }}
    >
      <KindAndLawFields />
      <Field name="name" label="Your name" autoComplete="name" required maxLength={200} />
      <Field
        name="email"
        label="Your email address"
        type="email"
        autoComplete="email"
        required
        hint="We send a code to this address to confirm the request comes from you, and our answer."
      />
      <CheckboxField
        name="agent"
        label="I am an authorized agent making this request for someone else"
        checked={agent}
        onChange={(e) => setAgent(e.target.checked)}
      />
      {agent && (
        <fieldset>
          <legend>The person you act for</legend>
          <Field name="subjectName" label="Their name" required maxLength={200} />
          <Field name="subjectEmail" label="Their email address" type="email" required />
          <Field
            name="authorization"
            label="Their signed authorization"
            type="file"
            accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
            hint="A PDF, PNG or JPEG of at most 5 MiB, signed by the person you act for."
            localError={fileError}
          />
        </fieldset>
      )}
    </Form>
  );
}

function CodeEntry({ reference, email, onVerified }: { reference: string; email: string; onVerified(status: RequestStatus): void }) {
  const [resent, setResent] = useState<string | null>(null);
  return (
    <>
      <p className="success" role="status">
        Received: your reference is {reference}. We sent a 6-digit code to {email}.
      </p>
      <h2>Confirm it is you</h2>
      <Form
        submitLabel="Confirm"
        pendingLabel="Checking…"
        onSubmit={async (data) => {
          onVerified(await privacyRequestsApi.verify(reference, String(data.get('code') ?? '').trim()));
        }}
      >
        <Field
          name="code"
          label="Code from the email"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          hint="It works for 30 minutes; you have 5 tries."
        />
      </Form>
      <Form
        submitLabel="Send a new code"
        pendingLabel="Sending…"
        onSubmit={async () => {
          await privacyRequestsApi.resendCode(reference);
          setResent('A new code is on its way; earlier codes no longer work.');
        }}
      >
        {resent && <p role="status">{resent}</p>}
      </Form>
    </>
  );
}

function StatusSummary({ status }: { status: RequestStatus }) {
  return (
    <div className="privacy-request-status">
      <dl>
        <dt>Reference</dt>
        <dd>{status.reference}</dd>
        <dt>Request</dt>
        <dd>{KIND_LABELS[status.kind]}</dd>
        <dt>Status</dt>
        <dd>{STATE_LABELS[status.state]}</dd>
        <dt>Received</dt>
        <dd>{day(status.receivedAt)}</dd>
        <dt>{status.closedAt ? 'Was due' : 'Due'}</dt>
        <dd>
          {day(status.dueAt)}
          {status.extendedAt && ' (extended once)'}
        </dd>
        {status.closedAt && (
          <>
            <dt>Closed</dt>
            <dd>{day(status.closedAt)}</dd>
          </>
        )}
        {status.outcome && (
          <>
            <dt>{status.state === 'denied' ? 'Reason' : status.state === 'completed' ? 'Our answer' : 'Why we need more time'}</dt>
            <dd>{status.outcome}</dd>
          </>
        )}
        {status.exportUrl && (
          <>
            <dt>Your data</dt>
            <dd>
              <a href={status.exportUrl}>Download your data export</a> (sign in first)
            </dd>
          </>
        )}
      </dl>
      <h3>History</h3>
      <ol>
        {status.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{new Date(h.at).toLocaleString()}</time>: {STATE_LABELS[h.state]}
            {h.reason && ` (${h.reason})`}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Where the acknowledgement email's link lands: the request's status, with the emailed token. */
export function PrivacyRequestStatusPage() {
  useTitle('Privacy request status');
  const [params] = useSearchParams();
  const reference = params.get('reference') ?? '';
  const token = params.get('token') ?? '';
  const loaded = useLoad(() => privacyRequestsApi.status(reference, token), `${reference}:${token}`);
  return (
    <section className="narrow">
      <h1>Your privacy request</h1>
      <Loading loaded={loaded} what="the request">
        {(status) => (
          <>
            <StatusSummary status={status} />
            {status.state === 'identity_unverified' && (
              <p>
                This request waits for the code we emailed. <Link to="/privacy/requests">Make a new request</Link> if the code expired and no
                more can be sent.
              </p>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}
