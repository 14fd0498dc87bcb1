/**
 * P11 (issue #8): once a team manages an account through its verified email domain
 * (modules/team-domains), the account's email changes only with a team admin's approval. The
 * email-change service asks this hook; without one no account is managed.
 */
export interface EmailChangeApproval {
  /** The team managing the account now (its notice period over), or null. */
  managedBy(userId: string): Promise<{ teamId: string; teamName: string } | null>;
  /** Tells the team's admins that a change waits for them; never fails the request. */
  onAwaiting?(userId: string, team: { teamId: string; teamName: string }): Promise<void>;
}

/** How long a change waits for approval before the person must ask again. */
export const APPROVAL_WAIT_MS = 30 * 24 * 60 * 60 * 1000;
