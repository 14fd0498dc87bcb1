import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { TeamSlug } from '../teams/slug.ts';
import { WEBHOOK_EVENTS } from './events.ts';
import type { WebhookScope, WebhookService } from './service.ts';
import type { DeliveryRecord, EndpointRecord } from './store.ts';

const EventType = z.enum(WEBHOOK_EVENTS);
const Url = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');
const Description = z.string().trim().max(500).nullable();
const Events = z.array(EventType).min(1, 'subscribe to at least one event').max(WEBHOOK_EVENTS.length * 2);

const CreateBody = z.object({ url: Url, description: Description.optional(), events: Events }).openapi('NewWebhookEndpoint');
const UpdateBody = z
  .object({ url: Url.optional(), description: Description.optional(), events: Events.optional(), enabled: z.boolean().optional() })
  .openapi('WebhookEndpointUpdate');

const EndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({ description: 'Why it was switched off automatically (410 Gone, repeated failures).' }),
    consecutiveFailures: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookEndpoint');
const CreatedSchema = EndpointSchema.extend({ secret: z.string().openapi({ description: 'The signing secret (whsec_…); admins can read it again later.' }) }).openapi('NewWebhookEndpointCreated');
const SecretSchema = z.object({ secret: z.string() }).openapi('WebhookSecret');
const DeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'sending', 'retrying', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    responseStatus: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('WebhookDelivery');
const DeliveryDetailSchema = DeliverySchema.extend({ payload: z.string().openapi({ description: 'The JSON body as sent.' }) }).openapi('WebhookDeliveryDetail');

const endpointView = (e: EndpointRecord) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  consecutiveFailures: e.consecutiveFailures,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});
const deliveryView = (d: DeliveryRecord) => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  durationMs: d.durationMs,
  responseStatus: d.responseStatus,
  responseExcerpt: d.responseExcerpt,
  error: d.error,
  createdAt: d.createdAt.toISOString(),
});

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const EndpointId = z.string().uuid('must be a webhook endpoint id');
const DeliveryId = z.string().uuid('must be a delivery id');

interface ScopeSpec {
  tag: string;
  /** The path up to `/webhooks`, with its one parameter. */
  prefix: string;
  params: z.ZodObject<Record<string, z.ZodType<string>>>;
  who: string;
  notFound: string;
  scopeOf(params: Record<string, string>): WebhookScope;
}

const SCOPES: ScopeSpec[] = [
  {
    tag: 'teams',
    prefix: '/api/teams/{slug}',
    params: z.object({ slug: TeamSlug }),
    who: 'team owner or admin',
    notFound: 'Not a team you belong to (TEAM_NOT_FOUND), or WEBHOOK_NOT_FOUND',
    scopeOf: (p) => ({ team: p.slug! }),
  },
  {
    tag: 'workspaces',
    prefix: '/api/workspaces/{id}',
    params: z.object({ id: z.string().uuid('must be a workspace id') }),
    who: 'workspace admin',
    notFound: 'Not a workspace you can see (WORKSPACE_NOT_FOUND), or WEBHOOK_NOT_FOUND',
    scopeOf: (p) => ({ workspace: p.id! }),
  },
];

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: { webhooks: WebhookService }): void {
  const { webhooks } = deps;
  for (const spec of SCOPES) registerScope(app, webhooks, spec);
}

