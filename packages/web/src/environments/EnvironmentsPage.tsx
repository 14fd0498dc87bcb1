import { useEffect, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { workspaces } from '../api/endpoints.ts';
import type { Workspace } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field, Form } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { ImportForm } from '../pages/ImportForm.tsx';
import { notifyVariablesChanged, useVariablesVersion } from './active-variables.ts';
import { environmentApi, globalsApi } from './environment-api.ts';
import type { EnvironmentInfo } from './environment-api.ts';
import { VariableListEditor } from './VariableListEditor.tsx';

interface EnvironmentsContext {
  workspace: Workspace;
  environments: EnvironmentInfo[] | null;
}

/** The list of environments stays shown while it loads again after a save (no flicker, no lost focus). */
function useEnvironmentList(workspaceId: string): { items: EnvironmentInfo[] | null; error: unknown } {
  const version = useVariablesVersion();
  const [state, setState] = useState<{ items: EnvironmentInfo[] | null; error: unknown }>({ items: null, error: null });
  useEffect(() => {
    let current = true;
    environmentApi.listAll(workspaceId).then(
      (items) => current && setState({ items, error: null }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error })),
    );
    return () => {
      current = false;
    };
  }, [workspaceId, version]);
  return state;
}

/**
 * Environments and globals of a workspace (issue #5): the list beside the one being edited, with
 * create and import for editors. The child routes pick what the main area shows.
 */
export function EnvironmentsPage() {
  const { workspaceId = '' } = useParams();
  const workspace = useLoad(() => workspaces.get(workspaceId), workspaceId);
  const list = useEnvironmentList(workspaceId);
  const navigate = useNavigate();
  const { account } = useAuth();
  const location = useLocation();
  useTitle(workspace.status === 'ready' ? `Environments of ${workspace.data.name}` : 'Environments');

  // Not public, so hidden from signed-out visitors (404): they may see it once signed in.
  if (!account && workspace.status === 'failed' && workspace.error instanceof ApiError && workspace.error.status === 404) {
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  }

  const opened = (created: EnvironmentInfo) => {
    notifyVariablesChanged();
    void navigate(`/w/${workspaceId}/environments/${created.id}`);
  };

  return (
    <Loading loaded={workspace} what="the workspace">
      {(w) => (
        <>
          <p>
            <Link to={`/w/${workspaceId}`}>← {w.name}</Link>
          </p>
          <h1>Environments and globals</h1>
          <div className="environments-layout">
            <div className="environments-sidebar">
              <nav aria-label="Environments and globals">
                <ul className="environments-nav">
                  <li>
                    <NavLink to={`/w/${workspaceId}/globals`}>Globals</NavLink>
                  </li>
                  {list.items?.map((environment) => (
                    <li key={environment.id}>
                      <NavLink to={`/w/${workspaceId}/environments/${environment.id}`}>{environment.name}</NavLink>
                    </li>
                  ))}
                </ul>
                {list.items === null && list.error === null && <p className="muted">Loading environments…</p>}
                {list.items?.length === 0 && <p className="muted">No environments yet.</p>}
                {list.error !== null && <ErrorMessage error={list.error} />}
              </nav>
              {w.abilities.canEdit && (
                <>
                  <Form
                    submitLabel="Create environment"
                    pendingLabel="Creating…"
                    className="form environments-create"
                    onSubmit={async (data) => {
                      const name = String(data.get('name') ?? '').trim();
                      if (!name) throw new Error('Give the new environment a name.');
                      opened(await environmentApi.create(workspaceId, { name, values: [] }));
                    }}
                  >
                    <Field name="name" label="New environment name" autoComplete="off" />
                  </Form>
                  <details className="environments-import">
                    <summary>Import an environment</summary>
                    <ImportForm
                      what="environment"
                      onImport={async (json) => opened(await environmentApi.create(workspaceId, json))}
                      onImportUrl={async (url) => opened(await environmentApi.importUrl(workspaceId, url))}
                    />
                  </details>
                </>
              )}
            </div>
            <div className="environments-main">
              <Outlet context={{ workspace: w, environments: list.items } satisfies EnvironmentsContext} />
            </div>
          </div>
        </>
      )}
    </Loading>
  );
}

/** `/w/:workspaceId/environments`: what to do first. */
export function EnvironmentsIndex() {
  const { workspace, environments } = useOutletContext<EnvironmentsContext>();
  return (
    <p className="muted">
      {environments && environments.length > 0
        ? 'Choose an environment, or the globals, to see its variables.'
        : workspace.abilities.canEdit
          ? 'Create or import an environment, or open the globals.'
          : 'This workspace has no environments yet; its globals are listed under Globals.'}
    </p>
  );
}

/** `/w/:workspaceId/environments/:environmentId`: one environment's editor. */
export function EnvironmentView() {
  const { workspace, environments } = useOutletContext<EnvironmentsContext>();
  const { environmentId = '' } = useParams();
  const navigate = useNavigate();
  const name = environments?.find((e) => e.id === environmentId)?.name ?? 'Environment';
  return (
    <VariableListEditor
      key={environmentId}
      kind="environment"
      sourceKey={`environment:${environmentId}`}
      source={environmentApi.source(environmentId)}
      title={name}
      canEdit={workspace.abilities.canEdit}
      secrets={{ workspaceId: workspace.id, itemId: environmentId }}
      exportText={() => environmentApi.exportText(environmentId)}
      onDelete={async (revision) => {
        await environmentApi.remove(environmentId, revision);
        notifyVariablesChanged();
        void navigate(`/w/${workspace.id}/environments`);
      }}
    />
  );
}

/** `/w/:workspaceId/globals`: the workspace's globals. */
export function GlobalsView() {
  const { workspace } = useOutletContext<EnvironmentsContext>();
  return (
    <VariableListEditor
      kind="globals"
      sourceKey={`globals:${workspace.id}`}
      source={globalsApi.source(workspace.id)}
      title="Globals"
      canEdit={workspace.abilities.canEdit}
      secrets={{ workspaceId: workspace.id, itemId: workspace.id }}
      exportText={() => globalsApi.exportText(workspace.id)}
    />
  );
}
