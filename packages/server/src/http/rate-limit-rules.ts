import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RateLimiter } from '../modules/rate-limits/service.ts';
import type { AppEnv } from './env.ts';
import { bodyField, clientAddress, rateLimit } from './rate-limit.ts';
import type { RateLimits } from './rate-limit.ts';

/**
 * Puts the rate limits in front of the endpoints that check secrets, create accounts or send
 * mail. Register before the routes themselves.
 */
export function applyRateLimits(
  app: OpenAPIHono<AppEnv>,
  { limiter, limits, trustProxy }: { limiter: RateLimiter; limits: RateLimits; trustProxy: boolean },
): void {
  const ip = (c: Parameters<typeof clientAddress>[0]) => clientAddress(c, trustProxy);
  app.on('POST', '/api/sessions', rateLimit(limiter, 'sign-in', limits.signIn, async (c) => [ip(c), await bodyField(c, 'login')]));
  app.on('POST', '/api/accounts', rateLimit(limiter, 'sign-up', limits.signUp, (c) => [ip(c)]));
  // Account deletion (P24): password and code checks like a sign-in; restores like a sign-in too.
  app.on('POST', ['/api/me/deletion', '/api/me/deletion/code'], rateLimit(limiter, 'account-deletion', limits.signIn, (c) => [c.get('user')?.id ?? ip(c)]));
  app.on('POST', '/api/account-restorations', rateLimit(limiter, 'account-restoration', limits.signIn, (c) => [ip(c)]));
  // Per address asked about, so nobody's inbox can be flooded with reset links.
  app.on('POST', '/api/password-resets', rateLimit(limiter, 'password-reset', limits.passwordReset, async (c) => [await bodyField(c, 'email')]));
  app.on('POST', '/api/password-resets/complete', rateLimit(limiter, 'password-reset-complete', limits.passwordReset, (c) => [ip(c)]));
  app.on('POST', '/api/email-verifications', rateLimit(limiter, 'email-verification', limits.verification, (c) => [ip(c)]));
  app.on('POST', '/api/me/email-verification', rateLimit(limiter, 'email-verification-resend', limits.verification, (c) => [ip(c)]));
  // Email change (P23) mails two addresses: limited per person; its links like the other links.
  app.on('POST', '/api/me/email-change', rateLimit(limiter, 'email-change', limits.verification, (c) => [c.get('user')?.id ?? ip(c)]));
  app.on('POST', '/api/email-changes/*', rateLimit(limiter, 'email-change-link', limits.verification, (c) => [ip(c)]));
  // Invitations send mail to any address: limited per inviter (anonymous requests fail later with 401).
  app.on('POST', '/api/accounts/:username/underage-reports', rateLimit(limiter, 'underage-report', limits.underageReports, (c) => [ip(c)]));
  // The request desk (P26): submissions, code checks and resends share one budget per address.
  app.on('POST', ['/api/privacy-requests', '/api/privacy-requests/:reference/verify', '/api/privacy-requests/:reference/resend-code'], rateLimit(limiter, 'privacy-request', limits.privacyRequests, (c) => [ip(c)]));
  // Support tickets (P3): open to people without an account, and each one sends an email.
  app.on('POST', '/api/support/tickets', rateLimit(limiter, 'support-ticket', limits.supportTickets, (c) => [ip(c)]));
  // OAuth apps (P14): the token endpoint checks codes, client secrets and refresh tokens.
  app.on('POST', ['/api/oauth/token', '/api/oauth/revoke'], rateLimit(limiter, 'oauth-token', limits.oauthToken, (c) => [ip(c)]));
  app.on('POST', '/api/teams/:slug/invitations', rateLimit(limiter, 'team-invitation', limits.invitations, (c) => [c.get('user')?.id ?? ip(c)]));
}
