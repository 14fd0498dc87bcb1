import { useEffect, useId, useRef, useState } from 'react';
import { messageOf } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import type { ConsentChoices, OptionalCategory, StorageCategory } from './consent-api.ts';
import {
  acceptAllChoices,
  closePreferences,
  consentSnapshot,
  decideConsent,
  loadConsent,
  openPreferences,
  rejectAllChoices,
  storageRegistry,
  useConsent,
} from './consent-state.ts';

const GPC_REASON =
  'Your browser sends Global Privacy Control, so Targeting is off and we treat it as your choice not to have your personal information sold or shared.';

/**
 * The first-visit banner (P20): shown until a choice exists or when the cookie policy changed,
 * with "Accept all" and "Reject all" as the same kind of button, and "Manage choices". It also
 * holds the preference center, which the footer link opens at any time. Loads the choices in
 * force on every page load and whenever the person signs in or out.
 */
export function ConsentBanner() {
  const { account } = useAuth();
  const { state, preferencesOpen } = useConsent();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const headingId = useId();

  useEffect(() => {
    loadConsent().catch(() => {
      // Without an answer nothing optional is allowed; the banner waits for the next page load.
    });
  }, [account?.id]);

  async function decide(choices: ConsentChoices) {
    setPending(true);
    setError(null);
    try {
      await decideConsent(choices, 'banner');
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      {state?.needsChoice && (
        <section className="consent-banner" aria-labelledby={headingId}>
          <h2 id={headingId}>Cookies and tracking</h2>
          <p>
            Postern uses strictly necessary cookies and storage to work. With your consent it also remembers conveniences in this browser
            (Functional) and counts which features are used (Performance), on this server only. It has no advertising and sells or shares no
            personal data.
            {state.record && state.record.policyRevision > 0 && ' Our cookie policy changed since you last chose, so we ask again.'}
          </p>
          {state.gpc && <p className="consent-gpc">{GPC_REASON} “Accept all” leaves Targeting off; you can turn it on in “Manage choices”.</p>}
          {error && (
            <p className="field-error" role="alert">
              Your choice was not saved: {error}
            </p>
          )}
          <div className="consent-actions">
            <button type="button" className="secondary" disabled={pending} onClick={() => void decide(acceptAllChoices(state.gpc))}>
              Accept all
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={() => void decide(rejectAllChoices())}>
              Reject all
            </button>
            <button type="button" className="secondary" disabled={pending} aria-haspopup="dialog" onClick={openPreferences}>
              Manage choices
            </button>
          </div>
        </section>
      )}
      <PreferenceCenter open={preferencesOpen} />
    </>
  );
}

/** The footer link that reopens the preference center from any page. */
export function CookiePreferencesButton() {
  return (
    <button type="button" className="link-button" aria-haspopup="dialog" onClick={openPreferences}>
      Cookie preferences
    </button>
  );
}

/**
 * The preference center (P20): every category with its storage list from the server's registry;
 * Strictly necessary has no switch; each optional category has a Consent switch and a
 * Legitimate-interest switch. A native modal <dialog>: focus stays inside, Escape closes it, and
 * focus returns to where it was.
 */
function PreferenceCenter({ open }: { open: boolean }) {
  const { state } = useConsent();
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const [categories, setCategories] = useState<StorageCategory[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ConsentChoices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!open || !dialog.current || dialog.current.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDraft(consentSnapshot().state?.choices ?? rejectAllChoices());
    setError(null);
    dialog.current.showModal();
    storageRegistry().then(
      (loaded) => {
        setCategories(loaded);
        setLoadError(null);
      },
      (thrown: unknown) => setLoadError(messageOf(thrown)),
    );
  }, [open]);

  async function save(choices: ConsentChoices) {
    setPending(true);
    setError(null);
    try {
      await decideConsent(choices, 'preference_center');
      dialog.current?.close();
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setPending(false);
    }
  }

  const set = (category: OptionalCategory, basis: 'consent' | 'legitimateInterest', value: boolean) =>
    setDraft((d) => d && { ...d, [category]: { ...d[category], [basis]: value } });
  const gpc = state?.gpc ?? false;

  return (
    <dialog
      ref={dialog}
      className="consent-dialog"
      aria-labelledby={titleId}
      onClose={() => {
        closePreferences();
        returnTo.current?.focus();
      }}
    >
      {open && draft && (
        <>
          <div className="dialog-heading">
            <h2 id={titleId}>Cookie and tracking preferences</h2>
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
          <p>
            Choose what Postern may store in this browser and do with your data. You can change your mind at any time from “Cookie preferences” at
            the bottom of every page; withdrawing is as easy as giving consent, and what was stored is removed at once.
          </p>
          {gpc && <p className="consent-gpc">{GPC_REASON} Turning Targeting on below overrides the signal for this browser.</p>}
          {loadError && (
            <p className="field-error" role="alert">
              The list of cookies could not be loaded: {loadError}
            </p>
          )}
          {categories?.map((category) => (
            <section key={category.id} className="consent-category" aria-labelledby={`consent-${category.id}`}>
              <h3 id={`consent-${category.id}`}>{category.name}</h3>
              <p>{category.description}</p>
              {category.id === 'necessary' ? (
                <p>
                  <strong>Always on.</strong>
                </p>
              ) : (
                <Switches category={category} choice={draft[category.id]} onChange={(basis, value) => set(category.id as OptionalCategory, basis, value)} />
              )}
              <StorageTable category={category} />
            </section>
          ))}
          {error && (
            <p className="field-error" role="alert">
              Your choices were not saved: {error}
            </p>
          )}
          <div className="consent-actions">
            <button type="button" className="secondary" disabled={pending} onClick={() => void save(acceptAllChoices(gpc))}>
              Accept all
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={() => void save(rejectAllChoices())}>
              Reject all
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={() => void save(draft)}>
              Confirm my choices
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function Switches({
  category,
  choice,
  onChange,
}: {
  category: StorageCategory;
  choice: { consent: boolean; legitimateInterest: boolean };
  onChange(basis: 'consent' | 'legitimateInterest', value: boolean): void;
}) {
  return (
    <fieldset className="consent-switches">
      <legend>{category.name}: your choice</legend>
      <label>
        <input type="checkbox" role="switch" checked={choice.consent} onChange={(e) => onChange('consent', e.target.checked)} /> Consent
      </label>
      <p className="consent-use">{category.consentUses}</p>
      <label>
        <input type="checkbox" role="switch" checked={choice.legitimateInterest} onChange={(e) => onChange('legitimateInterest', e.target.checked)} />{' '}
        Legitimate interest
      </label>
      <p className="consent-use">
        {category.legitimateInterestUses ?? 'Nothing in this category relies on legitimate interest.'} Turning this off objects to it.
      </p>
    </fieldset>
  );
}

function StorageTable({ category }: { category: StorageCategory }) {
  if (category.entries.length === 0) return <p>{category.emptyNote}</p>;
  return (
    <div className="table-scroll">
      <table className="consent-storage">
        <caption>Cookies and storage: {category.name}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Provider</th>
            <th scope="col">Purpose</th>
            <th scope="col">Lifetime</th>
            <th scope="col">Kind</th>
          </tr>
        </thead>
        <tbody>
          {category.entries.map((entry) => (
            <tr key={entry.name}>
              <td>
                <code>{entry.name}</code>
              </td>
              <td>{entry.provider}</td>
              <td>{entry.purpose}</td>
              <td>{entry.lifetime}</td>
              <td>{entry.kind}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

