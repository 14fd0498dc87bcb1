import type { RequestIdVariables } from 'hono/request-id';

/** The signed-in person, as the auth middleware resolved them from the session cookie. */
export interface CurrentUser {
  id: string;
  username: string;
  operator: boolean;
}

/** The session the request was authenticated by. */
export interface CurrentSession {
  id: string;
  /** The value the X-CSRF-Token header must carry on state-changing requests. */
  csrfToken: string;
}

export interface AuthVariables {
  /** Unset when the request carries no valid session cookie. */
  user?: CurrentUser;
  session?: CurrentSession;
}

/** What every request context carries; modules extend it with their own variables. */
export interface AppEnv {
  Variables: RequestIdVariables & AuthVariables;
}

/** Clients may send their own id to follow a request through logs; otherwise one is generated. */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
