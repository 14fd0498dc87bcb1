import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import type { TeamService } from './service.ts';
import { TeamSlug } from './slug.ts';
import { MemberSchema, TeamDetailSchema, TeamSchema, toMemberView, toTeamView } from './team-view.ts';

const TeamName = z.string().trim().min(1, 'must not be empty').max(100);
const Username = z.string().regex(/^[A-Za-z0-9_-]{3,39}$/, 'must be a username');

const CreateBody = z.object({ name: TeamName, slug: TeamSlug }).openapi('NewTeam');
const UpdateBody = z.object({ name: TeamName.optional(), slug: TeamSlug.optional() }).openapi('TeamUpdate');
const RoleBody = z.object({ role: z.enum(['admin', 'member']).openapi({ description: 'Ownership moves by transfer.' }) });
const TransferBody = z.object({ username: Username });
const SlugParams = z.object({ slug: TeamSlug });
const MemberParams = SlugParams.extend({ username: Username });

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const denied = {
  400: problemResponse('Invalid input (VALIDATION_FAILED)'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Your team role is too low (TEAM_ROLE_REQUIRED) or CSRF_TOKEN_INVALID'),
  404: problemResponse('Not a team you belong to (TEAM_NOT_FOUND), or MEMBER_NOT_FOUND'),
};

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ tags: ['teams'], ...signedIn, ...r });

const createTeamRoute = route({
  method: 'post',
  path: '/api/teams',
  summary: 'Create a team; you become its owner',
  request: { body: { required: true, ...json(CreateBody) } },
  responses: {
    201: { description: 'Created', ...json(TeamSchema) },
    400: denied[400],
    401: denied[401],
    409: problemResponse('The handle is taken (TEAM_SLUG_TAKEN)'),
  },
});
const listRoute = route({
  method: 'get',
  path: '/api/teams',
  summary: 'The teams you belong to, by handle',
  request: { query: PageQuery },
  responses: { 200: { description: 'A page of teams', ...json(pageSchema(TeamSchema)) }, 400: denied[400], 401: denied[401] },
});
const getRoute = route({
  method: 'get',
  path: '/api/teams/{slug}',
  summary: 'One of your teams',
  request: { params: SlugParams },
  responses: { 200: { description: 'The team', ...json(TeamDetailSchema) }, ...denied },
});
const updateRoute = route({
  method: 'patch',
  path: '/api/teams/{slug}',
  summary: "Rename a team or change its handle (owner, admin)",
  request: { params: SlugParams, body: { required: true, ...json(UpdateBody) } },
  responses: { 200: { description: 'Updated', ...json(TeamSchema) }, ...denied, 409: problemResponse('The handle is taken (TEAM_SLUG_TAKEN)') },
});
const deleteRoute = route({
  method: 'delete',
  path: '/api/teams/{slug}',
  summary: 'Delete a team with its memberships, invitations and grants (owner)',
  request: { params: SlugParams },
  responses: { 204: { description: 'Deleted' }, ...denied, 409: problemResponse('Workspaces still belong to it (TEAM_HAS_WORKSPACES)') },
});
const membersRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/members',
  summary: "The team's members with their roles, by username; owners and admins also see emails, masked outside verified domains (P12)",
  request: { params: SlugParams, query: PageQuery },
  responses: { 200: { description: 'A page of members', ...json(pageSchema(MemberSchema)) }, ...denied },
});
const changeRoleRoute = route({
  method: 'patch',
  path: '/api/teams/{slug}/members/{username}',
  summary: "Change a member's role (owner, admin; never the owner's)",
  request: { params: MemberParams, body: { required: true, ...json(RoleBody) } },
  responses: { 200: { description: 'The member', ...json(MemberSchema) }, ...denied },
});
const removeRoute = route({
  method: 'delete',
  path: '/api/teams/{slug}/members/{username}',
  summary: 'Remove a member (owner, admin), or yourself',
  request: { params: MemberParams },
  responses: { 204: { description: 'Removed' }, ...denied, 409: problemResponse('The owner must transfer first (OWNER_MUST_TRANSFER)') },
});
const leaveRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/leave',
  summary: 'Leave a team',
  request: { params: SlugParams },
  responses: { 204: { description: 'Left' }, ...denied, 409: problemResponse('The owner must transfer first (OWNER_MUST_TRANSFER)') },
});
const transferRoute = route({
  method: 'post',
  path: '/api/teams/{slug}/transfer',
  summary: 'Make another member the owner; you stay as an admin (owner)',
  request: { params: SlugParams, body: { required: true, ...json(TransferBody) } },
  responses: { 200: { description: 'The new owner', ...json(MemberSchema) }, ...denied, 409: problemResponse('You already own it (ALREADY_OWNER)') },
});

