import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../errors.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import type { AccountService } from '../accounts/service.ts';
import type { SessionService } from '../sessions/service.ts';
import { passwordChangedMessage, passwordResetMessage, verificationMessage } from './messages.ts';
import type { EmailTokenPurpose } from './schema.ts';
import type { EmailTokenStore } from './store.ts';

export const VERIFICATION_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const RESET_LIFETIME_MS = 60 * 60 * 1000;
/** Expired tokens are kept this long (to tell "expired" from "unknown"), then deleted. */
const EXPIRED_TOKEN_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/** Web app pages the links open; the token rides in the fragment so it never reaches a server log. */
export const VERIFY_EMAIL_PATH = '/verify-email';
export const RESET_PASSWORD_PATH = '/reset-password';

export interface RecoveryServiceDeps {
  tokens: EmailTokenStore;
  accounts: Pick<AccountService, 'findAccount' | 'findByEmail' | 'markEmailVerified' | 'changePassword'>;
  sessions: Pick<SessionService, 'revokeAll'>;
  mailer: Mailer;
  clock: Clock;
  /** Base of the links in the messages (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  /** Receives mail failures that must not change the answer (sign-up, reset requests, notices). */
  reportError: (error: unknown) => void;
}

interface Recipient {
  id: string;
  username: string;
  email: string;
}

export type RecoveryService = ReturnType<typeof createRecoveryService>;

/** Email verification and password reset by single-use links (P18). */
export function createRecoveryService(deps: RecoveryServiceDeps) {
  const { tokens, accounts, sessions, mailer, clock, publicUrl, reportError } = deps;

  async function issue(user: Pick<Recipient, 'id' | 'email'>, purpose: EmailTokenPurpose, lifetimeMs: number): Promise<string> {
    const now = clock();
    await tokens.deleteExpiredBefore(new Date(now.getTime() - EXPIRED_TOKEN_KEPT_MS));
    const token = randomBytes(32).toString('base64url');
    await tokens.create({
      userId: user.id,
      purpose,
      tokenHash: sha256(token),
      email: user.email,
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetimeMs),
    });
    return token;
  }

  /** Uses the token or explains, with a stable code, why it cannot be used. */
  async function consume(purpose: EmailTokenPurpose, token: string) {
    const now = clock();
    const hash = sha256(token);
    const used = await tokens.consume(purpose, hash, now);
    if (used) return used;
    const found = await tokens.find(purpose, hash);
    if (found?.usedAt) throw badRequest('This link was already used. Ask for a new one.', { code: 'TOKEN_USED' });
    if (found) throw badRequest('This link has expired. Ask for a new one.', { code: 'TOKEN_EXPIRED' });
    throw badRequest('This link is not valid. Check that it was copied whole, or ask for a new one.', { code: 'TOKEN_INVALID' });
  }

  const link = (path: string, token: string) => `${publicUrl}${path}#token=${token}`;

  /** Sends without letting a mail failure change the response; the failure is reported. */
  async function sendQuietly(message: MailMessage): Promise<void> {
    try {
      await mailer.send(message);
    } catch (error) {
      reportError(error);
    }
  }

  async function sendVerification(user: Recipient): Promise<void> {
    const token = await issue(user, 'verify_email', VERIFICATION_LIFETIME_MS);
    await mailer.send(verificationMessage(user.email, user.username, link(VERIFY_EMAIL_PATH, token)));
  }

  return {
    /**
     * The single-use link machinery for other modules (email change): a token is stored only as its
     * SHA-256, with the address it was sent to, and used at most once before it expires.
     */
    links: {
      /** A new token for `email` (which need not be the account's address yet). */
      issue: (userId: string, purpose: EmailTokenPurpose, email: string, lifetimeMs: number) => issue({ id: userId, email }, purpose, lifetimeMs),
      /** Uses the token, or throws 400 TOKEN_INVALID / TOKEN_USED / TOKEN_EXPIRED. */
      consume: (purpose: EmailTokenPurpose, token: string) => consume(purpose, token),
      /** The newest usable token of the person for `purpose`, if any. */
      live: (userId: string, purpose: EmailTokenPurpose) => tokens.findLive(userId, purpose, clock()),
      /** Ends every usable token of the person for `purpose`. */
      revoke: (userId: string, purpose: EmailTokenPurpose) => tokens.useAll(userId, purpose, clock()),
      /** The web app address that opens `path` with the token in the fragment. */
      url: (path: string, token: string) => link(path, token),
    },

    /** After sign-up: a mail failure is reported, not thrown (the person can ask again). */
    async welcome(user: Recipient): Promise<void> {
      try {
        await sendVerification(user);
      } catch (error) {
        reportError(error);
      }
    },

    /** Sends a new verification link to the signed-in person's address. */
    async resendVerification(userId: string): Promise<void> {
      const user = await accounts.findAccount(userId);
      if (!user) throw notFound('No such account.');
      if (user.emailVerifiedAt) throw conflict('Your email address is already confirmed.', { code: 'EMAIL_ALREADY_VERIFIED' });
      try {
        await sendVerification(user);
      } catch (error) {
        reportError(error);
        throw new AppError(503, 'MAIL_UNAVAILABLE', 'The email could not be sent just now; try again in a few minutes.');
      }
    },

    async verifyEmail(token: string): Promise<void> {
      const used = await consume('verify_email', token);
      const now = clock();
      // Only the address the link was sent to is confirmed; an address changed since stays unconfirmed.
      if (!(await accounts.markEmailVerified(used.userId, used.email ?? '', now))) {
        throw badRequest('This link was sent to an address that is no longer on the account.', { code: 'TOKEN_INVALID' });
      }
      await tokens.useAll(used.userId, 'verify_email', now);
    },

    /**
     * Mails a reset link when an account has this address. The caller answers the same way
     * whether or not one does; the link is issued and mailed in the background, so the response
     * time does not tell either (both paths do the same one lookup).
     */
    async requestPasswordReset(email: string): Promise<void> {
      const user = await accounts.findByEmail(email);
      // A suspended account (P7) is queued for deletion: no way back in, so no link either.
      if (!user || user.suspendedAt) return;
      void (async () => {
        const token = await issue(user, 'reset_password', RESET_LIFETIME_MS);
        await mailer.send(passwordResetMessage(user.email, user.username, link(RESET_PASSWORD_PATH, token)));
      })().catch(reportError);
    },

    /** Sets the new password, ends every session of the account and tells the person. */
    async completePasswordReset(token: string, password: string): Promise<void> {
      const used = await consume('reset_password', token);
      const now = clock();
      const user = await accounts.changePassword(used.userId, password);
      if (!user) throw badRequest('This link is not valid.', { code: 'TOKEN_INVALID' });
      await tokens.useAll(user.id, 'reset_password', now);
      await sessions.revokeAll(user.id);
      await sendQuietly(passwordChangedMessage(user.email, user.username, now));
    },
  };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
