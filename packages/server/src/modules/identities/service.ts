import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { AppError, badRequest, conflict, notFound } from '../../errors.ts';
import type { AccountService } from '../accounts/service.ts';
import type { UserRecord } from '../accounts/store.ts';
import type { OidcClient, OidcFlowChecks } from './oidc-client.ts';
import type { IdentityRecord, IdentityStore } from './store.ts';

/** How long a person may take at the provider. */
export const OIDC_FLOW_TTL_MS = 10 * 60 * 1000;
/** How long a new identity may wait for the age check before starting over. */
export const PENDING_SIGNUP_TTL_MS = 30 * 60 * 1000;

export type OidcIntent = 'sign-in' | 'link';

/** Sealed into the short-lived flow cookie: encrypted and authenticated with the secret box. */
interface FlowState extends OidcFlowChecks {
  purpose: 'oidc-flow';
  intent: OidcIntent;
  /** For `link`: the account that asked, which must still be the one signed in at the callback. */
  userId?: string;
  expiresAt: number;
}

export type CallbackOutcome =
  | { kind: 'signed-in'; user: UserRecord }
  | { kind: 'pending'; token: string }
  | { kind: 'linked' };

export interface OidcCompletion {
  username: string;
  birthDate: string;
  country: string;
}

export interface IdentityServiceDeps {
  store: IdentityStore;
  accounts: Pick<AccountService, 'findByEmail' | 'signUpExternal' | 'findAccount'>;
  /** Undefined when OIDC is not configured. */
  oidc: { client: OidcClient; name: string; redirectUri: string } | undefined;
  box: SecretBox;
  clock: Clock;
}

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService({ store, accounts, oidc, box, clock }: IdentityServiceDeps) {
  function configured() {
    if (!oidc) throw notFound('Single sign-on is not set up on this instance.', { code: 'OIDC_NOT_CONFIGURED' });
    return oidc;
  }

  function readFlow(sealed: string | undefined): FlowState {
    let flow: FlowState | undefined;
    try {
      flow = sealed ? (JSON.parse(box.open(sealed)) as FlowState) : undefined;
    } catch {
      flow = undefined;
    }
    if (flow?.purpose !== 'oidc-flow' || flow.expiresAt <= clock().getTime()) {
      throw badRequest('The sign-in took too long or was started in another browser; start again.', { code: 'OIDC_STATE_INVALID' });
    }
    return flow;
  }

  return {
    /** The intent a flow cookie carries, to pick the page a failure is shown on. */
    intentOf(sealed: string | undefined): OidcIntent | undefined {
      try {
        return readFlow(sealed).intent;
      } catch {
        return undefined;
      }
    },

    /** Whether the button shows, and its label. */
    describe(): { enabled: boolean; name: string | null } {
      return { enabled: Boolean(oidc), name: oidc?.name ?? null };
    },

    /** The provider URL to send the browser to, and the sealed value for the flow cookie. */
    async start(intent: OidcIntent, userId?: string): Promise<{ url: string; flow: string }> {
      const { client, redirectUri } = configured();
      const { url, checks } = await client.authorizationUrl(redirectUri).catch(providerUnavailable);
      const state: FlowState = {
        purpose: 'oidc-flow',
        intent,
        ...(userId && { userId }),
        ...checks,
        expiresAt: clock().getTime() + OIDC_FLOW_TTL_MS,
      };
      return { url, flow: box.seal(JSON.stringify(state)) };
    },

    /**
     * Finishes the provider round trip. A linked identity signs in; a new one becomes a pending
     * sign-up (no account before the age check, P7); an email that already has an account is
     * refused rather than linked silently (OIDC_EMAIL_TAKEN).
     */
    async callback(callbackUrl: URL, sealedFlow: string | undefined, currentUserId: string | undefined): Promise<CallbackOutcome> {
      const { client } = configured();
      const flow = readFlow(sealedFlow);
      let identity;
      try {
        identity = await client.identify(callbackUrl, flow);
      } catch (error) {
        throw new AppError(400, 'OIDC_FAILED', 'The identity provider did not confirm the sign-in; try again.', { cause: error });
      }
      const now = clock();

      if (flow.intent === 'link') {
        if (!flow.userId || flow.userId !== currentUserId) {
          throw new AppError(403, 'OIDC_LINK_SESSION_CHANGED', 'Sign in again, then link the identity from your settings.');
        }
        const owner = await store.findAccount(identity.issuer, identity.subject);
        if (owner && owner.id !== flow.userId) {
          throw conflict('This identity already signs in to another account.', { code: 'OIDC_IDENTITY_TAKEN' });
        }
        if (!owner) await store.link(flow.userId, identity.issuer, identity.subject, now);
        return { kind: 'linked' };
      }

      const linked = await store.findAccount(identity.issuer, identity.subject);
      if (linked) return { kind: 'signed-in', user: linked };

      if (!identity.email) {
        throw new AppError(400, 'OIDC_EMAIL_MISSING', 'The identity provider did not share an email address, which an account needs.');
      }
      if (await accounts.findByEmail(identity.email)) {
        throw conflict(
          'An account with this email already exists. Sign in with your password, then link this identity from your account settings.',
          { code: 'OIDC_EMAIL_TAKEN' },
        );
      }
      const token = randomBytes(32).toString('base64url');
      await store.savePending({
        tokenHash: sha256(token),
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
        emailVerified: identity.emailVerified,
        name: identity.name,
        createdAt: now,
        expiresAt: new Date(now.getTime() + PENDING_SIGNUP_TTL_MS),
      });
      return { kind: 'pending', token };
    },

    /** What the sign-up page shows: the provider's name and email for the person to confirm. */
    async pending(token: string | undefined): Promise<{ provider: string; name: string | null; email: string; emailVerified: boolean }> {
      const { name: provider } = configured();
      const found = await findPending(token);
      return { provider, name: found.name, email: found.email ?? '', emailVerified: found.emailVerified };
    },

    /** Creates the account for a pending sign-up after the age check, and links the identity. */
    async complete(token: string | undefined, input: OidcCompletion): Promise<UserRecord> {
      configured();
      const found = await findPending(token);
      let user: UserRecord;
      try {
        user = await accounts.signUpExternal({
          username: input.username,
          email: found.email ?? '',
          emailVerified: found.emailVerified,
          displayName: found.name?.trim().slice(0, 100) || null,
          birthDate: input.birthDate,
          country: input.country,
        });
      } catch (error) {
        // Someone below the minimum age: keep nothing of what the provider sent (P7).
        if (error instanceof AppError && error.code === 'BELOW_MINIMUM_AGE') await store.deletePending(found.tokenHash, clock());
        throw error;
      }
      await store.deletePending(found.tokenHash, clock());
      if (!(await store.link(user.id, found.issuer, found.subject, clock()))) {
        throw conflict('This identity already signs in to another account.', { code: 'OIDC_IDENTITY_TAKEN' });
      }
      return user;
    },

    async list(userId: string): Promise<IdentityRecord[]> {
      return store.listOwned(userId);
    },

    /** Unlinks an identity, unless it is the account's only way to sign in. */
    async unlink(userId: string, id: string): Promise<void> {
      const owned = await store.listOwned(userId);
      if (!owned.some((identity) => identity.id === id)) throw notFound('No such linked identity.');
      const account = await accounts.findAccount(userId);
      if (!account?.passwordHash && owned.length === 1) {
        throw conflict('This is your only way to sign in; set a password first.', { code: 'LAST_SIGN_IN_METHOD' });
      }
      await store.deleteOwned(id, userId);
    },
  };

  async function findPending(token: string | undefined) {
    const found = token ? await store.findPending(sha256(token), clock()) : undefined;
    if (!found) {
      throw new AppError(410, 'OIDC_SIGNUP_EXPIRED', 'This sign-up expired or was already completed; sign in with the provider again.');
    }
    return found;
  }
}

function providerUnavailable(error: unknown): never {
  throw new AppError(502, 'OIDC_UNAVAILABLE', 'The identity provider cannot be reached; try again later.', { cause: error });
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
