import { useEffect, useState } from 'react';
import { collections } from '../api/endpoints.ts';
import type { CollectionSummary } from '../api/types.ts';
import { Loading } from '../components/Loading.tsx';
import { useLoad } from '../components/use-load.ts';
import { closeTab, loadTabs, openTab, saveTabs } from './open-tabs.ts';
import type { TabsState } from './open-tabs.ts';
import { collectionNode } from './outline-tree.ts';
import type { TreeNode } from './outline-tree.ts';
import { RequestTabs } from './RequestTabs.tsx';
import { RequestTree } from './RequestTree.tsx';

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
export function Workbench({ workspaceId, workspaceName, version }: { workspaceId: string; workspaceName: string; version: number }) {
  const tree = useLoad(() => loadTree(workspaceId), `${workspaceId}:${version}`);
  const [tabs, setTabs] = useState<TabsState>(() => loadTabs(sessionStorage, workspaceId));
  useEffect(() => saveTabs(sessionStorage, workspaceId, tabs), [workspaceId, tabs]);

  return (
    <div className="workbench">
      <nav className="workbench-sidebar" aria-label="Requests">
        <Loading loaded={tree} what="the requests">
          {(roots) => (
            <RequestTree
              label={workspaceName}
              roots={roots}
              onOpenRequest={(node) =>
                setTabs((state) =>
                  openTab(state, { collectionId: node.collectionId, itemId: node.itemId!, name: node.name, method: node.method ?? 'GET' }),
                )
              }
            />
          )}
        </Loading>
      </nav>
      <section className="workbench-main" aria-label="Open requests">
        <RequestTabs
          state={tabs}
          onSelect={(key) => setTabs((state) => ({ ...state, active: key }))}
          onClose={(key) => setTabs((state) => closeTab(state, key))}
        />
      </section>
    </div>
  );
}
