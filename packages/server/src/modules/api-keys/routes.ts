import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import type { ApiKeyService, ApiKeySummary } from './service.ts';
import type { AuditService } from '../audit/service.ts';

const Scope = z.enum(['read', 'write']);

const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100).openapi({ example: 'CI on my laptop' }),
    scopes: z.array(Scope).min(1, 'must name at least one scope').openapi({
      description: '`read`: GET and HEAD requests only. `write`: every request an API key may make.',
    }),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .nullable()
      .default(null)
      .openapi({ description: 'Days until the key expires (1–365); null or absent for never.' }),
  })
  .openapi('NewApiKey');

const ApiKeySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to recognise it.', example: 'pst_Ab3dE9xQ' }),
    scopes: z.array(Scope),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastUsedAt: z.string().nullable().openapi({ format: 'date-time' }),
    expiresAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('ApiKey');

const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The secret, shown this once: only its hash is stored.' }),
}).openapi('CreatedApiKey');

const signedIn = { security: [{ session: [] }] };
const denied = {
  401: { description: 'Not signed in', content: problem },
  403: { description: 'CSRF_TOKEN_INVALID, or API_KEY_NOT_ALLOWED (API keys cannot manage API keys)', content: problem },
};

const createKeyRoute = createRoute({
  method: 'post',
  path: '/api/me/api-keys',
  tags: ['api-keys'],
  summary: 'Create a personal API key',
  ...signedIn,
  request: { body: { required: true, content: { 'application/json': { schema: CreateApiKeyBody } } } },
  responses: {
    201: { description: 'Created; `key` is shown only now', content: { 'application/json': { schema: CreatedApiKeySchema } } },
    400: { description: 'Invalid input', content: problem },
    ...denied,
  },
});

const listKeysRoute = createRoute({
  method: 'get',
  path: '/api/me/api-keys',
  tags: ['api-keys'],
  summary: 'Your API keys, newest first (never the secret)',
  ...signedIn,
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of keys', content: { 'application/json': { schema: pageSchema(ApiKeySchema) } } },
    400: { description: 'Invalid query or cursor', content: problem },
    ...denied,
  },
});

const revokeKeyRoute = createRoute({
  method: 'delete',
  path: '/api/me/api-keys/{id}',
  tags: ['api-keys'],
  summary: 'Revoke an API key',
  ...signedIn,
  request: { params: z.object({ id: z.string().uuid('must be an API key id') }) },
  responses: {
    204: { description: 'Revoked; the key stops working at once' },
    400: { description: 'Invalid id', content: problem },
    ...denied,
    404: { description: 'No such key among yours', content: problem },
  },
});

function toJson(key: ApiKeySummary) {
  return {
    ...key,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}

export function registerApiKeyRoutes(app: OpenAPIHono<AppEnv>, deps: { apiKeys: ApiKeyService; audit?: Pick<AuditService, 'record'> }): void {
  app.openapi(createKeyRoute, async (c) => {
    const { user } = requireSession(c);
    const created = await deps.apiKeys.create(user.id, c.req.valid('json'));
    await deps.audit?.record({ actorId: user.id, action: 'api_key.created', targetType: 'api_key', targetId: created.id });
    return c.json({ ...toJson(created), key: created.key }, 201);
  });

  app.openapi(listKeysRoute, async (c) => {
    const { user } = requireSession(c);
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.apiKeys.list(user.id, limit, cursor);
    return c.json({ items: page.items.map(toJson), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(revokeKeyRoute, async (c) => {
    const { user } = requireSession(c);
    await deps.apiKeys.revoke(user.id, c.req.valid('param').id);
    await deps.audit?.record({ actorId: user.id, action: 'api_key.revoked', targetType: 'api_key', targetId: c.req.valid('param').id });
    return c.body(null, 204);
  });
}
