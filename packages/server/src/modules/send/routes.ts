import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requestObjectSchema } from '@postern/collection';
import type { RequestObject } from '@postern/collection';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import type { HistoryService } from '../history/service.ts';
import { MAX_TIMEOUT_MS, type SendService } from './service.ts';

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
    // Where the request comes from, so its history entry can link back (history module).
    workspaceId: z.string().uuid('must be a workspace id').optional().openapi({ description: 'Recorded in your history only if you may read the workspace.' }),
    collectionId: z.string().uuid('must be a collection id').optional(),
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
  })
  .openapi('SendResult');

const sendRoute = createRoute({
  method: 'post',
  path: '/api/send',
  tags: ['send'],
  summary: 'Send a request from the server and return its response',
  description:
    'Sends with the same code as `postern run`, through the egress guard (POSTERN_EGRESS). Closing the connection cancels the outgoing request. The request as written (variables unresolved) and the outcome are recorded in your history (GET /api/history) unless your preferences keep none.',
  ...signedIn,
  request: { body: { required: true, content: { 'application/json': { schema: SendBody } } } },
  responses: {
    200: { description: 'The response received (any status)', content: { 'application/json': { schema: SendResult } } },
    400: { description: 'Invalid input, or the request cannot be built (INVALID_REQUEST, BODY_FILE)', content: problem },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'EGRESS_REFUSED (a private or local address on this instance), CSRF_TOKEN_INVALID or API_KEY_SCOPE_MISSING', content: problem },
    502: { description: 'UPSTREAM_FAILED: the connection failed (refused, reset, TLS, DNS)', content: problem },
    504: { description: 'UPSTREAM_TIMEOUT: no complete answer within timeoutMs', content: problem },
  },
});

export function registerSendRoutes(app: OpenAPIHono<AppEnv>, deps: { sender: SendService; history: HistoryService }): void {
  app.openapi(sendRoute, async (c) => {
    const user = requireUser(c);
    const { workspaceId, collectionId, itemId, ...body } = c.req.valid('json');
    // The incoming request's signal aborts when the client disconnects; the send follows it.
    // The schema checks the fields the runtime reads and keeps the rest, as collection loading does.
    const request = body.request as RequestObject;
    const result = await deps.history.recordSend(user, { request, links: { workspaceId, collectionId, itemId } }, () =>
      deps.sender.send({ ...body, request, signal: c.req.raw.signal }),
    );
    return c.json(result, 200);
  });
}
