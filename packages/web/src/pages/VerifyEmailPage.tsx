import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { accounts } from '../api/endpoints.ts';
import { Form } from '../components/Form.tsx';
import { useTitle } from '../components/use-title.ts';
import { tokenFromHash } from './link-token.ts';

/** Where the verification email's link lands; one click confirms the address (P18). */
export function VerifyEmailPage() {
  useTitle('Confirm your email address');
  const token = tokenFromHash(useLocation().hash);
  const [done, setDone] = useState(false);

  if (!token) {
    return (
      <section className="narrow">
        <h1>Confirm your email address</h1>
        <p>This link is incomplete. Open the link from the email again, or ask for a new one in <Link to="/settings">Settings</Link>.</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Confirm your email address</h1>
      {done ? (
        <p className="success" role="status">
          Your email address is confirmed. <Link to="/">Go to your workspaces</Link>.
        </p>
      ) : (
        <Form
          onSubmit={async () => {
            await accounts.verifyEmail(token);
            setDone(true);
          }}
          submitLabel="Confirm my email address"
          pendingLabel="Confirming…"
        >
          <p>Confirm that this address is yours.</p>
        </Form>
      )}
    </section>
  );
}
