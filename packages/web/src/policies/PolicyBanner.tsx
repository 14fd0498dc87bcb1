import { useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { useLoad } from '../components/use-load.ts';
import { formatDay } from './PolicyPages.tsx';
import { policies } from './policy-api.ts';
import type { PolicyNotice } from './policy-api.ts';

/**
 * Announces significant policy changes (P28) on the home and sign-in pages: to a signed-in
 * person until they acknowledge it (recorded by the server), to signed-out visitors for a while.
 */
export function PolicyBanner() {
  const { account } = useAuth();
  const loaded = useLoad(() => policies.notices(), account?.id ?? 'signed-out');
  const [done, setDone] = useState<Set<string>>(new Set());
  if (loaded.status !== 'ready') return null;
  const shown = loaded.data.notices.filter((n) => !done.has(`${n.kind}/${n.version}`));
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((notice) => (
        <Notice key={`${notice.kind}/${notice.version}`} notice={notice} onAcknowledged={() => setDone((d) => new Set(d).add(`${notice.kind}/${notice.version}`))} />
      ))}
    </>
  );
}

function Notice({ notice, onAcknowledged }: { notice: PolicyNotice; onAcknowledged(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const headingId = `policy-notice-${notice.kind}`;
  async function acknowledge() {
    setPending(true);
    setError(null);
    try {
      await policies.acknowledge(notice.kind, notice.version);
      onAcknowledged();
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setPending(false);
    }
  }
  const past = new Date(notice.effectiveAt).getTime() <= Date.now();
  return (
    <section className="policy-notice" aria-labelledby={headingId}>
      <p id={headingId}>
        <strong>
          We {past ? 'changed' : 'are changing'} our {notice.name} on {formatDay(notice.effectiveAt)}
        </strong>
        {notice.keyChanges.length > 0 ? ':' : '.'}
      </p>
      {notice.keyChanges.length > 0 && (
        <ul>
          {notice.keyChanges.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      )}
      <p className="notice-actions">
        <Link to={notice.path}>Read the new {notice.name}</Link>
        {notice.acknowledgeable && (
          <button type="button" className="secondary" disabled={pending} onClick={() => void acknowledge()}>
            Acknowledge
          </button>
        )}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
