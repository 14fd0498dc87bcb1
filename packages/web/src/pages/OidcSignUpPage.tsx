import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { oidc } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Field, Form, SelectField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { countries, guessCountry } from './countries.ts';

const text = (data: FormData, name: string) => String(data.get(name) ?? '');

/**
 * Where the single sign-on callback sends a new identity: the provider vouched for the email, and
 * the person picks a username and passes the age check (P1; birth date and country are not stored).
 * The pending sign-up is named by an HttpOnly cookie the server set, so the page only asks for it.
 */
export function OidcSignUpPage() {
  useTitle('Finish signing up');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const pending = useLoad(() => oidc.pending(), 'oidc-pending');
  const countryList = useMemo(() => countries(), []);
  const today = new Date().toISOString().slice(0, 10);

  async function complete(data: FormData) {
    const account = await oidc.complete({
      username: text(data, 'username').trim(),
      birthDate: text(data, 'birthDate'),
      country: text(data, 'country'),
    });
    signedIn(account);
    await navigate('/', { replace: true });
  }

  if (pending.status === 'failed' && pending.error instanceof ApiError && (pending.error.status === 410 || pending.error.status === 404)) {
    return (
      <section className="narrow">
        <h1>Finish signing up</h1>
        <p className="error-summary" role="alert">
          {pending.error.message}
        </p>
        <p>
          <Link to="/signin">Back to sign in</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>Finish signing up</h1>
      <Loading loaded={pending} what="your sign-up">
        {(signUp) => (
          <>
            <p>
              You are signing up with <strong>{signUp.provider}</strong> as <strong>{signUp.email}</strong>
              {signUp.emailVerified ? '' : ' (the provider has not confirmed this address)'}.
            </p>
            <Form onSubmit={complete} submitLabel="Create account" pendingLabel="Creating account…">
              <Field
                name="username"
                label="Username"
                autoComplete="username"
                required
                hint="3 to 39 letters, digits, - or _. Others see it."
              />
              <Field
                name="birthDate"
                label="Birth date"
                type="date"
                autoComplete="bday"
                required
                max={today}
                hint="Used once to check the minimum age for your country, then forgotten."
              />
              <SelectField name="country" label="Country" required defaultValue={guessCountry()} hint="Used for the same age check; not stored.">
                <option value="">Choose your country</option>
                {countryList.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
            </Form>
          </>
        )}
      </Loading>
      <p>
        Not you, or changed your mind? <Link to="/signin">Back to sign in</Link>
      </p>
    </section>
  );
}
