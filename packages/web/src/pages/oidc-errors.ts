/**
 * The server's single sign-on callback ends with a redirect to `/signin?error=CODE` or
 * `/settings/account?error=CODE` (packages/server/src/modules/identities/routes.ts). These say
 * what happened in plain words; the code arrives in the URL, so nothing from it is shown but a
 * known code's message, or a well-formed unknown code.
 */
const MESSAGES: Record<string, string> = {
  OIDC_STATE_INVALID: 'The sign-in took too long or was started in another browser. Start again from this browser.',
  OIDC_FAILED: 'The identity provider did not confirm the sign-in. Try again.',
  OIDC_EMAIL_MISSING: 'The identity provider did not share your email address, which a Postern account needs. Allow it to share your email, or create an account with a password.',
  OIDC_EMAIL_TAKEN:
    'An account with this email address already exists. Sign in with your password, then link the identity provider from Settings → Account.',
  OIDC_IDENTITY_TAKEN: 'This identity already signs in to another Postern account. Sign in to that account instead, or unlink it there first.',
  OIDC_LINK_SESSION_CHANGED: 'You were signed out or signed in as someone else while linking. Sign in again, then link the identity from Settings → Account.',
  OIDC_UNAVAILABLE: 'The identity provider cannot be reached right now. Try again later.',
  OIDC_NOT_CONFIGURED: 'Single sign-on is not set up on this Postern instance.',
  OIDC_SIGNUP_EXPIRED: 'That sign-up expired or was already completed. Sign in with the identity provider again.',
};

/** The message for `?error=CODE`, or null when there is no error parameter. */
export function oidcErrorMessage(code: string | null): string | null {
  if (!code) return null;
  const known = MESSAGES[code];
  if (known) return known;
  const shown = /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? ` (${code})` : '';
  return `Signing in with the identity provider did not work${shown}. Try again, or sign in with your password.`;
}
