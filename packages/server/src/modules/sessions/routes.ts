import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import { AccountSchema, toAccountView } from '../accounts/account-view.ts';
import type { AccountService } from '../accounts/service.ts';
import type { AuditService } from '../audit/service.ts';
import type { TwoFactorService } from '../two-factor/service.ts';
import { clearSessionCookies, setSessionCookies } from './cookies.ts';
import type { CookiePolicy } from './cookies.ts';
import type { SessionService } from './service.ts';

const SignInBody = z
  .object({
    login: z.string().min(1).max(254).openapi({ description: 'Username or email.' }),
    password: z.string().min(1).max(1024),
    totp: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator').optional().openapi({
      description: 'Needed when two-factor authentication is on (or send recoveryCode instead).',
    }),
    recoveryCode: z.string().min(1).max(64).optional().openapi({ description: 'A single-use recovery code, instead of totp.' }),
  })
  .openapi('SignIn');

const SessionSchema = z
  .object({
    id: z.string().uuid(),
    current: z.boolean().openapi({ description: 'Whether this is the session making the request.' }),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    approximateNetwork: z.string().nullable().openapi({
      description: 'The /24 (IPv4) or /48 (IPv6) network the session started from; the full address is not kept.',
      example: '203.0.113.0/24',
    }),
    approximateLocation: z.string().nullable().openapi({
      description: "The network's place (city, region, country) when the instance has a location database (POSTERN_GEOIP_DB); otherwise null.",
      example: 'Lisbon, Portugal',
    }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastSeenAt: z.string().openapi({ format: 'date-time' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Session');

const signedIn = { security: [{ session: [] }] };

const signInRoute = createRoute({
  method: 'post',
  path: '/api/sessions',
  tags: ['sessions'],
  summary: 'Sign in',
  request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
  responses: {
    200: { description: 'Signed in; the session cookies are set', content: { 'application/json': { schema: AccountSchema } } },
    400: { description: 'Invalid input', content: problem },
    429: { description: 'Too many attempts for this address and login (RATE_LIMITED, with Retry-After)', content: problem },
    401: {
      description:
        'INVALID_CREDENTIALS (unknown account or wrong password); with 2FA on: TOTP_REQUIRED, TOTP_INVALID or RECOVERY_CODE_INVALID',
      content: problem,
    },
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/sessions',
  tags: ['sessions'],
  summary: "The signed-in person's unexpired sessions, most recently used first",
  ...signedIn,
  responses: {
    200: { description: 'Sessions', content: { 'application/json': { schema: z.object({ sessions: z.array(SessionSchema) }) } } },
    401: { description: 'Not signed in', content: problem },
  },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/api/sessions/current',
  tags: ['sessions'],
  summary: 'Sign out (end the session making the request)',
  ...signedIn,
  responses: {
    204: { description: 'Signed out; the cookies are cleared' },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'Missing or wrong X-CSRF-Token (CSRF_TOKEN_INVALID)', content: problem },
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}',
  tags: ['sessions'],
  summary: 'End one of your sessions',
  ...signedIn,
  request: { params: z.object({ id: z.string().uuid('must be a session id') }) },
  responses: {
    204: { description: 'Ended' },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'Missing or wrong X-CSRF-Token (CSRF_TOKEN_INVALID)', content: problem },
    404: { description: 'No such session among yours', content: problem },
  },
});

export function registerSessionRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { accounts: AccountService; sessions: SessionService; twoFactor: TwoFactorService; cookies: CookiePolicy; audit?: Pick<AuditService, 'record'> },
): void {
  // Sign-in, sign-out and ended sessions (P18): ids only, never the address or the browser.
  const record = async (actorId: string | null, action: string, accountId: string, details: Record<string, unknown> = {}) => {
    await deps.audit?.record({ actorId, action, targetType: 'account', targetId: accountId, details });
  };
  app.openapi(signInRoute, async (c) => {
    const { login, password, totp, recoveryCode } = c.req.valid('json');
    const user = await deps.accounts.authenticate(login, password);
    try {
      await deps.twoFactor.verifySignIn(user.id, { totp, recoveryCode });
    } catch (error) {
      await record(null, 'auth.sign_in_failed', user.id, { reason: 'second_factor' });
      throw error;
    }
    const started = await deps.sessions.start(user.id, c.req.header('User-Agent'), c.get('clientAddress'));
    setSessionCookies(c, deps.cookies, started);
    return c.json(toAccountView(user), 200);
  });

  app.openapi(listRoute, async (c) => {
    const { user, session } = requireSession(c);
    const sessions = await deps.sessions.list(user.id, session.id);
    return c.json(
      {
        sessions: sessions.map((s) => ({
          ...s,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
        })),
      },
      200,
    );
  });

  // Registered before /{id} so "current" is not read as an id.
  app.openapi(signOutRoute, async (c) => {
    const { user, session } = requireSession(c);
    await deps.sessions.revoke(user.id, session.id);
    await record(user.id, 'auth.signed_out', user.id, { sessionId: session.id });
    clearSessionCookies(c, deps.cookies);
    return c.body(null, 204);
  });

  app.openapi(revokeRoute, async (c) => {
    const { user, session } = requireSession(c);
    const { id } = c.req.valid('param');
    await deps.sessions.revoke(user.id, id);
    await record(user.id, id === session.id ? 'auth.signed_out' : 'auth.session_revoked', user.id, { sessionId: id });
    if (id === session.id) clearSessionCookies(c, deps.cookies);
    return c.body(null, 204);
  });
}
