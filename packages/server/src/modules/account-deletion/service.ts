import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, forbidden, notFound, unauthorized } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import type { PasswordHasher } from '../accounts/passwords.ts';
import type { AuditService } from '../audit/service.ts';
import type { TwoFactorService } from '../two-factor/service.ts';
import { accountRestoredMessage, deletionCodeMessage, deletionRequestedMessage } from './messages.ts';
import { previewErasure } from './preview.ts';
import type { DeletedRows, RemainingRows } from './preview.ts';
import type { AccountDeletionStore, DeletionAccount } from './store.ts';

/** Default days between a deletion request and the purge (P19, P24); POSTERN_DELETION_GRACE_DAYS. */
export const DEFAULT_DELETION_GRACE_DAYS = 15;
/** The job that purges one account once its grace period is over. */
export const ERASE_JOB = 'account.erase';
/** Web app page the restore link opens; the token rides in the fragment so no server log sees it. */
export const RESTORE_ACCOUNT_PATH = '/restore-account';
export const CODE_LIFETIME_MINUTES = 15;
/** Wrong guesses a code survives; the next one kills it. */
export const CODE_MAX_ATTEMPTS = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AccountDeletionServiceDeps {
  store: AccountDeletionStore;
  passwords: PasswordHasher;
  twoFactor: Pick<TwoFactorService, 'status' | 'verifySignIn'>;
  sessions: { revokeAll(userId: string): Promise<number> };
  apiKeys: { revokeAll(userId: string): Promise<number> };
  audit: Pick<AuditService, 'record'>;
  jobs: JobQueue;
  mailer: Mailer;
  clock: Clock;
  /** Keys the hashes of restore links and codes. */
  secretKey: Buffer;
  publicUrl: string;
  graceDays: number;
  reportError: (error: unknown) => void;
}

/** How the person proves it is them before deleting: the password, or an emailed code without one. */
export interface DeletionProof {
  password?: string | undefined;
  code?: string | undefined;
  totpCode?: string | undefined;
}

export interface DeletionPreview {
  graceDays: number;
  /** When the purge happens: for a deletion requested now, or the one already scheduled. */
  purgeAt: Date;
  /** How this account re-authenticates. */
  reauthentication: { method: 'password' | 'email_code'; totp: boolean };
  deleted: DeletedRows[];
  remaining: RemainingRows[];
  /** What else remains or happens, in plain words. */
  notes: string[];
}

export type AccountDeletionService = ReturnType<typeof createAccountDeletionService>;

/**
 * Deleting one's account (P24): a preview of what goes and what stays, a re-authenticated request
 * that disables the account at once, restore by its owner during the grace period, then the purge
 * (erasure.ts, driven by the data map) with a receipt, an audit entry and a ledger tombstone.
 */
