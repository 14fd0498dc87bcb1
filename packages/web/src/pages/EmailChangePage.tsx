import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { accounts } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Form } from '../components/Form.tsx';
import { useTitle } from '../components/use-title.ts';
import { tokenFromHash } from './link-token.ts';

/** Where the link mailed to a new address lands (the server's EMAIL_CHANGE_PATH); one click confirms it (P23). */
export function EmailChangePage() {
  useTitle('Confirm your new email address');
  const token = tokenFromHash(useLocation().hash);
  const { account, signedIn } = useAuth();
  const [done, setDone] = useState(false);

  return (
    <section className="narrow">
      <h1>Confirm your new email address</h1>
      {!token ? (
        <p>
          This link is incomplete. Open the link from the email again, or start over in <Link to="/settings/account">Settings</Link>.
        </p>
      ) : done ? (
        <p className="success" role="status">
          Your email address is changed. {account ? <Link to="/settings/account">See it in your settings</Link> : <Link to="/signin">Sign in with it</Link>}.
        </p>
      ) : (
        <Form
          onSubmit={async () => {
            await accounts.completeEmailChange(token);
            // Show the new address at once in this browser, if it is signed in.
            if (account) signedIn(await accounts.me());
            setDone(true);
          }}
          submitLabel="Use this email address"
          pendingLabel="Confirming…"
        >
          <p>Confirm that this address is yours and should become the email of your Postern account.</p>
        </Form>
      )}
    </section>
  );
}

/** Where the cancel link mailed to the old address lands (EMAIL_CHANGE_CANCEL_PATH); works without signing in. */
export function EmailChangeCancelPage() {
  useTitle('Cancel the email change');
  const token = tokenFromHash(useLocation().hash);
  const [done, setDone] = useState(false);

  return (
    <section className="narrow">
      <h1>Cancel the email change</h1>
      {!token ? (
        <p>This link is incomplete. Open the link from the email again.</p>
      ) : done ? (
        <p className="success" role="status">
          The change is cancelled: your account keeps this address. If you did not ask for the change, <Link to="/reset-password">change your password</Link>{' '}
          now.
        </p>
      ) : (
        <Form
          onSubmit={async () => {
            await accounts.cancelEmailChangeByLink(token);
            setDone(true);
          }}
          submitLabel="Cancel the email change"
          pendingLabel="Cancelling…"
        >
          <p>Someone asked to change the email address of your Postern account. Cancel it if it was not you.</p>
        </Form>
      )}
    </section>
  );
}
