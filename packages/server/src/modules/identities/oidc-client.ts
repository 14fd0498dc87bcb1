import * as openid from 'openid-client';
import { isLoopbackHttp } from './loopback.ts';

/** How this instance is registered at its OpenID Connect provider (OIDC_* settings). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Unset for public clients (PKCE only). */
  clientSecret?: string;
  /** The sign-in button's label, e.g. "Acme SSO". */
  name: string;
}

/** What one authorization request must remember until the provider sends the person back. */
export interface OidcFlowChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Name and email only: the two facts Postern takes from a provider (P6). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface OidcClient {
  /** The provider's authorization URL, and the checks to keep for the callback. */
  authorizationUrl(redirectUri: string): Promise<{ url: string; checks: OidcFlowChecks }>;
  /** Exchanges the code in `callbackUrl` (verifying state, nonce and PKCE) for the identity. */
  identify(callbackUrl: URL, checks: OidcFlowChecks): Promise<OidcIdentity>;
}

/** Scope asked for: just enough for a name and an email (P6, P7). */
export const OIDC_SCOPE = 'openid email profile';


/** openid-client (v6) against the configured provider; discovery runs on first use and is kept. */
export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<openid.Configuration> | undefined;
  const configuration = () => {
    discovered ??= openid
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        isLoopbackHttp(settings.issuer) ? { execute: [openid.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        // Try again on the next sign-in rather than remembering an outage.
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async authorizationUrl(redirectUri) {
      const config = await configuration();
      const checks = { state: openid.randomState(), nonce: openid.randomNonce(), codeVerifier: openid.randomPKCECodeVerifier() };
      const url = openid.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: OIDC_SCOPE,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await openid.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, checks };
    },

    async identify(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await openid.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('The provider sent no ID token.');
      // Providers may keep email and name out of the ID token; the userinfo endpoint has them.
      const info = await openid.fetchUserInfo(config, tokens.access_token, claims.sub);
      const email = typeof info.email === 'string' ? info.email : typeof claims.email === 'string' ? claims.email : null;
      const verified = info.email_verified ?? claims.email_verified;
      const name = typeof info.name === 'string' ? info.name : typeof claims.name === 'string' ? claims.name : null;
      return { issuer: claims.iss, subject: claims.sub, email, emailVerified: verified === true, name };
    },
  };
}
