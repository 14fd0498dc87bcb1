import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isAppError } from '../../errors.ts';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import { AccountSchema, toAccountView } from '../accounts/account-view.ts';
import { SignUpBody } from '../accounts/routes.ts';
import { setSessionCookies } from '../sessions/cookies.ts';
import type { CookiePolicy } from '../sessions/cookies.ts';
import type { SessionService } from '../sessions/service.ts';
import type { IdentityService } from './service.ts';
import { OIDC_FLOW_TTL_MS, PENDING_SIGNUP_TTL_MS } from './service.ts';

/** The sealed state, nonce and PKCE verifier of one round trip to the provider. */
export const OIDC_FLOW_COOKIE = 'postern_oidc_flow';
/** Names the pending sign-up of a new identity until the age check is done. */
export const OIDC_SIGNUP_COOKIE = 'postern_oidc_signup';
const COOKIE_PATH = '/api/auth/oidc';

/** Pages of the web app the callback sends the browser to (the contract with packages/web). */
export const OIDC_PAGES = {
  signedIn: '/',
  signUp: '/signup/oidc',
  signInError: '/signin',
  linked: '/settings/account',
} as const;

const CompleteBody = SignUpBody.pick({ username: true, birthDate: true, country: true }).openapi('OidcSignUp');

const ProviderSchema = z
  .object({ enabled: z.boolean(), name: z.string().nullable().openapi({ description: 'The sign-in button label (OIDC_NAME).' }) })
  .openapi('OidcProvider');
const PendingSchema = z
  .object({
    provider: z.string(),
    name: z.string().nullable(),
    email: z.string(),
    emailVerified: z.boolean(),
  })
  .openapi('OidcPendingSignUp');
const IdentitySchema = z
  .object({ id: z.string().uuid(), issuer: z.string(), createdAt: z.string().openapi({ format: 'date-time' }) })
  .openapi('LinkedIdentity');

const redirect = { description: 'Redirect (Location header)' };

const providerRoute = createRoute({
  method: 'get',
  path: '/api/auth/oidc',
  tags: ['sign-in'],
  summary: 'Whether single sign-on is set up, and its button label',
  responses: { 200: { description: 'Provider', content: { 'application/json': { schema: ProviderSchema } } } },
});

const startRoute = createRoute({
  method: 'get',
  path: '/api/auth/oidc/start',
  tags: ['sign-in'],
  summary: 'Go to the identity provider (to sign in, or with intent=link to link it to your account)',
  description: `When the provider cannot be reached, redirects to ${OIDC_PAGES.signInError}?error=OIDC_UNAVAILABLE (or ${OIDC_PAGES.linked}?error=… when linking).`,
  request: { query: z.object({ intent: z.enum(['sign-in', 'link']).default('sign-in') }) },
  responses: {
    302: redirect,
    400: { description: 'Invalid intent', content: problem },
    401: { description: 'intent=link without being signed in', content: problem },
    404: { description: 'OIDC_NOT_CONFIGURED', content: problem },
  },
});

const callbackRoute = createRoute({
  method: 'get',
  path: '/api/auth/oidc/callback',
  tags: ['sign-in'],
  summary: 'Where the provider sends the browser back; answers with a redirect to a web page',
  description:
    `Signed in → ${OIDC_PAGES.signedIn}; new identity → ${OIDC_PAGES.signUp} (pending sign-up cookie set); ` +
    `linked → ${OIDC_PAGES.linked}?linked=oidc; failure → ${OIDC_PAGES.signInError}?error=CODE ` +
    '(OIDC_STATE_INVALID, OIDC_FAILED, OIDC_EMAIL_MISSING, OIDC_EMAIL_TAKEN, OIDC_IDENTITY_TAKEN, OIDC_LINK_SESSION_CHANGED).',
  responses: { 302: redirect, 404: { description: 'OIDC_NOT_CONFIGURED', content: problem } },
});

const pendingRoute = createRoute({
  method: 'get',
  path: '/api/auth/oidc/signup',
  tags: ['sign-in'],
  summary: 'The pending sign-up of a new identity (for the sign-up page to show)',
  responses: {
    200: { description: 'What the provider shared', content: { 'application/json': { schema: PendingSchema } } },
    404: { description: 'OIDC_NOT_CONFIGURED', content: problem },
    410: { description: 'OIDC_SIGNUP_EXPIRED', content: problem },
  },
});

const completeRoute = createRoute({
  method: 'post',
  path: '/api/auth/oidc/complete',
  tags: ['sign-in'],
  summary: 'Create the account for a new identity after the age check, and sign in',
  request: { body: { required: true, content: { 'application/json': { schema: CompleteBody } } } },
  responses: {
    201: { description: 'Created; the session cookies are set', content: { 'application/json': { schema: AccountSchema } } },
    400: { description: 'Invalid input', content: problem },
    403: { description: 'BELOW_MINIMUM_AGE (the pending sign-up is deleted)', content: problem },
    404: { description: 'OIDC_NOT_CONFIGURED', content: problem },
    409: { description: 'USERNAME_TAKEN, EMAIL_TAKEN or OIDC_IDENTITY_TAKEN', content: problem },
    410: { description: 'OIDC_SIGNUP_EXPIRED', content: problem },
  },
});

const signedIn = { security: [{ session: [] }] };

