import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { accounts } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Field, Form } from '../components/Form.tsx';
import { useTitle } from '../components/use-title.ts';
import { tokenFromHash } from './link-token.ts';

/**
 * Without a token: ask for a reset link by email. With one (the emailed link): choose a new
 * password; every session of the account then ends, this browser's included.
 */
export function ResetPasswordPage() {
  useTitle('Reset your password');
  const token = tokenFromHash(useLocation().hash);
  const { forget } = useAuth();
  const [message, setMessage] = useState<string | null>(null);

  return (
    <section className="narrow">
      <h1>Reset your password</h1>
      {message ? (
        <p className="success" role="status">
          {message}
        </p>
      ) : token ? (
        <Form
          onSubmit={async (data) => {
            await accounts.completePasswordReset(token, String(data.get('password') ?? ''));
            forget();
            setMessage('Your password is changed and every session has ended. Sign in with the new password.');
          }}
          submitLabel="Set new password"
          pendingLabel="Saving…"
        >
          <Field name="password" label="New password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." />
        </Form>
      ) : (
        <Form
          onSubmit={async (data) => {
            const answer = await accounts.requestPasswordReset(String(data.get('email') ?? '').trim());
            setMessage(answer.message);
          }}
          submitLabel="Email me a reset link"
          pendingLabel="Sending…"
        >
          <Field name="email" label="Email" type="email" autoComplete="email" required hint="The address of your Postern account." />
        </Form>
      )}
      <p>
        <Link to="/signin">Back to sign in</Link>
      </p>
    </section>
  );
}
