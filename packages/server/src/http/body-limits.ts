import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tooLarge } from '../errors.ts';
import type { AppEnv } from './env.ts';

export interface BodyLimits {
  /** Every request body but stored documents (default 1 MiB). */
  default: number;
  /**
   * Collections, environments and globals: real Postman exports run to many megabytes; and sends,
   * which carry the files chosen in the browser (default 32 MiB).
   */
  documents: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { default: 1024 * 1024, documents: 32 * 1024 * 1024 };

// POST /api/privacy-requests carries an agent's signed authorization (up to 5 MiB, base64).
// POST /api/support/tickets carries screenshots and logs (up to 15 MiB together, base64).
const DOCUMENT_PATHS = [/^\/api\/privacy-requests$/, /^\/api\/support\/tickets$/, /^\/api\/send$/, /^\/api\/(collections|environments)(\/|$)/, /^\/api\/workspaces\/[^/]+\/(collections|environments|globals|imports)$/];

/** Refuses over-large bodies with a 413 problem before anything reads them, by kind of route. */
export function bodyLimits(limits: BodyLimits): MiddlewareHandler<AppEnv> {
  const onError = () => {
    throw tooLarge();
  };
  const small = bodyLimit({ maxSize: limits.default, onError });
  const large = bodyLimit({ maxSize: limits.documents, onError });
  return (c, next) => (DOCUMENT_PATHS.some((pattern) => pattern.test(c.req.path)) ? large(c, next) : small(c, next));
}
