import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../../errors.ts';
import { apiKeyNotAllowed } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { oauthAllows } from '../oauth-apps/scopes.ts';

/**
 * Paths an API key may never use, so a leaked key cannot mint keys, turn off 2FA, read or end
 * sessions, link identities or change the password or email: `path*` matches the path and
 * everything under it, `path/*` only what is under it.
 */
export const ACCOUNT_MANAGEMENT_PATHS: readonly string[] = [
  '/api/me/api-keys*',
  '/api/me/totp*',
  '/api/me/password*',
  '/api/me/email*',
  '/api/sessions*',
  '/api/me/identities*',
  '/api/accounts*',
  '/api/auth/*',
  '/api/password-resets*',
  // Deleting and restoring the account (P24) need the person, not a key.
  '/api/me/deletion*',
  '/api/account-restorations*',
  // Operator pages can show other people's mail (reset links): never reachable with a key.
  '/api/admin/*',
  // Registering apps, consenting to them and revoking them need the person (P14).
  '/api/me/oauth-apps*',
  '/api/me/connected-apps*',
  '/api/oauth/authorize*',
];
/** Exact "METHOD /path" pairs refused to API keys (closing the account). */
const REFUSED_REQUESTS = new Set(['DELETE /api/me']);

const READ_METHODS = new Set(['GET', 'HEAD']);

/** The one place API-key scopes are enforced; requests without an API key pass untouched. */
export function apiKeyScopes(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const apiKey = c.get('apiKey');
    if (apiKey) {
      const path = c.req.path.replace(/\/+$/, '') || '/';
      if (REFUSED_REQUESTS.has(`${c.req.method} ${path}`) || ACCOUNT_MANAGEMENT_PATHS.some((p) => matches(p, path))) {
        throw apiKeyNotAllowed();
      }
      // A third-party app's token is default-deny: only what its granted scopes name (P14).
      if (apiKey.oauth && !oauthAllows(apiKey.oauth.scopes, c.req.method, path)) {
        throw forbidden('The app was not granted a scope that allows this request.', { code: 'OAUTH_SCOPE_MISSING' });
      }
      if (!READ_METHODS.has(c.req.method) && !apiKey.scopes.includes('write')) {
        throw forbidden('This API key is read-only; create a key with the "write" scope to change things.', {
          code: 'API_KEY_SCOPE_MISSING',
        });
      }
    }
    await next();
  };
}

function matches(pattern: string, path: string): boolean {
  if (!pattern.endsWith('*')) return path === pattern;
  const base = pattern.slice(0, -1);
  // "/api/me/totp*" covers /api/me/totp and /api/me/totp/…, not /api/me/totpx.
  if (base.endsWith('/')) return path.startsWith(base) || path === base.slice(0, -1);
  return path === base || path.startsWith(`${base}/`);
}
