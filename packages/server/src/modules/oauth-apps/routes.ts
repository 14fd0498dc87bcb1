import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession, requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { TeamSlug } from '../teams/slug.ts';
import { OAUTH_SCOPES, SCOPE_DESCRIPTIONS } from './scopes.ts';
import type { AuthorizeParams, OAuthService } from './service.ts';
import type { OAuthAppRecord } from './store.ts';

const Scope = z.enum(OAUTH_SCOPES);
const ScopeView = z.object({ name: Scope, description: z.string() }).openapi('OAuthScopeView');
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const signedIn = { security: [{ session: [] }] };

const NewApp = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    homepageUrl: z.string().trim().max(2000).nullable().default(null),
    redirectUris: z.array(z.string().trim().max(2000)).min(1, 'must name at least one redirect URI').openapi({
      description: 'Exact addresses the person may be sent back to: https, or http on 127.0.0.1, [::1] or localhost.',
    }),
    scopes: z.array(Scope).min(1, 'must name at least one scope').openapi({ description: 'The most the app will ever ask for.' }),
    clientType: z.enum(['public', 'confidential']).openapi({
      description: '`public`: no secret (apps on devices and in browsers; PKCE protects the code). `confidential`: gets a secret.',
    }),
  })
  .openapi('NewOAuthApp');

const AppSchema = z
  .object({
    id: z.string().uuid(),
    clientId: z.string(),
    name: z.string(),
    homepageUrl: z.string().nullable(),
    redirectUris: z.array(z.string()),
    scopes: z.array(Scope),
    clientType: z.enum(['public', 'confidential']),
    createdAt: z.string(),
    blocked: z.boolean(),
  })
  .openapi('OAuthApp');

const AuthorizeQuery = z.object({
  response_type: z.string().max(100).optional(),
  client_id: z.string().max(200).optional(),
  redirect_uri: z.string().max(2000).optional(),
  scope: z.string().max(1000).optional(),
  state: z.string().max(2000).optional(),
  code_challenge: z.string().max(200).optional(),
  code_challenge_method: z.string().max(20).optional(),
});

const ConsentView = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('consent'),
      app: z.object({ name: z.string(), clientId: z.string(), homepageUrl: z.string().nullable(), redirectHost: z.string() }),
      scopes: z.array(ScopeView),
      remembered: z.boolean().openapi({ description: 'The person already allowed these scopes; the web app may answer without asking.' }),
    }),
    z.object({ kind: z.literal('redirect'), redirectTo: z.string() }),
  ])
  .openapi('OAuthConsent');

const ConnectedApp = z
  .object({
    app: z.object({ id: z.string().uuid(), name: z.string(), homepageUrl: z.string().nullable() }),
    scopes: z.array(ScopeView),
    grantedAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ConnectedApp');

const TeamRules = z
  .object({
    allowListedOnly: z.boolean(),
    rules: z.array(z.object({ rule: z.enum(['allow', 'block']), app: z.object({ clientId: z.string(), name: z.string(), homepageUrl: z.string().nullable() }) })),
  })
  .openapi('TeamOAuthSettings');

const IdParams = z.object({ id: z.string().uuid('must be an app id') });
const denied = {
  401: problemResponse('Not signed in (UNAUTHENTICATED)'),
  403: problemResponse('CSRF_TOKEN_INVALID, or API_KEY_NOT_ALLOWED: API keys and app tokens cannot do this'),
};

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ tags: ['oauth-apps'], ...signedIn, ...r });

