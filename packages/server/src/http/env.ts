import type { RequestIdVariables } from 'hono/request-id';

/** What every request context carries; modules extend it with their own variables. */
export interface AppEnv {
  Variables: RequestIdVariables;
}

/** Clients may send their own id to follow a request through logs; otherwise one is generated. */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
