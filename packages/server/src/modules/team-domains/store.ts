import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { emailTokens } from '../recovery/schema.ts';
import { teamMembers, teams } from '../teams/schema.ts';
import { managedAccounts, teamDomains } from './schema.ts';

export type DomainRecord = typeof teamDomains.$inferSelect;

export interface DomainAccount {
  id: string;
  username: string;
  email: string;
}

/** The team managing an account, and since when (in the future while the notice runs). */
export interface ManagerRecord {
  teamId: string;
  teamSlug: string;
  teamName: string;
  domain: string;
  effectiveAt: Date;
}

export interface PendingApprovalRecord {
  userId: string;
  username: string;
  displayName: string | null;
  currentEmail: string;
  newEmail: string;
  requestedAt: Date;
}

export type TeamDomainStore = ReturnType<typeof createTeamDomainStore>;

export function createTeamDomainStore(db: Database) {
  const byDomain = (domain: string) => eq(teamDomains.domain, domain.toLowerCase());
  // Addresses ending in exactly @domain; domains are validated to [a-z0-9.-], so no LIKE wildcards.
  const inDomain = (domain: string) => sql`lower(${users.email}) like ${'%@' + domain.toLowerCase()}`;

  return {
    /** Adds the domain to the team; false when the team already has it. */
    async add(row: { teamId: string; domain: string; verificationToken: string; createdAt: Date }): Promise<DomainRecord | false> {
      const [created] = await db.insert(teamDomains).values(row).onConflictDoNothing().returning();
      return created ?? false;
    },
    async list(teamId: string): Promise<DomainRecord[]> {
      return db.select().from(teamDomains).where(eq(teamDomains.teamId, teamId)).orderBy(asc(teamDomains.domain));
    },
    async find(teamId: string, domain: string): Promise<DomainRecord | undefined> {
      const [row] = await db.select().from(teamDomains).where(and(eq(teamDomains.teamId, teamId), byDomain(domain))).limit(1);
      return row;
    },
    /** The verified entry of the domain, whichever team holds it, with the team. */
    async verifiedHolder(domain: string): Promise<{ domain: DomainRecord; team: { id: string; slug: string; name: string } } | undefined> {
      const [row] = await db
        .select({ domain: teamDomains, team: { id: teams.id, slug: teams.slug, name: teams.name } })
        .from(teamDomains)
        .innerJoin(teams, eq(teams.id, teamDomains.teamId))
        .where(and(byDomain(domain), isNotNull(teamDomains.verifiedAt)))
        .limit(1);
      return row;
    },
    /** Marks it verified; false when another team verified the same domain first (unique index). */
    async markVerified(id: string, now: Date): Promise<boolean> {
      try {
        await db.update(teamDomains).set({ verifiedAt: now, lastCheckedAt: now }).where(eq(teamDomains.id, id));
        return true;
      } catch (error) {
        if (violated(error, 'team_domains_verified_domain_key')) return false;
        throw error;
      }
    },
    /** A failed check: the domain is no longer verified (managed accounts pause with it). */
    async markUnverified(id: string, now: Date): Promise<void> {
      await db.update(teamDomains).set({ verifiedAt: null, lastCheckedAt: now }).where(eq(teamDomains.id, id));
    },
    async remove(id: string): Promise<void> {
      await db.delete(teamDomains).where(eq(teamDomains.id, id));
    },
    async verifiedDomains(teamId: string): Promise<string[]> {
      const rows = await db
        .select({ domain: teamDomains.domain })
        .from(teamDomains)
        .where(and(eq(teamDomains.teamId, teamId), isNotNull(teamDomains.verifiedAt)));
      return rows.map((r) => r.domain);
    },
    /** Accounts (not deleted) whose email is in the domain. */
    async accountsIn(domain: string): Promise<DomainAccount[]> {
      return db
        .select({ id: users.id, username: users.username, email: users.email })
        .from(users)
        .where(and(inDomain(domain), isNull(users.deletedAt)));
    },
    async startCapture(id: string, capture: { startedAt: Date; noticeDays: number; effectiveAt: Date }): Promise<void> {
      await db
        .update(teamDomains)
        .set({ captureStartedAt: capture.startedAt, captureNoticeDays: capture.noticeDays, captureEffectiveAt: capture.effectiveAt })
        .where(eq(teamDomains.id, id));
    },
    /** Records that these accounts were told; an account already recorded keeps its row. */
    async addManaged(rows: { userId: string; teamId: string; domainId: string; notifiedAt: Date; effectiveAt: Date }[]): Promise<void> {
      if (rows.length > 0) await db.insert(managedAccounts).values(rows).onConflictDoNothing();
    },
    /** The team that manages (or, before `effectiveAt`, will manage) the account, while its domain is verified. */
    /** Of `userIds`, those the team manages at `now`: notice over and the domain still verified. */
    async managedAmong(teamId: string, userIds: string[], now: Date): Promise<string[]> {
      const rows = await db
        .select({ userId: managedAccounts.userId })
        .from(managedAccounts)
        .innerJoin(teamDomains, eq(teamDomains.id, managedAccounts.domainId))
        .where(
          and(
            eq(managedAccounts.teamId, teamId),
            inArray(managedAccounts.userId, userIds),
            lte(managedAccounts.effectiveAt, now),
            isNotNull(teamDomains.verifiedAt),
          ),
        );
      return rows.map((r) => r.userId);
    },
    async managerOf(userId: string): Promise<ManagerRecord | undefined> {
      const [row] = await db
        .select({ teamId: teams.id, teamSlug: teams.slug, teamName: teams.name, domain: teamDomains.domain, effectiveAt: managedAccounts.effectiveAt })
        .from(managedAccounts)
        .innerJoin(teamDomains, eq(teamDomains.id, managedAccounts.domainId))
        .innerJoin(teams, eq(teams.id, managedAccounts.teamId))
        .where(and(eq(managedAccounts.userId, userId), isNotNull(teamDomains.verifiedAt)))
        .limit(1);
      return row;
    },
    async countManaged(domainId: string, now: Date): Promise<{ managed: number; notified: number }> {
      const [row] = await db
        .select({
          managed: sql<number>`count(*) filter (where ${managedAccounts.effectiveAt} <= ${now.toISOString()}::timestamptz)::int`,
          notified: sql<number>`count(*)::int`,
        })
        .from(managedAccounts)
        .where(eq(managedAccounts.domainId, domainId));
      return row ?? { managed: 0, notified: 0 };
    },
    /** Rows whose notice ran out but whose change was not yet recorded. */
    async dueUnrecorded(now: Date): Promise<{ userId: string; teamId: string }[]> {
      return db
        .select({ userId: managedAccounts.userId, teamId: managedAccounts.teamId })
        .from(managedAccounts)
        .innerJoin(teamDomains, eq(teamDomains.id, managedAccounts.domainId))
        .where(and(isNull(managedAccounts.managedAt), lte(managedAccounts.effectiveAt, now), isNotNull(teamDomains.verifiedAt)));
    },
    async markRecorded(userIds: string[], now: Date): Promise<void> {
      if (userIds.length > 0) await db.update(managedAccounts).set({ managedAt: now }).where(inArray(managedAccounts.userId, userIds));
    },
    /** Email changes of accounts the team manages that wait for an admin. */
    async pendingApprovals(teamId: string, now: Date): Promise<PendingApprovalRecord[]> {
      const rows = await db
        .select({
          userId: users.id,
          username: users.username,
          displayName: users.displayName,
          currentEmail: users.email,
          newEmail: emailTokens.email,
          requestedAt: emailTokens.createdAt,
        })
        .from(managedAccounts)
        .innerJoin(teamDomains, eq(teamDomains.id, managedAccounts.domainId))
        .innerJoin(users, eq(users.id, managedAccounts.userId))
        .innerJoin(emailTokens, eq(emailTokens.userId, managedAccounts.userId))
        .where(
          and(
            eq(managedAccounts.teamId, teamId),
            // Only accounts managed now: notice over and the domain still verified.
            lte(managedAccounts.effectiveAt, now),
            isNotNull(teamDomains.verifiedAt),
            eq(emailTokens.purpose, 'approve_email_change'),
            isNull(emailTokens.usedAt),
            gt(emailTokens.expiresAt, now),
          ),
        )
        .orderBy(asc(emailTokens.createdAt));
      return rows.map((r) => ({ ...r, newEmail: r.newEmail ?? '' }));
    },
    /** Owner and admins of the team. */
    async adminIds(teamId: string): Promise<string[]> {
      const rows = await db
        .select({ id: teamMembers.userId })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.role, ['owner', 'admin'])));
      return rows.map((r) => r.id);
    },
    async ownerUsername(teamId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ username: users.username })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, 'owner')))
        .limit(1);
      return row?.username;
    },
    async findAccountByUsername(username: string): Promise<DomainAccount | undefined> {
      const [row] = await db
        .select({ id: users.id, username: users.username, email: users.email })
        .from(users)
        .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
        .limit(1);
      return row;
    },
  };
}

/** Whether a failed statement hit this unique constraint; drivers nest the cause. */
function violated(error: unknown, name: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const details = e as { code?: string; constraint?: string };
    if (details.code === '23505' && `${details.constraint ?? ''} ${e.message}`.includes(name)) return true;
  }
  return false;
}
