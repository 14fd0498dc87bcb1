import { useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { collections, environments, workspaces } from '../api/endpoints.ts';
import type { Workspace } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { downloadText, safeFileName } from '../components/download.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PagedList } from '../components/PagedList.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePaged } from '../components/use-paged.ts';
import { useTitle } from '../components/use-title.ts';
import { Workbench } from '../workbench/Workbench.tsx';
import { ImportForm } from './ImportForm.tsx';
import { WORKSPACE_KIND_LABELS } from './labels.ts';
import { ShareWorkspaceDialog } from './ShareWorkspaceDialog.tsx';

/** One workspace: its collections and environments, each importable and exportable as Postman files. */
export function WorkspacePage() {
  const { workspaceId = '' } = useParams();
  const workspace = useLoad(() => workspaces.get(workspaceId), workspaceId);
  const collectionList = usePaged((cursor) => collections.list(workspaceId, cursor), `collections:${workspaceId}`);
  const environmentList = usePaged((cursor) => environments.list(workspaceId, cursor), `environments:${workspaceId}`);
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

  async function exportDocument(kind: 'collection' | 'environment', id: string, name: string) {
    setExportError(null);
    try {
      const text = kind === 'collection' ? await collections.export(id) : await environments.export(id);
      downloadText(safeFileName(name, `.postman_${kind}.json`), text);
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
          {exportError !== null && (
            <div className="banner">
              <ErrorMessage error={exportError} />
            </div>
          )}

          <section aria-labelledby="requests-heading">
            <h2 id="requests-heading">Requests</h2>
            <Workbench key={workspaceId} workspaceId={workspaceId} workspaceName={w.name} version={treeVersion} canEdit={w.abilities.canEdit} />
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
                    <ExportButton name={c.name} onExport={() => exportDocument('collection', c.id, c.name)} />
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
              />
            )}
          </section>

          <section aria-labelledby="environments-heading">
            <h2 id="environments-heading">Environments</h2>
            <PagedList list={environmentList} what="environments" label="Environments" empty="No environments yet.">
              {(e) => (
                <li key={e.id} className="row">
                  <span>{e.name}</span>
                  <ExportButton name={e.name} onExport={() => exportDocument('environment', e.id, e.name)} />
                </li>
              )}
            </PagedList>
            {w.abilities.canEdit && (
              <ImportPanel
                what="environment"
                onImport={async (json) => {
                  await environments.import(workspaceId, json);
                  environmentList.reload();
                }}
                onImportUrl={async (url) => {
                  await environments.importUrl(workspaceId, url);
                  environmentList.reload();
                }}
              />
            )}
          </section>
        </>
      )}
    </Loading>
  );
}

function ExportButton({ name, onExport }: { name: string; onExport: () => Promise<void> }) {
  return (
    <button type="button" className="secondary" aria-label={`Export ${name}`} onClick={() => void onExport()}>
      Export
    </button>
  );
}

function ImportPanel({
  what,
  onImport,
  onImportUrl,
}: {
  what: 'collection' | 'environment';
  onImport: (json: string) => Promise<void>;
  onImportUrl: (url: string) => Promise<void>;
}) {
  return (
    <div className="panel">
      <h3>Import {what}</h3>
      <ImportForm what={what} onImport={onImport} onImportUrl={onImportUrl} />
    </div>
  );
}