const listRoute = createRoute({
  method: 'get',
  path: '/api/me/identities',
  tags: ['sign-in'],
  summary: 'Identity-provider sign-ins linked to your account',
  ...signedIn,
  responses: {
    200: { description: 'Linked identities', content: { 'application/json': { schema: z.object({ identities: z.array(IdentitySchema) }) } } },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'API_KEY_NOT_ALLOWED', content: problem },
  },
});

const unlinkRoute = createRoute({
  method: 'delete',
  path: '/api/me/identities/{id}',
  tags: ['sign-in'],
  summary: 'Unlink an identity-provider sign-in',
  ...signedIn,
  request: { params: z.object({ id: z.string().uuid('must be an identity id') }) },
  responses: {
    204: { description: 'Unlinked' },
    400: { description: 'Invalid id', content: problem },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'CSRF_TOKEN_INVALID or API_KEY_NOT_ALLOWED', content: problem },
    404: { description: 'No such identity among yours', content: problem },
    409: { description: 'LAST_SIGN_IN_METHOD (no password and no other identity)', content: problem },
  },
});

export function registerIdentityRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: {
    identities: IdentityService;
    sessions: SessionService;
    cookies: CookiePolicy;
    redirectUri: string;
    /** Runs once an account is created through the provider, as after a password sign-up (e.g. domain capture, P11). */
    afterSignUp?: (user: { id: string; username: string; email: string }) => Promise<void>;
  },
): void {
  const cookie = (maxAgeMs: number, sameSite: 'Lax' | 'Strict') =>
    ({ path: COOKIE_PATH, httpOnly: true, secure: deps.cookies.secure, sameSite, maxAge: Math.floor(maxAgeMs / 1000) }) as const;

  app.openapi(providerRoute, (c) => c.json(deps.identities.describe(), 200));

  app.openapi(startRoute, async (c) => {
    const { intent } = c.req.valid('query');
    const userId = intent === 'link' ? requireSession(c).user.id : undefined;
    let started;
    try {
      started = await deps.identities.start(intent, userId);
    } catch (error) {
      // A browser navigation: an unreachable provider is explained on a page, not as raw JSON.
      if (!isAppError(error) || error.code !== 'OIDC_UNAVAILABLE') throw error;
      return c.redirect(`${intent === 'link' ? OIDC_PAGES.linked : OIDC_PAGES.signInError}?error=OIDC_UNAVAILABLE`, 302);
    }
    const { url, flow } = started;
    // Lax: the provider's redirect back is a top-level GET from another site.
    setCookie(c, OIDC_FLOW_COOKIE, flow, cookie(OIDC_FLOW_TTL_MS, 'Lax'));
    return c.redirect(url, 302);
  });

  app.openapi(callbackRoute, async (c) => {
    const sealed = getCookie(c, OIDC_FLOW_COOKIE);
    deleteCookie(c, OIDC_FLOW_COOKIE, { path: COOKIE_PATH, secure: deps.cookies.secure });
    const callbackUrl = new URL(deps.redirectUri);
    callbackUrl.search = new URL(c.req.url).search;
    const intent = deps.identities.intentOf(sealed);
    try {
      const outcome = await deps.identities.callback(callbackUrl, sealed, c.get('session') ? c.get('user')?.id : undefined);
      switch (outcome.kind) {
        case 'signed-in': {
          const started = await deps.sessions.start(outcome.user.id, c.req.header('User-Agent'), c.get('clientAddress'));
          setSessionCookies(c, deps.cookies, started);
          return c.redirect(OIDC_PAGES.signedIn, 302);
        }
        case 'pending':
          setCookie(c, OIDC_SIGNUP_COOKIE, outcome.token, cookie(PENDING_SIGNUP_TTL_MS, 'Lax'));
          return c.redirect(OIDC_PAGES.signUp, 302);
        case 'linked':
          return c.redirect(`${OIDC_PAGES.linked}?linked=oidc`, 302);
      }
    } catch (error) {
      // A browser navigation: failures go to a page that explains them, with the stable code.
      if (!isAppError(error) || error.code === 'OIDC_NOT_CONFIGURED') throw error;
      const page = intent === 'link' || error.code === 'OIDC_LINK_SESSION_CHANGED' ? OIDC_PAGES.linked : OIDC_PAGES.signInError;
      return c.redirect(`${page}?error=${encodeURIComponent(error.code)}`, 302);
    }
  });

  app.openapi(pendingRoute, async (c) => c.json(await deps.identities.pending(getCookie(c, OIDC_SIGNUP_COOKIE)), 200));

  app.openapi(completeRoute, async (c) => {
    const user = await deps.identities.complete(getCookie(c, OIDC_SIGNUP_COOKIE), c.req.valid('json'));
    deleteCookie(c, OIDC_SIGNUP_COOKIE, { path: COOKIE_PATH, secure: deps.cookies.secure });
    await deps.afterSignUp?.(user);
    const started = await deps.sessions.start(user.id, c.req.header('User-Agent'), c.get('clientAddress'));
    setSessionCookies(c, deps.cookies, started);
    return c.json(toAccountView(user), 201);
  });

  app.openapi(listRoute, async (c) => {
    const { user } = requireSession(c);
    const identities = await deps.identities.list(user.id);
    return c.json(
      { identities: identities.map((i) => ({ id: i.id, issuer: i.issuer, createdAt: i.createdAt.toISOString() })) },
      200,
    );
  });

  app.openapi(unlinkRoute, async (c) => {
    const { user } = requireSession(c);
    await deps.identities.unlink(user.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
}

