import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { forbidden, unauthorized } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import type { ApiKeyService } from '../api-keys/service.ts';
import { CSRF_HEADER, SESSION_COOKIE, setSessionCookies } from './cookies.ts';
import type { CookiePolicy } from './cookies.ts';
import type { SessionService } from './service.ts';

/**
 * Sets `user` and `apiKey` for `Authorization: Bearer <API key>` (a bad key is a 401, never
 * anonymous), else `user` and `session` when the request carries a live session cookie.
 * A bearer key wins over cookies, so an API-key request never counts as a cookie session.
 */
export function authenticate(
  sessions: SessionService,
  apiKeys: Pick<ApiKeyService, 'resolve'>,
  policy: CookiePolicy,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const authorization = c.req.header('Authorization');
    // Other schemes (e.g. Basic added by a password-protecting proxy) are not ours to judge.
    if (authorization !== undefined && /^Bearer(\s|$)/i.test(authorization)) {
      const bearer = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
      if (!bearer) {
        throw unauthorized('Send an API key as "Authorization: Bearer pst_…".', { code: 'API_KEY_INVALID' });
      }
      const resolved = await apiKeys.resolve(bearer);
      c.set('user', resolved.user);
      c.set('apiKey', resolved.apiKey);
      await next();
      return;
    }
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
    // Only cookie sessions: a page on another site cannot set an Authorization header, so API-key
    // requests (which never have a session) need no token.
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
