import type { Route, RouteContext } from '../context.ts';
import { sendEmpty, sendError, sendJson } from '../http/respond.ts';

/** Statuses whose responses must not carry a body. */
const BODILESS = new Set([204, 205, 304]);

/** /status/:code answers with that status and `{ status: code }`. */
function status(ctx: RouteContext): void {
  const raw = ctx.params['code'] ?? '';
  const code = /^\d{3}$/.test(raw) ? Number(raw) : NaN;
  if (!(code >= 200 && code <= 599)) {
    sendError(ctx.res, 400, 'INVALID_STATUS', `Status must be a number from 200 to 599, got "${raw}".`);
    return;
  }
  if (BODILESS.has(code)) sendEmpty(ctx.res, code);
  else sendJson(ctx.res, code, { status: code });
}

export const statusRoutes: readonly Route[] = [{ path: '/status/:code', handle: status }];
