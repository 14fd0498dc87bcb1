import type { ReactNode } from 'react';
import { LoadStatus } from './LoadStatus.tsx';
import type { Loaded } from './use-load.ts';

/** Shows a loading line, the error with a retry button, or the loaded content. */
export function Loading<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T> & { reload(): void };
  /** Names what is loading, e.g. "workspaces". */
  what: string;
  children(data: T): ReactNode;
}) {
  if (loaded.status !== 'ready') return <LoadStatus state={loaded} what={what} />;
  return <>{children(loaded.data)}</>;
}
