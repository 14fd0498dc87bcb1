import { useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { downloadText, safeFileName } from '../components/download.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { formatDate } from '../pages/labels.ts';
import { PatchDetails, RestoreConfirm } from '../components/ChangeHistoryParts.tsx';
import { notifyVariablesChanged } from './active-variables.ts';
import type { VariableListChange, VariableListRead, VariableListSource } from './environment-api.ts';
import { EditableVariableTable, ReadOnlyVariableTable } from './VariableTable.tsx';
import { SecretWarnings } from '../secrets/SecretWarnings.tsx';
import { actorLabel, describeVariableOperation, documentOf, emptyRow, rowProblems, rowsOf } from './variables.ts';
import type { VariableListDocument, VariableRow } from './variables.ts';

/** Operations listed per change before "and N more" (the first import is one; a big save many). */

let lastRowId = 0;
const nextRowId = () => `v${++lastRowId}`;

export interface VariableListEditorProps {
  kind: 'environment' | 'globals';
  /** Names what is loaded, so the editor starts afresh for another environment. */
  sourceKey: string;
  source: VariableListSource;
  /** The heading: the environment's name, or "Globals". */
  title: string;
  canEdit: boolean;
  /** The stored JSON as text, downloaded as it is. */
  exportText(): Promise<string>;
  /** Environments only: deletes it (with If-Match) and leaves the page. */
  onDelete?(revision: number): Promise<void>;
  /** Where to read its secret findings (P17); none shown without it. */
  secrets?: { workspaceId: string; itemId: string };
}

/**
 * One environment or the globals: the variables (editable by editors, read-only for viewers),
 * save with If-Match, export, delete, and the history with view and restore.
 */
export function VariableListEditor(props: VariableListEditorProps) {
  const loaded = useLoad(() => props.source.load(), props.sourceKey);
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const announce = (text: string) => {
    setStatus(text);
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  return (
    <>
      <p role="status" className="environments-status" tabIndex={-1} ref={statusRef}>
        {status}
      </p>
      <Loading loaded={loaded} what={props.kind === 'globals' ? 'the globals' : 'the environment'}>
        {(read) => (
          <LoadedEditor
            // A reload (after a conflict or a restore) starts from what the server has now.
            key={`${props.sourceKey}:${read.revision}`}
            {...props}
            read={read}
            reload={loaded.reload}
            announce={announce}
          />
        )}
      </Loading>
    </>
  );
}

function LoadedEditor({
  kind,
  sourceKey,
  source,
  title,
  canEdit,
  exportText,
  onDelete,
  secrets,
  read,
  reload,
  announce,
}: VariableListEditorProps & { read: VariableListRead; reload(): void; announce(text: string): void }) {
  const nameId = useId();
  const [base, setBase] = useState<VariableListDocument>(read.document);
  const [revision, setRevision] = useState(read.revision);
  const [rows, setRows] = useState<VariableRow[]>(() => rowsOf(Array.isArray(read.document.values) ? read.document.values : [], nextRowId));
  const [name, setName] = useState(typeof read.document.name === 'string' ? read.document.name : '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const errorRef = useRef<HTMLDivElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const confirmDeleteButton = useRef<HTMLButtonElement>(null);
  const isEnvironment = kind === 'environment';
  const shownName = isEnvironment ? name : title;

  const draft = documentOf(base, rows, isEnvironment ? name : undefined);
  const saved = useMemo(() => JSON.stringify(documentOf(base, rowsOf(Array.isArray(base.values) ? base.values : [], () => ''), isEnvironment ? (base.name ?? '') : undefined)), [base, isEnvironment]);
  const dirty = JSON.stringify(draft) !== saved;

  const showError = (failure: unknown) => {
    setError(failure);
    requestAnimationFrame(() => errorRef.current?.focus());
  };

  async function save() {
    setError(null);
    const found = [...rowProblems(rows), ...(isEnvironment && name.trim() === '' ? ['Give the environment a name.'] : [])];
    setProblems(found);
    if (found.length > 0) {
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setSaving(true);
    try {
      const next = await source.save(draft, revision);
      // Kept as the new base; the table keeps the person's rows (and what they revealed).
      setBase(draft);
      setRevision(next);
      setRows((current) => current.filter((row) => row.key.trim() !== '' || row.value !== ''));
      setHistoryVersion((n) => n + 1);
      notifyVariablesChanged();
      announce(`Saved ${shownName} (revision ${next}).`);
    } catch (failure) {
      // The draft stays as it is: nothing typed is lost when a save fails.
      showError(failure);
    } finally {
      setSaving(false);
    }
  }

  async function exportDocument() {
    setError(null);
    try {
      downloadText(safeFileName(shownName, isEnvironment ? '.postman_environment.json' : '.postman_globals.json'), await exportText());
    } catch (failure) {
      showError(failure);
    }
  }

  async function remove() {
    if (!onDelete) return;
    setError(null);
    try {
      await onDelete(revision);
    } catch (failure) {
      showError(failure);
    }
  }

  const conflict = error instanceof ApiError && error.status === 412;

  return (
    <>
      <div className="row environment-heading">
        <h2>{isEnvironment ? shownName || 'Untitled environment' : 'Globals'}</h2>
        <span className="actions">
          <button type="button" className="secondary" onClick={() => void exportDocument()}>
            Export<span className="visually-hidden"> {shownName}</span>
          </button>
          {canEdit && onDelete && (
            <button
              type="button"
              className="secondary danger"
              ref={deleteButton}
              aria-expanded={confirmingDelete}
              onClick={() => {
                setConfirmingDelete(true);
                requestAnimationFrame(() => confirmDeleteButton.current?.focus());
              }}
            >
              Delete environment
            </button>
          )}
        </span>
      </div>
      <p className="muted">
        {isEnvironment ? 'Its values override the globals when it is selected in the workbench.' : 'Every request of the workspace sees these, under the selected environment.'} At
        revision {revision}.
      </p>
      {secrets && <SecretWarnings workspaceId={secrets.workspaceId} itemKind={kind} itemId={secrets.itemId} canEdit={canEdit} version={revision} />}
      {confirmingDelete && (
        <div className="panel" role="group" aria-label={`Delete ${shownName}`}>
          <p>Delete {shownName} and its history? This cannot be undone.</p>
          <button type="button" className="danger" ref={confirmDeleteButton} onClick={() => void remove()}>
            Delete {shownName}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setConfirmingDelete(false);
              requestAnimationFrame(() => deleteButton.current?.focus());
            }}
          >
            Cancel
          </button>
        </div>
      )}

      {(error !== null || problems.length > 0) && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={errorRef}>
          {conflict ? (
            <>
              <p>
                Someone else saved {shownName} since you opened it, so your changes were not saved. Your edits are still here: copy what you need, then
                reload to get their version and apply your changes again.
              </p>
              <button type="button" onClick={reload}>
                Reload
              </button>
            </>
          ) : error !== null ? (
            <ErrorMessage error={error} listFieldErrors />
          ) : null}
          {problems.length > 0 && (
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      {canEdit ? (
        <form
          className="variables-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {isEnvironment && (
            <div className="field">
              <label htmlFor={nameId}>Environment name</label>
              <input id={nameId} type="text" value={name} required onChange={(event) => setName(event.target.value)} />
            </div>
          )}
          <EditableVariableTable
            caption={`Variables of ${shownName || 'this environment'}`}
            rows={rows}
            onChange={(rowId, change) => setRows((current) => current.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)))}
            onAdd={() => {
              const row = emptyRow(nextRowId());
              setRows((current) => [...current, row]);
              return row.rowId;
            }}
            onRemove={(rowId) => setRows((current) => current.filter((row) => row.rowId !== rowId))}
          />
          <div className="form-actions">
            <button type="submit" disabled={saving} aria-busy={saving}>
              {saving ? 'Saving…' : `Save ${isEnvironment ? 'environment' : 'globals'}`}
            </button>{' '}
            {dirty && <span className="muted">Unsaved changes</span>}
          </div>
        </form>
      ) : (
        <>
          <p className="muted">You can read these variables; changing them needs the editor role.</p>
          <ReadOnlyVariableTable caption={`Variables of ${shownName}`} values={Array.isArray(base.values) ? base.values : []} />
        </>
      )}

      <VariableListHistory
        sourceKey={`${sourceKey}:${historyVersion}`}
        source={source}
        what={shownName}
        canEdit={canEdit}
        revision={revision}
        dirty={dirty}
        onRestored={(restored, next) => {
          notifyVariablesChanged();
          announce(`Revision ${restored} restored as revision ${next}.`);
          reload();
        }}
      />
    </>
  );
}

function VariableListHistory({
  sourceKey,
  source,
  what,
  canEdit,
  revision,
  dirty,
  onRestored,
}: {
  sourceKey: string;
  source: VariableListSource;
  what: string;
  canEdit: boolean;
  /** The revision being edited: restoring is based on it, and it has nothing to restore. */
  revision: number;
  dirty: boolean;
  onRestored(restored: number, next: number): void;
}) {
  const { account } = useAuth();
  const changes = usePaged((cursor) => source.changes(cursor), `${sourceKey}:changes`);
  const [shown, setShown] = useState<{ revision: number; document: VariableListDocument } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const shownHeading = useRef<HTMLHeadingElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const historyHeading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  async function view(at: number) {
    setError(null);
    try {
      setShown({ revision: at, document: await source.revision(at) });
      requestAnimationFrame(() => shownHeading.current?.focus());
    } catch (failure) {
      setError(failure);
    }
  }

  async function restore(at: number) {
    setError(null);
    try {
      const next = await source.restore(at, revision);
      setConfirming(null);
      onRestored(at, next);
    } catch (failure) {
      setError(failure);
    }
  }

  const askToRestore = (at: number) => {
    setConfirming(at);
    requestAnimationFrame(() => confirmButton.current?.focus());
  };

  const restoreButton = (change: VariableListChange) =>
    canEdit &&
    change.revision !== revision && (
      <button type="button" className="secondary" onClick={() => (dirty ? askToRestore(change.revision) : void restore(change.revision))}>
        Restore this version<span className="visually-hidden"> (revision {change.revision})</span>
      </button>
    );

  return (
    <section aria-labelledby={headingId} className="variables-history">
      <h2 id={headingId} tabIndex={-1} ref={historyHeading}>
        History
      </h2>
      <p className="muted">Every save is kept. Restoring an old version saves it as a new revision, so it can be undone the same way. Secret values show as [secret].</p>
      {error !== null && <ErrorMessage error={error} />}
      <PagedList list={changes} what="changes" label={`Changes to ${what}, newest first`} empty="No changes recorded yet.">
        {(change) => (
          <li key={change.revision} className="history-change">
            <div className="row">
              <span>
                <strong>Revision {change.revision}</strong> · {change.summary}{' '}
                <span className="muted">
                  · by {actorLabel(change.actorId, account?.id)} · {formatDate(change.createdAt)}
                </span>
              </span>
              <span className="actions">
                <button type="button" className="secondary" onClick={() => void view(change.revision)}>
                  View<span className="visually-hidden"> revision {change.revision}</span>
                </button>
                {restoreButton(change)}
              </span>
            </div>
            {confirming === change.revision && (
              <RestoreConfirm
                revision={change.revision}
                message={`You have unsaved changes; restoring revision ${change.revision} replaces them.`}
                onRestore={() => void restore(change.revision)}
                onCancel={() => setConfirming(null)}
                confirmRef={confirmButton}
              />
            )}
            <PatchDetails patch={change.patch} describe={describeVariableOperation} />
          </li>
        )}
      </PagedList>
      {shown && (
        <section className="panel revision-panel" aria-labelledby={`${headingId}-revision`}>
          <h3 id={`${headingId}-revision`} tabIndex={-1} ref={shownHeading}>
            Revision {shown.revision} (read-only)
          </h3>
          <ReadOnlyVariableTable caption={`Variables at revision ${shown.revision}`} values={Array.isArray(shown.document.values) ? shown.document.values : []} />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setShown(null);
                requestAnimationFrame(() => historyHeading.current?.focus());
              }}
            >
              Close revision {shown.revision}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}
