import { and, desc, eq, gte, isNull, max, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { apiKeys } from '../api-keys/schema.ts';
import { auditEvents } from '../audit/schema.ts';
import { requestHistory } from '../history/schema.ts';
import { accountActivity } from '../retention/schema.ts';
import { sessions } from '../sessions/schema.ts';
import { workspaces } from '../workspaces/schema.ts';
import { securityIncidents } from './schema.ts';

export interface IncidentRecord {
  id: string;
  teamId: string;
  title: string;
  justification: string;
  openedBy: string | null;
  openedByUsername: string | null;
  openedAt: Date;
  closedBy: string | null;
  closedByUsername: string | null;
  closedAt: Date | null;
}

/** How much a member used the service lately: counts and times, no request contents. */
export interface UsageRecord {
  requestsLast30Days: number;
  requestsInTeamWorkspacesLast30Days: number;
  lastRequestAt: Date | null;
  lastSessionSeenAt: Date | null;
  lastApiKeyUsedAt: Date | null;
  lastActiveAt: Date | null;
}

export interface AccessLogRecord {
  occurredAt: Date;
  viewerUsername: string | null;
  /** members, usage or devices */
  data: string;
  subjectUsername: string | null;
}

export type IncidentStore = ReturnType<typeof createIncidentStore>;

export function createIncidentStore(db: Database) {
  const opener = sql<string | null>`(select ${users.username} from ${users} where ${users.id} = ${securityIncidents.openedBy})`;
  const closer = sql<string | null>`(select ${users.username} from ${users} where ${users.id} = ${securityIncidents.closedBy})`;
  const columns = {
    id: securityIncidents.id,
    teamId: securityIncidents.teamId,
    title: securityIncidents.title,
    justification: securityIncidents.justification,
    openedBy: securityIncidents.openedBy,
    openedByUsername: opener,
    openedAt: securityIncidents.openedAt,
    closedBy: securityIncidents.closedBy,
    closedByUsername: closer,
    closedAt: securityIncidents.closedAt,
  };
  return {
    async create(incident: { teamId: string; title: string; justification: string; openedBy: string; openedAt: Date }): Promise<string> {
      const [row] = await db.insert(securityIncidents).values(incident).returning({ id: securityIncidents.id });
      return row!.id;
    },
    async find(teamId: string, id: string): Promise<IncidentRecord | undefined> {
      const [row] = await db
        .select(columns)
        .from(securityIncidents)
        .where(and(eq(securityIncidents.teamId, teamId), eq(securityIncidents.id, id)))
        .limit(1);
      return row;
    },
    async list(teamId: string, limit: number): Promise<IncidentRecord[]> {
      return db.select(columns).from(securityIncidents).where(eq(securityIncidents.teamId, teamId)).orderBy(desc(securityIncidents.openedAt)).limit(limit);
    },
    /** Closes it unless already closed; false when it was. */
    async close(teamId: string, id: string, by: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(securityIncidents)
        .set({ closedBy: by, closedAt: at })
        .where(and(eq(securityIncidents.teamId, teamId), eq(securityIncidents.id, id), isNull(securityIncidents.closedAt)))
        .returning({ id: securityIncidents.id });
      return rows.length > 0;
    },
    async usage(userId: string, teamId: string, since: Date): Promise<UsageRecord> {
      const [history] = await db
        .select({
          total: sql<number>`count(*)::int`,
          inTeam: sql<number>`(count(*) filter (where ${requestHistory.workspaceId} in (select ${workspaces.id} from ${workspaces} where ${workspaces.teamId} = ${teamId})))::int`,
          last: max(requestHistory.createdAt),
        })
        .from(requestHistory)
        .where(and(eq(requestHistory.userId, userId), gte(requestHistory.createdAt, since)));
      const [session] = await db.select({ last: max(sessions.lastSeenAt) }).from(sessions).where(eq(sessions.userId, userId));
      const [key] = await db.select({ last: max(apiKeys.lastUsedAt) }).from(apiKeys).where(eq(apiKeys.userId, userId));
      const [activity] = await db.select({ last: accountActivity.lastActiveAt }).from(accountActivity).where(eq(accountActivity.userId, userId));
      const date = (value: Date | string | null | undefined) => (value ? new Date(value) : null);
      return {
        requestsLast30Days: history?.total ?? 0,
        requestsInTeamWorkspacesLast30Days: history?.inTeam ?? 0,
        lastRequestAt: date(history?.last),
        lastSessionSeenAt: date(session?.last),
        lastApiKeyUsedAt: date(key?.last),
        lastActiveAt: date(activity?.last),
      };
    },
    /** Every view made under the incident, newest first, from the audit log. */
    async accessLog(teamId: string, incidentId: string): Promise<AccessLogRecord[]> {
      const rows = await db
        .select({
          occurredAt: auditEvents.occurredAt,
          viewerUsername: users.username,
          details: auditEvents.details,
          targetType: auditEvents.targetType,
          targetId: auditEvents.targetId,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(and(eq(auditEvents.teamId, teamId), eq(auditEvents.action, 'incident.data_viewed'), sql`${auditEvents.details}->>'incidentId' = ${incidentId}`))
        .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
        .limit(500);
      const subjectIds = [...new Set(rows.filter((r) => r.targetType === 'account' && r.targetId).map((r) => r.targetId!))];
      const names = new Map<string, string>();
      for (const id of subjectIds) {
        const [u] = await db.select({ username: users.username }).from(users).where(eq(sql`${users.id}::text`, id)).limit(1);
        if (u) names.set(id, u.username);
      }
      return rows.map((r) => ({
        occurredAt: r.occurredAt,
        viewerUsername: r.viewerUsername,
        data: String(r.details['data'] ?? ''),
        subjectUsername: r.targetType === 'account' && r.targetId ? (names.get(r.targetId) ?? null) : null,
      }));
    },
  };
}
