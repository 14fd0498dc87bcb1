import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requestObjectSchema } from '@postern/collection';
import type { RequestObject } from '@postern/collection';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import type { HistoryService } from '../history/service.ts';
import { MAX_FILES_BYTES, MAX_TIMEOUT_MS, type SendAsInput, type SendService } from './service.ts';

const SendBody = z
  .strictObject({
    // describe(), not openapi(): @postern/collection may create this schema before zod is extended.
    request: requestObjectSchema.describe('A Postman request object (collection format v2.1).'),
    variables: z
      .array(z.strictObject({ key: z.string().min(1).max(256), value: z.string() }))
      .max(1000)
      .optional()
      .openapi({ description: 'Resolved like an environment: `{{key}}` in the request becomes the value.' }),
    settings: z
      .strictObject({
        followRedirects: z.boolean().optional().openapi({ description: 'Default true, at most 10 hops.' }),
        timeoutMs: z.number().int().min(1).max(MAX_TIMEOUT_MS).optional().openapi({ description: `Default and maximum ${MAX_TIMEOUT_MS}.` }),
        insecure: z.boolean().optional().openapi({ description: 'Accept any TLS certificate.' }),
      })
      .optional(),
    name: z.string().max(1000).optional().openapi({ description: 'The request’s name, as pm.info.requestName.' }),
    events: z
      .array(
        z
          .object({
            listen: z.enum(['prerequest', 'test']),
            script: z.object({ exec: z.union([z.string(), z.array(z.string())]).optional(), type: z.string().optional() }).passthrough().optional(),
            disabled: z.boolean().optional(),
          })
          .passthrough(),
      )
      .max(20)
      .optional()
      .openapi({ description: 'The request’s own pre-request and test scripts (a Postman item’s `event`). The collection’s and folders’ scripts come from collectionId.' }),
    files: z
      .array(z.strictObject({ src: z.string().min(1).max(1000), contentBase64: z.string().base64('must be base64') }))
      .max(50)
      .optional()
      .openapi({ description: `Contents of the files the request's body refers to (by src), chosen in the browser; at most ${MAX_FILES_BYTES / 1024 / 1024} MiB together.` }),
    // Where the request comes from: its collection's variables, auth and scripts apply, and its history entry links back.
    workspaceId: z.string().uuid('must be a workspace id').optional().openapi({ description: 'Recorded in your history only if you may read the workspace.' }),
    collectionId: z.string().uuid('must be a collection id').optional().openapi({ description: 'Send inside this collection (you must be able to read it): its variables, inherited auth and scripts apply.' }),
    itemId: z.string().min(1).max(200).optional(),
  })
  .openapi('SendRequest');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };

const Header = z.object({ key: z.string(), value: z.string() });

const SendResult = z
  .object({
    url: z.string().openapi({ description: 'The URL of the last hop, after redirects.' }),
    status: z.number().int(),
    statusText: z.string(),
    headers: z.array(Header),
    body: z.string(),
    bodyEncoding: z.enum(['utf8', 'base64']).openapi({ description: 'utf8 when the decoded body is valid UTF-8, else base64.' }),
    truncated: z.boolean().openapi({ description: 'The body was cut at 10 MiB.' }),
    size: z.object({ body: z.number(), header: z.number(), total: z.number() }),
    timings: z.object({
      firstByte: z.number(),
      download: z.number(),
      total: z.number(),
      tcp: z.number().optional(),
      tls: z.number().optional(),
    }),
    cookies: z.array(
      z.object({
        key: z.string(),
        value: z.string(),
        domain: z.string().nullable(),
        path: z.string().nullable(),
        expires: z.string().nullable(),
        httpOnly: z.boolean(),
        secure: z.boolean(),
      }),
    ),
    warning: z.string().optional(),
    tests: z.array(
      z.object({ name: z.string(), passed: z.boolean(), skipped: z.boolean(), error: z.string().optional(), event: z.enum(['prerequest', 'test']) }),
    ),
    console: z.array(z.object({ level: z.string(), message: z.string() })).openapi({ description: 'What the scripts logged, at most 200 lines.' }),
    scriptErrors: z.array(z.object({ event: z.enum(['prerequest', 'test']), message: z.string() })),
    visualizerHtml: z.string().optional().openapi({ description: 'The page pm.visualizer.set produced; show it only in a sandboxed frame.' }),
  })
  .openapi('SendResult');

const sendRoute = createRoute({
  method: 'post',
  path: '/api/send',
  tags: ['send'],
  summary: 'Send a request from the server and return its response',
  description:
    'Sends with the same runner as `postern run` (pre-request and test scripts in the sandbox; with collectionId, inside that collection), through the egress guard (POSTERN_EGRESS). Closing the connection cancels the outgoing request. The request as written (variables unresolved) and the outcome are recorded in your history (GET /api/history) unless your preferences keep none.',
  ...signedIn,
  request: { body: { required: true, content: { 'application/json': { schema: SendBody } } } },
  responses: {
    200: { description: 'The response received (any status)', content: { 'application/json': { schema: SendResult } } },
    400: { description: 'Invalid input, or the request cannot be built (INVALID_REQUEST, BODY_FILE: a file it refers to was not sent)', content: problem },
    401: { description: 'Not signed in', content: problem },
    404: { description: 'COLLECTION_NOT_FOUND: collectionId names a collection you cannot read', content: problem },
    413: { description: 'PAYLOAD_TOO_LARGE or FILES_TOO_LARGE', content: problem },
    422: { description: 'REQUEST_SKIPPED: the pre-request script called pm.execution.skipRequest()', content: problem },
    403: { description: 'EGRESS_REFUSED (a private or local address on this instance), CSRF_TOKEN_INVALID or API_KEY_SCOPE_MISSING', content: problem },
    502: { description: 'UPSTREAM_FAILED: the connection failed (refused, reset, TLS, DNS)', content: problem },
    504: { description: 'UPSTREAM_TIMEOUT: no complete answer within timeoutMs', content: problem },
  },
});

export function registerSendRoutes(app: OpenAPIHono<AppEnv>, deps: { sender: SendService; history: HistoryService }): void {
  app.openapi(sendRoute, async (c) => {
    const user = requireUser(c);
    const { workspaceId, collectionId, itemId, files, ...body } = c.req.valid('json');
    // The schema checks the fields the runtime reads and keeps the rest, as collection loading does.
    const request = body.request as RequestObject;
    const input: SendAsInput = {
      ...body,
      request,
      collectionId,
      itemId,
      ...(files && { files: new Map(files.map((f) => [f.src, Buffer.from(f.contentBase64, 'base64')])) }),
      // The incoming request's signal aborts when the client disconnects; the send follows it.
      signal: c.req.raw.signal,
    };
    const result = await deps.history.recordSend(user, { request, links: { workspaceId, collectionId, itemId } }, () => deps.sender.sendAs(user, input));
    return c.json(result, 200);
  });
}
