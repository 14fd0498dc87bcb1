import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { forbidden } from '../../errors.ts';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import type { OutboxService } from './service.ts';

const OutboxMessageSchema = z
  .object({
    id: z.string().uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('OutboxMessage');

const listRoute = createRoute({
  method: 'get',
  path: '/api/admin/outbox',
  tags: ['admin'],
  summary: 'Mail kept in the local outbox (no SMTP configured), newest first; operator only',
  security: [{ session: [] }],
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of messages', content: { 'application/json': { schema: pageSchema(OutboxMessageSchema) } } },
    400: problemResponse('Invalid query (VALIDATION_FAILED, INVALID_CURSOR)'),
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Signed in, but not the operator (OPERATOR_ONLY)'),
  },
});

export function registerOutboxRoutes(app: OpenAPIHono<AppEnv>, deps: { outbox: OutboxService }): void {
  app.openapi(listRoute, async (c) => {
    // A signed-in browser only: the outbox holds other people's sign-in links, too much for an API key.
    const { user } = requireSession(c);
    // 403 rather than 404: the route is listed in the public OpenAPI document anyway.
    if (!user.operator) throw forbidden('Only the operator of this instance can read the outbox.', { code: 'OPERATOR_ONLY' });
    const page = await deps.outbox.list(c.req.valid('query'));
    return c.json(
      {
        items: page.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
