import type { Route, RouteContext } from '../context.ts';
import { sendError, sendJson } from '../http/respond.ts';

/** Like the echo service, the delay is in seconds (fractions allowed), capped so no test can hang long. */
export const MAX_DELAY_SECONDS = 10;

/** /delay/:seconds answers `{ delay: "<seconds>" }` after that many seconds. */
function delay(ctx: RouteContext): void {
  const raw = ctx.params['seconds'] ?? '';
  const requested = /^\d+(\.\d+)?$|^\.\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(requested)) {
    sendError(ctx.res, 400, 'INVALID_DELAY', `Delay must be a non-negative number of seconds, got "${raw}".`);
    return;
  }
  const seconds = Math.min(requested, MAX_DELAY_SECONDS);
  ctx.services.later(ctx.res, seconds * 1000, () => sendJson(ctx.res, 200, { delay: String(seconds) }));
}

export const delayRoutes: readonly Route[] = [{ path: '/delay/:seconds', handle: delay }];
