import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { sessions } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Field, Form } from '../components/Form.tsx';
import { OidcButton } from '../components/OidcButton.tsx';
import { oidcErrorMessage } from './oidc-errors.ts';
import { safeNext } from './safe-next.ts';
import { useTitle } from '../components/use-title.ts';
import { PolicyBanner } from '../policies/PolicyBanner.tsx';

const text = (data: FormData, name: string) => String(data.get(name) ?? '');

export function SignInPage() {
  useTitle('Sign in');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // The server answers 401 TOTP_REQUIRED when the account has two-factor sign-in: ask for the code.
  const [needsCode, setNeedsCode] = useState(false);
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  // 403 ACCOUNT_PENDING_DELETION: the right password for an account its owner asked to delete (P24).
  const [pendingDeletion, setPendingDeletion] = useState(false);
  // Where a failed single sign-on lands: /signin?error=CODE.
  const oidcError = oidcErrorMessage(params.get('error'));

  async function signIn(data: FormData) {
    const totp = text(data, 'totp').replace(/\s+/g, '');
    const recoveryCode = text(data, 'recoveryCode').trim();
    try {
      const account = await sessions.signIn({
        login: text(data, 'login').trim(),
        password: text(data, 'password'),
        ...(needsCode && (useRecoveryCode ? { recoveryCode } : { totp })),
      });
      signedIn(account);
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TOTP_REQUIRED') setNeedsCode(true);
      if (error instanceof ApiError && error.code === 'ACCOUNT_PENDING_DELETION') setPendingDeletion(true);
      throw error;
    }
  }

  return (
    <section className="narrow">
      <PolicyBanner />
      <h1>Sign in to Postern</h1>
      {oidcError && (
        <p className="error-summary" role="alert">
          {oidcError}
        </p>
      )}
      <OidcButton />
      <Form onSubmit={signIn} submitLabel="Sign in" pendingLabel="Signing in…">
        <Field name="login" label="Username or email" autoComplete="username" required />
        <Field name="password" label="Password" type="password" autoComplete="current-password" required />
        {needsCode && useRecoveryCode && (
          <Field name="recoveryCode" label="Recovery code" autoComplete="off" required autoFocus hint="One of the codes you saved when you turned on two-factor sign-in; each works once." />
        )}
        {needsCode && !useRecoveryCode && (
          <Field
            name="totp"
            label="Code from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            required
            autoFocus
            hint="The 6-digit code your app shows for Postern now."
          />
        )}
      </Form>
      {needsCode && (
        <p>
          <button type="button" className="link-button" onClick={() => setUseRecoveryCode((v) => !v)}>
            {useRecoveryCode ? 'Use the code from your authenticator app' : 'Lost your authenticator? Use a recovery code'}
          </button>
        </p>
      )}
      {pendingDeletion && (
        <p>
          <Link to="/restore-account">Restore my account</Link>
        </p>
      )}
      <p>
        <Link to="/reset-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}
