import { AppError } from '../../errors.ts';

/**
 * The answer to a suspended account's sign-in, session start or API key (P7): the account was
 * confirmed to belong to a child and is queued for deletion (underage-reports).
 */
export const accountSuspended = () =>
  new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended pending deletion: it was found to belong to someone below the minimum age.');
