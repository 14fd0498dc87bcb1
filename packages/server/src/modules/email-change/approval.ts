import type { UserRecord } from '../accounts/store.ts';

/**
 * Whether changing this account's email needs an administrator's approval first. P11 (issue #8):
 * once the owner of a verified email domain manages the account, its address may only change with
 * their approval. No account is managed yet, so none needs approval.
 */
export function emailChangeNeedsApproval(account: UserRecord): boolean {
  void account;
  return false;
}
