import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { forbidden } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { CSRF_HEADER, SESSION_COOKIE, setSessionCookies } from './cookies.ts';
import type { CookiePolicy } from './cookies.ts';
import type { SessionService } from './service.ts';

/** Sets `user` and `session` on the context when the request carries a live session cookie. */
export function authenticate(sessions: SessionService, policy: CookiePolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const resolved = await sessions.resolve(token);
      if (resolved) {
        c.set('user', resolved.user);
        c.set('session', resolved.session);
        if (resolved.renewedUntil) {
          setSessionCookies(c, policy, { token, csrfToken: resolved.session.csrfToken, expiresAt: resolved.renewedUntil });
        }
      }
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit CSRF check: a state-changing request authenticated by the session cookie must
 * repeat the postern_csrf cookie's value in the X-CSRF-Token header, which another site's page
 * cannot read. `exempt` lists "METHOD /path" entries that create sessions rather than use one.
 */
export function csrfProtection(exempt: readonly string[]): MiddlewareHandler<AppEnv> {
  const skip = new Set(exempt);
  return async (c, next) => {
    const session = c.get('session');
    if (session && !SAFE_METHODS.has(c.req.method) && !skip.has(`${c.req.method} ${c.req.path}`)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameText(sent, session.csrfToken)) {
        throw forbidden(`Missing or wrong ${CSRF_HEADER} header.`, { code: 'CSRF_TOKEN_INVALID' });
      }
    }
    await next();
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
