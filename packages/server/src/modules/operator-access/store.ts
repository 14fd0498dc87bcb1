import { aliasedTable, and, desc, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { teamMembers } from '../teams/schema.ts';
import { workspaces } from '../workspaces/schema.ts';
import { operatorAccessGrants, operatorAccessReads } from './schema.ts';
import type { OperatorAccessReason } from './schema.ts';

export type GrantStatus = 'awaiting_consent' | 'active' | 'expired' | 'ended' | 'declined';

export interface GrantRecord {
  id: string;
  workspaceId: string;
  workspaceName: string;
  operatorId: string | null;
  operatorUsername: string | null;
  reason: OperatorAccessReason;
  ticketRef: string | null;
  justification: string;
  hours: number;
  createdAt: Date;
  startsAt: Date | null;
  expiresAt: Date;
  consentedAt: Date | null;
  endedAt: Date | null;
  endedHow: 'ended' | 'declined' | null;
}

export interface ReadRecord {
  id: string;
  grantId: string;
  operatorUsername: string | null;
  at: Date;
  method: string;
  route: string;
  path: string;
}

export interface WorkspaceFacts {
  id: string;
  name: string;
  ownerId: string | null;
  teamId: string | null;
}

export interface Recipient {
  id: string;
  username: string;
  email: string;
}

/** A grant's state at `now`; the one place that decides it. */
export function grantStatus(g: Pick<GrantRecord, 'startsAt' | 'expiresAt' | 'endedAt' | 'endedHow'>, now: Date): GrantStatus {
  if (g.endedAt !== null) return g.endedHow === 'declined' ? 'declined' : 'ended';
  if (g.expiresAt.getTime() <= now.getTime()) return 'expired';
  return g.startsAt === null ? 'awaiting_consent' : 'active';
}

export type OperatorAccessStore = ReturnType<typeof createOperatorAccessStore>;

export function createOperatorAccessStore(db: Database) {
  const operators = aliasedTable(users, 'grant_operators');
  const selectGrants = () =>
    db
      .select({
        id: operatorAccessGrants.id,
        workspaceId: operatorAccessGrants.workspaceId,
        workspaceName: workspaces.name,
        operatorId: operatorAccessGrants.operatorId,
        operatorUsername: operators.username,
        reason: operatorAccessGrants.reason,
        ticketRef: operatorAccessGrants.ticketRef,
        justification: operatorAccessGrants.justification,
        hours: operatorAccessGrants.hours,
        createdAt: operatorAccessGrants.createdAt,
        startsAt: operatorAccessGrants.startsAt,
        expiresAt: operatorAccessGrants.expiresAt,
        consentedAt: operatorAccessGrants.consentedAt,
        endedAt: operatorAccessGrants.endedAt,
        endedHow: operatorAccessGrants.endedHow,
      })
      .from(operatorAccessGrants)
      .innerJoin(workspaces, eq(workspaces.id, operatorAccessGrants.workspaceId))
      .leftJoin(operators, eq(operators.id, operatorAccessGrants.operatorId));

  return {
    /** The operator's grant on the workspace that is active at `now` (started, not expired, not ended). */
    async activeGrant(operatorId: string, workspaceId: string, now: Date): Promise<{ id: string; reason: OperatorAccessReason } | undefined> {
      const [row] = await db
        .select({ id: operatorAccessGrants.id, reason: operatorAccessGrants.reason })
        .from(operatorAccessGrants)
        .where(
          and(
            eq(operatorAccessGrants.workspaceId, workspaceId),
            eq(operatorAccessGrants.operatorId, operatorId),
            isNotNull(operatorAccessGrants.startsAt),
            lte(operatorAccessGrants.startsAt, now),
            gt(operatorAccessGrants.expiresAt, now),
            isNull(operatorAccessGrants.endedAt),
          ),
        )
        .orderBy(desc(operatorAccessGrants.startsAt))
        .limit(1);
      return row;
    },

    async recordRead(read: { grantId: string; workspaceId: string; operatorId: string; at: Date; method: string; route: string; path: string }): Promise<void> {
      await db.insert(operatorAccessReads).values(read);
    },

    async workspace(id: string): Promise<WorkspaceFacts | undefined> {
      const [row] = await db
        .select({ id: workspaces.id, name: workspaces.name, ownerId: workspaces.ownerId, teamId: workspaces.teamId })
        .from(workspaces)
        .where(eq(workspaces.id, id))
        .limit(1);
      return row;
    },

    /** Who answers for a workspace: its owner and, for a team's, the team's owner and admins. */
    async stewards(workspace: WorkspaceFacts): Promise<Recipient[]> {
      const ids = new Set<string>();
      if (workspace.teamId !== null) {
        const rows = await db
          .select({ userId: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, workspace.teamId), inArray(teamMembers.role, ['owner', 'admin']), isNull(teamMembers.suspendedAt)));
        for (const r of rows) ids.add(r.userId);
      }
      if (workspace.ownerId !== null) ids.add(workspace.ownerId);
      if (ids.size === 0) return [];
      return db
        .select({ id: users.id, username: users.username, email: users.email })
        .from(users)
        .where(and(inArray(users.id, [...ids]), isNull(users.deletedAt)));
    },

    async create(grant: typeof operatorAccessGrants.$inferInsert): Promise<string> {
      const [row] = await db.insert(operatorAccessGrants).values(grant).returning({ id: operatorAccessGrants.id });
      return row!.id;
    },

    async find(id: string): Promise<GrantRecord | undefined> {
      const [row] = await selectGrants().where(eq(operatorAccessGrants.id, id)).limit(1);
      return row;
    },

    /** Newest first. */
    list(filter: { workspaceId?: string }, limit: number): Promise<GrantRecord[]> {
      return selectGrants()
        .where(filter.workspaceId === undefined ? undefined : eq(operatorAccessGrants.workspaceId, filter.workspaceId))
        .orderBy(desc(operatorAccessGrants.createdAt), desc(operatorAccessGrants.id))
        .limit(limit);
    },

    /** Newest first. */
    reads(workspaceId: string, limit: number): Promise<ReadRecord[]> {
      return db
        .select({
          id: operatorAccessReads.id,
          grantId: operatorAccessReads.grantId,
          operatorUsername: users.username,
          at: operatorAccessReads.at,
          method: operatorAccessReads.method,
          route: operatorAccessReads.route,
          path: operatorAccessReads.path,
        })
        .from(operatorAccessReads)
        .leftJoin(users, eq(users.id, operatorAccessReads.operatorId))
        .where(eq(operatorAccessReads.workspaceId, workspaceId))
        .orderBy(desc(operatorAccessReads.at), desc(operatorAccessReads.id))
        .limit(limit);
    },

    /** Starts a grant waiting for consent; false when it no longer waits (decided, ended or lapsed). */
    async consent(id: string, by: string, now: Date, expiresAt: Date): Promise<boolean> {
      const rows = await db
        .update(operatorAccessGrants)
        .set({ startsAt: now, consentedAt: now, consentedBy: by, expiresAt })
        .where(and(eq(operatorAccessGrants.id, id), isNull(operatorAccessGrants.startsAt), isNull(operatorAccessGrants.endedAt), gt(operatorAccessGrants.expiresAt, now)))
        .returning({ id: operatorAccessGrants.id });
      return rows.length > 0;
    },

    /** Ends a grant that has not ended or lapsed yet; false otherwise. */
    async end(id: string, by: string, how: 'ended' | 'declined', now: Date): Promise<boolean> {
      const rows = await db
        .update(operatorAccessGrants)
        .set({ endedAt: now, endedBy: by, endedHow: how })
        .where(
          and(
            eq(operatorAccessGrants.id, id),
            isNull(operatorAccessGrants.endedAt),
            gt(operatorAccessGrants.expiresAt, now),
            // Only a grant still waiting for consent can be declined.
            how === 'declined' ? isNull(operatorAccessGrants.startsAt) : undefined,
          ),
        )
        .returning({ id: operatorAccessGrants.id });
      return rows.length > 0;
    },
  };
}
