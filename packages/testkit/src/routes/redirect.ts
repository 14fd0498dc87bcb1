import type { Route, RouteContext } from '../context.ts';
import { sendEmpty, sendError } from '../http/respond.ts';

/** More hops than any client follows by default; keeps a typo from creating an endless chain. */
const MAX_HOPS = 100;

function hops(ctx: RouteContext): number | undefined {
  const raw = ctx.params['n'] ?? '';
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (n >= 1 && n <= MAX_HOPS) return n;
  sendError(ctx.res, 400, 'INVALID_REDIRECT_COUNT', `Redirect count must be from 1 to ${MAX_HOPS}, got "${raw}".`);
  return undefined;
}

/**
 * A chain of n 302s ending at /get. `prefix` names the route so each hop
 * stays in the same variant; `absolute` puts the origin in Location.
 */
function chain(prefix: string, absoluteByDefault: boolean) {
  return (ctx: RouteContext): void => {
    const n = hops(ctx);
    if (n === undefined) return;
    const absolute = absoluteByDefault || ctx.query.get('absolute') === 'true';
    const next = n > 1 ? `/${prefix}/${n - 1}` : '/get';
    sendEmpty(ctx.res, 302, { location: absolute ? ctx.origin + next : next });
  };
}

/** /redirect-to?url=...&status_code=3xx */
function redirectTo(ctx: RouteContext): void {
  const target = ctx.query.get('url');
  if (!target) {
    sendError(ctx.res, 400, 'MISSING_URL', 'The "url" query parameter is required.');
    return;
  }
  const rawStatus = ctx.query.get('status_code') ?? '302';
  const status = /^\d{3}$/.test(rawStatus) ? Number(rawStatus) : NaN;
  if (!(status >= 300 && status <= 399)) {
    sendError(ctx.res, 400, 'INVALID_STATUS', `status_code must be from 300 to 399, got "${rawStatus}".`);
    return;
  }
  sendEmpty(ctx.res, status, { location: target });
}

export const redirectRoutes: readonly Route[] = [
  { path: '/redirect/:n', handle: chain('redirect', false) },
  { path: '/relative-redirect/:n', handle: chain('relative-redirect', false) },
  { path: '/absolute-redirect/:n', handle: chain('absolute-redirect', true) },
  { path: '/redirect-to', handle: redirectTo },
];
