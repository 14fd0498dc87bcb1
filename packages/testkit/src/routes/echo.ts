import type { Route, RouteContext } from '../context.ts';
import { readBody, readEchoBody } from '../http/body.ts';
import { paramsToRecord } from '../http/params.ts';
import { sendJson } from '../http/respond.ts';

/** GET /get: `{ args, headers, url }`. */
function echoQuery(ctx: RouteContext): void {
  sendJson(ctx.res, 200, { args: paramsToRecord(ctx.query), headers: ctx.req.headers, url: ctx.url });
}

/** The echo service's body shape: `{ args, data, files, form, headers, json, url }`. */
async function bodyEcho(ctx: RouteContext): Promise<Record<string, unknown>> {
  const body = await readEchoBody(ctx.req);
  return {
    args: paramsToRecord(ctx.query),
    data: body.data,
    files: body.files,
    form: body.form,
    headers: ctx.req.headers,
    json: body.json,
    url: ctx.url,
  };
}

/** POST /post and friends. */
async function echoWithBody(ctx: RouteContext): Promise<void> {
  sendJson(ctx.res, 200, await bodyEcho(ctx));
}

/** /anything: the body echo plus the method, for any method. */
async function echoAnything(ctx: RouteContext): Promise<void> {
  sendJson(ctx.res, 200, { ...(await bodyEcho(ctx)), method: ctx.method });
}

/** /echo: the request as received, body as raw text, for any method and any sub-path. */
async function echoRaw(ctx: RouteContext): Promise<void> {
  const raw = await readBody(ctx.req);
  sendJson(ctx.res, 200, {
    method: ctx.method,
    path: ctx.path,
    url: ctx.url,
    args: paramsToRecord(ctx.query),
    headers: ctx.req.headers,
    body: raw.toString('utf8'),
  });
}

export const echoRoutes: readonly Route[] = [
  { path: '/get', methods: ['GET'], handle: echoQuery },
  { path: '/post', methods: ['POST'], handle: echoWithBody },
  { path: '/put', methods: ['PUT'], handle: echoWithBody },
  { path: '/patch', methods: ['PATCH'], handle: echoWithBody },
  { path: '/delete', methods: ['DELETE'], handle: echoWithBody },
  { path: '/anything/*', handle: echoAnything },
  { path: '/echo/*', handle: echoRaw },
  { path: '/headers', handle: (ctx) => sendJson(ctx.res, 200, { headers: ctx.req.headers }) },
];
