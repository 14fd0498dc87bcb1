import { useState } from 'react';
import { messageOf } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useLoad } from '../components/use-load.ts';
import { restrictionsApi } from './restrictions.ts';
import type { ProcessingRestriction, Restrictions } from './restrictions.ts';

const SWITCHES: { id: keyof Restrictions; label: string; explanation: string }[] = [
  {
    id: 'marketing',
    label: 'Do not use my data for marketing',
    explanation: 'No product news reaches you, by email or in the app, even if you turned it on in your notification settings.',
  },
  {
    id: 'analytics',
    label: 'Do not use my data for usage analytics',
    explanation: 'Nothing about the pages you visit or the features you use is recorded while you are signed in, whatever your cookie choices.',
  },
  {
    id: 'personalisation',
    label: 'Do not use my data for personalisation',
    explanation:
      'Postern has no personalisation today: nothing is tailored to you from your data. Your choice is kept and will apply to any such feature added later.',
  },
];

/** Settings → Privacy: switches that stop a use of the person's data (P25); switching back is the same click. */
export function RestrictionSection() {
  const loaded = useLoad(() => restrictionsApi.get(), 'restrictions');
  // What the last save answered, else what was loaded.
  const [saved, setSaved] = useState<(Restrictions & ProcessingRestriction) | null>(null);
  const current = saved ?? (loaded.status === 'ready' ? loaded.data : null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(id: keyof Restrictions, value: boolean) {
    if (!current) return;
    setPending(true);
    setError(null);
    try {
      const { marketing, analytics, personalisation } = current;
      setSaved(await restrictionsApi.set({ marketing, analytics, personalisation, [id]: value }));
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setPending(false);
    }
  }

  async function changeProcessing(value: boolean) {
    setPending(true);
    setError(null);
    try {
      setSaved(await restrictionsApi.setProcessing(value));
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setPending(false);
    }
  }

  const byStaff = current?.processingRestrictedBy === 'staff';
  return (
    <section aria-labelledby="restrictions-heading">
      <h2 id="restrictions-heading">Restrict how your data is used</h2>
      <p>Each switch stops one use of your data from now on. Turn it off again at any time, the same way.</p>
      {loaded.status === 'loading' && <p className="page-status">Loading your switches…</p>}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} />}
      {current && (
        <ul className="plain-list">
          {SWITCHES.map((s) => (
            <li key={s.id}>
              <label>
                <input
                  type="checkbox"
                  role="switch"
                  checked={current[s.id]}
                  disabled={pending}
                  aria-describedby={`restriction-${s.id}-help`}
                  onChange={(e) => void change(s.id, e.target.checked)}
                />{' '}
                {s.label}
              </label>
              <p id={`restriction-${s.id}-help`} className="muted">
                {s.explanation}
              </p>
            </li>
          ))}
        </ul>
      )}
      {current && (
        <div className="field">
          <label>
            <input
              type="checkbox"
              role="switch"
              checked={current.processingRestricted}
              disabled={pending || byStaff}
              aria-describedby="restriction-processing-help"
              onChange={(e) => void changeProcessing(e.target.checked)}
            />{' '}
            Restrict all processing of my data
          </label>
          <p id="restriction-processing-help" className="muted">
            {byStaff
              ? `The operator restricted processing while one of your privacy requests is looked at${current.processingRestrictedReason ? ` (${current.processingRestrictedReason})` : ''}. It is lifted when the request is resolved.`
              : 'Every use of your data that is not needed to run your account stops (marketing, analytics, error reports and any future use), whatever the switches above say. Your data is kept, and you can still use Postern.'}
          </p>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      )}
    </section>
  );
}
