import type { Clock } from '../../clock.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { AppError, badRequest, conflict, unauthorized } from '../../errors.ts';
import type { TwoFactorStore } from './store.ts';
import { hashRecoveryCode, matchingStep, newRecoveryCodes, newTotpSecret, totpUri } from './totp.ts';

export interface TwoFactorServiceDeps {
  store: TwoFactorStore;
  /** Seals the TOTP secrets at rest (P18). */
  box: SecretBox;
  clock: Clock;
  /** Whether `password` is the account's password (for disabling 2FA and new recovery codes). */
  verifyPassword(userId: string, password: string): Promise<boolean>;
}

export interface TwoFactorStatus {
  enabled: boolean;
  /** Enrollment started but not confirmed with a code yet. */
  pending: boolean;
  recoveryCodesLeft: number;
}

/** What a sign-in may carry besides the password. */
export interface SecondFactor {
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;

export function createTwoFactorService({ store, box, clock, verifyPassword }: TwoFactorServiceDeps) {
  async function requirePassword(userId: string, password: string): Promise<void> {
    if (!(await verifyPassword(userId, password))) {
      throw new AppError(403, 'PASSWORD_INCORRECT', 'The password is wrong.');
    }
  }

  async function requireEnabled(userId: string) {
    const found = await store.find(userId);
    if (!found?.confirmedAt) throw conflict('Two-factor authentication is not on for this account.', { code: 'TOTP_NOT_ENABLED' });
    return found;
  }

  return {
    async status(userId: string): Promise<TwoFactorStatus> {
      const found = await store.find(userId);
      const enabled = Boolean(found?.confirmedAt);
      return { enabled, pending: Boolean(found) && !enabled, recoveryCodesLeft: enabled ? await store.countUnusedRecoveryCodes(userId) : 0 };
    },

    /** Starts (or restarts) enrollment: nothing is active until `confirm` gets a valid code. */
    async startEnrollment(user: { id: string; username: string }): Promise<{ secret: string; uri: string }> {
      const found = await store.find(user.id);
      if (found?.confirmedAt) {
        throw conflict('Two-factor authentication is already on; turn it off first to enroll a new authenticator.', {
          code: 'TOTP_ALREADY_ENABLED',
        });
      }
      const secret = newTotpSecret();
      await store.savePending(user.id, box.seal(secret), clock());
      return { secret, uri: totpUri(secret, user.username) };
    },

    /** Activates the pending authenticator and returns the recovery codes, shown this once. */
    async confirm(userId: string, code: string): Promise<string[]> {
      const found = await store.find(userId);
      if (!found || found.confirmedAt) {
        throw conflict('There is no enrollment to confirm; start one first.', { code: 'TOTP_NOT_PENDING' });
      }
      const now = clock();
      const step = matchingStep(box.open(found.secretSealed), code, now);
      if (step === null) {
        throw badRequest('The code is wrong or expired; check the clock of the device running your authenticator.', {
          code: 'TOTP_CODE_INVALID',
        });
      }
      const codes = newRecoveryCodes();
      if (!(await store.confirm(userId, step, now, codes.map(hashRecoveryCode)))) {
        throw conflict('There is no enrollment to confirm; start one first.', { code: 'TOTP_NOT_PENDING' });
      }
      return codes;
    },

    async disable(userId: string, password: string): Promise<void> {
      await requirePassword(userId, password);
      if (!(await store.remove(userId))) {
        throw conflict('Two-factor authentication is not on for this account.', { code: 'TOTP_NOT_ENABLED' });
      }
    },

    /** Replaces every recovery code (used or not) with ten new ones. */
    async regenerateRecoveryCodes(userId: string, password: string): Promise<string[]> {
      await requirePassword(userId, password);
      await requireEnabled(userId);
      const codes = newRecoveryCodes();
      await store.replaceRecoveryCodes(userId, codes.map(hashRecoveryCode), clock());
      return codes;
    },

    /**
     * The second step of a sign-in whose password was right. Passes when 2FA is off; otherwise
     * needs a fresh TOTP code (each accepted once) or an unused recovery code (then spent).
     */
    async verifySignIn(userId: string, factor: SecondFactor): Promise<void> {
      const found = await store.find(userId);
      if (!found?.confirmedAt) return;
      const now = clock();
      if (factor.totp !== undefined) {
        const step = matchingStep(box.open(found.secretSealed), factor.totp, now);
        if (step === null || !(await store.claimStep(userId, step))) {
          throw unauthorized('The authenticator code is wrong, expired or already used.', { code: 'TOTP_INVALID' });
        }
        return;
      }
      if (factor.recoveryCode !== undefined) {
        if (!(await store.useRecoveryCode(userId, hashRecoveryCode(factor.recoveryCode), now))) {
          throw unauthorized('The recovery code is wrong or already used.', { code: 'RECOVERY_CODE_INVALID' });
        }
        return;
      }
      throw unauthorized('Enter the code from your authenticator app (or a recovery code) to sign in.', { code: 'TOTP_REQUIRED' });
    },
  };
}
