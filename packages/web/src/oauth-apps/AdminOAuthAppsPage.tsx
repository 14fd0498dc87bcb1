import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { ConfirmAction } from '../pages/ConfirmAction.tsx';
import { formatDate } from '../pages/labels.ts';
import { oauthApps } from './api.ts';

/** Operators: every registered third-party app, with Block / Unblock for the whole instance. */
export function AdminOAuthAppsPage() {
  useTitle('Third-party apps');
  const apps = useLoad(() => oauthApps.all(), 'admin-oauth-apps');
  return (
    <section aria-labelledby="admin-apps-heading">
      <h1 id="admin-apps-heading">Third-party apps</h1>
      <p className="hint">A blocked app cannot be authorized by anyone on this instance, and every token it holds stops working.</p>
      <Loading loaded={apps} what="the apps">
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">No apps are registered.</p>
          ) : (
            <ul className="list" aria-label="Registered apps">
              {items.map((a) => (
                <li key={a.id} className="row">
                  <span>
                    <strong>{a.name}</strong> <code>{a.clientId}</code> {a.blocked && <span className="tag">blocked</span>}
                    <br />
                    <span className="muted">
                      Registered {formatDate(a.createdAt)} · {a.scopes.join(', ')} · {a.redirectUris.join(', ')}
                    </span>
                  </span>
                  <ConfirmAction
                    label={a.blocked ? 'Unblock' : 'Block'}
                    accessibleLabel={`${a.blocked ? 'Unblock' : 'Block'} ${a.name}`}
                    question={a.blocked ? `Unblock ${a.name}?` : `Block ${a.name} for everyone?`}
                    confirmLabel={a.blocked ? 'Unblock' : 'Block'}
                    onConfirm={async () => {
                      await oauthApps.setBlocked(a.id, !a.blocked);
                      apps.reload();
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
