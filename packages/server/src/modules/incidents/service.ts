import type { Clock } from '../../clock.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { authorizeTeam } from '../../policies/teams.ts';
import type { TeamRole } from '../../policies/teams.ts';
import type { AuditService } from '../audit/service.ts';
import type { SessionService, SessionSummary } from '../sessions/service.ts';
import type { MemberRecord, TeamStore } from '../teams/store.ts';
import type { AccessLogRecord, IncidentRecord, IncidentStore, UsageRecord } from './store.ts';

export const TITLE_MIN = 3;
export const JUSTIFICATION_MIN = 30;
const USAGE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export type IncidentData = 'members' | 'usage' | 'devices';

export interface IncidentDeps {
  store: IncidentStore;
  teams: Pick<TeamStore, 'findWithRole' | 'findMember' | 'listMembers'>;
  sessions: Pick<SessionService, 'list'>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}

export type IncidentService = ReturnType<typeof createIncidentService>;

const incidentNotFound = () => notFound('No such incident in this team.', { code: 'INCIDENT_NOT_FOUND' });
const ownerOnly = () =>
  forbidden('Only the team’s owner can open security incidents and see members’ data in them.', { code: 'INCIDENT_OWNER_ONLY' });
const incidentClosed = () =>
  forbidden('This incident is closed, which ended access to members’ data; open a new incident with a justification.', { code: 'INCIDENT_CLOSED' });
const memberNotFound = () => notFound('No member of this team has this username.', { code: 'MEMBER_NOT_FOUND' });

/**
 * Security incidents (P15): a team's owner may see members' usernames, usage and device data only
 * inside an open incident they recorded with a justification. Every view is written to the audit
 * log (with the team's id), which is also the incident's access log; closing it ends access.
 */
export function createIncidentService({ store, teams, sessions, audit, clock }: IncidentDeps) {
  /** The team and the person's role; outsiders get 404, suspended members 403. */
  async function team(user: CurrentUser, slug: string, need: 'read' | 'owner'): Promise<{ teamId: string; role: TeamRole }> {
    const found = await teams.findWithRole(slug, user.id);
    // The list and access log are for the owner and admins; member data only for the owner.
    if (found?.role && found.suspended) throw forbidden('Your access to this team is suspended.', { code: 'TEAM_MEMBER_SUSPENDED' });
    const role = authorizeTeam(found?.role ?? null, 'manageMembers');
    if (need === 'owner' && role !== 'owner') throw ownerOnly();
    return { teamId: found!.team.id, role };
  }

  async function incident(teamId: string, id: string): Promise<IncidentRecord> {
    const found = await store.find(teamId, id);
    if (!found) throw incidentNotFound();
    return found;
  }

  /** The open incident the owner views data under; a closed one refuses. */
  async function openIncident(user: CurrentUser, slug: string, id: string): Promise<{ teamId: string; incident: IncidentRecord }> {
    const { teamId } = await team(user, slug, 'owner');
    const found = await incident(teamId, id);
    if (found.closedAt !== null) throw incidentClosed();
    return { teamId, incident: found };
  }

  const viewed = (user: CurrentUser, teamId: string, incidentId: string, data: IncidentData, subjectId?: string) =>
    audit.record({
      actorId: user.id,
      action: 'incident.data_viewed',
      targetType: subjectId ? 'account' : 'incident',
      targetId: subjectId ?? incidentId,
      details: { incidentId, data },
      teamId,
    });

  async function subject(teamId: string, username: string): Promise<MemberRecord> {
    const found = await teams.findMember(teamId, username);
    if (!found) throw memberNotFound();
    return found;
  }

  return {
    async open(user: CurrentUser, slug: string, input: { title: string; justification: string }): Promise<IncidentRecord> {
      const { teamId } = await team(user, slug, 'owner');
      const id = await store.create({ teamId, title: input.title, justification: input.justification, openedBy: user.id, openedAt: clock() });
      // The title and justification stay in the incident row; the log gets ids only.
      await audit.record({ actorId: user.id, action: 'incident.opened', targetType: 'incident', targetId: id, teamId });
      return incident(teamId, id);
    },

    async list(user: CurrentUser, slug: string): Promise<{ incidents: IncidentRecord[]; canOpen: boolean }> {
      const { teamId, role } = await team(user, slug, 'read');
      return { incidents: await store.list(teamId, 100), canOpen: role === 'owner' };
    },

    async get(user: CurrentUser, slug: string, id: string): Promise<{ incident: IncidentRecord; accessLog: AccessLogRecord[]; canView: boolean }> {
      const { teamId, role } = await team(user, slug, 'read');
      const found = await incident(teamId, id);
      return { incident: found, accessLog: await store.accessLog(teamId, id), canView: role === 'owner' && found.closedAt === null };
    },

    async close(user: CurrentUser, slug: string, id: string): Promise<IncidentRecord> {
      const { teamId } = await team(user, slug, 'owner');
      await incident(teamId, id);
      if (!(await store.close(teamId, id, user.id, clock()))) throw conflict('This incident is already closed.', { code: 'INCIDENT_CLOSED' });
      await audit.record({ actorId: user.id, action: 'incident.closed', targetType: 'incident', targetId: id, teamId });
      return incident(teamId, id);
    },

    /** The members' usernames, roles and suspension, for picking whose data to look at. */
    async members(user: CurrentUser, slug: string, id: string): Promise<MemberRecord[]> {
      const { teamId } = await openIncident(user, slug, id);
      const all: MemberRecord[] = [];
      let after: string | undefined;
      // Teams are small; the cap only guards against a runaway loop.
      for (let i = 0; i < 50; i++) {
        const rows = await teams.listMembers(teamId, 200, after);
        all.push(...rows.slice(0, 200));
        if (rows.length <= 200) break;
        after = rows[199]!.username.toLowerCase();
      }
      await viewed(user, teamId, id, 'members');
      return all;
    },

    async usage(user: CurrentUser, slug: string, id: string, username: string): Promise<{ username: string; usage: UsageRecord }> {
      const { teamId } = await openIncident(user, slug, id);
      const member = await subject(teamId, username);
      const usage = await store.usage(member.userId, teamId, new Date(clock().getTime() - USAGE_WINDOW_MS));
      await viewed(user, teamId, id, 'usage', member.userId);
      return { username: member.username, usage };
    },

    async devices(user: CurrentUser, slug: string, id: string, username: string): Promise<{ username: string; devices: SessionSummary[] }> {
      const { teamId } = await openIncident(user, slug, id);
      const member = await subject(teamId, username);
      const devices = await sessions.list(member.userId, '');
      await viewed(user, teamId, id, 'devices', member.userId);
      return { username: member.username, devices };
    },
  };
}
