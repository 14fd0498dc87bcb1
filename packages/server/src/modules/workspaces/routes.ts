import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import { WORKSPACE_ROLES } from '../../policies/workspaces.ts';
import { TeamSlug } from '../teams/slug.ts';
import type { WorkspaceService } from './service.ts';
import { GrantSchema, WorkspaceSchema, toGrantView, toWorkspaceView } from './workspace-view.ts';

const SHAREABLE_KINDS = ['private', 'team', 'public'] as const;
const Name = z.string().trim().min(1, 'must not be empty').max(100);
const Description = z.string().trim().max(2000).nullable();
const Username = z.string().regex(/^[A-Za-z0-9_-]{3,39}$/, 'must be a username');

const CreateBody = z
  .object({
    name: Name,
    kind: z.enum(SHAREABLE_KINDS).openapi({ description: 'Personal workspaces are created automatically, one per account.' }),
    teamSlug: TeamSlug.optional().openapi({ description: 'Required for team workspaces; optional for public ones; one of your teams.' }),
    description: Description.optional(),
    teamRole: z.enum(WORKSPACE_ROLES).optional().openapi({ description: "Role of the team's members (default editor)." }),
  })
  .openapi('NewWorkspace');

const UpdateBody = z
  .object({
    name: Name.optional(),
    description: Description.optional(),
    kind: z.enum(SHAREABLE_KINDS).optional(),
    teamSlug: TeamSlug.nullable().optional().openapi({ description: 'Attach to one of your teams, or null to detach.' }),
    teamRole: z.enum(WORKSPACE_ROLES).optional(),
  })
  .openapi('WorkspaceUpdate');

const GrantBody = z
  .object({
    username: Username.optional(),
    teamSlug: TeamSlug.optional().openapi({ description: 'One of your teams: every member gets the role.' }),
    role: z.enum(WORKSPACE_ROLES),
  })
  .refine((b) => (b.username === undefined) !== (b.teamSlug === undefined), { message: 'give either username or teamSlug', path: ['username'] })
  .openapi('WorkspaceGrantInput');

const IdParams = z.object({ id: z.string().uuid('must be a workspace id') });
const GrantParams = IdParams.extend({ grantId: z.string().uuid('must be a grant id') });

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const denied = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('Your role is too low (WORKSPACE_ROLE_REQUIRED) or CSRF_TOKEN_INVALID'),
  404: problemResponse('No such workspace among those you may see (WORKSPACE_NOT_FOUND)'),
};

const createWorkspaceRoute = createRoute({
  method: 'post',
  path: '/api/workspaces',
  tags: ['workspaces'],
  summary: 'Create a workspace; you become its owner (admin)',
  ...signedIn,
  request: { body: { required: true, ...json(CreateBody) } },
  responses: {
    201: { description: 'Created', ...json(WorkspaceSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    401: denied[401],
    404: problemResponse('The team is not one of yours (TEAM_NOT_FOUND)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/workspaces',
  tags: ['workspaces'],
  summary: 'The workspaces you have a role in, by name (your personal one included)',
  ...signedIn,
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of workspaces', ...json(pageSchema(WorkspaceSchema)) },
    400: problemResponse('Invalid query (VALIDATION_FAILED, INVALID_CURSOR)'),
    401: denied[401],
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{id}',
  tags: ['workspaces'],
  summary: 'One workspace with your role and abilities; public ones need no sign-in',
  request: { params: IdParams },
  responses: {
    200: { description: 'The workspace', ...json(WorkspaceSchema) },
    400: problemResponse('Invalid id'),
    404: denied[404],
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/api/workspaces/{id}',
  tags: ['workspaces'],
  summary: 'Rename, describe or change who may see a workspace (admin)',
  ...signedIn,
  request: { params: IdParams, body: { required: true, ...json(UpdateBody) } },
  responses: {
    200: { description: 'Updated', ...json(WorkspaceSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    ...denied,
    409: problemResponse(
      'A personal workspace cannot be shared (PERSONAL_WORKSPACE_FIXED), or it cannot be made public while it has active secret findings (WORKSPACE_HAS_ACTIVE_SECRETS)',
    ),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/workspaces/{id}',
  tags: ['workspaces'],
  summary: 'Delete a workspace and everything in it (admin)',
  ...signedIn,
  request: { params: IdParams },
  responses: {
    204: { description: 'Deleted' },
    400: problemResponse('Invalid id'),
    ...denied,
    409: problemResponse('The personal workspace cannot be deleted (PERSONAL_WORKSPACE_FIXED)'),
  },
});

const listGrantsRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{id}/grants',
  tags: ['workspaces'],
  summary: 'The people and teams given a role in the workspace (any role needed)',
  ...signedIn,
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: { description: 'A page of grants', ...json(pageSchema(GrantSchema)) },
    400: problemResponse('Invalid input'),
    ...denied,
  },
});

const putGrantRoute = createRoute({
  method: 'put',
  path: '/api/workspaces/{id}/grants',
  tags: ['workspaces'],
  summary: 'Give a person or one of your teams a role (admin); replaces their earlier grant',
  ...signedIn,
  request: { params: IdParams, body: { required: true, ...json(GrantBody) } },
  responses: {
    200: { description: 'The grant', ...json(GrantSchema) },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    ...denied,
    409: problemResponse('A personal workspace cannot be shared (PERSONAL_WORKSPACE_FIXED)'),
  },
});

const deleteGrantRoute = createRoute({
  method: 'delete',
  path: '/api/workspaces/{id}/grants/{grantId}',
  tags: ['workspaces'],
  summary: 'Take a grant back (admin)',
  ...signedIn,
  request: { params: GrantParams },
  responses: {
    204: { description: 'Removed' },
    400: problemResponse('Invalid id'),
    ...denied,
  },
});

export function registerWorkspaceRoutes(app: OpenAPIHono<AppEnv>, deps: { workspaces: WorkspaceService }): void {
  const { workspaces } = deps;

  app.openapi(createWorkspaceRoute, async (c) => {
    const user = requireUser(c);
    return c.json(toWorkspaceView(await workspaces.create(user, c.req.valid('json'))), 201);
  });

  app.openapi(listRoute, async (c) => {
    const user = requireUser(c);
    const page = await workspaces.list(user, c.req.valid('query'));
    return c.json({ items: page.items.map(toWorkspaceView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    return c.json(toWorkspaceView(await workspaces.get(c.get('user'), c.req.valid('param').id)), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const user = requireUser(c);
    return c.json(toWorkspaceView(await workspaces.update(user, c.req.valid('param').id, c.req.valid('json'))), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const user = requireUser(c);
    await workspaces.delete(user, c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(listGrantsRoute, async (c) => {
    const user = requireUser(c);
    const page = await workspaces.listGrants(user, c.req.valid('param').id, c.req.valid('query'));
    return c.json({ items: page.items.map(toGrantView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(putGrantRoute, async (c) => {
    const user = requireUser(c);
    const { username, teamSlug, role } = c.req.valid('json');
    const input = username !== undefined ? { username, role } : { teamSlug: teamSlug!, role };
    return c.json(toGrantView(await workspaces.putGrant(user, c.req.valid('param').id, input)), 200);
  });

  app.openapi(deleteGrantRoute, async (c) => {
    const user = requireUser(c);
    const { id, grantId } = c.req.valid('param');
    await workspaces.deleteGrant(user, id, grantId);
    return c.body(null, 204);
  });
}
