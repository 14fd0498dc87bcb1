import { validateHeaderName, validateHeaderValue, type OutgoingHttpHeaders } from 'node:http';
import type { Route, RouteContext } from '../context.ts';
import { paramsToRecord } from '../http/params.ts';
import { sendError, sendJson, sendText } from '../http/respond.ts';

function clientIp(ctx: RouteContext): string {
  const address = ctx.req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Framing headers stay the server's business, whatever the query asks. */
const RESERVED = new Set(['content-length', 'transfer-encoding', 'connection']);

/** /response-headers?foo=bar: each query pair becomes a response header, and the body echoes them. */
function responseHeaders(ctx: RouteContext): void {
  const values = paramsToRecord(ctx.query);
  const headers: OutgoingHttpHeaders = {};
  try {
    for (const [name, value] of Object.entries(values)) {
      if (RESERVED.has(name.toLowerCase())) continue;
      validateHeaderName(name);
      for (const v of Array.isArray(value) ? value : [value]) validateHeaderValue(name, v);
      headers[name] = value;
    }
  } catch {
    sendError(ctx.res, 400, 'INVALID_HEADER', 'A query parameter is not a valid HTTP header name or value.');
    return;
  }
  sendJson(ctx.res, 200, values, headers);
}

export const infoRoutes: readonly Route[] = [
  { path: '/ip', methods: ['GET'], handle: (ctx) => sendJson(ctx.res, 200, { ip: clientIp(ctx) }) },
  { path: '/response-headers', methods: ['GET', 'POST'], handle: responseHeaders },
  {
    path: '/time/now',
    methods: ['GET'],
    handle: (ctx) => sendText(ctx.res, 200, new Date(ctx.services.now()).toUTCString()),
  },
];
