import type { Context } from 'hono';
import { unauthorized } from '../errors.ts';
import type { AppEnv, CurrentSession, CurrentUser } from './env.ts';

/** The signed-in person and their session, or a 401 problem for anonymous requests. */
export function requireUser(c: Context<AppEnv>): { user: CurrentUser; session: CurrentSession } {
  const user = c.get('user');
  const session = c.get('session');
  if (!user || !session) throw unauthorized();
  return { user, session };
}
