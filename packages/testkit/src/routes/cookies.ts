import type { Route, RouteContext } from '../context.ts';
import { sendEmpty, sendJson } from '../http/respond.ts';

/** RFC 6265 cookie-name: an HTTP token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const name = pair.slice(0, eq).trim();
    if (!name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

function setCookie(name: string, value: string): string {
  return `${name}=${encodeURIComponent(value)}; Path=/`;
}

function expireCookie(name: string): string {
  return `${name}=; Path=/; Max-Age=0; Expires=${EPOCH}`;
}

/** Sets cookies then sends the client to /cookies, as the echo service does. */
function redirectSettingCookies(ctx: RouteContext, cookies: string[]): void {
  sendEmpty(ctx.res, 302, { location: '/cookies', 'set-cookie': cookies });
}

function setFromQuery(ctx: RouteContext): void {
  const cookies: string[] = [];
  for (const [name, value] of ctx.query) if (COOKIE_NAME.test(name)) cookies.push(setCookie(name, value));
  redirectSettingCookies(ctx, cookies);
}

function setFromPath(ctx: RouteContext): void {
  const name = ctx.params['name'] ?? '';
  redirectSettingCookies(ctx, COOKIE_NAME.test(name) ? [setCookie(name, ctx.params['value'] ?? '')] : []);
}

function deleteFromQuery(ctx: RouteContext): void {
  const cookies: string[] = [];
  for (const name of ctx.query.keys()) if (COOKIE_NAME.test(name)) cookies.push(expireCookie(name));
  redirectSettingCookies(ctx, cookies);
}

export const cookieRoutes: readonly Route[] = [
  {
    path: '/cookies',
    methods: ['GET'],
    handle: (ctx) => sendJson(ctx.res, 200, { cookies: parseCookieHeader(ctx.req.headers.cookie) }),
  },
  { path: '/cookies/set', methods: ['GET'], handle: setFromQuery },
  { path: '/cookies/set/:name/:value', methods: ['GET'], handle: setFromPath },
  { path: '/cookies/delete', methods: ['GET'], handle: deleteFromQuery },
];
