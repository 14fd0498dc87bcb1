import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { TeamRole } from '../../policies/teams.ts';
import { users } from '../accounts/schema.ts';
import { workspaceGrants, workspaces } from '../workspaces/schema.ts';
import { teamInvitations, teamMembers, teams } from './schema.ts';

export type TeamRecord = typeof teams.$inferSelect;
export type InvitationRole = 'admin' | 'member';

export interface MemberRecord {
  userId: string;
  username: string;
  displayName: string | null;
  role: TeamRole;
  joinedAt: Date;
  /** Set while the team has suspended the member (no access to its workspaces). */
  suspendedAt: Date | null;
  /** Never shown as is: team views mask it (P12, team-domains/mask.ts). */
  email: string;
}

export interface InvitationRecord {
  id: string;
  teamId: string;
  email: string;
  role: InvitationRole;
  inviterUsername: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface InvitationPreviewRecord extends InvitationRecord {
  team: { slug: string; name: string };
}

export interface NewInvitation {
  teamId: string;
  email: string;
  role: InvitationRole;
  tokenHash: string;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface TeamStore {
  /** Creates the team with `ownerId` as its owner; false when the slug is taken. */
  create(team: { slug: string; name: string; createdAt: Date }, ownerId: string): Promise<TeamRecord | false>;
  /**
   * The team (by slug, ignoring case) and the person's role in it (null when not a member). A
   * suspended admin's role reads 'member' here, so no module lets them manage the team.
   */
  findWithRole(slug: string, userId: string): Promise<{ team: TeamRecord; role: TeamRole | null; suspended: boolean } | undefined>;
  /** The person's teams with their role, ordered by slug, after `afterSlug`. */
  listMine(userId: string, limit: number, afterSlug: string | undefined): Promise<{ team: TeamRecord; role: TeamRole }[]>;
  /** Applies the change; false when the new slug is taken. */
  update(teamId: string, patch: { name?: string; slug?: string }): Promise<boolean>;
  /** Deletes the team; false while workspaces still belong to it. */
  delete(teamId: string): Promise<boolean>;
  findTeamById(teamId: string): Promise<TeamRecord | undefined>;
  countMembers(teamId: string): Promise<number>;
  listMembers(teamId: string, limit: number, afterUsername: string | undefined): Promise<MemberRecord[]>;
  findMember(teamId: string, username: string): Promise<MemberRecord | undefined>;
  /** Adds the person unless they are already a member (their role then stays). */
  addMember(teamId: string, userId: string, role: TeamRole, now: Date): Promise<void>;
  setRole(teamId: string, userId: string, role: Exclude<TeamRole, 'owner'>): Promise<void>;
  removeMember(teamId: string, userId: string): Promise<void>;
  /** Suspends (a date) or unsuspends (null) the member; their membership and role stay. */
  setSuspended(teamId: string, userId: string, at: Date | null): Promise<void>;
  /** Makes `toUserId` the owner and the current owner an admin, in one transaction. */
  transferOwnership(teamId: string, fromUserId: string, toUserId: string): Promise<void>;

  /** Replaces any pending invitation of the same address to the team. */
  createInvitation(invitation: NewInvitation): Promise<InvitationRecord>;
  listInvitations(teamId: string, limit: number, afterId: string | undefined): Promise<InvitationRecord[]>;
  deleteInvitation(teamId: string, id: string): Promise<boolean>;
  /** The unexpired invitation with this token hash. */
  findInvitation(tokenHash: string, now: Date): Promise<InvitationPreviewRecord | undefined>;
  /** Deletes the invitation with this token hash and returns it, so only one request can use it. */
  takeInvitation(tokenHash: string, now: Date): Promise<InvitationRecord | undefined>;
  /** Deletes every invitation that expired at or before `now` (with its email); returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

export function createTeamStore(db: Database): TeamStore {
  const memberColumns = {
    userId: teamMembers.userId,
    username: users.username,
    displayName: users.displayName,
    role: teamMembers.role,
    joinedAt: teamMembers.createdAt,
    suspendedAt: teamMembers.suspendedAt,
    email: users.email,
  };
  const invitationColumns = {
    id: teamInvitations.id,
    teamId: teamInvitations.teamId,
    email: teamInvitations.email,
    role: teamInvitations.role,
    inviterUsername: users.username,
    createdAt: teamInvitations.createdAt,
    expiresAt: teamInvitations.expiresAt,
  };
  const bySlug = (slug: string) => eq(sql`lower(${teams.slug})`, slug.toLowerCase());

  return {
    async create(team, ownerId) {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx.insert(teams).values(team).returning();
          await tx.insert(teamMembers).values({ teamId: row!.id, userId: ownerId, role: 'owner', createdAt: team.createdAt });
          return row!;
        });
      } catch (error) {
        if (violated(error, '23505', 'teams_slug_lower_key')) return false;
        throw error;
      }
    },
    async findWithRole(slug, userId) {
      const [row] = await db
        .select({ team: teams, role: teamMembers.role, suspendedAt: teamMembers.suspendedAt })
        .from(teams)
        .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId)))
        .where(bySlug(slug))
        .limit(1);
      if (!row) return undefined;
      // A suspended admin acts as a plain member everywhere that asks this (billing, domains,
      // webhooks, integrations...) until the suspension is lifted; the owner is never suspended.
      const suspended = row.suspendedAt !== null;
      return { team: row.team, role: suspended && row.role === 'admin' ? 'member' : row.role, suspended };
    },
    async listMine(userId, limit, afterSlug) {
      return db
        .select({ team: teams, role: teamMembers.role })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(and(eq(teamMembers.userId, userId), afterSlug === undefined ? undefined : gt(teams.slug, afterSlug)))
        .orderBy(asc(teams.slug))
        .limit(limit + 1);
    },
    async update(teamId, patch) {
      if (Object.keys(patch).length === 0) return true;
      try {
        await db.update(teams).set(patch).where(eq(teams.id, teamId));
        return true;
      } catch (error) {
        if (violated(error, '23505', 'teams_slug_lower_key')) return false;
        throw error;
      }
    },
    async delete(teamId) {
      try {
        await db.delete(teams).where(eq(teams.id, teamId));
        return true;
      } catch (error) {
        // workspaces.team_id refuses (ON DELETE RESTRICT: 23001) to lose its team.
        if (violated(error, '23001', 'workspaces') || violated(error, '23503', 'workspaces')) return false;
        throw error;
      }
    },
    async findTeamById(teamId) {
      const [row] = await db.select().from(teams).where(eq(teams.id, teamId)).limit(1);
      return row;
    },
    async countMembers(teamId) {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
      return row?.n ?? 0;
    },
    async listMembers(teamId, limit, afterUsername) {
      return db
        .select(memberColumns)
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.teamId, teamId), afterUsername === undefined ? undefined : gt(sql`lower(${users.username})`, afterUsername)))
        .orderBy(asc(sql`lower(${users.username})`))
        .limit(limit + 1);
    },
    async findMember(teamId, username) {
      const [row] = await db
        .select(memberColumns)
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.teamId, teamId), eq(sql`lower(${users.username})`, username.toLowerCase())))
        .limit(1);
      return row;
    },
    async addMember(teamId, userId, role, now) {
      await db.insert(teamMembers).values({ teamId, userId, role, createdAt: now }).onConflictDoNothing();
    },
    async setRole(teamId, userId, role) {
      await db.update(teamMembers).set({ role }).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
    },
    async removeMember(teamId, userId) {
      // Ending a member's access (P11) ends it everywhere in the team at once: their direct grants
      // on the team's workspaces go with the membership.
      await db.transaction(async (tx) => {
        await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
        await tx
          .delete(workspaceGrants)
          .where(
            and(
              eq(workspaceGrants.userId, userId),
              inArray(workspaceGrants.workspaceId, tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.teamId, teamId))),
            ),
          );
      });
    },
    async setSuspended(teamId, userId, at) {
      await db.update(teamMembers).set({ suspendedAt: at }).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
    },
    async transferOwnership(teamId, fromUserId, toUserId) {
      await db.transaction(async (tx) => {
        // Demote first: the one-owner index would refuse two owners even for a moment.
        await tx.update(teamMembers).set({ role: 'admin' }).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, fromUserId)));
        await tx.update(teamMembers).set({ role: 'owner' }).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, toUserId)));
      });
    },

    async createInvitation(invitation) {
      const id = await db.transaction(async (tx) => {
        await tx
          .delete(teamInvitations)
          .where(and(eq(teamInvitations.teamId, invitation.teamId), eq(sql`lower(${teamInvitations.email})`, invitation.email.toLowerCase())));
        const [row] = await tx.insert(teamInvitations).values(invitation).returning({ id: teamInvitations.id });
        return row!.id;
      });
      const [row] = await db
        .select(invitationColumns)
        .from(teamInvitations)
        .leftJoin(users, eq(users.id, teamInvitations.invitedBy))
        .where(eq(teamInvitations.id, id));
      return row!;
    },
    async listInvitations(teamId, limit, afterId) {
      return db
        .select(invitationColumns)
        .from(teamInvitations)
        .leftJoin(users, eq(users.id, teamInvitations.invitedBy))
        .where(and(eq(teamInvitations.teamId, teamId), afterId === undefined ? undefined : gt(teamInvitations.id, afterId)))
        .orderBy(asc(teamInvitations.id))
        .limit(limit + 1);
    },
    async deleteInvitation(teamId, id) {
      const deleted = await db
        .delete(teamInvitations)
        .where(and(eq(teamInvitations.teamId, teamId), eq(teamInvitations.id, id)))
        .returning({ id: teamInvitations.id });
      return deleted.length > 0;
    },
    async findInvitation(tokenHash, now) {
      const [row] = await db
        .select({ ...invitationColumns, teamSlug: teams.slug, teamName: teams.name })
        .from(teamInvitations)
        .innerJoin(teams, eq(teams.id, teamInvitations.teamId))
        .leftJoin(users, eq(users.id, teamInvitations.invitedBy))
        .where(and(eq(teamInvitations.tokenHash, tokenHash), gt(teamInvitations.expiresAt, now)))
        .limit(1);
      if (!row) return undefined;
      const { teamSlug, teamName, ...invitation } = row;
      return { ...invitation, team: { slug: teamSlug, name: teamName } };
    },
    async takeInvitation(tokenHash, now) {
      const [row] = await db
        .delete(teamInvitations)
        .where(and(eq(teamInvitations.tokenHash, tokenHash), gt(teamInvitations.expiresAt, now)))
        .returning();
      if (!row) return undefined;
      return { id: row.id, teamId: row.teamId, email: row.email, role: row.role, inviterUsername: null, createdAt: row.createdAt, expiresAt: row.expiresAt };
    },
    async deleteExpired(now) {
      const deleted = await db.delete(teamInvitations).where(lte(teamInvitations.expiresAt, now)).returning({ id: teamInvitations.id });
      return deleted.length;
    },
  };
}

/** Whether a failed statement hit this SQLSTATE on this constraint or table; drivers nest the cause. */
function violated(error: unknown, code: string, name: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const details = e as { code?: string; constraint?: string; table?: string };
    if (details.code === code && `${details.constraint ?? ''} ${details.table ?? ''} ${e.message}`.includes(name)) return true;
  }
  return false;
}
