import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { TeamSlug } from '../teams/slug.ts';
import { MemberSchema, toMemberView } from '../teams/team-view.ts';
import { JUSTIFICATION_MIN, TITLE_MIN } from './service.ts';
import type { IncidentService } from './service.ts';
import type { IncidentRecord } from './store.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const DateTime = z.string().openapi({ format: 'date-time' });

const IncidentSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    justification: z.string(),
    openedBy: z.string().nullable().openapi({ description: 'Username; null once that account is deleted.' }),
    openedAt: DateTime,
    closedBy: z.string().nullable(),
    closedAt: DateTime.nullable(),
    open: z.boolean(),
  })
  .openapi('SecurityIncident');

const AccessLogSchema = z.object({
  occurredAt: DateTime,
  viewer: z.string().nullable(),
  data: z.string().openapi({ description: 'members, usage or devices' }),
  subject: z.string().nullable().openapi({ description: 'The member whose data was viewed.' }),
});

const NewIncident = z
  .object({
    title: z.string().trim().min(TITLE_MIN, `must be at least ${TITLE_MIN} characters`).max(200),
    justification: z
      .string()
      .trim()
      .min(JUSTIFICATION_MIN, `must be at least ${JUSTIFICATION_MIN} characters: say what happened and why you need to look`)
      .max(5000),
  })
  .openapi('NewSecurityIncident');

const UsageSchema = z.object({
  username: z.string(),
  requestsLast30Days: z.number().int(),
  requestsInTeamWorkspacesLast30Days: z.number().int(),
  lastRequestAt: DateTime.nullable(),
  lastSessionSeenAt: DateTime.nullable(),
  lastApiKeyUsedAt: DateTime.nullable(),
  lastActiveAt: DateTime.nullable(),
});
const DeviceSchema = z.object({
  browser: z.string().nullable(),
  os: z.string().nullable(),
  approximateNetwork: z.string().nullable(),
  approximateLocation: z.string().nullable(),
  createdAt: DateTime,
  lastSeenAt: DateTime,
});

const SlugParams = z.object({ slug: TeamSlug });
const IncidentParams = SlugParams.extend({ id: z.string().uuid() });
const SubjectParams = IncidentParams.extend({ username: z.string().regex(/^[A-Za-z0-9_-]{3,39}$/, 'must be a username') });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const denied = {
  400: problemResponse('Invalid input (VALIDATION_FAILED)'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('TEAM_ROLE_REQUIRED, INCIDENT_OWNER_ONLY, INCIDENT_CLOSED, TEAM_MEMBER_SUSPENDED or CSRF_TOKEN_INVALID'),
  404: problemResponse('TEAM_NOT_FOUND, INCIDENT_NOT_FOUND or MEMBER_NOT_FOUND'),
};
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ tags: ['incidents'], security: [{ session: [] }], ...r });

const listRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/incidents',
  summary: "The team's security incidents, newest first (owner, admin)",
  request: { params: SlugParams },
  responses: { 200: { description: 'Incidents', ...json(z.object({ items: z.array(IncidentSchema), canOpen: z.boolean() })) }, ...denied },
});
const openRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/incidents',
  summary: 'Open a security incident with a justification (owner)',
  request: { params: SlugParams, body: { required: true, ...json(NewIncident) } },
  responses: { 201: { description: 'Opened', ...json(IncidentSchema) }, ...denied },
});
const getRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/incidents/{id}',
  summary: 'One incident and its access log (owner, admin)',
  request: { params: IncidentParams },
  responses: {
    200: { description: 'The incident', ...json(z.object({ incident: IncidentSchema, accessLog: z.array(AccessLogSchema), canView: z.boolean() })) },
    ...denied,
  },
});
const closeRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/incidents/{id}/close',
  summary: 'Close an incident, ending access to members’ data (owner)',
  request: { params: IncidentParams },
  responses: { 200: { description: 'Closed', ...json(IncidentSchema) }, ...denied, 409: problemResponse('Already closed (INCIDENT_CLOSED)') },
});
const membersRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/incidents/{id}/members',
  summary: 'The members, within an open incident (owner); the view is recorded',
  request: { params: IncidentParams },
  responses: { 200: { description: 'Members', ...json(z.object({ items: z.array(MemberSchema) })) }, ...denied },
});
const usageRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/incidents/{id}/members/{username}/usage',
  summary: "A member's recent usage, within an open incident (owner); the view is recorded",
  request: { params: SubjectParams },
  responses: { 200: { description: 'Usage', ...json(UsageSchema) }, ...denied },
});
const devicesRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/incidents/{id}/members/{username}/devices',
  summary: "A member's signed-in devices, within an open incident (owner); the view is recorded",
  request: { params: SubjectParams },
  responses: { 200: { description: 'Devices', ...json(z.object({ username: z.string(), items: z.array(DeviceSchema) })) }, ...denied },
});

