import type { Route, RouteContext } from '../context.ts';
import { paramsToRecord } from '../http/params.ts';
import { sendError } from '../http/respond.ts';

export const MAX_STREAM_LINES = 1000;

/** /stream/:n: n newline-separated JSON objects `{ id, args, headers, url }`, one chunk each. */
function stream(ctx: RouteContext): void {
  const raw = ctx.params['n'] ?? '';
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_STREAM_LINES)) {
    sendError(ctx.res, 400, 'INVALID_LENGTH', `Line count must be from 1 to ${MAX_STREAM_LINES}, got "${raw}".`);
    return;
  }
  const { res } = ctx;
  // No content-length: Node sends the body with chunked transfer encoding.
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const args = paramsToRecord(ctx.query);
  for (let id = 0; id < n; id++) {
    res.write(JSON.stringify({ id, args, headers: ctx.req.headers, url: ctx.url }) + '\n');
  }
  res.end();
}

export const streamRoutes: readonly Route[] = [{ path: '/stream/:n', methods: ['GET'], handle: stream }];
