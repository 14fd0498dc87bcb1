import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { collections, workspaces } from '../api/endpoints.ts';
import type { SettingsChanges } from '../api/types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { AuthEditor } from '../editor/AuthEditor.tsx';
import { EditorTabs } from '../editor/EditorTabs.tsx';
import { ScriptEditor } from '../editor/ScriptEditor.tsx';
import { EditableVariableTable, ReadOnlyVariableTable } from '../environments/VariableTable.tsx';
import { emptyRow } from '../environments/variables.ts';
import { changesOf, draftOf, draftProblems, readableVariables, settingsHeading, type LoadedSettings, type SettingsDraft, type SettingsScope } from './collection-settings.ts';

let lastRowId = 0;
const nextRowId = () => `cv${++lastRowId}`;

/** `/w/:workspaceId/collections/:collectionId/settings`: what applies to every request of a collection. */
export function CollectionSettingsPage() {
  return <SettingsPage scope="collection" />;
}

/** `/w/:workspaceId/collections/:collectionId/folders/:itemId/settings`: what applies to a folder's requests. */
export function FolderSettingsPage() {
  return <SettingsPage scope="folder" />;
}

interface Source {
  load(): Promise<LoadedSettings>;
  save(changes: SettingsChanges, revision: number): Promise<LoadedSettings>;
}

function SettingsPage({ scope }: { scope: SettingsScope }) {
  const { workspaceId = '', collectionId = '', itemId = '' } = useParams();
  const source: Source =
    scope === 'collection'
      ? { load: () => collections.settings(collectionId), save: (changes, revision) => collections.updateSettings(collectionId, changes, revision) }
      : {
          load: () => collections.folderSettings(collectionId, itemId),
          save: (changes, revision) => collections.updateFolderSettings(collectionId, itemId, changes, revision),
        };
  const loaded = useLoad(
    async () => {
      const [workspace, settings] = await Promise.all([workspaces.get(workspaceId), source.load()]);
      return { workspace, settings };
    },
    `${scope}:${workspaceId}:${collectionId}:${itemId}`,
  );
  const heading = settingsHeading(scope, loaded.status === 'ready' ? loaded.data.settings.name : scope === 'collection' ? 'the collection' : 'the folder');
  useTitle(heading);
  return (
    <Loading loaded={loaded} what={scope === 'collection' ? 'the collection settings' : 'the folder settings'}>
      {({ workspace, settings }) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {workspace.name}</Link>
          </p>
          <LoadedSettingsEditor
            // A reload (after a conflict) starts from what the server has now.
            key={settings.revision}
            scope={scope}
            loaded={settings}
            canEdit={workspace.abilities.canEdit}
            source={source}
            onReload={loaded.reload}
          />
        </>
      )}
    </Loading>
  );
}

const COLLECTION_TABS = [
  { id: 'variables', label: 'Variables' },
  { id: 'auth', label: 'Authorization' },
  { id: 'scripts', label: 'Scripts' },
  { id: 'description', label: 'Description' },
];
const FOLDER_TABS = COLLECTION_TABS.filter((tab) => tab.id !== 'variables');

type SaveState = { status: 'idle' | 'saving' } | { status: 'saved'; revision: number } | { status: 'failed'; error: unknown } | { status: 'invalid'; problems: string[] };

