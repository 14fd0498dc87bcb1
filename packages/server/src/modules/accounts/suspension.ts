import { AppError } from '../../errors.ts';

/**
 * The answer to a suspended account's sign-in, session start or API key (P7): the account was
 * confirmed to belong to a child and is queued for deletion (underage-reports).
 */
export const accountSuspended = () =>
  new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended pending deletion: it was found to belong to someone below the minimum age.');

/**
 * The answer to signing in to an account its owner asked to delete (P24), once the password was
 * right: it can still be restored until the purge (POST /api/account-restorations).
 */
export const accountPendingDeletion = (purgeAt: Date | null) =>
  new AppError(
    403,
    'ACCOUNT_PENDING_DELETION',
    `This account is scheduled for deletion${purgeAt ? ` on ${purgeAt.toISOString().slice(0, 10)}` : ''}. To keep it, open the restore link from the email we sent, or restore it now with your password (POST /api/account-restorations).`,
  );
