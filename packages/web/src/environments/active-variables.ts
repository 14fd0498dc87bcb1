/**
 * The variables the workbench's requests see: the workspace's globals under the selected
 * environment. The selection lives in localStorage per workspace only with Functional consent
 * (privacy/functional-storage.ts), else in memory; a save or a new selection bumps a version so
 * every user of the hook loads again.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../api/client.ts';
import { subscribeConsent } from '../privacy/consent-state.ts';
import { functionalStorage } from '../privacy/functional-storage.ts';
import { environmentApi, globalsApi } from './environment-api.ts';
import { mergeVariables, readSelection, writeSelection } from './variables.ts';
import type { KeyValue } from './variables.ts';

let version = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab choosing an environment for the same workspace changes it here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith('postern.env.')) listener();
  };
  window.addEventListener('storage', onStorage);
  // Consent given or withdrawn changes where the selection is read from.
  const unsubscribeConsent = subscribeConsent(listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
    unsubscribeConsent();
  };
}

function emit(): void {
  for (const listener of listeners) listener();
}

/** Tells every open selector and request editor that variables changed (saved, restored, deleted). */
export function notifyVariablesChanged(): void {
  version += 1;
  emit();
}

const getVersion = () => version;

/** The selected environment id of a workspace (null: "No environment") and how to change it. */
export function useEnvironmentSelection(workspaceId: string): [string | null, (environmentId: string | null) => void] {
  const selected = useSyncExternalStore(subscribe, () => readSelection(functionalStorage, workspaceId));
  const select = useCallback(
    (environmentId: string | null) => {
      writeSelection(functionalStorage, workspaceId, environmentId);
      // Only the selection changed: readers of it update, lists need not load again.
      emit();
    },
    [workspaceId],
  );
  return [selected, select];
}

/** A number that changes whenever variables were saved somewhere in this tab. */
export function useVariablesVersion(): number {
  return useSyncExternalStore(subscribe, getVersion);
}

export interface ActiveVariables {
  /** Every active variable name, for completion and highlighting. */
  names: string[];
  /** What `{{key}}` resolves to when sending. */
  values: KeyValue[];
}

const NONE: ActiveVariables = { names: [], values: [] };

/**
 * Enabled globals overridden by the enabled values of the selected environment. A selection that
 * no longer exists (deleted, or from another instance) counts as none and is forgotten.
 */
export function useActiveVariables(workspaceId: string): ActiveVariables {
  const [selected, select] = useEnvironmentSelection(workspaceId);
  const changes = useVariablesVersion();
  const [active, setActive] = useState<ActiveVariables>(NONE);

  useEffect(() => {
    let current = true;
    const environment = selected
      ? environmentApi.get(selected).then(
          (read) => read.document.values,
          (error: unknown) => {
            if (error instanceof ApiError && error.status === 404 && current) select(null);
            return [];
          },
        )
      : Promise.resolve([]);
    // Globals that cannot be read (a network blip) leave the environment's values usable.
    const globals = globalsApi.get(workspaceId).then(
      (read) => read.document.values,
      () => [],
    );
    void Promise.all([globals, environment]).then(([g, e]) => {
      if (!current) return;
      const values = mergeVariables(Array.isArray(g) ? g : [], Array.isArray(e) ? e : []);
      setActive({ names: values.map((v) => v.key), values });
    });
    return () => {
      current = false;
    };
  }, [workspaceId, selected, changes, select]);

  return active;
}
