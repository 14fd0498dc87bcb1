import type { Item } from '@postern/collection';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, messageOf } from '../api/client.ts';
import { collections, send } from '../api/endpoints.ts';
import type { CollectionItem, SendResponse } from '../api/types.ts';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { AuthEditor } from './AuthEditor.tsx';
import { BodyEditor } from './BodyEditor.tsx';
import { draftFromCurl } from './curl-paste.ts';
import { chosenFile, fileSourcesOf, filesForSend } from './chosen-files.ts';
import { loadDraft, storeDraft } from './draft-storage.ts';
import { EditorTabs } from './EditorTabs.tsx';
import { KeyValueTable } from './KeyValueTable.tsx';
import { MethodField } from './MethodField.tsx';
import {
  draftFromItem,
  itemFromDraft,
  paramsAfterUrlEdit,
  requestOfDraft,
  sendBodyOf,
  syncPathVariables,
  urlAfterParamsEdit,
  type Draft,
} from './request-draft.ts';
import { ResponseViewer } from '../response/ResponseViewer.tsx';
import { ScriptEditor } from './ScriptEditor.tsx';
import { SettingsEditor } from './SettingsEditor.tsx';
import { UrlField } from './UrlField.tsx';
import { SecretWarnings } from '../secrets/SecretWarnings.tsx';

export interface RequestEditorProps {
  collectionId: string;
  itemId: string;
  /** Variable names offered after `{{` (the selected environment's). */
  variables?: readonly string[];
  /** The values sent with the request for `{{variable}}` resolution. */
  variableValues?: { key: string; value: string }[];
  /** Named in "inherits auth from …". */
  parentName?: string;
  /** False for viewers: they may change the request here and send it, not save it. */
  canEdit?: boolean;
  /** The workspace, to show secret findings of this request (P17); none shown without it. */
  workspaceId?: string;
}

const NO_NAMES: readonly string[] = [];
const NO_VALUES: { key: string; value: string }[] = [];

/** Loads one request and edits it: the request line, its parts, save and send. */
export function RequestEditor({
  collectionId,
  itemId,
  variables = NO_NAMES,
  variableValues = NO_VALUES,
  parentName = 'its folder or collection',
  canEdit = true,
  workspaceId = '',
}: RequestEditorProps) {
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => collections.item(collectionId, itemId), `${collectionId}:${itemId}:${attempt}`);
  return (
    <Loading loaded={loaded} what="the request">
      {(record) => (
        <LoadedEditor
          key={`${record.revision}:${attempt}`}
          record={record}
          collectionId={collectionId}
          itemId={itemId}
          variables={variables}
          variableValues={variableValues}
          parentName={parentName}
          canEdit={canEdit}
          workspaceId={workspaceId}
          onReload={() => {
            storeDraft(collectionId, itemId, null);
            setAttempt((n) => n + 1);
          }}
        />
      )}
    </Loading>
  );
}

const TABS = [
  { id: 'params', label: 'Params' },
  { id: 'auth', label: 'Authorization' },
  { id: 'headers', label: 'Headers' },
  { id: 'body', label: 'Body' },
  { id: 'scripts', label: 'Scripts' },
  { id: 'settings', label: 'Settings' },
];

interface LoadedProps extends Required<Omit<RequestEditorProps, 'collectionId' | 'itemId'>> {
  record: CollectionItem;
  collectionId: string;
  itemId: string;
  onReload: () => void;
}

