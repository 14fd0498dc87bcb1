import { ECHO_CREDENTIALS } from '../credentials.ts';
import type { Route, RouteContext } from '../context.ts';
import { credentialsFor } from '../http/auth-params.ts';
import { sendJson, sendText } from '../http/respond.ts';
import { safeEqual } from './compare.ts';

export function checkBasic(header: string | undefined): boolean {
  const token = credentialsFor(header, 'Basic');
  if (!token) return false;
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;
  const { username, password } = ECHO_CREDENTIALS.basic;
  // Both compared, always, so timing does not reveal which one was wrong.
  const userOk = safeEqual(decoded.slice(0, colon), username);
  const passOk = safeEqual(decoded.slice(colon + 1), password);
  return userOk && passOk;
}

/** /basic-auth: `{ authenticated: true }`, or 401 "Unauthorized" like the echo service. */
function basicAuth(ctx: RouteContext): void {
  if (checkBasic(ctx.req.headers.authorization)) {
    sendJson(ctx.res, 200, { authenticated: true });
    return;
  }
  sendText(ctx.res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="Users"' });
}

export const basicAuthRoutes: readonly Route[] = [{ path: '/basic-auth', handle: basicAuth }];
