import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import type { TwoFactorService } from './service.ts';
import type { AuditService } from '../audit/service.ts';

const CodeBody = z
  .object({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator') })
  .openapi('TotpCode');
const PasswordBody = z.object({ password: z.string().min(1).max(1024) }).openapi('PasswordConfirmation');

const StatusSchema = z
  .object({
    enabled: z.boolean(),
    pending: z.boolean().openapi({ description: 'Enrollment started, not confirmed yet.' }),
    recoveryCodesLeft: z.number().int(),
  })
  .openapi('TotpStatus');
const EnrollmentSchema = z
  .object({
    secret: z.string().openapi({ description: 'Base32 secret, for typing into the authenticator by hand.' }),
    uri: z.string().openapi({ description: 'otpauth:// URI, for a QR code.' }),
  })
  .openapi('TotpEnrollment');
const RecoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()).openapi({ description: 'Ten single-use codes, shown this once.' }) })
  .openapi('RecoveryCodes');

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const denied = {
  401: { description: 'Not signed in', content: problem },
};
const forbiddenResponse = (extra = '') => ({
  description: `CSRF_TOKEN_INVALID, API_KEY_NOT_ALLOWED${extra}`,
  content: problem,
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/me/totp',
  tags: ['two-factor'],
  summary: 'Whether two-factor authentication is on',
  ...signedIn,
  responses: { 200: { description: 'Status', content: json(StatusSchema) }, ...denied, 403: forbiddenResponse() },
});

const startRoute = createRoute({
  method: 'post',
  path: '/api/me/totp',
  tags: ['two-factor'],
  summary: 'Start enrolling an authenticator app (nothing is active until confirmed)',
  ...signedIn,
  responses: {
    201: { description: 'The secret to put in the authenticator', content: json(EnrollmentSchema) },
    ...denied,
    403: forbiddenResponse(),
    409: { description: 'TOTP_ALREADY_ENABLED', content: problem },
  },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/api/me/totp/confirm',
  tags: ['two-factor'],
  summary: 'Turn two-factor authentication on with a first code',
  ...signedIn,
  request: { body: { required: true, content: json(CodeBody) } },
  responses: {
    200: { description: 'On; the recovery codes are shown only now', content: json(RecoveryCodesSchema) },
    400: { description: 'Invalid input, or TOTP_CODE_INVALID', content: problem },
    ...denied,
    403: forbiddenResponse(),
    409: { description: 'TOTP_NOT_PENDING', content: problem },
  },
});

const disableRoute = createRoute({
  method: 'delete',
  path: '/api/me/totp',
  tags: ['two-factor'],
  summary: 'Turn two-factor authentication off (or cancel an enrollment)',
  ...signedIn,
  request: { body: { required: true, content: json(PasswordBody) } },
  responses: {
    204: { description: 'Off; the recovery codes are deleted' },
    400: { description: 'Invalid input', content: problem },
    ...denied,
    403: forbiddenResponse(', PASSWORD_INCORRECT'),
    409: { description: 'TOTP_NOT_ENABLED', content: problem },
  },
});

const regenerateRoute = createRoute({
  method: 'post',
  path: '/api/me/totp/recovery-codes',
  tags: ['two-factor'],
  summary: 'Replace all recovery codes with ten new ones',
  ...signedIn,
  request: { body: { required: true, content: json(PasswordBody) } },
  responses: {
    200: { description: 'The new codes, shown only now; the old ones stop working', content: json(RecoveryCodesSchema) },
    400: { description: 'Invalid input', content: problem },
    ...denied,
    403: forbiddenResponse(', PASSWORD_INCORRECT'),
    409: { description: 'TOTP_NOT_ENABLED', content: problem },
  },
});

export function registerTwoFactorRoutes(app: OpenAPIHono<AppEnv>, deps: { twoFactor: TwoFactorService; audit?: Pick<AuditService, 'record'> }): void {
  const record = (userId: string, action: string) => deps.audit?.record({ actorId: userId, action, targetType: 'account', targetId: userId });
  app.openapi(statusRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json(await deps.twoFactor.status(user.id), 200);
  });

  app.openapi(startRoute, async (c) => {
    const { user } = requireSession(c);
    return c.json(await deps.twoFactor.startEnrollment(user), 201);
  });

  app.openapi(confirmRoute, async (c) => {
    const { user } = requireSession(c);
    const recoveryCodes = await deps.twoFactor.confirm(user.id, c.req.valid('json').code);
    await record(user.id, 'account.two_factor_enabled');
    return c.json({ recoveryCodes }, 200);
  });

  app.openapi(disableRoute, async (c) => {
    const { user } = requireSession(c);
    await deps.twoFactor.disable(user.id, c.req.valid('json').password);
    await record(user.id, 'account.two_factor_disabled');
    return c.body(null, 204);
  });

  app.openapi(regenerateRoute, async (c) => {
    const { user } = requireSession(c);
    const recoveryCodes = await deps.twoFactor.regenerateRecoveryCodes(user.id, c.req.valid('json').password);
    await record(user.id, 'account.recovery_codes_regenerated');
    return c.json({ recoveryCodes }, 200);
  });
}
