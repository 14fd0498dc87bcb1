import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/env.ts';

export const SESSION_COOKIE = 'postern_session';
/** Readable by the web app, which echoes it in the CSRF header. */
export const CSRF_COOKIE = 'postern_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface CookiePolicy {
  /** Secure cookies: when the instance is reached over https (PUBLIC_URL). */
  secure: boolean;
}

export function setSessionCookies(
  c: Context<AppEnv>,
  policy: CookiePolicy,
  cookies: { token: string; csrfToken: string; expiresAt: Date },
): void {
  const common = { path: '/', sameSite: 'Lax', secure: policy.secure, expires: cookies.expiresAt } as const;
  setCookie(c, SESSION_COOKIE, cookies.token, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, cookies.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context<AppEnv>, policy: CookiePolicy): void {
  const common = { path: '/', sameSite: 'Lax', secure: policy.secure } as const;
  deleteCookie(c, SESSION_COOKIE, { ...common, httpOnly: true });
  deleteCookie(c, CSRF_COOKIE, common);
}
