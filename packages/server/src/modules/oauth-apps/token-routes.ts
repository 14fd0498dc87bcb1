import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import type { OAuthService } from './service.ts';
import { OAuthError } from './service.ts';

/**
 * The endpoints apps call directly (RFC 6749 §3.2, RFC 7009, and a small userinfo). They speak
 * OAuth's own form bodies and `{ error, error_description }` answers, not problem+json, so they
 * are plain routes; docs/admin.md describes them.
 */
export function registerOAuthTokenRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { oauth: OAuthService; findAccount: (id: string) => Promise<{ username: string; displayName: string | null; email: string } | undefined> },
): void {
  describeInOpenApi(app);

  app.post('/api/oauth/token', async (c) => {
    try {
      const tokens = await deps.oauth.token({ form: await readForm(c), authorization: c.req.header('Authorization') });
      return c.json(tokens, 200, NO_STORE);
    } catch (error) {
      return oauthError(c, error);
    }
  });

  app.post('/api/oauth/revoke', async (c) => {
    try {
      await deps.oauth.revokeToken({ form: await readForm(c), authorization: c.req.header('Authorization') });
      return c.body(null, 200, NO_STORE);
    } catch (error) {
      return oauthError(c, error);
    }
  });

  // Reached with an access token; apiKeyScopes already required profile:read or email:read.
  app.get('/api/oauth/userinfo', async (c) => {
    const user = requireUser(c);
    const scopes = c.get('apiKey')?.oauth?.scopes;
    const account = await deps.findAccount(user.id);
    if (!account) return c.json({ error: 'invalid_token' }, 401);
    const profile = !scopes || scopes.includes('profile:read');
    const email = !scopes || scopes.includes('email:read');
    return c.json(
      {
        sub: user.id,
        ...(profile && { username: account.username, displayName: account.displayName }),
        ...(email && { email: account.email }),
      },
      200,
      NO_STORE,
    );
  });
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

async function readForm(c: Context<AppEnv>): Promise<Record<string, string | undefined>> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('Content-Type') ?? '')) {
    throw new OAuthError('invalid_request', 'Send the parameters as application/x-www-form-urlencoded.');
  }
  const params = new URLSearchParams(await c.req.text());
  const form: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    // RFC 6749 §3.2: parameters must not be repeated.
    if (params.getAll(key).length > 1) throw new OAuthError('invalid_request', `Parameter ${key} is repeated.`);
    form[key] = params.get(key)!;
  }
  return form;
}

function oauthError(c: Context<AppEnv>, error: unknown) {
  if (!(error instanceof OAuthError)) throw error;
  const headers: Record<string, string> = { ...NO_STORE };
  // RFC 6749 §5.2: a client that tried HTTP authentication gets a challenge back.
  if (error.status === 401) headers['WWW-Authenticate'] = 'Basic realm="postern-oauth"';
  return c.json({ error: error.error, error_description: error.description }, error.status as 400 | 401, headers);
}

/** The plain routes above, in the OpenAPI document for /api/docs. */
function describeInOpenApi(app: OpenAPIHono<AppEnv>): void {
  const form = (schema: z.ZodType) => ({ required: true, content: { 'application/x-www-form-urlencoded': { schema } } });
  const oauthError = {
    description: 'RFC 6749 §5.2 error: invalid_request, invalid_grant, invalid_scope, unsupported_grant_type (400) or invalid_client (401)',
    content: { 'application/json': { schema: z.object({ error: z.string(), error_description: z.string() }) } },
  };
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/oauth/token',
    tags: ['oauth-apps'],
    summary: 'Exchange an authorization code (PKCE S256) or a refresh token for tokens',
    request: {
      body: form(
        z.object({
          grant_type: z.enum(['authorization_code', 'refresh_token']),
          client_id: z.string().optional(),
          client_secret: z.string().optional().openapi({ description: 'Confidential apps, unless sent with HTTP Basic.' }),
          code: z.string().optional(),
          redirect_uri: z.string().optional(),
          code_verifier: z.string().optional(),
          refresh_token: z.string().optional(),
          scope: z.string().optional().openapi({ description: 'On refresh: the same or fewer scopes.' }),
        }),
      ),
    },
    responses: {
      200: {
        description: 'Tokens; the refresh token replaces the one sent',
        content: {
          'application/json': {
            schema: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number(), refresh_token: z.string(), scope: z.string() }),
          },
        },
      },
      400: oauthError,
      401: oauthError,
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/oauth/revoke',
    tags: ['oauth-apps'],
    summary: 'Give an access or refresh token back (RFC 7009)',
    request: { body: form(z.object({ token: z.string(), client_id: z.string().optional(), client_secret: z.string().optional() })) },
    responses: { 200: { description: 'Revoked, or was not a live token of this app' }, 400: oauthError, 401: oauthError },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/oauth/userinfo',
    tags: ['oauth-apps'],
    summary: 'Who granted the token: id, and username and display name (profile:read) and email (email:read)',
    security: [{ apiKey: [] }],
    responses: {
      200: {
        description: 'The granted fields only',
        content: {
          'application/json': {
            schema: z.object({ sub: z.string(), username: z.string().optional(), displayName: z.string().nullable().optional(), email: z.string().optional() }),
          },
        },
      },
      401: { description: 'OAUTH_TOKEN_INVALID or OAUTH_APP_BLOCKED' },
      403: { description: 'OAUTH_SCOPE_MISSING' },
    },
  });
}
