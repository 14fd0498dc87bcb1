import { and, asc, eq, exists, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import type { WorkspaceAccessFacts, WorkspaceKind, WorkspaceRole } from '../../policies/workspaces.ts';
import type { TeamRole } from '../../policies/teams.ts';
import { users } from '../accounts/schema.ts';
import { teamMembers, teams } from '../teams/schema.ts';
import { workspaceGrants, workspaces } from './schema.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;
/** A workspace with the team it belongs to, if any. */
export type WorkspaceRecord = WorkspaceRow & { team: { slug: string; name: string } | null };

export interface NewWorkspace {
  name: string;
  description: string | null;
  kind: WorkspaceKind;
  ownerId: string;
  teamId: string | null;
  teamRole?: WorkspaceRole;
  createdAt: Date;
}

export type WorkspacePatch = Partial<Pick<WorkspaceRow, 'name' | 'description' | 'kind' | 'teamId' | 'teamRole' | 'ownerId'>>;

export interface GrantRecord {
  id: string;
  role: WorkspaceRole;
  createdAt: Date;
  user: { username: string; displayName: string | null } | null;
  team: { slug: string; name: string } | null;
}

export type Grantee = { userId: string } | { teamId: string };

export interface WorkspaceStore {
  create(workspace: NewWorkspace): Promise<WorkspaceRow>;
  /** Creates the person's personal workspace unless they have one. */
  ensurePersonal(userId: string, name: string, now: Date): Promise<void>;
  findById(id: string): Promise<WorkspaceRecord | undefined>;
  /** What decides `userId`'s role in the workspace; undefined when the workspace does not exist. */
  accessFacts(workspaceId: string, userId: string | undefined): Promise<WorkspaceAccessFacts | undefined>;
  /**
   * The workspaces in which the person has a role (owner, grant, team grant, team membership),
   * ordered by name then id, after the (name, id) cursor key.
   */
  listVisible(userId: string, limit: number, after: [string, string] | undefined): Promise<WorkspaceRecord[]>;
  /** The person's role in each of their teams. */
  teamsOf(userId: string): Promise<Map<string, TeamRole>>;
  /** Grants on these workspaces naming the person or one of the given teams. */
  grantsReaching(workspaceIds: string[], userId: string, teamIds: string[]): Promise<(WorkspaceAccessFacts['grants'][number] & { workspaceId: string })[]>;
  update(id: string, patch: WorkspacePatch): Promise<void>;
  delete(id: string): Promise<void>;
  listGrants(workspaceId: string, limit: number, afterId: string | undefined): Promise<GrantRecord[]>;
  findGrant(workspaceId: string, grantId: string): Promise<GrantRecord | undefined>;
  /** Gives the grantee the role, replacing a grant they already had on the workspace. */
  putGrant(workspaceId: string, grantee: Grantee, role: WorkspaceRole, now: Date): Promise<string>;
  deleteGrant(workspaceId: string, grantId: string): Promise<boolean>;
  /** A live account's id by username, ignoring case. */
  userIdByUsername(username: string): Promise<string | undefined>;
  /** A team's id by slug, ignoring case. */
  teamIdBySlug(slug: string): Promise<string | undefined>;
}

export function createWorkspaceStore(db: Database): WorkspaceStore {
  const teamsOf = async (userId: string) => {
    // Suspended memberships give nothing (policies/workspaces.ts), so they are not "my teams" here.
    const rows = await db
      .select({ teamId: teamMembers.teamId, role: teamMembers.role })
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, userId), isNull(teamMembers.suspendedAt)));
    return new Map(rows.map((r) => [r.teamId, r.role]));
  };
  const grantsReaching = async (workspaceIds: string[], userId: string, teamIds: string[]) => {
    if (workspaceIds.length === 0) return [];
    const grantee = teamIds.length > 0 ? or(eq(workspaceGrants.userId, userId), inArray(workspaceGrants.teamId, teamIds)) : eq(workspaceGrants.userId, userId);
    return db
      .select({ workspaceId: workspaceGrants.workspaceId, userId: workspaceGrants.userId, teamId: workspaceGrants.teamId, role: workspaceGrants.role })
      .from(workspaceGrants)
      .where(and(inArray(workspaceGrants.workspaceId, workspaceIds), grantee));
  };

  const selectWithTeam = () =>
    db
      .select({ workspace: workspaces, teamSlug: teams.slug, teamName: teams.name })
      .from(workspaces)
      .leftJoin(teams, eq(teams.id, workspaces.teamId));

  const selectGrants = () =>
    db
      .select({
        id: workspaceGrants.id,
        role: workspaceGrants.role,
        createdAt: workspaceGrants.createdAt,
        username: users.username,
        displayName: users.displayName,
        teamSlug: teams.slug,
        teamName: teams.name,
      })
      .from(workspaceGrants)
      .leftJoin(users, eq(users.id, workspaceGrants.userId))
      .leftJoin(teams, eq(teams.id, workspaceGrants.teamId));

  return {
    async create(workspace) {
      const [row] = await db.insert(workspaces).values(workspace).returning();
      return row!;
    },
    async ensurePersonal(userId, name, now) {
      await db.insert(workspaces).values({ name, kind: 'personal', ownerId: userId, createdAt: now }).onConflictDoNothing();
    },
    async findById(id) {
      const [row] = await selectWithTeam().where(eq(workspaces.id, id)).limit(1);
      return row && withTeam(row);
    },
    async accessFacts(workspaceId, userId) {
      if (userId === undefined) {
        const [workspace] = await db
          .select({ kind: workspaces.kind, ownerId: workspaces.ownerId, teamId: workspaces.teamId, teamRole: workspaces.teamRole })
          .from(workspaces)
          .where(eq(workspaces.id, workspaceId))
          .limit(1);
        return workspace && { workspace, myTeams: new Map(), grants: [] };
      }
      // One round trip: every authorized request pays for this, so the workspace, the person's
      // teams and the grants reaching them come back together.
      const myTeamIds = sql`select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${userId} and ${teamMembers.suspendedAt} is null`;
      const [row] = await queryRows<{
        kind: WorkspaceKind;
        owner_id: string | null;
        team_id: string | null;
        team_role: WorkspaceRole;
        teams: [string, TeamRole][];
        suspended: string[];
        grants: [string | null, string | null, WorkspaceRole][];
      }>(
        db,
        sql`select ${workspaces.kind} as kind, ${workspaces.ownerId} as owner_id, ${workspaces.teamId} as team_id, ${workspaces.teamRole} as team_role,
          coalesce((select json_agg(json_build_array(${teamMembers.teamId}, ${teamMembers.role})) from ${teamMembers} where ${teamMembers.userId} = ${userId} and ${teamMembers.suspendedAt} is null), '[]'::json) as teams,
          coalesce((select json_agg(${teamMembers.teamId}) from ${teamMembers} where ${teamMembers.userId} = ${userId} and ${teamMembers.suspendedAt} is not null), '[]'::json) as suspended,
          coalesce((select json_agg(json_build_array(${workspaceGrants.userId}, ${workspaceGrants.teamId}, ${workspaceGrants.role})) from ${workspaceGrants}
            where ${workspaceGrants.workspaceId} = ${workspaces.id} and (${workspaceGrants.userId} = ${userId} or ${workspaceGrants.teamId} in (${myTeamIds}))), '[]'::json) as grants
          from ${workspaces} where ${workspaces.id} = ${workspaceId}`,
      );
      if (!row) return undefined;
      return {
        workspace: { kind: row.kind, ownerId: row.owner_id, teamId: row.team_id, teamRole: row.team_role },
        myTeams: new Map(row.teams),
        suspendedTeams: new Set(row.suspended),
        grants: row.grants.map(([grantUserId, teamId, role]) => ({ userId: grantUserId, teamId, role })),
      };
    },
    async listVisible(userId, limit, after) {
      const myTeamIds = db.select({ id: teamMembers.teamId }).from(teamMembers).where(and(eq(teamMembers.userId, userId), isNull(teamMembers.suspendedAt)));
      const suspendedIds = db
        .select({ id: teamMembers.teamId })
        .from(teamMembers)
        .where(and(eq(teamMembers.userId, userId), sql`${teamMembers.suspendedAt} is not null`));
      const granted = db
        .select({ one: sql`1` })
        .from(workspaceGrants)
        .where(
          and(
            eq(workspaceGrants.workspaceId, workspaces.id),
            or(eq(workspaceGrants.userId, userId), inArray(workspaceGrants.teamId, myTeamIds)),
          ),
        );
      // The same facts as resolveWorkspaceRole, as a filter: only workspaces the person has a role in.
      const visible = and(
        or(and(eq(workspaces.ownerId, userId), isNull(workspaces.teamId)), inArray(workspaces.teamId, myTeamIds), exists(granted)),
        // A suspended member reaches none of that team's workspaces, whatever else they hold.
        or(isNull(workspaces.teamId), sql`${workspaces.teamId} not in (${suspendedIds})`),
      );
      const cursor = after ? sql`(${workspaces.name}, ${workspaces.id}) > (${after[0]}::text, ${after[1]}::uuid)` : undefined;
      const rows = await selectWithTeam()
        .where(and(visible, cursor))
        .orderBy(asc(workspaces.name), asc(workspaces.id))
        .limit(limit + 1);
      return rows.map(withTeam);
    },
    teamsOf,
    grantsReaching,
    async update(id, patch) {
      await db.update(workspaces).set(patch).where(eq(workspaces.id, id));
    },
    async delete(id) {
      await db.delete(workspaces).where(eq(workspaces.id, id));
    },
    async listGrants(workspaceId, limit, afterId) {
      const rows = await selectGrants()
        .where(and(eq(workspaceGrants.workspaceId, workspaceId), afterId ? gt(workspaceGrants.id, afterId) : undefined))
        .orderBy(asc(workspaceGrants.id))
        .limit(limit + 1);
      return rows.map(toGrant);
    },
    async findGrant(workspaceId, grantId) {
      const [row] = await selectGrants()
        .where(and(eq(workspaceGrants.workspaceId, workspaceId), eq(workspaceGrants.id, grantId)))
        .limit(1);
      return row && toGrant(row);
    },
    async putGrant(workspaceId, grantee, role, now) {
      const byUser = 'userId' in grantee;
      const [row] = await db
        .insert(workspaceGrants)
        .values({ workspaceId, ...grantee, role, createdAt: now })
        .onConflictDoUpdate({
          target: byUser ? [workspaceGrants.workspaceId, workspaceGrants.userId] : [workspaceGrants.workspaceId, workspaceGrants.teamId],
          targetWhere: byUser ? sql`${workspaceGrants.userId} is not null` : sql`${workspaceGrants.teamId} is not null`,
          set: { role },
        })
        .returning({ id: workspaceGrants.id });
      return row!.id;
    },
    async deleteGrant(workspaceId, grantId) {
      const deleted = await db
        .delete(workspaceGrants)
        .where(and(eq(workspaceGrants.workspaceId, workspaceId), eq(workspaceGrants.id, grantId)))
        .returning({ id: workspaceGrants.id });
      return deleted.length > 0;
    },
    async userIdByUsername(username) {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.username})`, username.toLowerCase()), isNull(users.deletedAt)))
        .limit(1);
      return row?.id;
    },
    async teamIdBySlug(slug) {
      const [row] = await db.select({ id: teams.id }).from(teams).where(eq(sql`lower(${teams.slug})`, slug.toLowerCase())).limit(1);
      return row?.id;
    },
  };
}

function withTeam(row: { workspace: WorkspaceRow; teamSlug: string | null; teamName: string | null }): WorkspaceRecord {
  const team = row.teamSlug !== null && row.teamName !== null ? { slug: row.teamSlug, name: row.teamName } : null;
  return { ...row.workspace, team };
}

function toGrant(r: {
  id: string;
  role: WorkspaceRole;
  createdAt: Date;
  username: string | null;
  displayName: string | null;
  teamSlug: string | null;
  teamName: string | null;
}): GrantRecord {
  return {
    id: r.id,
    role: r.role,
    createdAt: r.createdAt,
    user: r.username === null ? null : { username: r.username, displayName: r.displayName },
    team: r.teamSlug === null || r.teamName === null ? null : { slug: r.teamSlug, name: r.teamName },
  };
}
