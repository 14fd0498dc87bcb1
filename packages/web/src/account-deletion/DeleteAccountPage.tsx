import { useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field, Form } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { formatDate } from '../pages/labels.ts';
import { accountDeletion } from './api.ts';
import type { DeletionPreview } from './api.ts';

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * Settings → Delete account (P24): what goes, what stays and why, and when; then the
 * re-authentication (password, or an emailed code without one, plus the authenticator code when
 * two-factor sign-in is on). Success signs this browser out.
 */
export function DeleteAccountPage() {
  useTitle('Delete your account');
  const preview = useLoad(() => accountDeletion.preview(), 'deletion-preview');
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete your account</h2>
      <Loading loaded={preview} what="what deletion would do">
        {(data) => <DeletionDetails preview={data} />}
      </Loading>
    </section>
  );
}

function DeletionDetails({ preview }: { preview: DeletionPreview }) {
  const [codeSent, setCodeSent] = useState(false);
  const [codeError, setCodeError] = useState<unknown>(null);
  const usesCode = preview.reauthentication.method === 'email_code';

  async function confirm(data: FormData) {
    const totpCode = text(data, 'totpCode').replace(/\s+/g, '');
    const result = await accountDeletion.request({
      ...(usesCode ? { code: text(data, 'code').replace(/\s+/g, '') } : { password: String(data.get('password') ?? '') }),
      ...(preview.reauthentication.totp && { totpCode }),
    });
    // The server ended every session. A full page load starts the app signed out, before any other
    // request of this page could meet the ended session and send the person to sign-in instead.
    window.location.assign(`/restore-account?closed=${encodeURIComponent(result.purgeAt)}`);
  }

  async function sendCode() {
    setCodeError(null);
    try {
      await accountDeletion.sendCode();
      setCodeSent(true);
    } catch (error) {
      setCodeError(error);
    }
  }

  return (
    <>
      <p>
        Your account is closed at once and deleted for good on <strong>{formatDate(preview.purgeAt)}</strong>, {preview.graceDays} days from
        now. Until then you can restore it.
      </p>
      <h3>What is deleted</h3>
      <ul>
        {preview.deleted.map((d) => (
          <li key={d.table}>
            {d.description} <span className="tag">{d.rows}</span>
          </li>
        ))}
      </ul>
      <h3>What remains, and why</h3>
      {preview.remaining.length === 0 ? (
        <p>None of your content stays in shared places.</p>
      ) : (
        <ul>
          {preview.remaining.map((r) => (
            <li key={`${r.table}-${r.reason}`}>
              {r.description} <span className="tag">{r.rows}</span> — {r.reason}
            </li>
          ))}
        </ul>
      )}
      <ul>
        {preview.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      <h3>Confirm</h3>
      {usesCode && (
        <p>
          Your account has no password, so we email you a code to confirm.{' '}
          <button type="button" onClick={() => void sendCode()}>
            {codeSent ? 'Send a new code' : 'Email me a code'}
          </button>
        </p>
      )}
      {codeSent && (
        <p className="success" role="status">
          A code is on its way to your email address. It expires in 15 minutes.
        </p>
      )}
      {codeError !== null && <ErrorMessage error={codeError} />}
      <Form onSubmit={confirm} submitLabel="Delete my account" pendingLabel="Deleting…">
        {usesCode ? (
          <Field name="code" label="Code from the email" inputMode="numeric" autoComplete="one-time-code" required />
        ) : (
          <Field name="password" label="Your password" type="password" autoComplete="current-password" required />
        )}
        {preview.reauthentication.totp && (
          <Field
            name="totpCode"
            label="Code from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            hint="Two-factor sign-in is on: the 6-digit code your app shows for Postern now."
          />
        )}
      </Form>
    </>
  );
}
