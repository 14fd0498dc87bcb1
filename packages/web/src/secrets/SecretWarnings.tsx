import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { STATE_LABELS, ruleLabel, secretsApi } from './secrets-api.ts';
import type { FindingState, ScannedItemKind, SecretFinding } from './secrets-api.ts';

export interface SecretWarningsProps {
  workspaceId: string;
  itemKind: ScannedItemKind;
  itemId: string;
  /** Only findings of this request (collection item id); all of the item's when unset. */
  target?: string;
  canEdit: boolean;
  /** Changes after each save: findings are loaded again (the scan runs just after the save). */
  version: number | string;
}

/** Loads findings after a save: now, and again once the background scan has had time to run. */
function useFindings(workspaceId: string, itemKind: ScannedItemKind, itemId: string, version: number | string, signedIn: boolean) {
  const [findings, setFindings] = useState<SecretFinding[]>([]);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    const load = () =>
      secretsApi.list(workspaceId, { itemKind, itemId }).then(
        (items) => current && setFindings(items),
        // Readers who are not members (a public workspace) see no findings; nothing to show.
        () => current && setFindings([]),
      );
    void load();
    const timers = [setTimeout(load, 1200), setTimeout(load, 4000)];
    return () => {
      current = false;
      timers.forEach(clearTimeout);
    };
  }, [workspaceId, itemKind, itemId, version, attempt, signedIn]);
  return { findings, reload: () => setAttempt((n) => n + 1), replace: (f: SecretFinding) => setFindings((list) => list.map((x) => (x.id === f.id ? f : x))) };
}

/** The warning shown in a collection or environment editor next to what holds a secret (P17). */
export function SecretWarnings({ workspaceId, itemKind, itemId, target, canEdit, version }: SecretWarningsProps) {
  const { account } = useAuth();
  const { findings, replace } = useFindings(workspaceId, itemKind, itemId, version, !!account);
  const shown = findings.filter((f) => target === undefined || f.target === target);
  if (shown.length === 0) return null;
  const active = shown.filter((f) => f.state === 'active').length;
  return (
    <section className={active > 0 ? 'secret-warnings warning' : 'secret-warnings panel'} aria-label="Secrets found">
      <p>
        <strong>
          {active > 0 ? `${active} possible secret${active === 1 ? '' : 's'} found here.` : 'Secrets found here have been reviewed.'}
        </strong>{' '}
        Values are shown masked. Remove a real secret (use a secret-typed variable instead) and revoke it with its provider.{' '}
        <Link to={`/w/${workspaceId}/secrets`}>All findings of this workspace</Link>
      </p>
      <ul className="secret-finding-list">
        {shown.map((f) => (
          <FindingRow key={f.id} finding={f} canEdit={canEdit} onChanged={replace} showTarget={itemKind !== 'collection' || target === undefined} />
        ))}
      </ul>
    </section>
  );
}

export function FindingRow({
  finding,
  canEdit,
  onChanged,
  showTarget = true,
  showItem = false,
}: {
  finding: SecretFinding;
  canEdit: boolean;
  onChanged(f: SecretFinding): void;
  showTarget?: boolean;
  showItem?: boolean;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const label = `${ruleLabel(finding.ruleId)} ${finding.masked}`;
  async function mark(state: FindingState) {
    setError(null);
    setBusy(true);
    try {
      onChanged(await secretsApi.setState(finding.id, state, note.trim() || undefined));
      setNote('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  const actions: FindingState[] = finding.state === 'active' ? ['false_positive', 'revoked', 'accepted_risk'] : ['active'];
  return (
    <li className="secret-finding" data-state={finding.state}>
      <div>
        <span className={`badge state-${finding.state}`}>{STATE_LABELS[finding.state]}</span> <strong>{ruleLabel(finding.ruleId)}</strong>{' '}
        <code aria-label="Masked value">{finding.masked}</code>
        {showItem && <span className="muted"> in {finding.itemKind === 'globals' ? 'the globals' : `${finding.itemKind} ${finding.itemName ?? ''}`}</span>}
        {showTarget && finding.target && finding.itemKind !== 'collection' && <span className="muted"> · variable {finding.target}</span>}
        <span className="muted">
          {' '}
          · <code>{finding.jsonPath}</code>
          {finding.line !== null && finding.line > 1 ? ` line ${finding.line}` : ''}
        </span>
        {finding.removedAt && <span className="muted"> · no longer in the content</span>}
        {finding.stateChangedBy && (
          <span className="muted">
            {' '}
            · marked by {finding.stateChangedBy.username}
            {finding.note ? `: “${finding.note}”` : ''}
          </span>
        )}
      </div>
      {canEdit && (
        <div className="actions" role="group" aria-label={`Review ${label}`}>
          {finding.state === 'active' && (
            <label className="visually-hidden-label">
              <span className="visually-hidden">Note for {label} (optional)</span>
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="Note (optional)" />
            </label>
          )}
          {actions.map((state) => (
            <button key={state} type="button" className="secondary" disabled={busy} onClick={() => void mark(state)}>
              {state === 'active' ? 'Reopen' : `Mark ${STATE_LABELS[state].toLowerCase()}`}
              <span className="visually-hidden"> ({label})</span>
            </button>
          ))}
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </li>
  );
}
