import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { clientAddress, UNKNOWN_CLIENT } from './rate-limit.ts';

/**
 * Resolves the client's address once per request (honouring TRUST_PROXY) into `clientAddress`,
 * so handlers that record it (the session's approximate network) need not know the proxy setup.
 */
export function resolveClientAddress(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = clientAddress(c, trustProxy);
    if (address !== UNKNOWN_CLIENT) c.set('clientAddress', address);
    await next();
  };
}
