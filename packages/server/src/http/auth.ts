import type { Context } from 'hono';
import { forbidden, unauthorized } from '../errors.ts';
import type { AppEnv, CurrentSession, CurrentUser } from './env.ts';

/**
 * The signed-in person, whether a session cookie or an API key authenticated the request;
 * a 401 problem for anonymous requests.
 */
export function requireUser(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!user) throw unauthorized();
  return user;
}

/**
 * The signed-in person and their browser session, for handlers that manage the account or the
 * session itself. API-key requests get a 403 (the auth middleware already refuses them on the
 * account-management paths; this keeps a handler safe if its path is missing from that list).
 */
export function requireSession(c: Context<AppEnv>): { user: CurrentUser; session: CurrentSession } {
  const user = c.get('user');
  const session = c.get('session');
  if (user && !session && c.get('apiKey')) throw apiKeyNotAllowed();
  if (!user || !session) throw unauthorized();
  return { user, session };
}

export const apiKeyNotAllowed = () =>
  forbidden('API keys cannot manage the account; sign in with your password in the web app to do this.', {
    code: 'API_KEY_NOT_ALLOWED',
  });