const suspendRoute = route({
  method: 'put',
  path: '/api/teams/{slug}/members/{username}/suspension',
  summary: "Suspend a member: they stay in the team but reach none of its workspaces (owner, admin; never the owner)",
  request: { params: MemberParams },
  responses: { 200: { description: 'The member', ...json(MemberSchema) }, ...denied, 409: problemResponse('You cannot suspend yourself (CANNOT_SUSPEND_SELF)') },
});
const unsuspendRoute = route({
  method: 'delete',
  path: '/api/teams/{slug}/members/{username}/suspension',
  summary: "Lift a member's suspension (owner, admin)",
  request: { params: MemberParams },
  responses: { 200: { description: 'The member', ...json(MemberSchema) }, ...denied, 409: problemResponse('You cannot suspend yourself (CANNOT_SUSPEND_SELF)') },
});

export function registerTeamRoutes(app: OpenAPIHono<AppEnv>, deps: { teams: TeamService }): void {
  const { teams } = deps;

  app.openapi(createTeamRoute, async (c) => {
    return c.json(toTeamView(await teams.create(requireUser(c), c.req.valid('json'))), 201);
  });
  app.openapi(listRoute, async (c) => {
    const page = await teams.listMine(requireUser(c), c.req.valid('query'));
    return c.json({ items: page.items.map(toTeamView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const found = await teams.get(requireUser(c), c.req.valid('param').slug);
    return c.json({ ...toTeamView(found), memberCount: found.memberCount }, 200);
  });
  app.openapi(updateRoute, async (c) => {
    return c.json(toTeamView(await teams.update(requireUser(c), c.req.valid('param').slug, c.req.valid('json'))), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    await teams.delete(requireUser(c), c.req.valid('param').slug);
    return c.body(null, 204);
  });
  app.openapi(membersRoute, async (c) => {
    const page = await teams.listMembers(requireUser(c), c.req.valid('param').slug, c.req.valid('query'));
    return c.json(
      {
        items: page.items.map((m) => ({
          ...toMemberView(m, page.canSeeSuspensions),
          ...(page.emails?.has(m.userId) && { email: page.emails.get(m.userId)! }),
          ...(page.managed && { managed: page.managed.has(m.userId) }),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
  app.openapi(suspendRoute, async (c) => {
    const { slug, username } = c.req.valid('param');
    return c.json(toMemberView(await teams.setSuspended(requireUser(c), slug, username, true), true), 200);
  });
  app.openapi(unsuspendRoute, async (c) => {
    const { slug, username } = c.req.valid('param');
    return c.json(toMemberView(await teams.setSuspended(requireUser(c), slug, username, false), true), 200);
  });
  app.openapi(changeRoleRoute, async (c) => {
    const { slug, username } = c.req.valid('param');
    return c.json(toMemberView(await teams.changeRole(requireUser(c), slug, username, c.req.valid('json').role), true), 200);
  });
  app.openapi(removeRoute, async (c) => {
    const { slug, username } = c.req.valid('param');
    await teams.removeMember(requireUser(c), slug, username);
    return c.body(null, 204);
  });
  app.openapi(leaveRoute, async (c) => {
    await teams.leave(requireUser(c), c.req.valid('param').slug);
    return c.body(null, 204);
  });
  app.openapi(transferRoute, async (c) => {
    const member = await teams.transfer(requireUser(c), c.req.valid('param').slug, c.req.valid('json').username);
    return c.json(toMemberView(member), 200);
  });
}
