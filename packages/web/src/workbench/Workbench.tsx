import { useEffect, useState } from 'react';
import { collections } from '../api/endpoints.ts';
import type { CollectionSummary } from '../api/types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import type { Loaded } from '../components/use-load.ts';
import { closeTab, loadTabs, openTab, saveTabs } from './open-tabs.ts';
import type { TabsState } from './open-tabs.ts';
import { collectionNode } from './outline-tree.ts';
import type { TreeNode } from './outline-tree.ts';
import { RequestTabs } from './RequestTabs.tsx';
import { NewItemForm } from './NewItemForm.tsx';
import { RequestTree } from './RequestTree.tsx';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';
import { settingsPath } from '../collections/collection-settings.ts';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { SidebarViews } from '../history/SidebarViews.tsx';
import { applyMove } from './tree-moves.ts';
import { useActiveVariables } from '../environments/active-variables.ts';
import { EnvironmentSelector } from '../environments/EnvironmentSelector.tsx';
import type { ItemMove } from './tree-moves.ts';
import { flaggedTreeKeys, secretsApi } from '../secrets/secrets-api.ts';
import { useAuth } from '../auth/auth-context.ts';

/** Every collection of the workspace (all pages) with its outline, as the sidebar's roots. */
async function loadTree(workspaceId: string): Promise<TreeNode[]> {
  const summaries: CollectionSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await collections.list(workspaceId, cursor);
    summaries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const outlines = await Promise.all(summaries.map((summary) => collections.outline(summary.id)));
  return outlines.map(({ collection, items }) => collectionNode(collection, items));
}

/**
 * The request builder's frame: the sidebar tree of the workspace's requests and the open request
 * tabs (kept in sessionStorage per workspace, so a reload keeps them).
 * `version` changes when a collection was imported, to load the tree again.
 */
export function Workbench({
  workspaceId,
  workspaceName,
  version,
  canEdit = false,
  onContentChanged,
}: {
  workspaceId: string;
  workspaceName: string;
  version: number;
  /** Editors may add to and reorder the tree, and save requests. */
  canEdit?: boolean;
  /** Called after a request, folder or collection was added here, so other lists can reload. */
  onContentChanged?: () => void;
}) {
  const tree = useLoad(() => loadTree(workspaceId), `${workspaceId}:${version}`);
  const moves = useTreeMoves(tree);
  const [tabs, setTabs] = useState<TabsState>(() => loadTabs(sessionStorage, workspaceId));
  useEffect(() => saveTabs(sessionStorage, workspaceId, tabs), [workspaceId, tabs]);
  const variables = useActiveVariables(workspaceId);
  const flagged = useFlaggedRows(workspaceId, version);

  return (
    <div className="workbench">
      <nav className="workbench-sidebar" aria-label="Requests">
        <WorkspaceSwitcher workspaceId={workspaceId} workspaceName={workspaceName} />
        <SidebarViews
          history={<HistoryPanel workspaceId={workspaceId} onOpenRequest={(tab) => setTabs((state) => openTab(state, tab))} />}
          requests={
            <Loading loaded={tree} what="the requests">
              {(roots) => (
                <>
                  {canEdit && (
                    <NewItemForm
                      workspaceId={workspaceId}
                      roots={roots}
                      onCreated={(request) => {
                        tree.reload();
                        onContentChanged?.();
                        if (request) setTabs((state) => openTab(state, request));
                      }}
                    />
                  )}
                  <RequestTree
                    label={workspaceName}
                    roots={moves.roots ?? roots}
                    flagged={flagged}
                    {...(canEdit && { onMove: moves.move })}
                    settingsPath={(node) => settingsPath(workspaceId, node.collectionId, node.kind === 'folder' ? node.itemId : undefined)}
                    onOpenRequest={(node) =>
                      setTabs((state) =>
                        openTab(state, { collectionId: node.collectionId, itemId: node.itemId!, name: node.name, method: node.method ?? 'GET' }),
                      )
                    }
                  />
                </>
              )}
            </Loading>
          }
        />
        {moves.error !== null && <ErrorMessage error={moves.error} />}
      </nav>
      <section className="workbench-main" aria-label="Open requests">
        <EnvironmentSelector workspaceId={workspaceId} />
        <RequestTabs
          variables={variables.names}
          variableValues={variables.values}
          canEdit={canEdit}
          workspaceId={workspaceId}
          state={tabs}
          onSelect={(key) => setTabs((state) => ({ ...state, active: key }))}
          onClose={(key) => setTabs((state) => closeTab(state, key))}
        />
      </section>
    </div>
  );
}

/**
 * Moves from the tree: shown at once (the tree as it will be), then saved; if the server refuses,
 * the error shows and the tree loads again from the server.
 */
function useTreeMoves(tree: Loaded<TreeNode[]> & { reload(): void }) {
  const loaded = tree.status === 'ready' ? tree.data : null;
  const [moved, setMoved] = useState<{ base: TreeNode[] | null; roots: TreeNode[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A fresh load from the server replaces what was shown locally.
  const roots = moved && moved.base === loaded ? moved.roots : null;
  return {
    roots,
    error,
    move(itemMove: ItemMove) {
      const current = roots ?? loaded;
      if (!current) return;
      setError(null);
      setMoved({ base: loaded, roots: applyMove(current, itemMove) });
      collections.moveItem(itemMove.collectionId, itemMove.itemId, { parentId: itemMove.parentId, index: itemMove.index }).catch((failure: unknown) => {
        setError(failure);
        setMoved(null);
        tree.reload();
      });
    },
  };
}

const NOTHING_FLAGGED: ReadonlySet<string> = new Set();

/**
 * The rows holding active secret findings (P17), loaded with the tree and again every half minute
 * (scans run in the background after saves). Non-members (public readers) see none.
 */
function useFlaggedRows(workspaceId: string, version: number): ReadonlySet<string> {
  const [flagged, setFlagged] = useState<ReadonlySet<string>>(NOTHING_FLAGGED);
  const signedIn = useAuth().account !== null;
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    const load = () =>
      secretsApi.counts(workspaceId).then(
        (counts) => current && setFlagged(flaggedTreeKeys(counts.items)),
        () => current && setFlagged(NOTHING_FLAGGED),
      );
    void load();
    const timer = setInterval(load, 30_000);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [workspaceId, version, signedIn]);
  return flagged;
}
