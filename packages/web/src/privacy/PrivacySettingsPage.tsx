import { useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { consentApi, METHOD_LABELS, OPTIONAL_CATEGORIES } from './consent-api.ts';
import type { ConsentChoices, ConsentRecord } from './consent-api.ts';
import { decideConsent, openPreferences, useConsent } from './consent-state.ts';
import { RestrictionSection } from './RestrictionSection.tsx';
import { DataExportSection } from './DataExportSection.tsx';

/**
 * Settings → Privacy: one section per kind of privacy choice. Consent records and the
 * "do not sell or share" state are here (P20, P27); further sections (e.g. restriction, P25) sit
 * beside them.
 */
export function PrivacySettingsPage({ section }: { section?: 'exports' }) {
  useTitle('Privacy settings');
  return (
    <div className="privacy-settings">
      <DoNotSellSection />
      <ConsentRecordsSection />
      <RestrictionSection />
      <section aria-labelledby="privacy-requests-heading">
        <h2 id="privacy-requests-heading">Privacy requests</h2>
        <p>
          For anything these settings do not cover (a correction, an objection, a question about your data), or to follow one you made:{' '}
          <Link to="/privacy/requests">Make a privacy request</Link>
        </p>
      </section>
      {/* /settings/privacy/exports (the "export ready" email) focuses this section. */}
      <DataExportSection focus={section === 'exports'} />
    </div>
  );
}

const CATEGORY_LABELS = { functional: 'Functional', performance: 'Performance', targeting: 'Targeting' } as const;
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function describeChoices(choices: ConsentChoices): string[] {
  return OPTIONAL_CATEGORIES.map(
    (c) => `${CATEGORY_LABELS[c]}: consent ${yesNo(choices[c].consent)}, legitimate interest ${yesNo(choices[c].legitimateInterest)}`,
  );
}

function ConsentRecordsSection() {
  const { state } = useConsent();
  // Loads again whenever a new decision is recorded in this page.
  const loaded = useLoad(() => consentApi.myRecords(), state?.record?.id ?? 'none');
  return (
    <section aria-labelledby="consent-records-heading">
      <h2 id="consent-records-heading">Your cookie and tracking choices</h2>
      <p>
        Each decision you made is kept as a record: when, how, what you chose and under which revision of the cookie policy.{' '}
        <button type="button" className="link-button" aria-haspopup="dialog" onClick={openPreferences}>
          Change your choices
        </button>
      </p>
      {loaded.status === 'loading' && <p className="page-status">Loading your records…</p>}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.status === 'ready' &&
        (loaded.data.records.length === 0 ? (
          <p>No choice recorded for your account yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="consent-records">
              <caption>Consent records, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Method</th>
                  <th scope="col">Choices</th>
                  <th scope="col">Cookie policy revision</th>
                </tr>
              </thead>
              <tbody>
                {loaded.data.records.map((record: ConsentRecord) => (
                  <tr key={record.id}>
                    <td>
                      <time dateTime={record.createdAt}>{new Date(record.createdAt).toLocaleString()}</time>
                    </td>
                    <td>{METHOD_LABELS[record.method]}</td>
                    <td>
                      <ul className="plain-list">
                        {describeChoices(record.choices).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{record.policyRevision === 0 ? 'none yet' : record.policyRevision}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

function DoNotSellSection() {
  const { state } = useConsent();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!state) return null;

  async function change(doNotSell: boolean) {
    if (!state) return;
    setPending(true);
    setError(null);
    try {
      await decideConsent({ ...state.choices, targeting: { consent: !doNotSell, legitimateInterest: !doNotSell } }, 'preference_center');
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="do-not-sell-heading">
      <h2 id="do-not-sell-heading">Do not sell or share</h2>
      <p>
        Postern sells no personal data and shares none for advertising, whatever this switch says. It records your choice anyway, so that it
        holds if that ever changed.
      </p>
      <label>
        <input type="checkbox" role="switch" checked={state.doNotSellOrShare} disabled={pending} onChange={(e) => void change(e.target.checked)} /> Do
        not sell or share my personal information
      </label>
      {state.gpc && (
        <p>Your browser sends Global Privacy Control (or Do Not Track), which counts as this choice unless you turn it off here yourself.</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      )}
    </section>
  );
}
