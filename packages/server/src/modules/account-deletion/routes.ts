import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { clearSessionCookies } from '../sessions/cookies.ts';
import type { CookiePolicy } from '../sessions/cookies.ts';
import type { AccountDeletionService } from './service.ts';

const Rows = z.object({ table: z.string(), description: z.string(), rows: z.number().int() });

const PreviewSchema = z
  .object({
    graceDays: z.number().int().openapi({ description: 'Days between the request and the purge, during which the account can be restored.' }),
    purgeAt: z.string().openapi({ format: 'date-time', description: 'When the purge would happen for a deletion requested now.' }),
    reauthentication: z.object({
      method: z.enum(['password', 'email_code']).openapi({ description: 'Password, or (accounts without one) a code from POST /api/me/deletion/code.' }),
      totp: z.boolean().openapi({ description: 'Whether the authenticator code is needed too.' }),
    }),
    deleted: z.array(Rows).openapi({ description: 'Records deleted at the purge, by table.' }),
    remaining: z.array(Rows.extend({ reason: z.string() })).openapi({ description: 'Records that stay, without your name, and why.' }),
    notes: z.array(z.string()),
  })
  .openapi('AccountDeletionPreview');

const DeletionBody = z
  .object({
    password: z.string().min(1).max(1024).optional().openapi({ description: 'Required for accounts with a password.' }),
    code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the email').optional().openapi({
      description: 'For accounts without a password: the code sent by POST /api/me/deletion/code.',
    }),
    totpCode: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator').optional().openapi({
      description: 'Required when two-factor authentication is on.',
    }),
  })
  .openapi('AccountDeletionRequest');

const RestorationBody = z
  .union([
    z.object({ token: z.string().min(1).max(200).openapi({ description: 'The token of the restore link from the email.' }) }),
    z.object({
      login: z.string().min(1).max(254).openapi({ description: 'Username or email.' }),
      password: z.string().min(1).max(1024),
      totpCode: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator').optional(),
    }),
  ])
  .openapi('AccountRestoration');

const signedIn = { security: [{ session: [] }] };

const previewRoute = createRoute({
  method: 'get',
  path: '/api/me/deletion',
  tags: ['account deletion'],
  summary: 'What deleting your account would delete, what would remain and why, and when',
  ...signedIn,
  responses: {
    200: { description: 'The preview', content: { 'application/json': { schema: PreviewSchema } } },
    401: problemResponse('Not signed in'),
    403: problemResponse('API keys cannot manage the account (API_KEY_NOT_ALLOWED)'),
  },
});

const codeRoute = createRoute({
  method: 'post',
  path: '/api/me/deletion/code',
  tags: ['account deletion'],
  summary: 'Email a 6-digit code confirming the deletion (accounts without a password)',
  ...signedIn,
  responses: {
    204: { description: 'Sent; it expires in 15 minutes and allows 5 wrong guesses' },
    401: problemResponse('Not signed in'),
    409: problemResponse('The account has a password (PASSWORD_REQUIRED)'),
    503: problemResponse('Mail could not be sent (MAIL_UNAVAILABLE)'),
  },
});

const deleteRoute = createRoute({
  method: 'post',
  path: '/api/me/deletion',
  tags: ['account deletion'],
  summary: 'Delete your account: disabled now, purged after the grace period unless restored',
  ...signedIn,
  request: { body: { required: true, content: { 'application/json': { schema: DeletionBody } } } },
  responses: {
    202: {
      description: 'Disabled and scheduled; every session (this one too) and API key is revoked, and the restore link is emailed',
      content: { 'application/json': { schema: z.object({ purgeAt: z.string().openapi({ format: 'date-time' }), graceDays: z.number().int() }) } },
    },
    400: problemResponse('PASSWORD_REQUIRED, DELETION_CODE_REQUIRED, DELETION_CODE_EXPIRED or VALIDATION_FAILED'),
    401: problemResponse('Not signed in, or TOTP_REQUIRED / TOTP_INVALID'),
    403: problemResponse('PASSWORD_INCORRECT, DELETION_CODE_INVALID, DELETION_CODE_EXPIRED (too many wrong codes) or CSRF_TOKEN_INVALID'),
    409: problemResponse('The operator account cannot be deleted (OPERATOR_ACCOUNT)'),
  },
});

const restoreRoute = createRoute({
  method: 'post',
  path: '/api/account-restorations',
  tags: ['account deletion'],
  summary: 'Restore an account pending deletion, with the emailed link or its sign-in details',
  request: { body: { required: true, content: { 'application/json': { schema: RestorationBody } } } },
  responses: {
    204: { description: 'Restored; sign in as before' },
    400: problemResponse('TOKEN_USED or VALIDATION_FAILED'),
    401: problemResponse('INVALID_CREDENTIALS, TOTP_REQUIRED or TOTP_INVALID'),
    404: problemResponse('RESTORE_NOT_POSSIBLE: the link is not valid, or the account was already purged'),
    429: problemResponse('Too many attempts (RATE_LIMITED)'),
  },
});

export function registerAccountDeletionRoutes(app: OpenAPIHono<AppEnv>, deps: { deletion: AccountDeletionService; cookies: CookiePolicy }): void {
  app.openapi(previewRoute, async (c) => {
    const { user } = requireSession(c);
    const preview = await deps.deletion.preview(user.id);
    return c.json({ ...preview, purgeAt: preview.purgeAt.toISOString() }, 200);
  });

  app.openapi(codeRoute, async (c) => {
    const { user } = requireSession(c);
    await deps.deletion.sendCode(user.id);
    return c.body(null, 204);
  });

  app.openapi(deleteRoute, async (c) => {
    const { user } = requireSession(c);
    const { purgeAt } = await deps.deletion.requestDeletion(user.id, c.req.valid('json'));
    clearSessionCookies(c, deps.cookies);
    return c.json({ purgeAt: purgeAt.toISOString(), graceDays: deps.deletion.graceDays }, 202);
  });

  app.openapi(restoreRoute, async (c) => {
    const body = c.req.valid('json');
    if ('token' in body) await deps.deletion.restoreWithToken(body.token);
    else await deps.deletion.restoreWithPassword(body.login, body.password, body.totpCode);
    return c.body(null, 204);
  });
}
