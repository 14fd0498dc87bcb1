import { useEffect, useState } from 'react';
import { accounts } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Field, Form } from '../components/Form.tsx';
import { ConfirmAction } from './ConfirmAction.tsx';

/**
 * Settings → Account: change the email (P23). The new address must be confirmed by the link mailed
 * to it; until then the change is shown as pending and can be cancelled.
 */
export function EmailChangeSection() {
  const { account, signedIn } = useAuth();
  const [formKey, setFormKey] = useState(0);
  const [cancelled, setCancelled] = useState(false);

  // The account from sign-in has no pendingEmail: read it from GET /api/me once.
  useEffect(() => {
    let live = true;
    if (account && account.pendingEmail === undefined) {
      void accounts.me().then(
        (fresh) => live && signedIn(fresh),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [account, signedIn]);

  if (!account) return null;
  const pending = account.pendingEmail ?? null;

  async function requestChange(data: FormData) {
    if (!account) return;
    setCancelled(false);
    const newEmail = String(data.get('newEmail') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const { pendingEmail } = await accounts.requestEmailChange(newEmail, password || undefined);
    signedIn({ ...account, pendingEmail });
    setFormKey((n) => n + 1);
  }

  return (
    <section aria-labelledby="email-change-heading">
      <h2 id="email-change-heading">Change your email address</h2>
      {pending && (
        <div className="panel">
          <p role="status">
            Waiting for confirmation: we sent a link to <strong>{pending}</strong>. Your account keeps {account.email} until you open it (within 24
            hours).
          </p>
          <ConfirmAction
            label="Cancel the change"
            question={`Cancel the change to ${pending}? The link we sent will stop working.`}
            confirmLabel="Cancel the change"
            pendingLabel="Cancelling…"
            onConfirm={async () => {
              await accounts.cancelEmailChange();
              signedIn({ ...account, pendingEmail: null });
              setCancelled(true);
            }}
          />
        </div>
      )}
      {cancelled && !pending && (
        <p className="success" role="status">
          The email change is cancelled.
        </p>
      )}
      <Form key={formKey} onSubmit={requestChange} submitLabel="Send a confirmation link" pendingLabel="Sending…">
        <Field
          name="newEmail"
          label="New email address"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          hint={
            <>
              We send a link to the new address; the change happens when you open it, and we tell your current address.{' '}
              <strong>A work address may come under your employer’s control:</strong> if your employer verifies its email domain on this
              instance, it can manage your account, and changing the address then needs its administrator’s approval.
            </>
          }
        />
        <Field
          name="password"
          label="Current password"
          type="password"
          autoComplete="current-password"
          hint="To make sure it is you. Leave it empty only if your account has no password (you sign in with single sign-on)."
        />
      </Form>
    </section>
  );
}
