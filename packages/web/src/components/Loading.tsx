import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage.tsx';
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
  if (loaded.status === 'loading') {
    return (
      <p className="page-status" role="status">
        Loading {what}…
      </p>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <div>
        <ErrorMessage error={loaded.error} />
        <button type="button" onClick={loaded.reload}>
          Try loading {what} again
        </button>
      </div>
    );
  }
  return <>{children(loaded.data)}</>;
}
