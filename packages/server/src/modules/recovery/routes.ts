import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import type { RecoveryService } from './service.ts';

const TokenField = z.string().min(1).max(256).openapi({ description: 'The token from the link (after #token=).' });

const VerifyEmailBody = z.object({ token: TokenField }).openapi('VerifyEmail');
const ResetRequestBody = z
  .object({ email: z.string().trim().max(254).pipe(z.email('must be a valid email address')) })
  .openapi('PasswordResetRequest');
// Same rules as at sign-up.
const ResetCompleteBody = z
  .object({ token: TokenField, password: z.string().min(10, 'must be at least 10 characters').max(1024) })
  .openapi('PasswordResetCompletion');

const tooMany = problemResponse('Too many attempts (RATE_LIMITED); see Retry-After');
const badToken = problemResponse('Invalid input (VALIDATION_FAILED) or a link that is unknown (TOKEN_INVALID), used (TOKEN_USED) or expired (TOKEN_EXPIRED)');

const verifyRoute = createRoute({
  method: 'post',
  path: '/api/email-verifications',
  tags: ['accounts'],
  summary: 'Confirm an email address with the token from the verification link',
  request: { body: { required: true, content: { 'application/json': { schema: VerifyEmailBody } } } },
  responses: { 204: { description: 'Confirmed' }, 400: badToken, 429: tooMany },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/api/me/email-verification',
  tags: ['accounts'],
  summary: 'Send a new verification link to your email address',
  security: [{ session: [] }],
  responses: {
    202: { description: 'Sent' },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Missing or wrong X-CSRF-Token (CSRF_TOKEN_INVALID), or an API key (API_KEY_NOT_ALLOWED)'),
    409: problemResponse('The address is already confirmed (EMAIL_ALREADY_VERIFIED)'),
    429: tooMany,
    503: problemResponse('The mail server refused or did not answer (MAIL_UNAVAILABLE)'),
  },
});

const ResetAccepted = z
  .object({ message: z.string() })
  .openapi('PasswordResetAccepted', { description: 'The same answer whether or not an account has the address.' });

const resetRequestRoute = createRoute({
  method: 'post',
  path: '/api/password-resets',
  tags: ['accounts'],
  summary: 'Email a password reset link (if an account has this address)',
  request: { body: { required: true, content: { 'application/json': { schema: ResetRequestBody } } } },
  responses: {
    202: { description: 'Accepted', content: { 'application/json': { schema: ResetAccepted } } },
    400: problemResponse('Invalid input (VALIDATION_FAILED)'),
    429: tooMany,
  },
});

const resetCompleteRoute = createRoute({
  method: 'post',
  path: '/api/password-resets/complete',
  tags: ['accounts'],
  summary: 'Set a new password with the token from the reset link; signs out every session',
  request: { body: { required: true, content: { 'application/json': { schema: ResetCompleteBody } } } },
  responses: { 204: { description: 'Password changed; every session of the account has ended' }, 400: badToken, 429: tooMany },
});

/** Tells nothing about whether the address belongs to an account (no enumeration). */
export const RESET_ACCEPTED_MESSAGE = 'If an account uses this address, a link to reset its password is on its way.';

export function registerRecoveryRoutes(app: OpenAPIHono<AppEnv>, deps: { recovery: RecoveryService }): void {
  app.openapi(verifyRoute, async (c) => {
    await deps.recovery.verifyEmail(c.req.valid('json').token);
    return c.body(null, 204);
  });

  app.openapi(resendRoute, async (c) => {
    const { user } = requireSession(c);
    await deps.recovery.resendVerification(user.id);
    return c.body(null, 202);
  });

  app.openapi(resetRequestRoute, async (c) => {
    await deps.recovery.requestPasswordReset(c.req.valid('json').email);
    return c.json({ message: RESET_ACCEPTED_MESSAGE }, 202);
  });

  app.openapi(resetCompleteRoute, async (c) => {
    const { token, password } = c.req.valid('json');
    await deps.recovery.completePasswordReset(token, password);
    return c.body(null, 204);
  });
}
