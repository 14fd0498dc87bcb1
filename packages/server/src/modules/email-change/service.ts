import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import type { AccountService } from '../accounts/service.ts';
import type { AuditService } from '../audit/service.ts';
import type { RecoveryService } from '../recovery/service.ts';
import { APPROVAL_WAIT_MS } from './approval.ts';
import type { EmailChangeApproval } from './approval.ts';
import {
  approvalDeniedNotice,
  awaitingApprovalNotice,
  changeRequestedNotice,
  confirmNewAddressMessage,
  emailChangedNotice,
} from './messages.ts';

/** How long the confirmation link (to the new address) and the cancel link (to the old) work. */
export const EMAIL_CHANGE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Web app pages the links open; the token rides in the fragment, as for the other emailed links. */
export const EMAIL_CHANGE_PATH = '/email-change';
export const EMAIL_CHANGE_CANCEL_PATH = '/email-change/cancel';

export interface EmailChangeServiceDeps {
  accounts: Pick<AccountService, 'findAccount' | 'findByEmail' | 'verifyPassword' | 'changeEmail'>;
  links: RecoveryService['links'];
  audit: Pick<AuditService, 'record'>;
  mailer: Mailer;
  clock: Clock;
  /** Receives failures of notices that must not change the answer. */
  reportError: (error: unknown) => void;
  /** Managed accounts (P11): their changes wait for a team admin's approval first. */
  approval?: EmailChangeApproval;
}

/** The answer to a change request; `awaitingApproval` when a team admin must approve it first (P11). */
export interface EmailChangeRequested {
  pendingEmail: string;
  awaitingApproval?: true;
  managedBy?: string;
}

export type EmailChangeService = ReturnType<typeof createEmailChangeService>;

/**
 * Changing the account's email (P23): the new address must be confirmed by a link sent to it, and
 * the old address is told, with a link to cancel. Sessions are kept: the person changing the
 * address re-entered their password, and the old address is notified at both steps.
 */
