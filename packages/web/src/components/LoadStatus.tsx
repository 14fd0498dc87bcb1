import { ErrorMessage } from './ErrorMessage.tsx';

/** What LoadStatus needs of a loader (useLoad, usePaged). */
export type LoadState = ({ status: 'loading' | 'ready' } | { status: 'failed'; error: unknown }) & { reload(): void };

/**
 * The loading line, or the error with a retry button, of anything loaded from the API; nothing
 * once it is ready. One place for this markup, so every page says it the same way.
 */
export function LoadStatus({ state, what }: { state: LoadState; what: string }) {
  if (state.status === 'loading') {
    return (
      <p className="page-status" role="status">
        Loading {what}…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <div>
        <ErrorMessage error={state.error} />
        <button type="button" onClick={state.reload}>
          Try loading {what} again
        </button>
      </div>
    );
  }
  return null;
}
