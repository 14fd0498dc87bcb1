import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession, requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { REASON_LABELS } from './messages.ts';
import { OPERATOR_ACCESS_REASONS } from './schema.ts';
import type { GrantView, OperatorAccessService } from './service.ts';
import type { ReadRecord } from './store.ts';

const Reason = z.enum(OPERATOR_ACCESS_REASONS);
const IdParam = z.object({ id: z.string().uuid('must be a grant id') });
const WorkspaceParam = z.object({ id: z.string().uuid('must be a workspace id') });

const CreateBody = z
  .strictObject({
    workspaceId: z.string().uuid('must be a workspace id'),
    reason: Reason.openapi({ description: 'One of the recorded reasons (P16); owner_consent waits for the owner to agree.' }),
    ticketRef: z.string().trim().max(200, 'must be at most 200 characters').optional().openapi({ description: 'Required for support_requested.' }),
    justification: z.string().trim().min(10, 'must say why, in at least 10 characters').max(2000, 'must be at most 2000 characters'),
    hours: z.number().int('must be a whole number of hours').min(1, 'must be at least 1 hour').openapi({ description: 'The time box; at most POSTERN_OPERATOR_ACCESS_MAX_HOURS (72 by default).' }),
  })
  .openapi('OperatorAccessGrantInput');

const GrantSchema = z
  .object({
    id: z.string().uuid(),
    workspaceId: z.string().uuid(),
    workspaceName: z.string(),
    operator: z.string().nullable().openapi({ description: "The operator's username; null once their account is deleted." }),
    reason: Reason,
    reasonLabel: z.string(),
    ticketRef: z.string().nullable(),
    justification: z.string(),
    hours: z.number().int(),
    status: z.enum(['awaiting_consent', 'active', 'expired', 'ended', 'declined']),
    createdAt: z.string().openapi({ format: 'date-time' }),
    startsAt: z.string().nullable().openapi({ format: 'date-time' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    consentedAt: z.string().nullable().openapi({ format: 'date-time' }),
    endedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('OperatorAccessGrant');

const ReadSchema = z
  .object({
    id: z.string().uuid(),
    grantId: z.string().uuid(),
    operator: z.string().nullable(),
    at: z.string().openapi({ format: 'date-time' }),
    method: z.string(),
    route: z.string().openapi({ description: 'The API route read, e.g. /api/collections/:id' }),
    path: z.string().openapi({ description: 'The path read; its ids name the item.' }),
  })
  .openapi('OperatorAccessRead');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const operatorOnly = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Not the operator (OPERATOR_ONLY), CSRF_TOKEN_INVALID or API_KEY_NOT_ALLOWED'),
};

const createGrantRoute = createRoute({
  method: 'post',
  path: '/api/admin/operator-access',
  tags: ['admin'],
  summary: 'Open read-only access to one workspace for a recorded reason and a time box (P16); operator only',
  security: [{ session: [] }],
  request: { body: { required: true, content: json(CreateBody) } },
  responses: {
    201: { description: 'The grant; active at once, or awaiting_consent for owner_consent', content: json(GrantSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED), e.g. body.ticketRef missing for support_requested, body.hours too long'),
    ...operatorOnly,
    404: problemResponse('No such workspace (WORKSPACE_NOT_FOUND)'),
  },
});

const listGrantsRoute = createRoute({
  method: 'get',
  path: '/api/admin/operator-access',
  tags: ['admin'],
  summary: 'Every operator access grant, newest first (at most 200); operator only',
  security: [{ session: [] }],
  responses: {
    200: { description: 'The grants and the longest time box allowed', content: json(z.object({ grants: z.array(GrantSchema), maxHours: z.number().int() })) },
    ...operatorOnly,
  },
});

const endRoute = createRoute({
  method: 'post',
  path: '/api/operator-access/{id}/end',
  tags: ['workspaces'],
  summary: 'End an operator access grant early; the operator, or an admin of the workspace',
  security: [{ session: [] }],
  request: { params: IdParam },
  responses: {
    200: { description: 'The ended grant', content: json(GrantSchema) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('CSRF_TOKEN_INVALID or API_KEY_NOT_ALLOWED'),
    404: problemResponse('No such grant among those you may see (OPERATOR_GRANT_NOT_FOUND)'),
    409: problemResponse('Already ended or lapsed (OPERATOR_GRANT_ALREADY_ENDED)'),
  },
});

const consentRoute = createRoute({
  method: 'post',
  path: '/api/operator-access/{id}/consent',
  tags: ['workspaces'],
  summary: "Agree to (or decline) the operator's request to read your workspace; admins of the workspace",
  security: [{ session: [] }],
  request: { params: IdParam, body: { required: true, content: json(z.strictObject({ agree: z.boolean() }).openapi('OperatorAccessConsent')) } },
  responses: {
    200: { description: 'The grant: active when agreed, declined otherwise', content: json(GrantSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('CSRF_TOKEN_INVALID or API_KEY_NOT_ALLOWED'),
    404: problemResponse('No such grant among those you may see (OPERATOR_GRANT_NOT_FOUND)'),
    409: problemResponse('Not waiting for consent (OPERATOR_GRANT_NOT_AWAITING_CONSENT)'),
  },
});

const accessLogRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{id}/access-log',
  tags: ['workspaces'],
  summary: 'The access transparency log (P16): operator grants on this workspace and every read under them; its admins only',
  ...signedIn,
  request: { params: WorkspaceParam },
  responses: {
    200: { description: 'Grants and reads, newest first', content: json(z.object({ grants: z.array(GrantSchema), reads: z.array(ReadSchema) })) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Not an admin of the workspace (WORKSPACE_ROLE_REQUIRED, OPERATOR_ACCESS_READ_ONLY)'),
    404: problemResponse('No such workspace (WORKSPACE_NOT_FOUND)'),
  },
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

function grantView(g: GrantView) {
  return {
    id: g.id,
    workspaceId: g.workspaceId,
    workspaceName: g.workspaceName,
    operator: g.operatorUsername,
    reason: g.reason,
    reasonLabel: REASON_LABELS[g.reason],
    ticketRef: g.ticketRef,
    justification: g.justification,
    hours: g.hours,
    status: g.status,
    createdAt: g.createdAt.toISOString(),
    startsAt: iso(g.startsAt),
    expiresAt: g.expiresAt.toISOString(),
    consentedAt: iso(g.consentedAt),
    endedAt: iso(g.endedAt),
  };
}

const readView = (r: ReadRecord) => ({ id: r.id, grantId: r.grantId, operator: r.operatorUsername, at: r.at.toISOString(), method: r.method, route: r.route, path: r.path });

export function registerOperatorAccessRoutes(app: OpenAPIHono<AppEnv>, deps: { operatorAccess: OperatorAccessService }): void {
  const { operatorAccess } = deps;

  app.openapi(createGrantRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json(grantView(await operatorAccess.create(user, c.req.valid('json'))), 201);
  });

  app.openapi(listGrantsRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json({ grants: (await operatorAccess.listForOperator(user)).map(grantView), maxHours: operatorAccess.maxHours }, 200);
  });

  app.openapi(endRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json(grantView(await operatorAccess.end(user, c.req.valid('param').id)), 200);
  });

  app.openapi(consentRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json(grantView(await operatorAccess.decide(user, c.req.valid('param').id, c.req.valid('json').agree)), 200);
  });

  app.openapi(accessLogRoute, async (c) => {
    const log = await operatorAccess.transparency(requireUser(c), c.req.valid('param').id);
    return c.json({ grants: log.grants.map(grantView), reads: log.reads.map(readView) }, 200);
  });
}
