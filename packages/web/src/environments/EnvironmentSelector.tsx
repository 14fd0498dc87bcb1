import { useId } from 'react';
import { Link } from 'react-router';
import { useLoad } from '../components/use-load.ts';
import { useEnvironmentSelection, useVariablesVersion } from './active-variables.ts';
import { environmentApi } from './environment-api.ts';
import { resolveSelection } from './variables.ts';

/**
 * The workbench's environment choice ("No environment" or one of the workspace's), kept per
 * workspace in this browser, with a link to edit environments and globals.
 */
export function EnvironmentSelector({ workspaceId }: { workspaceId: string }) {
  const id = useId();
  const [stored, select] = useEnvironmentSelection(workspaceId);
  const changes = useVariablesVersion();
  const list = useLoad(() => environmentApi.listAll(workspaceId), `${workspaceId}:${changes}`);
  const environments = list.status === 'ready' ? list.data : [];
  // Until the list is known the stored choice is shown as it is; then a vanished one reads as none.
  const selected = list.status === 'ready' ? resolveSelection(stored, environments.map((e) => e.id)) : stored;

  return (
    <div className="environment-bar">
      <label htmlFor={id}>Environment</label>
      <select id={id} value={selected ?? ''} onChange={(event) => select(event.target.value || null)} aria-busy={list.status === 'loading'}>
        <option value="">No environment</option>
        {list.status !== 'ready' && stored && <option value={stored}>Loading…</option>}
        {environments.map((environment) => (
          <option key={environment.id} value={environment.id}>
            {environment.name}
          </option>
        ))}
      </select>
      <Link to={`/w/${workspaceId}/environments${selected ? `/${selected}` : ''}`}>Environments and globals</Link>
    </div>
  );
}