function registerScope(app: OpenAPIHono<AppEnv>, webhooks: WebhookService, spec: ScopeSpec): void {
  const denied = {
    400: problemResponse('Invalid input (VALIDATION_FAILED), or the URL is a refused address (EGRESS_REFUSED)'),
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse(`Only a ${spec.who} manages webhooks (TEAM_ROLE_REQUIRED, WORKSPACE_ROLE_REQUIRED), or CSRF_TOKEN_INVALID`),
    404: problemResponse(spec.notFound),
  };
  const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ tags: [spec.tag, 'webhooks'], security: [{ session: [] }], ...r });
  const base = `${spec.prefix}/webhooks`;
  const One = spec.params.extend({ endpointId: EndpointId });
  const OneDelivery = One.extend({ deliveryId: DeliveryId });
  // The handlers read parameters through this: the two scopes' parameter schemas differ.
  const params = (c: Context<AppEnv>) => c.req.param() as Record<string, string>;
  const scope = (c: Context<AppEnv>) => spec.scopeOf(params(c));
  const who = `(${spec.who})`;

  app.openapi(
    route({ method: 'get', path: base, summary: `Webhook endpoints ${who}`, request: { params: spec.params }, responses: { 200: { description: 'The endpoints', ...json(z.object({ items: z.array(EndpointSchema) })) }, ...denied } }),
    async (c) => c.json({ items: (await webhooks.list(requireUser(c), scope(c))).map(endpointView) }, 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: base,
      summary: `Register a webhook endpoint; answers its signing secret ${who}`,
      request: { params: spec.params, body: { required: true, ...json(CreateBody) } },
      responses: { 201: { description: 'Created', ...json(CreatedSchema) }, ...denied, 409: problemResponse('Too many endpoints (WEBHOOK_LIMIT)') },
    }),
    async (c) => {
      const { endpoint, secret } = await webhooks.create(requireUser(c), scope(c), c.req.valid('json'));
      return c.json({ ...endpointView(endpoint), secret }, 201);
    },
  );
  app.openapi(
    route({ method: 'get', path: `${base}/{endpointId}`, summary: `One webhook endpoint ${who}`, request: { params: One }, responses: { 200: { description: 'The endpoint', ...json(EndpointSchema) }, ...denied } }),
    async (c) => c.json(endpointView(await webhooks.get(requireUser(c), scope(c), params(c).endpointId!)), 200),
  );
  app.openapi(
    route({
      method: 'patch',
      path: `${base}/{endpointId}`,
      summary: `Change a webhook endpoint, or switch it off or on ${who}`,
      request: { params: One, body: { required: true, ...json(UpdateBody) } },
      responses: { 200: { description: 'The endpoint', ...json(EndpointSchema) }, ...denied },
    }),
    async (c) => c.json(endpointView(await webhooks.update(requireUser(c), scope(c), params(c).endpointId!, c.req.valid('json'))), 200),
  );
  app.openapi(
    route({ method: 'delete', path: `${base}/{endpointId}`, summary: `Delete a webhook endpoint and its delivery log ${who}`, request: { params: One }, responses: { 204: { description: 'Deleted' }, ...denied } }),
    async (c) => {
      await webhooks.remove(requireUser(c), scope(c), params(c).endpointId!);
      return c.body(null, 204);
    },
  );
  app.openapi(
    route({ method: 'get', path: `${base}/{endpointId}/secret`, summary: `The endpoint's signing secret (audited) ${who}`, request: { params: One }, responses: { 200: { description: 'The secret', ...json(SecretSchema) }, ...denied } }),
    async (c) => c.json({ secret: await webhooks.secret(requireUser(c), scope(c), params(c).endpointId!) }, 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: `${base}/{endpointId}/secret`,
      summary: `Replace the signing secret; the old one stops working at once ${who}`,
      request: { params: One },
      responses: { 200: { description: 'The new secret', ...json(SecretSchema) }, ...denied },
    }),
    async (c) => c.json({ secret: await webhooks.rotateSecret(requireUser(c), scope(c), params(c).endpointId!) }, 200),
  );
  app.openapi(
    route({ method: 'post', path: `${base}/{endpointId}/ping`, summary: `Send a test ping ${who}`, request: { params: One }, responses: { 202: { description: 'Queued', ...json(DeliverySchema) }, ...denied } }),
    async (c) => c.json(deliveryView(await webhooks.ping(requireUser(c), scope(c), params(c).endpointId!)), 202),
  );
  app.openapi(
    route({
      method: 'get',
      path: `${base}/{endpointId}/deliveries`,
      summary: `The endpoint's delivery log, newest first (kept 30 days) ${who}`,
      request: { params: One, query: PageQuery },
      responses: { 200: { description: 'A page of deliveries', ...json(pageSchema(DeliverySchema)) }, ...denied },
    }),
    async (c) => {
      const page = await webhooks.deliveries(requireUser(c), scope(c), params(c).endpointId!, c.req.valid('query'));
      return c.json({ items: page.items.map(deliveryView), nextCursor: page.nextCursor }, 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: `${base}/{endpointId}/deliveries/{deliveryId}`,
      summary: `One delivery with the body sent ${who}`,
      request: { params: OneDelivery },
      responses: { 200: { description: 'The delivery', ...json(DeliveryDetailSchema) }, ...denied },
    }),
    async (c) => {
      const d = await webhooks.delivery(requireUser(c), scope(c), params(c).endpointId!, params(c).deliveryId!);
      return c.json({ ...deliveryView(d), payload: d.payload }, 200);
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: `${base}/{endpointId}/deliveries/{deliveryId}/redeliver`,
      summary: `Send a delivery's event again, as a new delivery with the same event id ${who}`,
      request: { params: OneDelivery },
      responses: { 202: { description: 'Queued', ...json(DeliverySchema) }, ...denied },
    }),
    async (c) => c.json(deliveryView(await webhooks.redeliver(requireUser(c), scope(c), params(c).endpointId!, params(c).deliveryId!)), 202),
  );
}
