import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import type { EmailChangeService } from './service.ts';

const EmailChangeBody = z
  .object({
    // Same rules as at sign-up.
    newEmail: z.string().trim().max(254).pipe(z.email('must be a valid email address')).openapi({ description: 'Private, like the current one.' }),
    password: z.string().min(1).max(1024).optional().openapi({ description: 'Your current password; required when the account has one.' }),
  })
  .openapi('EmailChange');

const PendingEmailChange = z
  .object({
    pendingEmail: z.string().openapi({ description: 'The address waiting for confirmation.' }),
    awaitingApproval: z.literal(true).optional().openapi({ description: 'A managed account (P11): a team admin must approve first.' }),
    managedBy: z.string().optional().openapi({ description: 'The name of the team managing the account.' }),
  })
  .openapi('PendingEmailChange');

const TokenBody = z
  .object({ token: z.string().min(1).max(256).openapi({ description: 'The token from the link (after #token=).' }) })
  .openapi('EmailChangeToken');

const session = { security: [{ session: [] }] };
const notSignedIn = problemResponse('Not signed in (UNAUTHENTICATED)');
const sessionOnly = problemResponse('Missing or wrong X-CSRF-Token (CSRF_TOKEN_INVALID), or an API key (API_KEY_NOT_ALLOWED)');
const tooMany = problemResponse('Too many attempts (RATE_LIMITED); see Retry-After');
const badToken = problemResponse('Invalid input (VALIDATION_FAILED) or a link that is unknown (TOKEN_INVALID), used (TOKEN_USED) or expired (TOKEN_EXPIRED)');

const requestRoute = createRoute({
  method: 'post',
  path: '/api/me/email-change',
  tags: ['accounts'],
  summary: 'Change your email: mails a confirmation link to the new address and a notice to the current one',
  ...session,
  request: { body: { required: true, content: { 'application/json': { schema: EmailChangeBody } } } },
  responses: {
    202: { description: 'Pending until the new address is confirmed (and, for a managed account, approved)', content: { 'application/json': { schema: PendingEmailChange } } },
    400: problemResponse('Invalid input (VALIDATION_FAILED) or the current address (EMAIL_UNCHANGED)'),
    401: notSignedIn,
    403: problemResponse(
      'PASSWORD_REQUIRED, PASSWORD_INCORRECT, CSRF_TOKEN_INVALID or API_KEY_NOT_ALLOWED',
    ),
    409: problemResponse('Another account has this address (EMAIL_TAKEN)'),
    429: tooMany,
    503: problemResponse('The mail server refused or did not answer (MAIL_UNAVAILABLE)'),
  },
});

const cancelRoute = createRoute({
  method: 'delete',
  path: '/api/me/email-change',
  tags: ['accounts'],
  summary: 'Cancel the pending email change (also one waiting for approval)',
  ...session,
  responses: {
    204: { description: 'Cancelled; the confirmation link no longer works' },
    401: notSignedIn,
    403: sessionOnly,
    404: problemResponse('No change is pending (NO_PENDING_EMAIL_CHANGE)'),
  },
});

const completeRoute = createRoute({
  method: 'post',
  path: '/api/email-changes/complete',
  tags: ['accounts'],
  summary: 'Confirm the new address with the token from the link mailed to it; the email changes',
  request: { body: { required: true, content: { 'application/json': { schema: TokenBody } } } },
  responses: {
    204: { description: 'The account now has the new, confirmed address' },
    400: badToken,
    409: problemResponse('Another account took the address meanwhile (EMAIL_TAKEN)'),
    429: tooMany,
  },
});

const cancelWithTokenRoute = createRoute({
  method: 'post',
  path: '/api/email-changes/cancel',
  tags: ['accounts'],
  summary: 'Cancel a pending email change with the link mailed to the current address',
  request: { body: { required: true, content: { 'application/json': { schema: TokenBody } } } },
  responses: { 204: { description: 'Cancelled' }, 400: badToken, 429: tooMany },
});

export function registerEmailChangeRoutes(app: OpenAPIHono<AppEnv>, deps: { emailChanges: EmailChangeService }): void {
  app.openapi(requestRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json(await deps.emailChanges.request(user.id, c.req.valid('json')), 202);
  });

  app.openapi(cancelRoute, async (c) => {
    const { user } = requireSession(c);
    await deps.emailChanges.cancel(user.id);
    return c.body(null, 204);
  });

  app.openapi(completeRoute, async (c) => {
    await deps.emailChanges.complete(c.req.valid('json').token);
    return c.body(null, 204);
  });

  app.openapi(cancelWithTokenRoute, async (c) => {
    await deps.emailChanges.cancelWithToken(c.req.valid('json').token);
    return c.body(null, 204);
  });
}