export function createEmailChangeService(deps: EmailChangeServiceDeps) {
  const { accounts, links, audit, mailer, clock, reportError, approval } = deps;

  async function sendQuietly(message: MailMessage): Promise<void> {
    try {
      await mailer.send(message);
    } catch (error) {
      reportError(error);
    }
  }

  async function endPending(userId: string): Promise<void> {
    await links.revoke(userId, 'change_email');
    await links.revoke(userId, 'cancel_email_change');
    await links.revoke(userId, 'approve_email_change');
  }

  /** Mails the confirmation link to the new address and the notice with a cancel link to the current one. */
  async function sendConfirmation(account: { id: string; username: string; email: string }, newEmail: string): Promise<void> {
    const confirmToken = await links.issue(account.id, 'change_email', newEmail, EMAIL_CHANGE_LIFETIME_MS);
    try {
      await mailer.send(confirmNewAddressMessage(newEmail, account.username, links.url(EMAIL_CHANGE_PATH, confirmToken)));
    } catch (error) {
      reportError(error);
      await endPending(account.id);
      throw new AppError(503, 'MAIL_UNAVAILABLE', 'The email could not be sent just now; try again in a few minutes.');
    }
    const cancelToken = await links.issue(account.id, 'cancel_email_change', account.email, EMAIL_CHANGE_LIFETIME_MS);
    await sendQuietly(changeRequestedNotice(account.email, account.username, newEmail, links.url(EMAIL_CHANGE_CANCEL_PATH, cancelToken)));
  }

  const noApproval = () => notFound('No email change of this account waits for approval.', { code: 'NO_PENDING_APPROVAL' });

  return {
    /** The address waiting for confirmation, if a change is pending. */
    async pendingEmail(userId: string): Promise<string | null> {
      return (await links.live(userId, 'change_email'))?.email ?? null;
    },

    /**
     * Starts a change: checks the password (when the account has one), mails a confirmation link to
     * the new address and a notice with a cancel link to the current one. A new request replaces
     * a pending one.
     */
    async request(userId: string, input: { newEmail: string; password?: string | undefined }): Promise<EmailChangeRequested> {
      const account = await accounts.findAccount(userId);
      if (!account) throw notFound('No such account.');
      if (account.passwordHash) {
        if (!input.password) throw forbidden('Enter your current password to change your email.', { code: 'PASSWORD_REQUIRED' });
        if (!(await accounts.verifyPassword(userId, input.password))) {
          throw forbidden('The password is wrong.', { code: 'PASSWORD_INCORRECT' });
        }
      }
      const newEmail = input.newEmail;
      if (newEmail.toLowerCase() === account.email.toLowerCase()) {
        throw badRequest('This is already your email address.', {
          code: 'EMAIL_UNCHANGED',
          errors: [{ path: 'body.newEmail', message: 'is already your email address' }],
        });
      }
      // Checked again when the change completes: another account may take the address meanwhile.
      if (await accounts.findByEmail(newEmail)) throw conflict('An account with this email already exists.', { code: 'EMAIL_TAKEN' });

      await endPending(userId);
      const manager = await approval?.managedBy(userId);
      if (manager) {
        // P11: the change waits for the managing team's admins; nothing is mailed to the new address yet.
        await links.issue(userId, 'approve_email_change', newEmail, APPROVAL_WAIT_MS);
        await audit.record({
          actorId: userId,
          action: 'account.email_change_approval_requested',
          targetType: 'user',
          targetId: userId,
          teamId: manager.teamId,
        });
        await sendQuietly(awaitingApprovalNotice(account.email, account.username, newEmail, manager.teamName));
        try {
          await approval?.onAwaiting?.(userId, manager);
        } catch (error) {
          reportError(error);
        }
        return { pendingEmail: newEmail, awaitingApproval: true, managedBy: manager.teamName };
      }
      await sendConfirmation(account, newEmail);
      await audit.record({ actorId: userId, action: 'account.email_change_requested', targetType: 'user', targetId: userId });
      return { pendingEmail: newEmail };
    },

    /** The address of a change waiting for a team admin's approval (P11), if any. */
    async awaitingApproval(userId: string): Promise<string | null> {
      return (await links.live(userId, 'approve_email_change'))?.email ?? null;
    },

    /**
     * A team admin approved the change of a managed account (the caller checked who may): the
     * normal confirmation flow continues, with the link mailed to the new address.
     */
    async approve(userId: string, by: { actorId: string; teamId: string }): Promise<{ pendingEmail: string }> {
      const waiting = await links.live(userId, 'approve_email_change');
      const account = await accounts.findAccount(userId);
      if (!waiting?.email || !account) throw noApproval();
      const newEmail = waiting.email;
      if (await accounts.findByEmail(newEmail)) {
        await links.revoke(userId, 'approve_email_change');
        throw conflict('Another account took this address meanwhile; the request was withdrawn.', { code: 'EMAIL_TAKEN' });
      }
      await links.revoke(userId, 'approve_email_change');
      await sendConfirmation(account, newEmail);
      await audit.record({ actorId: by.actorId, action: 'account.email_change_approved', targetType: 'user', targetId: userId, teamId: by.teamId });
      return { pendingEmail: newEmail };
    },

    /** A team admin refused the change; the person is told. */
    async deny(userId: string, by: { actorId: string; teamId: string; teamName: string }): Promise<void> {
      const waiting = await links.live(userId, 'approve_email_change');
      const account = await accounts.findAccount(userId);
      if (!waiting?.email || !account) throw noApproval();
      await links.revoke(userId, 'approve_email_change');
      await audit.record({ actorId: by.actorId, action: 'account.email_change_denied', targetType: 'user', targetId: userId, teamId: by.teamId });
      await sendQuietly(approvalDeniedNotice(account.email, account.username, waiting.email, by.teamName));
    },

    /** Cancels a pending change, signed in; 404 NO_PENDING_EMAIL_CHANGE when there is none. */
    async cancel(userId: string): Promise<void> {
      if (!(await links.live(userId, 'change_email')) && !(await links.live(userId, 'approve_email_change'))) {
        throw notFound('No email change is waiting for confirmation.', { code: 'NO_PENDING_EMAIL_CHANGE' });
      }
      await endPending(userId);
      await audit.record({ actorId: userId, action: 'account.email_change_cancelled', targetType: 'user', targetId: userId });
    },

    /** Cancels with the link mailed to the old address (no sign-in: the person may be locked out). */
    async cancelWithToken(token: string): Promise<void> {
      const used = await links.consume('cancel_email_change', token);
      await endPending(used.userId);
      await audit.record({ actorId: used.userId, action: 'account.email_change_cancelled', targetType: 'user', targetId: used.userId });
    },

    /**
     * Switches the email to the confirmed new address and marks it verified. Links still out for
     * the old address (verification, password reset, cancel) stop working; the old address is told.
     */
    async complete(token: string): Promise<void> {
      const used = await links.consume('change_email', token);
      const account = await accounts.findAccount(used.userId);
      if (!account || !used.email) throw badRequest('This link is not valid.', { code: 'TOKEN_INVALID' });
      const oldEmail = account.email;
      const now = clock();
      const changed = await accounts.changeEmail(account.id, used.email, now);
      if (!changed) throw badRequest('This link is not valid.', { code: 'TOKEN_INVALID' });
      await endPending(account.id);
      await links.revoke(account.id, 'verify_email');
      await links.revoke(account.id, 'reset_password');
      // No addresses in the audit log: it outlives the people in it.
      await audit.record({ actorId: account.id, action: 'account.email_changed', targetType: 'user', targetId: account.id });
      await sendQuietly(emailChangedNotice(oldEmail, account.username, used.email, now));
    },
  };
}
