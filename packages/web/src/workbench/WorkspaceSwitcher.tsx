import { useNavigate } from 'react-router';
import { workspaces } from '../api/endpoints.ts';
import type { Workspace } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { useLoad } from '../components/use-load.ts';

/** Every workspace the person is in (all pages). */
async function loadWorkspaces(): Promise<Workspace[]> {
  const all: Workspace[] = [];
  let cursor: string | null = null;
  do {
    const page = await workspaces.list(cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * The top of the sidebar: which workspace the tree below shows, and a switch to another one
 * (workspaces → collections → folders → requests). Signed-out readers of a public workspace see
 * only its name.
 */
export function WorkspaceSwitcher({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const { account } = useAuth();
  const navigate = useNavigate();
  const list = useLoad(() => (account ? loadWorkspaces() : Promise.resolve([])), account ? `workspaces:${account.id}` : 'anonymous');
  const items = list.status === 'ready' ? list.data : [];
  if (!account || items.length === 0) return <p className="workspace-switcher">{workspaceName}</p>;
  const listed = items.some((w) => w.id === workspaceId);
  return (
    <label className="workspace-switcher">
      <span>Workspace</span>
      <select
        value={workspaceId}
        onChange={(event) => {
          const next = items.find((w) => w.id === event.target.value);
          if (next) void navigate(next.webPath);
        }}
      >
        {!listed && <option value={workspaceId}>{workspaceName}</option>}
        {items.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