function LoadedEditor({ record, collectionId, itemId, variables, variableValues, parentName, canEdit, workspaceId, onReload }: LoadedProps) {
  const stored = loadDraft(collectionId, itemId);
  const [saved, setSaved] = useState<{ item: Item; revision: number }>(() => ({ item: record.item as Item, revision: stored?.revision ?? record.revision }));
  const [draft, setDraft] = useState<Draft>(() => stored?.draft ?? draftFromItem(record.item as Item));
  const [tab, setTab] = useState('params');
  const [saveState, setSaveState] = useState<{ status: 'idle' | 'saving' | 'saved' } | { status: 'failed'; error: unknown }>({ status: 'idle' });
  const [response, setResponse] = useState<SendResponse | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const inFlight = useRef<AbortController | null>(null);
  const [sending, setSending] = useState(false);
  // What the last cURL paste reported (why it could not be read, or what it left out), shown until the URL changes.
  const [curlNote, setCurlNote] = useState<{ problem: boolean; text: string; url: string } | null>(null);

  const dirty = JSON.stringify(draft) !== JSON.stringify(draftFromItem(saved.item));
  useEffect(() => {
    storeDraft(collectionId, itemId, dirty ? { revision: saved.revision, draft } : null);
  }, [collectionId, itemId, dirty, draft, saved.revision]);
  useEffect(() => () => inFlight.current?.abort(), []);

  const change = (part: Partial<Draft>) => setDraft((d) => ({ ...d, ...part }));
  const pasteCurl = (command: string) => {
    const result = draftFromCurl(command, draft);
    if (!result.ok) {
      setCurlNote({ problem: true, text: result.message, url: draft.url });
      return;
    }
    setDraft(result.draft);
    setCurlNote(result.skipped.length ? { problem: false, text: `Made from the cURL command; left out: ${result.skipped.join('; ')}.`, url: result.draft.url } : null);
  };
  const editUrl = (url: string) => setDraft((d) => ({ ...d, url, params: paramsAfterUrlEdit(url, d.params), pathVariables: syncPathVariables(url, d.pathVariables) }));
  const editParams = (params: Draft['params']) =>
    setDraft((d) => {
      const url = urlAfterParamsEdit(d.url, params);
      return { ...d, url, params, pathVariables: syncPathVariables(url, d.pathVariables) };
    });

  const save = async () => {
    if (saveState.status === 'saving') return;
    setSaveState({ status: 'saving' });
    try {
      const result = await collections.putItem(collectionId, itemId, itemFromDraft(saved.item, draft), saved.revision);
      setSaved({ item: result.item as Item, revision: result.revision });
      setDraft(draftFromItem(result.item as Item));
      setSaveState({ status: 'saved' });
    } catch (error) {
      setSaveState({ status: 'failed', error });
    }
  };

  const sendNow = async () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setSending(true);
    setSendError(null);
    setResponse(null);
    try {
      const original = typeof saved.item.request === 'object' ? saved.item.request : undefined;
      const files = await filesForSend(draft.body, (src) => chosenFile({ collectionId, itemId }, src));
      const body = sendBodyOf(draft, variableValues, { collectionId, itemId, original, originalEvents: saved.item.event });
      // Sent even when empty, so a file not chosen since a reload is reported as "choose it again".
      setResponse(await send.request(fileSourcesOf(draft.body).length ? { ...body, files } : body, controller.signal));
    } catch (error) {
      if (inFlight.current === controller) setSendError(error);
    } finally {
      if (inFlight.current === controller) {
        inFlight.current = null;
        setSending(false);
      }
    }
  };
  const cancel = () => inFlight.current?.abort();

  const saveExample = async (name: string) => {
    if (!response) return;
    const example = {
      name,
      originalRequest: requestOfDraft(draft, typeof saved.item.request === 'object' ? saved.item.request : undefined),
      code: response.status,
      status: response.statusText,
      header: response.headers,
      body: response.body,
    };
    try {
      const item = { ...saved.item, response: [...(saved.item.response ?? []), example] } as Item;
      const result = await collections.putItem(collectionId, itemId, item, saved.revision);
      setSaved({ item: result.item as Item, revision: result.revision });
      setSaveState({ status: 'saved' });
    } catch (error) {
      setSaveState({ status: 'failed', error });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    if (event.key === 's' || event.key === 'S') {
      event.preventDefault();
      if (canEdit) void save();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void sendNow();
    }
  };

  const conflict = saveState.status === 'failed' && saveState.error instanceof ApiError && saveState.error.status === 412;
  return (
    <div className="request-editor" onKeyDown={onKeyDown}>
      <div className="request-line-editor">
        <label className="field request-name">
          <span>Name</span>
          <input value={draft.name} onChange={(e) => change({ name: e.target.value })} />
        </label>
        {dirty && (
          <span className="dirty-marker" title="Unsaved changes">
            ● Unsaved
          </span>
        )}
      </div>
      <div className="request-line-editor">
        <MethodField value={draft.method} onChange={(method) => change({ method })} />
        <UrlField value={draft.url} onChange={editUrl} variables={variables} onPasteCurl={pasteCurl} />
        {sending ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => void sendNow()} aria-keyshortcuts="Control+Enter">
            Send
          </button>
        )}
        {canEdit && (
          <button type="button" className="secondary" onClick={() => void save()} disabled={saveState.status === 'saving'} aria-keyshortcuts="Control+S">
            Save
          </button>
        )}
      </div>
      {!canEdit && (
        <p className="muted read-only-note">You can view this workspace but not change it: edit and send this request here, but it cannot be saved.</p>
      )}
      {curlNote?.url === draft.url &&
        (curlNote.problem ? (
          <p role="alert" className="field-error">
            {curlNote.text}
          </p>
        ) : (
          <p role="status" className="hint">
            {curlNote.text}
          </p>
        ))}
      {workspaceId && <SecretWarnings workspaceId={workspaceId} itemKind="collection" itemId={collectionId} target={itemId} canEdit={canEdit} version={saved.revision} />}
      <SaveStatus state={saveState} conflict={conflict} draftJson={conflict ? JSON.stringify(itemFromDraft(saved.item, draft), null, 2) : ''} onReload={onReload} />
      <EditorTabs idPrefix={`req-${itemId}`} tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === 'params' && (
          <>
            <KeyValueTable label="Query params" rows={draft.params} onChange={editParams} />
            {draft.pathVariables.length > 0 && (
              <>
                <h3>Path variables</h3>
                <KeyValueTable label="Path variables" fixedKeys rows={draft.pathVariables} onChange={(pathVariables) => change({ pathVariables })} />
              </>
            )}
          </>
        )}
        {tab === 'auth' && <AuthEditor auth={draft.auth} onChange={(auth) => change({ auth })} parentName={parentName} />}
        {tab === 'headers' && <KeyValueTable label="Headers" rows={draft.headers} onChange={(headers) => change({ headers })} />}
        {tab === 'body' && <BodyEditor body={draft.body} onChange={(body) => change({ body })} fileScope={{ collectionId, itemId }} />}
        {tab === 'scripts' && (
          <>
            <h3>Pre-request script</h3>
            <ScriptEditor label="Pre-request script" value={draft.prerequest} onChange={(prerequest) => change({ prerequest })} />
            <h3>Test script</h3>
            <ScriptEditor label="Test script" value={draft.test} onChange={(test) => change({ test })} />
          </>
        )}
        {tab === 'settings' && <SettingsEditor settings={draft.settings} onChange={(settings) => change({ settings })} />}
      </EditorTabs>
      <ResponseViewer response={response} error={sendError} sending={sending} {...(canEdit && { onSaveExample: (name: string) => void saveExample(name) })} />
    </div>
  );
}

function SaveStatus({ state, conflict, draftJson, onReload }: { state: { status: string; error?: unknown }; conflict: boolean; draftJson: string; onReload: () => void }) {
  if (state.status === 'saved') return <p role="status" className="muted">Saved.</p>;
  if (state.status !== 'failed') return null;
  if (!conflict) return <p role="alert">Could not save: {messageOf(state.error)}</p>;
  return (
    <div role="alert" className="save-conflict">
      <p>This request was changed elsewhere since you opened it, so your edit was not saved. Reload to get the current version; copy your draft below first if you want to keep it.</p>
      <textarea readOnly rows={6} aria-label="Your unsaved draft (Postman item JSON)" value={draftJson} />
      <button type="button" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