const registerRoute = route({
  method: 'post',
  path: '/api/me/oauth-apps',
  summary: 'Register a third-party app (OAuth 2 client)',
  request: { body: { required: true, ...json(NewApp) } },
  responses: {
    201: { description: 'Registered; `clientSecret` (confidential apps) is shown only now', ...json(AppSchema.extend({ clientSecret: z.string().nullable() })) },
    400: problemResponse('Invalid input, e.g. a redirect URI that is not https or loopback http'),
    ...denied,
  },
});
const listOwnedRoute = route({
  method: 'get',
  path: '/api/me/oauth-apps',
  summary: 'The apps you registered',
  responses: { 200: { description: 'Your apps', ...json(z.object({ items: z.array(AppSchema) })) }, ...denied },
});
const deleteOwnedRoute = route({
  method: 'delete',
  path: '/api/me/oauth-apps/{id}',
  summary: 'Delete an app you registered; every grant and token of it ends',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...denied, 404: problemResponse('OAUTH_APP_NOT_FOUND') },
});
const checkRoute = route({
  method: 'get',
  path: '/api/oauth/authorize',
  summary: 'Check an authorization request and describe the consent screen (RFC 6749 §4.1.1, PKCE S256 required)',
  request: { query: AuthorizeQuery },
  responses: {
    200: { description: 'What to show, or where to send the browser back with an error', ...json(ConsentView) },
    400: problemResponse('OAUTH_CLIENT_UNKNOWN or OAUTH_REDIRECT_URI_MISMATCH: shown to the person, never redirected'),
    ...denied,
    403: problemResponse('OAUTH_APP_BLOCKED by the operator or one of your teams, or API_KEY_NOT_ALLOWED'),
  },
});
const decideRoute = route({
  method: 'post',
  path: '/api/oauth/authorize',
  summary: 'Allow or deny the app; answers where to send the browser',
  request: { body: { required: true, ...json(AuthorizeQuery.extend({ decision: z.enum(['allow', 'deny']) })) } },
  responses: {
    200: { description: 'The redirect URI with code and state, or with error=access_denied', ...json(z.object({ redirectTo: z.string() })) },
    400: problemResponse('OAUTH_CLIENT_UNKNOWN or OAUTH_REDIRECT_URI_MISMATCH'),
    ...denied,
    403: problemResponse('OAUTH_APP_BLOCKED, CSRF_TOKEN_INVALID or API_KEY_NOT_ALLOWED'),
  },
});
const connectedRoute = route({
  method: 'get',
  path: '/api/me/connected-apps',
  summary: 'Apps you allowed, with what each may do and when it was last used (P14)',
  responses: { 200: { description: 'Your connected apps', ...json(z.object({ items: z.array(ConnectedApp) })) }, ...denied },
});
const disconnectRoute = route({
  method: 'delete',
  path: '/api/me/connected-apps/{id}',
  summary: 'Revoke an app: its tokens stop working at once',
  request: { params: IdParams },
  responses: { 204: { description: 'Revoked' }, ...denied, 404: problemResponse('OAUTH_GRANT_NOT_FOUND') },
});
const teamGetRoute = route({
  method: 'get',
  path: '/api/teams/{slug}/oauth-apps',
  summary: 'The team’s rules for third-party apps',
  request: { params: z.object({ slug: TeamSlug }) },
  responses: { 200: { description: 'Settings and lists', ...json(TeamRules) }, ...denied, 404: problemResponse('TEAM_NOT_FOUND') },
});
const teamPolicyRoute = route({
  method: 'put',
  path: '/api/teams/{slug}/oauth-apps/settings',
  summary: 'Allow only allow-listed apps for the team’s members, or not (owners and admins)',
  request: { params: z.object({ slug: TeamSlug }), body: { required: true, ...json(z.object({ allowListedOnly: z.boolean() })) } },
  responses: { 204: { description: 'Saved' }, ...denied, 404: problemResponse('TEAM_NOT_FOUND') },
});
const RuleParams = z.object({ slug: TeamSlug, clientId: z.string().min(1).max(200) });
const teamRuleRoute = route({
  method: 'put',
  path: '/api/teams/{slug}/oauth-apps/rules/{clientId}',
  summary: 'Put an app on the team’s allow-list or block-list (owners and admins)',
  request: { params: RuleParams, body: { required: true, ...json(z.object({ rule: z.enum(['allow', 'block']) })) } },
  responses: { 204: { description: 'Saved' }, ...denied, 404: problemResponse('TEAM_NOT_FOUND or OAUTH_APP_NOT_FOUND') },
});
const teamRuleDeleteRoute = route({
  method: 'delete',
  path: '/api/teams/{slug}/oauth-apps/rules/{clientId}',
  summary: 'Take an app off the team’s lists',
  request: { params: RuleParams },
  responses: { 204: { description: 'Removed' }, ...denied, 404: problemResponse('TEAM_NOT_FOUND or OAUTH_APP_NOT_FOUND') },
});
const adminListRoute = route({
  method: 'get',
  path: '/api/admin/oauth-apps',
  summary: 'Every registered app (operators)',
  responses: { 200: { description: 'Apps, newest first', ...json(z.object({ items: z.array(AppSchema) })) }, ...denied },
});
const adminBlockRoute = route({
  method: 'put',
  path: '/api/admin/oauth-apps/{id}/block',
  summary: 'Block or unblock an app for the whole instance (operators)',
  request: { params: IdParams, body: { required: true, ...json(z.object({ blocked: z.boolean() })) } },
  responses: { 204: { description: 'Saved' }, ...denied, 404: problemResponse('OAUTH_APP_NOT_FOUND') },
});

