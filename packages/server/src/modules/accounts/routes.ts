import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { notFound } from '../../errors.ts';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import { setSessionCookies } from '../sessions/cookies.ts';
import type { CookiePolicy } from '../sessions/cookies.ts';
import type { SessionService } from '../sessions/service.ts';
import { AccountSchema, toAccountView } from './account-view.ts';
import type { AccountService } from './service.ts';
import type { UserRecord } from './store.ts';

export const SignUpBody = z
  .object({
    username: z
      .string()
      .regex(/^[A-Za-z0-9_-]{3,39}$/, 'must be 3 to 39 letters, digits, "-" or "_"')
      .openapi({ description: 'Public; unique regardless of case.', example: 'ada_l' }),
    email: z.string().trim().max(254).pipe(z.email('must be a valid email address')).openapi({ description: 'Private.' }),
    password: z.string().min(10, 'must be at least 10 characters').max(1024),
    birthDate: z.iso
      .date('must be a date written YYYY-MM-DD')
      .pipe(z.string().refine((d) => d >= '1900-01-01' && new Date(`${d}T00:00:00Z`).getTime() <= Date.now(), 'must be a real birth date'))
      .openapi({ description: 'For the age check only; not stored.', example: '1990-12-10' }),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
      .transform((c) => c.toUpperCase())
      .openapi({ description: 'ISO 3166-1 alpha-2, for the age check only; not stored.', example: 'DE' }),
  })
  .openapi('SignUp');

const signUpRoute = createRoute({
  method: 'post',
  path: '/api/accounts',
  tags: ['accounts'],
  summary: 'Open an account and sign in',
  request: { body: { required: true, content: { 'application/json': { schema: SignUpBody } } } },
  responses: {
    201: { description: 'Created; the session cookies are set', content: { 'application/json': { schema: AccountSchema } } },
    400: { description: 'Invalid input (VALIDATION_FAILED)', content: problem },
    403: { description: 'Younger than the minimum age for the country (BELOW_MINIMUM_AGE)', content: problem },
    409: { description: 'USERNAME_TAKEN or EMAIL_TAKEN', content: problem },
    429: { description: 'Too many sign-ups from this address (RATE_LIMITED, with Retry-After)', content: problem },
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['accounts'],
  summary: 'The signed-in account',
  security: [{ session: [] }],
  responses: {
    200: { description: 'The account, with its email', content: { 'application/json': { schema: AccountSchema } } },
    401: { description: 'Not signed in (UNAUTHENTICATED)', content: problem },
  },
});

export function registerAccountRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: {
    accounts: AccountService;
    sessions: SessionService;
    cookies: CookiePolicy;
    /** Runs once the account exists, e.g. to send the verification email (never throws). */
    afterSignUp?: (user: UserRecord) => Promise<void>;
    /** The address of a pending email change (modules/email-change), shown in GET /api/me. */
    pendingEmail?: (userId: string) => Promise<string | null>;
  },
): void {
  app.openapi(signUpRoute, async (c) => {
    const user = await deps.accounts.signUp(c.req.valid('json'));
    await deps.afterSignUp?.(user);
    const started = await deps.sessions.start(user.id, c.req.header('User-Agent'), c.get('clientAddress'));
    setSessionCookies(c, deps.cookies, started);
    return c.json(toAccountView(user), 201);
  });

  app.openapi(meRoute, async (c) => {
    const user = requireUser(c);
    const account = await deps.accounts.findAccount(user.id);
    if (!account) throw notFound('No such account.');
    return c.json({ ...toAccountView(account), pendingEmail: (await deps.pendingEmail?.(account.id)) ?? null }, 200);
  });
}
