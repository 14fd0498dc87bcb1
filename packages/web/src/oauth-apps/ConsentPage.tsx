import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { oauthApps } from './api.ts';
import type { ConsentView } from './api.ts';

/** Leaves for the app's redirect URI; only addresses the server checked against the app's registration get here. */
function leaveFor(url: string) {
  window.location.assign(url);
}

/**
 * The consent screen of a third-party app (P14): the app's name, where you will be sent, and each
 * scope in plain words, with Allow and Deny. What the server grants is exactly what is listed here.
 */
export function ConsentPage() {
  useTitle('Allow an app');
  const { search } = useLocation();
  const view = useLoad(() => oauthApps.check(search), search);
  return (
    <section aria-labelledby="consent-page-heading" className="narrow">
      <h1 id="consent-page-heading">Connect an app</h1>
      <Loading loaded={view} what="the app’s request">
        {(data) => <Consent view={data} search={search} />}
      </Loading>
    </section>
  );
}

function Consent({ view, search }: { view: ConsentView; search: string }) {
  const [pending, setPending] = useState<'allow' | 'deny' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  const params = Object.fromEntries(new URLSearchParams(search));

  async function answer(decision: 'allow' | 'deny') {
    setPending(decision);
    setError(null);
    try {
      leaveFor((await oauthApps.decide(params, decision)).redirectTo);
    } catch (thrown) {
      setError(thrown);
      setPending(null);
    }
  }

  const remembered = view.kind === 'consent' && view.remembered;
  useEffect(() => {
    if (started.current) return;
    if (view.kind === 'redirect') {
      started.current = true;
      leaveFor(view.redirectTo);
    } else if (remembered) {
      // Already allowed with these scopes: answer for the person, as they chose before.
      started.current = true;
      void answer('allow');
    }
    // Runs once per loaded view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view]);

  if (view.kind === 'redirect' || remembered) {
    return (
      <>
        <h2>Returning to the app</h2>
        {error !== null ? <ErrorMessage error={error} /> : <p role="status">Sending you back…</p>}
      </>
    );
  }
  return (
    <>
      <h2>Allow {view.app.name} to use your Postern account?</h2>
      <p>
        <strong>{view.app.name}</strong>
        {view.app.homepageUrl && (
          <>
            {' '}
            (<a href={view.app.homepageUrl} rel="noopener noreferrer" target="_blank">{view.app.homepageUrl}</a>)
          </>
        )}{' '}
        will be able to:
      </p>
      <ul aria-label="What the app will be able to do">
        {view.scopes.map((scope) => (
          <li key={scope.name}>
            {scope.description} <code className="muted">{scope.name}</code>
          </li>
        ))}
      </ul>
      <p>Nothing else. After you answer you will be sent to <strong>{view.app.redirectHost}</strong>.</p>
      <p className="hint">You can revoke this at any time in Settings → Connected apps.</p>
      {error !== null && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="button" disabled={pending !== null} onClick={() => void answer('allow')}>
          {pending === 'allow' ? 'Allowing…' : `Allow ${view.app.name}`}
        </button>{' '}
        <button type="button" className="secondary" disabled={pending !== null} onClick={() => void answer('deny')}>
          {pending === 'deny' ? 'Declining…' : 'Deny'}
        </button>
      </div>
    </>
  );
}
