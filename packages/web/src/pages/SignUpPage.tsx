import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { accounts } from '../api/endpoints.ts';
import { useAuth } from '../auth/auth-context.ts';
import { Field, Form, SelectField } from '../components/Form.tsx';
import { OidcButton } from '../components/OidcButton.tsx';
import { countries, guessCountry } from './countries.ts';
import { useTitle } from '../components/use-title.ts';
import { DomainNotice, WorkAddressWarning } from '../team-domains/DomainNotice.tsx';

const text = (data: FormData, name: string) => String(data.get(name) ?? '');

export function SignUpPage() {
  useTitle('Sign up');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const countryList = useMemo(() => countries(), []);
  const today = new Date().toISOString().slice(0, 10);
  const [email, setEmail] = useState('');

  async function signUp(data: FormData) {
    const account = await accounts.signUp({
      username: text(data, 'username').trim(),
      email: text(data, 'email').trim(),
      password: text(data, 'password'),
      birthDate: text(data, 'birthDate'),
      country: text(data, 'country'),
    });
    signedIn(account);
    await navigate('/');
  }

  return (
    <section className="narrow">
      <h1>Create your Postern account</h1>
      <OidcButton />
      <Form onSubmit={signUp} submitLabel="Create account" pendingLabel="Creating account…">
        <Field name="username" label="Username" autoComplete="username" required hint="3 to 39 letters, digits, - or _. Others see it." />
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          onChange={(e) => setEmail(e.target.value)}
          hint={
            <>
              Private: only you and the operator see it (and, in a verified work domain, the admins of the team that verified it).{' '}
              <WorkAddressWarning />
            </>
          }
        />
        <DomainNotice email={email} />
        <Field name="password" label="Password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." />
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
      <p>
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </section>
  );
}
