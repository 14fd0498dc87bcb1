import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { accounts, oidc, oidcStartPath, sessions } from '../api/endpoints.ts';
import type { Session } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Form } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { EmailChangeSection } from './EmailChangeSection.tsx';
import { formatDate } from './labels.ts';
import { oidcErrorMessage } from './oidc-errors.ts';
import { useTitle } from '../components/use-title.ts';

/**
 * Settings → Account: the account, the identity providers linked to it, and the sessions signed
 * in to it, each of which can be ended.
 */
export function SettingsPage() {
  useTitle('Account settings');
  const { account, forget } = useAuth();
  const navigate = useNavigate();
  const sessionList = useLoad(() => sessions.list(), 'sessions');
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  async function revoke(id: string, current: boolean) {
    setRevokeError(null);
    setRevoking(id);
    try {
      await sessions.revoke(id);
      if (current) {
        forget();
        await navigate('/signin');
        return;
      }
      sessionList.reload();
    } catch (error) {
      setRevokeError(error);
    } finally {
      setRevoking(null);
    }
  }

  return (
    <>
      {account && (
        <section aria-labelledby="account-heading">
          <h2 id="account-heading">Account</h2>
          <dl className="facts">
            <dt>Username</dt>
            <dd>{account.username}</dd>
            <dt>Email</dt>
            <dd>
              {account.email} {account.emailVerified ? '' : <span className="tag">not confirmed</span>}
            </dd>
            <dt>Member since</dt>
            <dd>{formatDate(account.createdAt)}</dd>
            {account.operator && (
              <>
                <dt>Role</dt>
                <dd>Operator of this instance</dd>
              </>
            )}
          </dl>
          {!account.emailVerified && <ResendVerification />}
        </section>
      )}
      <EmailChangeSection />
      <LinkedIdentities />
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        {revokeError !== null && <ErrorMessage error={revokeError} />}
        <Loading loaded={sessionList} what="sessions">
          {({ sessions: list }) => (
            <table>
              <caption className="visually-hidden">Your sessions, most recently used first</caption>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Approximate location</th>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => {
                  const device = [s.browser, s.os].filter(Boolean).join(' on ') || 'Unknown device';
                  return (
                    <tr key={s.id}>
                      <td>
                        {device} {s.current && <span className="tag">this browser</span>}
                      </td>
                      <td>{placeOf(s)}</td>
                      <td>{formatDate(s.createdAt)}</td>
                      <td>{formatDate(s.lastSeenAt)}</td>
                      <td>{formatDate(s.expiresAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          disabled={revoking !== null}
                          aria-label={s.current ? 'Sign out of this browser' : `Sign out ${device}, last used ${formatDate(s.lastSeenAt)}`}
                          onClick={() => void revoke(s.id, s.current)}
                        >
                          {s.current ? 'Sign out' : 'Revoke'}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Loading>
      </section>
    </>
  );
}

/** Sends a new verification link when the first one was lost or expired. */
function ResendVerification() {
  const [sent, setSent] = useState(false);
  if (sent) {
    return (
      <p className="success" role="status">
        A new confirmation link is on its way to your email address.
      </p>
    );
  }
  return (
    <Form
      onSubmit={async () => {
        await accounts.resendVerification();
        setSent(true);
      }}
      submitLabel="Send a new confirmation link"
      pendingLabel="Sending…"
    >
      <p>Your email address is not confirmed yet: follow the link we emailed you.</p>
    </Form>
  );
}

/**
 * Identity-provider sign-ins linked to the account: unlink them, or link one (a full-page visit to
 * the server, which comes back here with `?linked=oidc` or `?error=CODE`).
 */
function LinkedIdentities() {
  const [params] = useSearchParams();
  const provider = useLoad(() => oidc.provider(), 'oidc-provider');
  const linked = useLoad(() => oidc.identities(), 'identities');
  const [unlinkError, setUnlinkError] = useState<unknown>(null);
  const [unlinking, setUnlinking] = useState<string | null>(null);
  const [unlinked, setUnlinked] = useState(false);
  const linkError = oidcErrorMessage(params.get('error'));
  const enabled = provider.status === 'ready' && provider.data.enabled;
  const name = (provider.status === 'ready' && provider.data.name) || 'single sign-on';
  const identities = linked.status === 'ready' ? linked.data.identities : [];

  async function unlink(id: string) {
    setUnlinkError(null);
    setUnlinked(false);
    setUnlinking(id);
    try {
      await oidc.unlink(id);
      setUnlinked(true);
      linked.reload();
    } catch (error) {
      setUnlinkError(error);
    } finally {
      setUnlinking(null);
    }
  }

  // Nothing to show on an instance without single sign-on, unless an identity is still linked.
  if (!enabled && identities.length === 0 && !linkError) return null;
  return (
    <section aria-labelledby="identities-heading">
      <h2 id="identities-heading">Sign-in with {name}</h2>
      {params.get('linked') === 'oidc' && !linkError && (
        <p className="success" role="status">
          Linked: you can now sign in with {name}.
        </p>
      )}
      {unlinked && (
        <p className="success" role="status">
          Unlinked.
        </p>
      )}
      {linkError && (
        <p className="error-summary" role="alert">
          {linkError}
        </p>
      )}
      {unlinkError !== null && <ErrorMessage error={unlinkError} />}
      <Loading loaded={linked} what="linked sign-ins">
        {() =>
          identities.length === 0 ? (
            <p className="empty">No identity provider is linked to your account.</p>
          ) : (
            <ul className="item-list" aria-label="Linked identities">
              {identities.map((identity) => (
                <li key={identity.id} className="row">
                  <span>
                    <code>{identity.issuer}</code> <span className="muted">linked {formatDate(identity.createdAt)}</span>
                  </span>
                  <button
                    type="button"
                    className="secondary"
                    disabled={unlinking !== null}
                    aria-label={`Unlink ${identity.issuer}`}
                    onClick={() => void unlink(identity.id)}
                  >
                    Unlink
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
      {enabled && (
        <p>
          <a className="button secondary" href={oidcStartPath('link')}>
            Link your {name} sign-in
          </a>
        </p>
      )}
    </section>
  );
}

/** The place when the instance can name it, else the network (never more than what is stored). */
function placeOf(session: Session): string {
  if (session.approximateLocation) return `${session.approximateLocation} (${session.approximateNetwork})`;
  return session.approximateNetwork ? `Network ${session.approximateNetwork}` : 'Unknown';
}
