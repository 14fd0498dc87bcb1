import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { JWK } from 'oidc-provider';

/** What the test provider says about a person (P6: Postern may keep only name and email). */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Sent too, to prove Postern ignores everything but name and email. */
  birthdate?: string;
}

export const OIDC_CLIENT = { clientId: 'postern', clientSecret: 'postern-test-secret' };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with a random port. Its login and
 * consent screens are skipped: whoever `signInAs` names is signed in and consents at once.
 */
export async function startTestProvider(redirectUri: string) {
  const accounts = new Map<string, ProviderAccount>();
  let current = '';
  // Set once the server listens: the provider needs the issuer URL, which needs the port.
  const ready: { provider?: Provider } = {};

  const server: Server = createServer((req, res) => {
    void (async () => {
      const provider = ready.provider;
      if (!provider) throw new Error('provider not ready');
      if (req.url?.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          await provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false });
        } else {
          const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
          grant.addOIDCScope('openid email profile');
          await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
        }
        return;
      }
      provider.callback()(req, res);
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.clientId,
        client_secret: OIDC_CLIENT.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'birthdate'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['oidc-test-cookie-key'] },
    jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK] },
    pkce: { required: () => true },
  });
  ready.provider = provider;

  return {
    issuer,
    /** Registers (or replaces) a person at the provider. */
    addAccount(sub: string, account: ProviderAccount) {
      accounts.set(sub, account);
    },
    /** The person the next authorization request signs in as. */
    signInAs(sub: string) {
      current = sub;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; they would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/**
 * Follows redirects from `url` as a browser would (keeping the provider's cookies) until one
 * points at `stopAt`; returns that URL.
 */
export async function followUntil(url: string, stopAt: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next = new URL(url);
  for (let hop = 0; hop < 20; hop++) {
    if (next.href.startsWith(stopAt)) return next;
    const res = await fetch(next, {
      redirect: 'manual',
      headers: { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`The provider answered ${res.status} without a redirect: ${await res.text()}`);
    next = new URL(location, next);
  }
  throw new Error('Too many redirects');
}