function toView(i: IncidentRecord): z.infer<typeof IncidentSchema> {
  return {
    id: i.id,
    title: i.title,
    justification: i.justification,
    openedBy: i.openedByUsername,
    openedAt: i.openedAt.toISOString(),
    closedBy: i.closedByUsername,
    closedAt: iso(i.closedAt),
    open: i.closedAt === null,
  };
}

export function registerIncidentRoutes(app: OpenAPIHono<AppEnv>, deps: { incidents: IncidentService }): void {
  const { incidents } = deps;
  app.openapi(listRoute, async (c) => {
    const found = await incidents.list(requireUser(c), c.req.valid('param').slug);
    return c.json({ items: found.incidents.map(toView), canOpen: found.canOpen }, 200);
  });
  app.openapi(openRoute, async (c) => {
    return c.json(toView(await incidents.open(requireUser(c), c.req.valid('param').slug, c.req.valid('json'))), 201);
  });
  app.openapi(getRoute, async (c) => {
    const { slug, id } = c.req.valid('param');
    const found = await incidents.get(requireUser(c), slug, id);
    return c.json(
      {
        incident: toView(found.incident),
        accessLog: found.accessLog.map((e) => ({ occurredAt: e.occurredAt.toISOString(), viewer: e.viewerUsername, data: e.data, subject: e.subjectUsername })),
        canView: found.canView,
      },
      200,
    );
  });
  app.openapi(closeRoute, async (c) => {
    const { slug, id } = c.req.valid('param');
    return c.json(toView(await incidents.close(requireUser(c), slug, id)), 200);
  });
  app.openapi(membersRoute, async (c) => {
    const { slug, id } = c.req.valid('param');
    return c.json({ items: (await incidents.members(requireUser(c), slug, id)).map((m) => toMemberView(m, true)) }, 200);
  });
  app.openapi(usageRoute, async (c) => {
    const { slug, id, username } = c.req.valid('param');
    const found = await incidents.usage(requireUser(c), slug, id, username);
    const u = found.usage;
    return c.json(
      {
        username: found.username,
        requestsLast30Days: u.requestsLast30Days,
        requestsInTeamWorkspacesLast30Days: u.requestsInTeamWorkspacesLast30Days,
        lastRequestAt: iso(u.lastRequestAt),
        lastSessionSeenAt: iso(u.lastSessionSeenAt),
        lastApiKeyUsedAt: iso(u.lastApiKeyUsedAt),
        lastActiveAt: iso(u.lastActiveAt),
      },
      200,
    );
  });
  app.openapi(devicesRoute, async (c) => {
    const { slug, id, username } = c.req.valid('param');
    const found = await incidents.devices(requireUser(c), slug, id, username);
    return c.json(
      {
        username: found.username,
        items: found.devices.map((d) => ({
          browser: d.browser,
          os: d.os,
          approximateNetwork: d.approximateNetwork,
          approximateLocation: d.approximateLocation,
          createdAt: d.createdAt.toISOString(),
          lastSeenAt: d.lastSeenAt.toISOString(),
        })),
      },
      200,
    );
  });
}
