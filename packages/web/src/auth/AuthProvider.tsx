import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, messageOf } from '../api/client.ts';
import { accounts, sessions } from '../api/endpoints.ts';
import type { Account } from '../api/types.ts';
import { AuthContext } from './auth-context.ts';
import type { Auth } from './auth-context.ts';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; account: Account | null };

/** Asks the server who is signed in (GET /api/me) once, then keeps the answer for every page. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    accounts.me().then(
      (account) => {
        if (!controller.signal.aborted) setState({ status: 'ready', account });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'ready', account: null });
        else setState({ status: 'failed', message: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signedIn = useCallback((account: Account) => setState({ status: 'ready', account }), []);
  const forget = useCallback(() => setState({ status: 'ready', account: null }), []);
  const signOut = useCallback(async () => {
    try {
      await sessions.signOut();
    } catch (error) {
      // Already signed out on the server: nothing is left to end.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setState({ status: 'ready', account: null });
  }, []);

  const account = state.status === 'ready' ? state.account : null;
  const auth = useMemo<Auth>(() => ({ account, signedIn, signOut, forget }), [account, signedIn, signOut, forget]);

  if (state.status === 'loading') {
    return (
      <p className="page-status" role="status">
        Loading Postern…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <main className="narrow">
        <h1>Postern could not start</h1>
        <p role="alert">{state.message}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </main>
    );
  }
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
