import { useCallback, useEffect, useState } from 'react';
import { isSignedOut } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; data: T };

/**
 * Loads what a page shows and loads it again when `key` changes or `reload()` is called.
 * A 401 means the session ended elsewhere: the app forgets the account and shows sign-in.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> & { reload(): void } {
  const { forget } = useAuth();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => {
        if (current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!current) return;
        if (isSignedOut(error)) forget();
        setState({ status: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new function on every render; `key` says when what it loads changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt, forget]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