function LoadedSettingsEditor({
  scope,
  loaded,
  canEdit,
  source,
  onReload,
}: {
  scope: SettingsScope;
  loaded: LoadedSettings;
  canEdit: boolean;
  source: Source;
  onReload(): void;
}) {
  const nameId = useId();
  const descriptionId = useId();
  const [saved, setSaved] = useState<LoadedSettings>(loaded);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(scope, loaded, nextRowId));
  const [tab, setTab] = useState(scope === 'collection' ? 'variables' : 'auth');
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const alertRef = useRef<HTMLDivElement>(null);
  const what = scope === 'collection' ? 'collection' : 'folder';
  const changes = changesOf(scope, saved, draft);
  const dirty = Object.keys(changes).length > 0;
  const change = (part: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...part }));

  const save = async () => {
    if (!canEdit || state.status === 'saving') return;
    const problems = draftProblems(draft, what);
    if (problems.length > 0) {
      setState({ status: 'invalid', problems });
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    if (!dirty) {
      setState({ status: 'saved', revision: saved.revision });
      return;
    }
    setState({ status: 'saving' });
    try {
      const next = await source.save(changes, saved.revision);
      setSaved(next);
      setDraft(draftOf(scope, next, nextRowId));
      setState({ status: 'saved', revision: next.revision });
    } catch (error) {
      // The draft stays as it is: nothing typed is lost when a save fails.
      setState({ status: 'failed', error });
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'S')) {
      event.preventDefault();
      void save();
    }
  };

  const conflict = state.status === 'failed' && state.error instanceof ApiError && state.error.status === 412;
  const tabs = scope === 'collection' ? COLLECTION_TABS : FOLDER_TABS;
  const onEdit = <T,>(apply: (value: T) => void) => (canEdit ? apply : undefined);

  return (
    <div className="collection-settings" onKeyDown={onKeyDown}>
      <h1>{settingsHeading(scope, saved.name)}</h1>
      <p className="muted">
        {scope === 'collection'
          ? 'These apply to every request of the collection: its variables, the auth requests inherit, and scripts that run around each request.'
          : 'These apply to every request in the folder: the auth they inherit and scripts that run around each of them.'}{' '}
        At revision {saved.revision}.
      </p>
      {!canEdit && <p className="muted read-only-note">You can read these settings; changing them needs the editor role.</p>}

      {state.status === 'saved' && (
        <p role="status" className="muted">
          Saved (revision {state.revision}).
        </p>
      )}
      {state.status === 'invalid' && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={alertRef}>
          <ul>
            {state.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {state.status === 'failed' &&
        (conflict ? (
          <div className="error-summary save-conflict" role="alert" tabIndex={-1} ref={alertRef}>
            <p>
              Someone else changed this {what} since you opened it, so your changes were not saved. Your edits are still here: copy what you need, then reload
              to get their version and apply your changes again.
            </p>
            <button type="button" onClick={onReload}>
              Reload
            </button>
          </div>
        ) : (
          <ErrorMessage error={state.error} listFieldErrors ref={alertRef} />
        ))}

      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <EditorTabs idPrefix={`${what}-settings`} label={`${what === 'collection' ? 'Collection' : 'Folder'} settings`} tabs={tabs} selected={tab} onSelect={setTab}>
          {tab === 'variables' &&
            (canEdit ? (
              <EditableVariableTable
                caption={`Variables of ${saved.name}`}
                rows={draft.rows}
                onChange={(rowId, part) => setDraft((d) => ({ ...d, rows: d.rows.map((row) => (row.rowId === rowId ? { ...row, ...part } : row)) }))}
                onAdd={() => {
                  const row = emptyRow(nextRowId());
                  setDraft((d) => ({ ...d, rows: [...d.rows, row] }));
                  return row.rowId;
                }}
                onRemove={(rowId) => setDraft((d) => ({ ...d, rows: d.rows.filter((row) => row.rowId !== rowId) }))}
              />
            ) : (
              <ReadOnlyVariableTable caption={`Variables of ${saved.name}`} values={readableVariables(saved.variable)} />
            ))}
          {tab === 'auth' && (
            // A viewer sees the same fields, switched off.
            <fieldset className="field" disabled={!canEdit}>
              <legend className="visually-hidden">Authorization of {saved.name}</legend>
              <AuthEditor
                auth={draft.auth}
                onChange={(auth) => change({ auth })}
                parentName="its parent folder or the collection"
                subject={scope === 'collection' ? 'This collection' : 'This folder'}
                noParent={scope === 'collection'}
              />
            </fieldset>
          )}
          {tab === 'scripts' && (
            <>
              <p className="muted">
                {scope === 'collection'
                  ? 'The pre-request script runs before every request of the collection, the test script after each response, before the scripts of folders and requests.'
                  : 'These run for every request in the folder, after the collection’s scripts and before the request’s own.'}
              </p>
              <h2>Pre-request script</h2>
              <ScriptEditor label="Pre-request script" value={draft.prerequest} onChange={onEdit((prerequest: string) => change({ prerequest }))} />
              <h2>Test script</h2>
              <ScriptEditor label="Test script" value={draft.test} onChange={onEdit((test: string) => change({ test }))} />
            </>
          )}
          {tab === 'description' && (
            <>
              <div className="field">
                <label htmlFor={nameId}>{what === 'collection' ? 'Collection name' : 'Folder name'}</label>
                <input id={nameId} type="text" value={draft.name} required readOnly={!canEdit} onChange={(event) => change({ name: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={descriptionId}>Description</label>
                <textarea
                  id={descriptionId}
                  rows={8}
                  value={draft.description}
                  readOnly={!canEdit}
                  onChange={(event) => change({ description: event.target.value })}
                />
              </div>
            </>
          )}
        </EditorTabs>
        {canEdit && (
          <div className="form-actions">
            <button type="submit" disabled={state.status === 'saving'} aria-busy={state.status === 'saving'} aria-keyshortcuts="Control+S">
              {state.status === 'saving' ? 'Saving…' : 'Save settings'}
            </button>{' '}
            {dirty && <span className="muted">Unsaved changes</span>}
          </div>
        )}
      </form>
    </div>
  );
}
