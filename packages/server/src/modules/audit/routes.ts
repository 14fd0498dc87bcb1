import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { TeamSlug } from '../teams/slug.ts';
import type { AuditFilter, AuditLog } from './search.ts';

const AuditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.string().openapi({ format: 'date-time' }),
    action: z.string().openapi({ description: 'A dotted code, e.g. team.member.removed.' }),
    actor: z.string().nullable().openapi({ description: 'Username; null for the system or a deleted account.' }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    target: z.string().nullable().openapi({ description: 'Username when the target is an existing account.' }),
    details: z.record(z.string(), z.unknown()).openapi({ description: 'Ids, counts and codes; never emails, names or IP addresses.' }),
  })
  .openapi('AuditEvent');

const FilterQuery = z.object({
  action: z.string().trim().max(100).regex(/^[a-z0-9_.]*$/, 'must be a dotted action code, e.g. team.member').optional().openapi({ description: 'Action or its prefix, e.g. `team.member`.' }),
  actor: z.string().trim().max(39).optional().openapi({ description: 'Username of who did it.' }),
  target: z.string().trim().max(100).optional().openapi({ description: 'Target id, or username of the target account.' }),
  from: z.coerce.date().optional().openapi({ description: 'Events at or after this time (ISO 8601).' }),
  to: z.coerce.date().optional().openapi({ description: 'Events before this time (ISO 8601).' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Free text over action and target.' }),
});
const ListQuery = PageQuery.extend(FilterQuery.shape);
const ExportQuery = FilterQuery.extend({ format: z.enum(['csv', 'jsonl']).default('csv') });
const SlugParams = z.object({ slug: TeamSlug });

const denied = {
  400: problemResponse('Invalid filter (VALIDATION_FAILED) or INVALID_CURSOR'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Not the team’s owner or an admin (TEAM_ROLE_REQUIRED, TEAM_MEMBER_SUSPENDED), not the operator (OPERATOR_ONLY)'),
  404: problemResponse('Not a team you belong to (TEAM_NOT_FOUND)'),
};
const exported = {
  200: {
    description: 'The matching events, newest first, streamed',
    content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
  },
};
const session = { security: [{ session: [] }] };

const teamListRoute = createRoute({
  method: 'get',
  path: '/api/teams/{slug}/audit-events',
  tags: ['audit'],
  ...session,
  summary: "The team's audit log, newest first (owner, admin)",
  request: { params: SlugParams, query: ListQuery },
  responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: pageSchema(AuditEventSchema) } } }, ...denied },
});
const teamExportRoute = createRoute({
  method: 'get',
  path: '/api/teams/{slug}/audit-events/export',
  tags: ['audit'],
  ...session,
  summary: "The team's audit log as CSV or JSON lines (owner, admin); the export is itself recorded",
  request: { params: SlugParams, query: ExportQuery },
  responses: { ...exported, ...denied },
});
const allListRoute = createRoute({
  method: 'get',
  path: '/api/admin/audit-events',
  tags: ['admin'],
  ...session,
  summary: 'The whole audit log, newest first; operator only',
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: pageSchema(AuditEventSchema) } } }, ...denied },
});
const allExportRoute = createRoute({
  method: 'get',
  path: '/api/admin/audit-events/export',
  tags: ['admin'],
  ...session,
  summary: 'The whole audit log as CSV or JSON lines; operator only; the export is itself recorded',
  request: { query: ExportQuery },
  responses: { ...exported, ...denied },
});

function filterOf(query: z.infer<typeof FilterQuery>): AuditFilter {
  return { action: query.action || undefined, actor: query.actor || undefined, target: query.target || undefined, from: query.from, to: query.to, q: query.q || undefined };
}

function download(stream: ReadableStream<Uint8Array>, format: 'csv' | 'jsonl', name: string): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}-${day}.${format}"`,
      'Cache-Control': 'no-store',
    },
  });
}

/** The audit log for team admins and the operator (P18): search and export, no changes. */
export function registerAuditRoutes(app: OpenAPIHono<AppEnv>, deps: { auditLog: AuditLog }): void {
  const { auditLog } = deps;
  app.openapi(teamExportRoute, async (c) => {
    const { format, ...query } = c.req.valid('query');
    const { slug } = c.req.valid('param');
    return download(await auditLog.exportTeam(requireUser(c), slug, filterOf(query), format), format, `audit-${slug}`) as never;
  });
  app.openapi(teamListRoute, async (c) => {
    const { limit, cursor, ...query } = c.req.valid('query');
    return c.json(await auditLog.searchTeam(requireUser(c), c.req.valid('param').slug, filterOf(query), { limit, cursor }), 200);
  });
  app.openapi(allExportRoute, async (c) => {
    const { format, ...query } = c.req.valid('query');
    return download(await auditLog.exportAll(requireUser(c), filterOf(query), format), format, 'audit') as never;
  });
  app.openapi(allListRoute, async (c) => {
    const { limit, cursor, ...query } = c.req.valid('query');
    return c.json(await auditLog.searchAll(requireUser(c), filterOf(query), { limit, cursor }), 200);
  });
}
