import { useId, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { collections, workspaces } from '../api/endpoints.ts';
import type { ExportFormat, ImportFormat, ImportResult, Workspace } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { downloadText, safeFileName } from '../components/download.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { useVariablesVersion } from '../environments/active-variables.ts';
import { environmentApi, type EnvironmentInfo } from '../environments/environment-api.ts';
import { Workbench } from '../workbench/Workbench.tsx';
import { CollectionImportForm } from '../collections/CollectionImportForm.tsx';
import { WORKSPACE_KIND_LABELS } from './labels.ts';
import { ShareWorkspaceDialog } from './ShareWorkspaceDialog.tsx';

/**
 * One workspace: its requests, its collections (importable and exportable as Postman files), and a
 * summary of its environments, which are created, imported, edited and exported on their own page.
 */
export function WorkspacePage() {
  const { workspaceId = '' } = useParams();
  const workspace = useLoad(() => workspaces.get(workspaceId), workspaceId);
  const collectionList = usePaged((cursor) => collections.list(workspaceId, cursor), `collections:${workspaceId}`);
  const [exportError, setExportError] = useState<unknown>(null);
  // Bumped after an import so the request tree loads the new collection.
  const [treeVersion, setTreeVersion] = useState(0);
  // What the share dialog saved: shown at once, without reloading the page (open request tabs stay).
  const [shared, setShared] = useState<Workspace | null>(null);
  const shown = workspace.status === 'ready' && shared?.id === workspace.data.id ? { ...workspace, data: shared } : workspace;
  useTitle(workspace.status === 'ready' ? workspace.data.name : 'Workspace');
  const { account } = useAuth();
  const location = useLocation();

  // Not public, so hidden from signed-out visitors (404): they may see it once signed in.
  if (!account && workspace.status === 'failed' && workspace.error instanceof ApiError && workspace.error.status === 404) {
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  }

  async function exportCollection(id: string, name: string) {
    setExportError(null);
    try {
      downloadText(safeFileName(name, '.postman_collection.json'), await collections.export(id));
    } catch (error) {
      setExportError(error);
    }
  }

  async function exportCollectionAs(id: string, name: string, to: ExportFormat) {
    setExportError(null);
    try {
      const file = await collections.exportAs(id, to);
      downloadText(file.fileName ?? safeFileName(name, `.${to}`), file.text, file.type);
    } catch (error) {
      setExportError(error);
    }
  }

  return (
    <Loading loaded={shown} what="the workspace">
      {(w) => (
        <>
          <div className="section-heading">
            <h1>{w.name}</h1>
            {w.abilities.canAdmin && w.kind !== 'personal' && <ShareWorkspaceDialog workspace={w} onChange={setShared} />}
          </div>
          <p className="muted">
            {WORKSPACE_KIND_LABELS[w.kind]?.name ?? w.kind} workspace{w.team ? ` of team ${w.team.name}` : ''}.{' '}
            {WORKSPACE_KIND_LABELS[w.kind]?.description}
          </p>
          {w.description && <p>{w.description}</p>}
          {w.role !== 'public' && (
            <p>
              <Link to={`/w/${workspaceId}/secrets`}>Secrets found in this workspace</Link>
            </p>
          )}
          {w.abilities.canAdmin && (
            <p>
              <Link to={`/w/${workspaceId}/access-log`}>Access transparency: operator access to this workspace</Link>
            </p>
          )}
          {w.abilities.canAdmin && (
            <p>
              <Link to={`/w/${workspaceId}/webhooks`}>Webhooks of this workspace</Link>
            </p>
          )}
          {w.role !== 'public' && (
            <p>
              <Link to={`/w/${workspaceId}/monitors`}>Monitors: scheduled runs of this workspace’s collections</Link>
            </p>
          )}
          {w.role !== 'public' && (
            <p>
              <Link to={`/w/${workspaceId}/mocks`}>Mock servers: this workspace’s collections served from their examples</Link>
            </p>
          )}
          {exportError !== null && (
            <div className="banner">
              <ErrorMessage error={exportError} />
            </div>
          )}

          <section aria-labelledby="requests-heading">
            <h2 id="requests-heading">Requests</h2>
            <Workbench
              key={workspaceId}
              workspaceId={workspaceId}
              workspaceName={w.name}
              version={treeVersion}
              canEdit={w.abilities.canEdit}
              onContentChanged={collectionList.reload}
            />
          </section>

          <section aria-labelledby="collections-heading">
            <h2 id="collections-heading">Collections</h2>
            <PagedList list={collectionList} what="collections" label="Collections" empty="No collections yet: import one below.">
              {(c) => (
                <li key={c.id} className="row">
                  <span>
                    {c.name}{' '}
                    <span className="muted">
                      · {c.requestCount} {c.requestCount === 1 ? 'request' : 'requests'}
                    </span>
                  </span>
                  <span className="actions">
                    <Link className="button secondary" to={`/w/${workspaceId}/collections/${c.id}/history`} aria-label={`History of ${c.name}`}>
                      History
                    </Link>
                    <Link className="button secondary" to={`/w/${workspaceId}/collections/${c.id}/run`} aria-label={`Run ${c.name}`}>
                      Run
                    </Link>
                    <Link className="button secondary" to={`/w/${workspaceId}/collections/${c.id}/settings`} aria-label={`Settings of ${c.name}`}>
                      Settings
                    </Link>
                    <ExportButton name={c.name} onExport={() => exportCollection(c.id, c.name)} />
                    <ExportAsMenu name={c.name} onExport={(to) => exportCollectionAs(c.id, c.name, to)} />
                  </span>
                </li>
              )}
            </PagedList>
            {w.abilities.canEdit && (
              <ImportPanel
                what="collection"
                onImport={async (json) => {
                  await collections.import(workspaceId, json);
                  collectionList.reload();
                  setTreeVersion((n) => n + 1);
                }}
                onImportUrl={async (url) => {
                  await collections.importUrl(workspaceId, url);
                  collectionList.reload();
                  setTreeVersion((n) => n + 1);
                }}
                onImportAny={async (input) => {
                  const result = await collections.importAny(workspaceId, input);
                  collectionList.reload();
                  setTreeVersion((n) => n + 1);
                  return result;
                }}
              />
            )}
          </section>

          <section aria-labelledby="environments-heading">
            <h2 id="environments-heading">Environments</h2>
            <EnvironmentsSummary workspaceId={workspaceId} canEdit={w.abilities.canEdit} />
          </section>
        </>
      )}
    </Loading>
  );
}

const EXPORT_FORMATS: Array<{ value: ExportFormat; label: string }> = [
  { value: 'postman', label: 'Postman Collection v2.1' },
  { value: 'openapi', label: 'OpenAPI 3.1' },
  { value: 'curl', label: 'cURL commands' },
  { value: 'har', label: 'HAR' },
];

/** The other export formats, converted by the server: a button that shows a short list of downloads. */
function ExportAsMenu({ name, onExport }: { name: string; onExport: (to: ExportFormat) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <span className="export-menu" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button type="button" className="secondary" aria-label={`Export as… other formats: ${name}`} aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        Export as…
      </button>
      {open && (
        <ul id={listId} aria-label={`Formats for ${name}`}>
          {EXPORT_FORMATS.map((f) => (
            <li key={f.value}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setOpen(false);
                  void onExport(f.value);
                }}
              >
                {f.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

function ExportButton({ name, onExport }: { name: string; onExport: () => Promise<void> }) {
  return (
    <button type="button" className="secondary" aria-label={`Export ${name}`} onClick={() => void onExport()}>
      Export
    </button>
  );
}

/** How many environments there are, a few names, and the way to the page that manages them. */
function EnvironmentsSummary({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  // Loaded again when an environment is created, renamed or removed elsewhere in the app.
  const version = useVariablesVersion();
  const list = useLoad(() => environmentApi.listAll(workspaceId), `environments:${workspaceId}:${version}`);
  if (list.status === 'failed') return <ErrorMessage error={list.error} />;
  if (list.status === 'loading') return <p className="muted">Loading environments…</p>;
  return (
    <p>
      {environmentsSentence(list.data)} {canEdit ? 'Create, import, edit and export them' : 'See their variables'} on the{' '}
      <Link to={`/w/${workspaceId}/environments`}>environments page</Link>.
    </p>
  );
}

function environmentsSentence(items: EnvironmentInfo[]): string {
  if (items.length === 0) return 'No environments yet.';
  const shown = items.slice(0, 3).map((e) => e.name);
  const more = items.length - shown.length;
  const names = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
  return `${items.length} ${items.length === 1 ? 'environment' : 'environments'}: ${names}.`;
}

function ImportPanel({
  what,
  onImport,
  onImportUrl,
  onImportAny,
}: {
  what: 'collection';
  onImport: (json: string) => Promise<void>;
  onImportUrl: (url: string) => Promise<void>;
  onImportAny: (input: { file?: File; text?: string; from: ImportFormat }) => Promise<ImportResult>;
}) {
  return (
    <div className="panel">
      <h3>Import {what}</h3>
      <CollectionImportForm onImportPostman={onImport} onImportAny={onImportAny} onImportUrl={onImportUrl} />
    </div>
  );
}
