import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { PageQuery, pageSchema } from '../../http/pagination.ts';
import type { TeamService } from './service.ts';
import { TeamSlug } from './slug.ts';
import { InvitationPreviewSchema, InvitationSchema, TeamSchema, toInvitationPreview, toInvitationView, toTeamView } from './team-view.ts';

const InviteBody = z
  .object({
    email: z.string().trim().max(254).pipe(z.email('must be a valid email address')),
    role: z.enum(['admin', 'member']).default('member'),
  })
  .openapi('NewTeamInvitation');
const SlugParams = z.object({ slug: TeamSlug });
const InvitationParams = SlugParams.extend({ id: z.string().uuid('must be an invitation id') });
const TokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token from the invitation link').openapi({ description: 'From the link, after #token=.' }),
});

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const common = {
  400: problemResponse('Invalid input (VALIDATION_FAILED)'),
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
};
const teamDenied = {
  ...common,
  403: problemResponse('Only the owner and admins manage invitations (TEAM_ROLE_REQUIRED) or CSRF_TOKEN_INVALID'),
  404: problemResponse('Not a team you belong to (TEAM_NOT_FOUND) or INVITATION_NOT_FOUND'),
};
const unknownLink = problemResponse('Unknown, used or expired link (INVITATION_NOT_FOUND)');

const inviteRoute = createRoute({
  method: 'post',
  path: '/api/teams/{slug}/invitations',
  tags: ['teams'],
  summary: 'Email someone a single-use link to join (owner, admin); valid 7 days',
  ...signedIn,
  request: { params: SlugParams, body: { required: true, ...json(InviteBody) } },
  responses: { 201: { description: 'Sent', ...json(InvitationSchema) }, ...teamDenied },
});
const listRoute = createRoute({
  method: 'get',
  path: '/api/teams/{slug}/invitations',
  tags: ['teams'],
  summary: 'Pending invitations (owner, admin)',
  ...signedIn,
  request: { params: SlugParams, query: PageQuery },
  responses: { 200: { description: 'A page of invitations', ...json(pageSchema(InvitationSchema)) }, ...teamDenied },
});
const revokeRoute = createRoute({
  method: 'delete',
  path: '/api/teams/{slug}/invitations/{id}',
  tags: ['teams'],
  summary: 'Take an invitation back; its address is deleted (owner, admin)',
  ...signedIn,
  request: { params: InvitationParams },
  responses: { 204: { description: 'Revoked' }, ...teamDenied },
});
const previewRoute = createRoute({
  method: 'get',
  path: '/api/invitations/{token}',
  tags: ['teams'],
  summary: 'What an invitation link offers: team, inviter and role',
  ...signedIn,
  request: { params: TokenParams },
  responses: { 200: { description: 'The invitation', ...json(InvitationPreviewSchema) }, ...common, 404: unknownLink },
});
const acceptRoute = createRoute({
  method: 'post',
  path: '/api/invitations/{token}/accept',
  tags: ['teams'],
  summary: "Join the team; the account's email need not be the invited one",
  ...signedIn,
  request: { params: TokenParams },
  responses: { 200: { description: 'Joined (or already a member)', ...json(TeamSchema) }, ...common, 404: unknownLink },
});
const declineRoute = createRoute({
  method: 'post',
  path: '/api/invitations/{token}/decline',
  tags: ['teams'],
  summary: 'Refuse an invitation; needs only the link, no account',
  request: { params: TokenParams },
  responses: { 204: { description: 'Declined; the invitation and its address are deleted' }, 400: common[400], 404: unknownLink },
});

export function registerInvitationRoutes(app: OpenAPIHono<AppEnv>, deps: { teams: TeamService }): void {
  const { teams } = deps;

  app.openapi(inviteRoute, async (c) => {
    const invitation = await teams.invite(requireUser(c), c.req.valid('param').slug, c.req.valid('json'));
    return c.json(toInvitationView(invitation), 201);
  });
  app.openapi(listRoute, async (c) => {
    const page = await teams.listInvitations(requireUser(c), c.req.valid('param').slug, c.req.valid('query'));
    return c.json({ items: page.items.map(toInvitationView), nextCursor: page.nextCursor }, 200);
  });
  app.openapi(revokeRoute, async (c) => {
    const { slug, id } = c.req.valid('param');
    await teams.revokeInvitation(requireUser(c), slug, id);
    return c.body(null, 204);
  });
  app.openapi(previewRoute, async (c) => {
    requireUser(c);
    return c.json(toInvitationPreview(await teams.preview(c.req.valid('param').token)), 200);
  });
  app.openapi(acceptRoute, async (c) => {
    return c.json(toTeamView(await teams.accept(requireUser(c), c.req.valid('param').token)), 200);
  });
  app.openapi(declineRoute, async (c) => {
    await teams.decline(c.req.valid('param').token);
    return c.body(null, 204);
  });
}