export function createAccountDeletionService(deps: AccountDeletionServiceDeps) {
  const { store, passwords, twoFactor, clock, mailer, audit, reportError } = deps;
  const keyed = (purpose: string, value: string) => createHmac('sha256', deps.secretKey).update(`account-deletion:${purpose}:${value}`).digest('hex');
  let dummyHash: Promise<string> | undefined;

  async function sendQuietly(message: MailMessage): Promise<void> {
    try {
      await mailer.send(message);
    } catch (error) {
      reportError(error);
    }
  }

  async function liveAccount(userId: string): Promise<DeletionAccount> {
    const account = await store.findAccount(userId);
    if (!account || account.deletedAt || account.suspendedAt) throw notFound('No such account.');
    return account;
  }

  /** Disables the account now and queues its purge after the grace period (P24). */
  async function schedule(account: DeletionAccount, by: { actorId: string; details: Record<string, unknown> }): Promise<{ purgeAt: Date }> {
    const userId = account.id;
    const now = clock();
    const purgeAt = new Date(now.getTime() + deps.graceDays * DAY_MS);
    if (!(await store.markDeleted(userId, now, purgeAt))) throw notFound('No such account.');
    await deps.sessions.revokeAll(userId);
    await deps.apiKeys.revokeAll(userId);
    const token = randomBytes(32).toString('base64url');
    await store.replaceToken({ userId, purpose: 'restore', tokenHash: keyed('restore', token), createdAt: now, expiresAt: purgeAt });
    await sendQuietly(deletionRequestedMessage(account.email, account.username, purgeAt, `${deps.publicUrl}${RESTORE_ACCOUNT_PATH}#token=${token}`));
    await audit.record({
      actorId: by.actorId,
      action: 'account.deletion_requested',
      // No target id: it would outlive the erasure of the account (only actor columns are cleared).
      targetType: 'account',
      details: { ...by.details, purgeAt: purgeAt.toISOString(), graceDays: deps.graceDays },
    });
    // Keyed by date too: after a restore and a new request, the new purge must not be dropped as a duplicate.
    await deps.jobs.send(ERASE_JOB, { accountId: userId }, { startAfter: purgeAt, singletonKey: `${userId}:${purgeAt.getTime()}` });
    return { purgeAt };
  }

  async function preview(account: DeletionAccount): Promise<Omit<DeletionPreview, 'purgeAt' | 'graceDays' | 'reauthentication'>> {
    const { deleted, remaining } = await previewErasure(store.countRows, await store.resolveSubject({ accountId: account.id, email: account.email }));
    const teams = (await store.plannedSuccessions(account.id)).map((plan) =>
      plan.successor
        ? `You own the team “${plan.teamName}”: at the purge its ownership passes to @${plan.successor.username} (transfer it yourself before then to choose someone else).`
        : `You own the team “${plan.teamName}” and nobody else is in it: it is left without an owner, and its workspaces follow the rules above.`,
    );
    return {
      deleted,
      remaining,
      notes: [
        ...teams,
        'You are signed out everywhere and your API keys stop working at once; nobody can sign in to the account until you restore it.',
        `Until the purge you can restore the account with the link we email you, or by signing in with your password.`,
        'At the purge, a receipt is emailed to you just before your address is deleted.',
        'The deletion ledger keeps a tombstone: keyed hashes of your account id and email, no personal data, so that restoring an older backup can never bring your account back.',
        'Backups made before the purge still hold a copy until they are overwritten on their schedule; they are never used to serve the app, and a restore replays the ledger first.',
      ],
    };
  }

  async function requireTotp(userId: string, totpCode: string | undefined): Promise<void> {
    if (!(await twoFactor.status(userId)).enabled) return;
    if (totpCode === undefined) {
      throw unauthorized('Two-factor authentication is on: enter the code from your authenticator app as well.', { code: 'TOTP_REQUIRED' });
    }
    await twoFactor.verifySignIn(userId, { totp: totpCode });
  }

  async function requireCode(account: DeletionAccount, code: string | undefined): Promise<void> {
    if (code === undefined) {
      throw badRequest('This account has no password: ask for a code by email and enter it.', { code: 'DELETION_CODE_REQUIRED' });
    }
    const now = clock();
    const live = await store.liveCode(account.id, now);
    if (!live) throw badRequest('There is no valid code; ask for a new one.', { code: 'DELETION_CODE_EXPIRED' });
    const expected = Buffer.from(live.tokenHash);
    const given = Buffer.from(keyed(`code:${account.id}`, code));
    if (expected.length === given.length && timingSafeEqual(expected, given)) {
      if (!(await store.markUsed(live.id, now))) throw badRequest('There is no valid code; ask for a new one.', { code: 'DELETION_CODE_EXPIRED' });
      return;
    }
    const attempts = await store.countAttempt(live.id);
    if (attempts >= CODE_MAX_ATTEMPTS) {
      await store.markUsed(live.id, now);
      throw forbidden('Too many wrong codes: this one no longer works. Ask for a new code.', { code: 'DELETION_CODE_EXPIRED' });
    }
    throw forbidden(`The code is wrong; ${CODE_MAX_ATTEMPTS - attempts} attempts left.`, { code: 'DELETION_CODE_INVALID' });
  }

  return {
    graceDays: deps.graceDays,

    async preview(userId: string): Promise<DeletionPreview> {
      const account = await liveAccount(userId);
      const now = clock();
      return {
        graceDays: deps.graceDays,
        purgeAt: new Date(now.getTime() + deps.graceDays * DAY_MS),
        reauthentication: { method: account.passwordHash ? 'password' : 'email_code', totp: (await twoFactor.status(userId)).enabled },
        ...(await preview(account)),
      };
    },

    /** Emails a 6-digit code to an account without a password (it signs in through an identity provider). */
    async sendCode(userId: string): Promise<void> {
      const account = await liveAccount(userId);
      if (account.passwordHash) {
        throw conflict('This account has a password: confirm the deletion with it instead of a code.', { code: 'PASSWORD_REQUIRED' });
      }
      const now = clock();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await store.replaceToken({
        userId,
        purpose: 'confirm_code',
        tokenHash: keyed(`code:${userId}`, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_LIFETIME_MINUTES * 60 * 1000),
      });
      try {
        await mailer.send(deletionCodeMessage(account.email, account.username, code, CODE_LIFETIME_MINUTES));
      } catch (error) {
        reportError(error);
        throw new AppError(503, 'MAIL_UNAVAILABLE', 'The email could not be sent just now; try again in a few minutes.');
      }
    },

    /**
     * After re-authentication: disables the account now, ends its sessions and API keys, mails the
     * restore link and queues the purge for the end of the grace period.
     */
    async requestDeletion(userId: string, proof: DeletionProof): Promise<{ purgeAt: Date }> {
      const account = await liveAccount(userId);
      if (account.operator) {
        throw conflict('The operator account runs this instance and cannot be deleted here.', { code: 'OPERATOR_ACCOUNT' });
      }
      if (account.passwordHash) {
        if (proof.password === undefined) throw badRequest('Enter your password to confirm.', { code: 'PASSWORD_REQUIRED' });
        if (!(await passwords.verify(account.passwordHash, proof.password))) {
          throw new AppError(403, 'PASSWORD_INCORRECT', 'The password is wrong.');
        }
      } else {
        await requireCode(account, proof.code);
      }
      await requireTotp(userId, proof.totpCode);
      return schedule(account, { actorId: userId, details: {} });
    },

    /**
     * Schedules the deletion a verified request-desk request asked for (P26): identity was checked
     * by the desk, so no re-authentication; the same grace period, restore link and receipt.
     */
    async scheduleForRequest(userId: string, context: { requestId: string; operatorId: string }): Promise<{ purgeAt: Date }> {
      const account = await liveAccount(userId);
      if (account.operator) {
        throw conflict('The operator account runs this instance and cannot be deleted here.', { code: 'OPERATOR_ACCOUNT' });
      }
      return schedule(account, { actorId: context.operatorId, details: { requestId: context.requestId } });
    },

    /** Restores an account pending deletion from the emailed link. */
    async restoreWithToken(token: string): Promise<void> {
      const hash = keyed('restore', token);
      const userId = await store.consumeRestoreToken(hash, clock());
      if (!userId) {
        const found = await store.findRestoreToken(hash);
        if (found?.usedAt) throw badRequest('This link was already used.', { code: 'TOKEN_USED' });
        throw notFound(
          'This restore link is not valid any more: either it was not copied whole, or the account was already deleted for good, and a deleted account cannot be restored.',
          { code: 'RESTORE_NOT_POSSIBLE' },
        );
      }
      await restore(userId);
    },

    /** Restores an account pending deletion from its sign-in details (and 2FA code when on). */
    async restoreWithPassword(login: string, password: string, totpCode: string | undefined): Promise<void> {
      const account = await store.findPendingByLogin(login);
      if (!account?.passwordHash) {
        dummyHash ??= passwords.hash('postern-dummy-password');
        await passwords.verify(await dummyHash, password);
        throw restoreRefused();
      }
      if (!(await passwords.verify(account.passwordHash, password))) {
        throw restoreRefused();
      }
      await requireTotp(account.id, totpCode);
      await restore(account.id);
    },
  };

  async function restore(userId: string): Promise<void> {
    if (!(await store.restore(userId))) {
      throw notFound('This account is not pending deletion: it was already restored, or deleted for good.', { code: 'RESTORE_NOT_POSSIBLE' });
    }
    await audit.record({ actorId: userId, action: 'account.restored', targetType: 'account' });
    const account = await store.findAccount(userId);
    if (account) await sendQuietly(accountRestoredMessage(account.email, account.username));
  }
}

const restoreRefused = () => unauthorized(
  'The username, email or password is wrong, or the account is not pending deletion (an account deleted for good cannot be restored).',
  { code: 'INVALID_CREDENTIALS' },
);
