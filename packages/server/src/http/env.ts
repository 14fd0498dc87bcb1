import type { RequestIdVariables } from 'hono/request-id';
import type { OAuthScope } from '../modules/oauth-apps/scopes.ts';

/** The signed-in person, as the auth middleware resolved them from the session cookie or an API key. */
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

/** What an API key may do: `read` allows GET/HEAD only, `write` everything else it is allowed. */
export type ApiKeyScope = 'read' | 'write';

/** The personal API key the request was authenticated by (`Authorization: Bearer pst_…`). */
export interface CurrentApiKey {
  id: string;
  scopes: ApiKeyScope[];
  /** Set for a third-party app's OAuth access token: only these scopes' requests are served (P14). */
  oauth?: { appId: string; scopes: OAuthScope[] };
}

export interface AuthVariables {
  /** Unset for anonymous requests. */
  user?: CurrentUser;
  /** Set when the session cookie authenticated the request; never together with `apiKey`. */
  session?: CurrentSession;
  /** Set when an API key authenticated the request; never together with `session`. */
  apiKey?: CurrentApiKey;
}

/** What every request context carries; modules extend it with their own variables. */
export interface AppEnv {
  /** `clientAddress`: the peer (or trusted proxy's client) address; unset when unknown. */
  Variables: RequestIdVariables & AuthVariables & { clientAddress?: string };
}

/** Clients may send their own id to follow a request through logs; otherwise one is generated. */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