const appView = (app: OAuthAppRecord) => ({
  id: app.id,
  clientId: app.clientId,
  name: app.name,
  homepageUrl: app.homepageUrl,
  redirectUris: app.redirectUris,
  scopes: app.scopes,
  clientType: app.clientType,
  createdAt: app.createdAt.toISOString(),
  blocked: app.blockedAt !== null,
});

export function registerOAuthAppRoutes(app: OpenAPIHono<AppEnv>, deps: { oauth: OAuthService }): void {
  const { oauth } = deps;

  app.openapi(registerRoute, async (c) => {
    const { user } = requireSession(c);
    const { app: created, clientSecret } = await oauth.registerApp(user, c.req.valid('json'));
    return c.json({ ...appView(created), clientSecret }, 201);
  });
  app.openapi(listOwnedRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json({ items: (await oauth.listOwnedApps(user)).map(appView) }, 200);
  });
  app.openapi(deleteOwnedRoute, async (c) => {
    const { user } = requireSession(c);
    await oauth.deleteApp(user, c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(checkRoute, async (c) => {
    const { user } = requireSession(c);
    const checked = await oauth.check(user, c.req.valid('query') as AuthorizeParams);
    if (checked.kind === 'redirect') return c.json(checked, 200);
    return c.json(
      {
        kind: 'consent' as const,
        app: {
          name: checked.app.name,
          clientId: checked.app.clientId,
          homepageUrl: checked.app.homepageUrl,
          redirectHost: new URL(checked.redirectUri).host,
        },
        scopes: checked.scopes.map((name) => ({ name, description: SCOPE_DESCRIPTIONS[name] })),
        remembered: checked.remembered,
      },
      200,
    );
  });
  app.openapi(decideRoute, async (c) => {
    const { user } = requireSession(c);
    const { decision, ...params } = c.req.valid('json');
    return c.json({ redirectTo: await oauth.decide(user, params, decision === 'allow') }, 200);
  });

  app.openapi(connectedRoute, async (c) => {
    const { user } = requireSession(c);
    const rows = await oauth.connectedApps(user);
    return c.json(
      {
        items: rows.map(({ app: a, grant, scopes }) => ({
          app: { id: a.id, name: a.name, homepageUrl: a.homepageUrl },
          scopes,
          grantedAt: grant.grantedAt.toISOString(),
          lastUsedAt: grant.lastUsedAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  });
  app.openapi(disconnectRoute, async (c) => {
    const { user } = requireSession(c);
    await oauth.disconnect(user, c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(teamGetRoute, async (c) => {
    const settings = await oauth.teamSettings(requireUser(c), c.req.valid('param').slug);
    return c.json(
      {
        allowListedOnly: settings.allowListedOnly,
        rules: settings.rules.map((r) => ({ rule: r.rule, app: { clientId: r.app.clientId, name: r.app.name, homepageUrl: r.app.homepageUrl } })),
      },
      200,
    );
  });
  app.openapi(teamPolicyRoute, async (c) => {
    await oauth.setTeamPolicy(requireUser(c), c.req.valid('param').slug, c.req.valid('json').allowListedOnly);
    return c.body(null, 204);
  });
  app.openapi(teamRuleRoute, async (c) => {
    const { slug, clientId } = c.req.valid('param');
    await oauth.setTeamRule(requireUser(c), slug, clientId, c.req.valid('json').rule);
    return c.body(null, 204);
  });
  app.openapi(teamRuleDeleteRoute, async (c) => {
    const { slug, clientId } = c.req.valid('param');
    await oauth.setTeamRule(requireUser(c), slug, clientId, null);
    return c.body(null, 204);
  });

  app.openapi(adminListRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json({ items: (await oauth.listAllApps(user)).map(appView) }, 200);
  });
  app.openapi(adminBlockRoute, async (c) => {
    const { user } = requireSession(c);
    await oauth.setBlocked(user, c.req.valid('param').id, c.req.valid('json').blocked);
    return c.body(null, 204);
  });
}
