import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Field, Form } from '../components/Form.tsx';
import { useTitle } from '../components/use-title.ts';
import { formatDate } from '../pages/labels.ts';
import { tokenFromHash } from '../pages/link-token.ts';
import { accountDeletion } from './api.ts';

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * Where the emailed restore link lands (`/restore-account#token=…`, the server's
 * RESTORE_ACCOUNT_PATH), and where deletion leaves the person: restore with the link, or with
 * the sign-in details, until the purge (P24).
 */
export function RestoreAccountPage() {
  useTitle('Restore your account');
  const location = useLocation();
  const token = tokenFromHash(location.hash);
  // Set by the delete page after the deletion: the purge date, to confirm what just happened.
  const purgeAt = new URLSearchParams(location.search).get('closed');
  const [restored, setRestored] = useState(false);

  return (
    <section className="narrow">
      <h1>Restore your account</h1>
      {purgeAt && !restored && (
        <p className="success" role="status">
          Your account is closed and you are signed out. It will be deleted for good on {formatDate(purgeAt)}. We emailed you a link to restore it
          until then.
        </p>
      )}
      {restored ? (
        <>
          <p className="success" role="status">
            Your account is restored and will not be deleted.
          </p>
          <p>
            <Link to="/signin">Sign in</Link>
          </p>
        </>
      ) : token ? (
        <Form
          onSubmit={async () => {
            await accountDeletion.restoreWithToken(token);
            setRestored(true);
          }}
          submitLabel="Restore my account"
          pendingLabel="Restoring…"
        >
          <p>Keep your account: it is restored as it was, and you sign in again as before.</p>
        </Form>
      ) : (
        <Form
          onSubmit={async (data) => {
            const totpCode = text(data, 'totpCode').replace(/\s+/g, '');
            await accountDeletion.restoreWithPassword({
              login: text(data, 'login'),
              password: String(data.get('password') ?? ''),
              ...(totpCode && { totpCode }),
            });
            setRestored(true);
          }}
          submitLabel="Restore my account"
          pendingLabel="Restoring…"
        >
          <p>Changed your mind? Until the deletion date you can restore the account with the link from the email, or here with your sign-in details.</p>
          <Field name="login" label="Username or email" autoComplete="username" required />
          <Field name="password" label="Password" type="password" autoComplete="current-password" required />
          <Field
            name="totpCode"
            label="Code from your authenticator app (only with two-factor sign-in)"
            inputMode="numeric"
            autoComplete="one-time-code"
          />
        </Form>
      )}
    </section>
  );
}
