import { createContext, useContext } from 'react';
import type { Account } from '../api/types.ts';

export interface Auth {
  /** The signed-in account; null when signed out. */
  account: Account | null;
  /** Records the account a sign-up or sign-in returned. */
  signedIn(account: Account): void;
  /** Ends the session on the server, then forgets the account. */
  signOut(): Promise<void>;
  /** Forgets the account without asking the server (after a 401 or revoking this session). */
  forget(): void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() is used outside <AuthProvider>.');
  return auth;
}
