import { useState } from 'react';
import { CopyButton } from '../components/CopyButton.tsx';
import { FieldErrorText, Field, Form, SelectField, TextAreaField } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { OAUTH_SCOPE_CHOICES, oauthApps } from './api.ts';
import type { OAuthApp, OAuthScope } from './api.ts';

/**
 * Settings → Connected apps (P14): every app you allowed, what it may do, when you allowed it and
 * when it last used its access, with Revoke. Below, the apps you registered yourself.
 */
export function ConnectedAppsPage() {
  useTitle('Connected apps');
  const connected = useLoad(() => oauthApps.connected(), 'connected-apps');
  const [revoked, setRevoked] = useState<string | null>(null);
  return (
    <>
      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading">Connected apps</h2>
        <p className="hint">Apps you allowed to use your account. Each can do only what is listed; revoking stops it at once.</p>
        {revoked && (
          <p className="success" role="status">
            Revoked “{revoked}”: it can no longer use your account.
          </p>
        )}
        <Loading loaded={connected} what="your connected apps">
          {({ items }) =>
            items.length === 0 ? (
              <p className="empty">No apps are connected to your account.</p>
            ) : (
              <ul className="list" aria-label="Connected apps">
                {items.map((c) => (
                  <li key={c.app.id} className="row">
                    <span>
                      <strong>{c.app.name}</strong>
                      {c.app.homepageUrl && <span className="muted"> · {c.app.homepageUrl}</span>}
                      <ul aria-label={`What ${c.app.name} can do`}>
                        {c.scopes.map((s) => (
                          <li key={s.name}>{s.description}</li>
                        ))}
                      </ul>
                      <span className="muted">
                        Allowed {formatDate(c.grantedAt)} · {c.lastUsedAt ? `last used ${formatDate(c.lastUsedAt)}` : 'never used'}
                      </span>
                    </span>
                    <ConfirmAction
                      label="Revoke"
                      accessibleLabel={`Revoke ${c.app.name}`}
                      question={`Revoke ${c.app.name}? It stops working at once.`}
                      confirmLabel={`Revoke ${c.app.name}`}
                      pendingLabel="Revoking…"
                      onConfirm={async () => {
                        await oauthApps.disconnect(c.app.id);
                        setRevoked(c.app.name);
                        connected.reload();
                      }}
                    />
                  </li>
                ))}
              </ul>
            )
          }
        </Loading>
      </section>
      <DeveloperApps />
    </>
  );
}

/** Registering an app (OAuth 2 client): the client secret of a confidential app is shown once. */
function DeveloperApps() {
  const mine = useLoad(() => oauthApps.mine(), 'my-oauth-apps');
  const [created, setCreated] = useState<(OAuthApp & { clientSecret: string | null }) | null>(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <section aria-labelledby="dev-apps-heading">
      <h2 id="dev-apps-heading">Apps you registered</h2>
      <p className="hint">
        For developers: register an app to let people connect it to their Postern account with OAuth 2 (authorization code with PKCE).
      </p>
      {created && (
        <div className="panel secret-panel" role="status">
          <h3>Registered “{created.name}”</h3>
          <p>
            Client ID: <code>{created.clientId}</code> <CopyButton text={created.clientId} label="Copy the client ID" />
          </p>
          {created.clientSecret && (
            <p>
              <strong>Copy the client secret now; you will not see it again:</strong> <code>{created.clientSecret}</code>{' '}
              <CopyButton text={created.clientSecret} label="Copy the client secret" />
            </p>
          )}
        </div>
      )}
      <Form
        key={formKey}
        submitLabel="Register app"
        pendingLabel="Registering…"
        onSubmit={async (data) => {
          const homepage = String(data.get('homepageUrl') ?? '').trim();
          const app = await oauthApps.register({
            name: String(data.get('name') ?? '').trim(),
            homepageUrl: homepage === '' ? null : homepage,
            redirectUris: String(data.get('redirectUris') ?? '')
              .split('\n')
              .map((line) => line.trim())
              .filter((line) => line !== ''),
            scopes: data.getAll('scopes').map(String) as OAuthScope[],
            clientType: String(data.get('clientType')) === 'confidential' ? 'confidential' : 'public',
          });
          setCreated(app);
          setFormKey((n) => n + 1);
          mine.reload();
        }}
      >
        <Field name="name" label="App name" required maxLength={100} hint="Shown to people on the consent screen." />
        <Field name="homepageUrl" label="Homepage (optional)" type="url" maxLength={2000} />
        <TextAreaField
          name="redirectUris"
          label="Redirect URIs"
          required
          rows={3}
          hint="One per line, matched exactly: https, or http on 127.0.0.1, [::1] or localhost."
        />
        <fieldset className="field">
          <legend>Scopes the app may ask for</legend>
          <FieldErrorText name="scopes" />
          {OAUTH_SCOPE_CHOICES.map((s) => (
            <label key={s.value} className="choice">
              <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.value === 'profile:read'} />
              <span>{s.label}</span>
            </label>
          ))}
        </fieldset>
        <SelectField name="clientType" label="Client type" defaultValue="public" hint="Public: runs on devices or in browsers, no secret. Confidential: a server that keeps a secret.">
          <option value="public">Public (PKCE only)</option>
          <option value="confidential">Confidential (with a client secret)</option>
        </SelectField>
      </Form>
      <Loading loaded={mine} what="your apps">
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">You have not registered any apps.</p>
          ) : (
            <ul className="list" aria-label="Apps you registered">
              {items.map((a) => (
                <li key={a.id} className="row">
                  <span>
                    <strong>{a.name}</strong> <code>{a.clientId}</code> <span className="tag">{a.clientType}</span>
                    {a.blocked && <span className="tag">blocked by the operator</span>}
                    <br />
                    <span className="muted">
                      {a.scopes.join(', ')} · {a.redirectUris.join(', ')}
                    </span>
                  </span>
                  <ConfirmAction
                    label="Delete"
                    accessibleLabel={`Delete ${a.name}`}
                    question={`Delete ${a.name}? Everyone connected to it loses the connection.`}
                    confirmLabel={`Delete ${a.name}`}
                    pendingLabel="Deleting…"
                    onConfirm={async () => {
                      await oauthApps.remove(a.id);
                      mine.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
    </section>
  );
}
