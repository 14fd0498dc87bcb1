import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AuditService } from '../audit/service.ts';
import { authorizeTeam, canChangeMember, teamAbilities } from '../../policies/teams.ts';
import type { TeamRole } from '../../policies/teams.ts';
import { invitationMessage } from './messages.ts';
import type { InvitationPreviewRecord, InvitationRecord, InvitationRole, MemberRecord, TeamRecord, TeamStore } from './store.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** The web app page an invitation link opens; the token rides in the fragment, out of server logs. */
export const INVITATION_PATH = '/invitations';

export interface TeamWithRole {
  team: TeamRecord;
  role: TeamRole;
  abilities: ReturnType<typeof teamAbilities>;
}

export interface TeamServiceDeps {
  store: TeamStore;
  mailer: Mailer;
  clock: Clock;
  /** Base of the invitation links (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  /** Told about joins, departures and role changes (notifications); never fails the change. */
  onActivity?: (event: TeamActivityEvent) => Promise<void>;
  /** The audit log (P18): membership changes are recorded with the team's id, ids only. */
  audit?: Pick<AuditService, 'record'>;
  /** Members' emails as the team's owner and admins may see them (P12, modules/team-domains: masked outside verified domains). */
  memberEmails?: (teamId: string, members: { userId: string; email: string }[]) => Promise<Map<string, string>>;
  /** Which of these members the team manages now through a verified domain (P11, modules/team-domains). */
  managedMembers?: (teamId: string, userIds: string[]) => Promise<Set<string>>;
}

/** A change in a team's membership, for notifications. `subject` is the member it is about. */
export interface TeamActivityEvent {
  team: { id: string; slug: string; name: string };
  actor: { id: string; username: string };
  kind: 'joined' | 'left' | 'removed' | 'role-changed';
  subject: { id: string; username: string };
  role?: string;
}

export type TeamService = ReturnType<typeof createTeamService>;

const slugTaken = () => conflict('This team handle is taken; choose another.', { code: 'TEAM_SLUG_TAKEN' });
const memberNotFound = () => notFound('No member of this team has this username.', { code: 'MEMBER_NOT_FOUND' });
const invitationNotFound = () =>
  notFound('This invitation does not exist, was already used or has expired. Ask the team for a new one.', { code: 'INVITATION_NOT_FOUND' });
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const withRole = (team: TeamRecord, role: TeamRole): TeamWithRole => ({ team, role, abilities: teamAbilities(role) });

const memberSuspended = () =>
  forbidden('Your access to this team is suspended; ask its owner or an admin to lift the suspension.', { code: 'TEAM_MEMBER_SUSPENDED' });

export function createTeamService({ store, mailer, clock, publicUrl, onActivity, audit, memberEmails, managedMembers }: TeamServiceDeps) {
  const record = async (actorId: string, action: string, teamId: string, target: { type: string; id: string }, details: Record<string, unknown> = {}) => {
    if (audit) await audit.record({ actorId, action, targetType: target.type, targetId: target.id, details, teamId });
  };
  const tell = async (event: TeamActivityEvent) => {
    if (onActivity) await onActivity(event);
  };
  const who = (user: CurrentUser) => ({ id: user.id, username: user.username });
  const teamOf = (team: TeamRecord) => ({ id: team.id, slug: team.slug, name: team.name });

  /** The team and the actor's role, if the actor's role allows `action`; outsiders get 404. */
  async function load(user: CurrentUser, slug: string, action: Parameters<typeof authorizeTeam>[1]) {
    const found = await store.findWithRole(slug, user.id);
    // A suspended member still sees the team (and may leave it) but acts on nothing.
    if (found?.role && found.suspended && action !== 'view') throw memberSuspended();
    const role = authorizeTeam(found?.role ?? null, action);
    return { team: found!.team, role, suspended: found!.suspended };
  }

  async function member(teamId: string, username: string): Promise<MemberRecord> {
    const found = await store.findMember(teamId, username);
    if (!found) throw memberNotFound();
    return found;
  }

  /** An unknown, used or expired link: expired rows (and their addresses) are swept on the way. */
  async function notUsable(): Promise<never> {
    await store.deleteExpired(clock());
    throw invitationNotFound();
  }

  /** Leaves the team; the owner must hand it over first. */
  async function leave(user: CurrentUser, slug: string): Promise<void> {
    const { team, role } = await load(user, slug, 'view');
    if (role === 'owner') {
      throw conflict('Transfer ownership to another member before leaving, or delete the team.', { code: 'OWNER_MUST_TRANSFER' });
    }
    await store.removeMember(team.id, user.id);
    await record(user.id, 'team.member.left', team.id, { type: 'account', id: user.id });
    await tell({ team: teamOf(team), actor: who(user), kind: 'left', subject: who(user) });
  }

  return {
    async create(user: CurrentUser, input: { slug: string; name: string }): Promise<TeamWithRole> {
      const team = await store.create({ ...input, createdAt: clock() }, user.id);
      if (!team) throw slugTaken();
      return withRole(team, 'owner');
    },

    async listMine(user: CurrentUser, page: PageQuery): Promise<Page<TeamWithRole>> {
      const after = page.cursor === undefined ? undefined : String(decodeCursor(page.cursor, 1)[0]);
      const rows = await store.listMine(user.id, page.limit, after);
      return pageOf(
        rows.map((r) => withRole(r.team, r.role)),
        page.limit,
        (t) => [t.team.slug],
      );
    },

    async get(user: CurrentUser, slug: string): Promise<TeamWithRole & { memberCount: number }> {
      const { team, role } = await load(user, slug, 'view');
      return { ...withRole(team, role), memberCount: await store.countMembers(team.id) };
    },

    async update(user: CurrentUser, slug: string, patch: { name?: string | undefined; slug?: string | undefined }): Promise<TeamWithRole> {
      const { team, role } = await load(user, slug, 'update');
      const changes = { ...(patch.name !== undefined && { name: patch.name }), ...(patch.slug !== undefined && { slug: patch.slug }) };
      if (!(await store.update(team.id, changes))) throw slugTaken();
      return withRole({ ...team, ...changes }, role);
    },

    /** Deletes the team, its memberships, invitations and grants; its workspaces must go first. */
    async delete(user: CurrentUser, slug: string): Promise<void> {
      const { team } = await load(user, slug, 'delete');
      if (!(await store.delete(team.id))) {
        throw conflict('Workspaces still belong to this team; delete them or make them private first.', { code: 'TEAM_HAS_WORKSPACES' });
      }
    },

    /** `canSeeSuspensions` says whether the caller (owner, admin) may see who is suspended. */
    async listMembers(
      user: CurrentUser,
      slug: string,
      page: PageQuery,
    ): Promise<Page<MemberRecord> & { canSeeSuspensions: boolean; emails?: Map<string, string>; managed?: Set<string> }> {
      const { team, role, suspended } = await load(user, slug, 'view');
      const after = page.cursor === undefined ? undefined : String(decodeCursor(page.cursor, 1)[0]);
      const rows = await store.listMembers(team.id, page.limit, after);
      const canSeeSuspensions = role !== 'member' && !suspended;
      const listed = pageOf(rows, page.limit, (m) => [m.username.toLowerCase()]);
      // P12: only owners and admins see members' emails, and those outside verified domains masked.
      const emails = canSeeSuspensions && memberEmails ? await memberEmails(team.id, listed.items) : undefined;
      const managed = canSeeSuspensions && managedMembers ? await managedMembers(team.id, listed.items.map((m) => m.userId)) : undefined;
      return { ...listed, canSeeSuspensions, ...(emails && { emails }), ...(managed && { managed }) };
    },

    /**
     * Suspends (true) or lifts the suspension of (false) a member: they keep membership and role but
     * reach none of the team's workspaces meanwhile (policies/workspaces.ts). Same rule as removal:
     * owner and admins, never the owner, never yourself.
     */
    async setSuspended(user: CurrentUser, slug: string, username: string, suspend: boolean): Promise<MemberRecord> {
      const { team, role: actorRole } = await load(user, slug, 'manageMembers');
      const target = await member(team.id, username);
      if (target.userId === user.id) throw conflict('You cannot suspend yourself.', { code: 'CANNOT_SUSPEND_SELF' });
      if (!canChangeMember(actorRole, target.role, null)) {
        throw forbidden('The owner cannot be suspended.', { code: 'TEAM_ROLE_REQUIRED' });
      }
      const at = suspend ? (target.suspendedAt ?? clock()) : null;
      await store.setSuspended(team.id, target.userId, at);
      if ((target.suspendedAt !== null) !== suspend) {
        await record(user.id, suspend ? 'team.member.suspended' : 'team.member.unsuspended', team.id, { type: 'account', id: target.userId });
      }
      return { ...target, suspendedAt: at };
    },

    async changeRole(user: CurrentUser, slug: string, username: string, role: Exclude<TeamRole, 'owner'>): Promise<MemberRecord> {
      const { team, role: actorRole } = await load(user, slug, 'manageMembers');
      const target = await member(team.id, username);
      if (!canChangeMember(actorRole, target.role, role)) {
        throw forbidden("The owner's role changes only by transferring ownership.", { code: 'TEAM_ROLE_REQUIRED' });
      }
      await store.setRole(team.id, target.userId, role);
      if (target.role !== role) {
        await record(user.id, 'team.member.role_changed', team.id, { type: 'account', id: target.userId }, { from: target.role, to: role });
        await tell({ team: teamOf(team), actor: who(user), kind: 'role-changed', subject: { id: target.userId, username: target.username }, role });
      }
      return { ...target, role };
    },

    /** Removes a member (owner/admin), or the actor themself (same as leaving). */
    async removeMember(user: CurrentUser, slug: string, username: string): Promise<void> {
      const found = await store.findWithRole(slug, user.id);
      const actorRole = authorizeTeam(found?.role ?? null, 'view');
      const team = found!.team;
      const target = await member(team.id, username);
      if (target.userId === user.id) return leave(user, slug);
      if (found!.suspended) throw memberSuspended();
      authorizeTeam(actorRole, 'manageMembers');
      if (!canChangeMember(actorRole, target.role, null)) {
        throw forbidden('The owner cannot be removed; they may transfer ownership and leave.', { code: 'TEAM_ROLE_REQUIRED' });
      }
      await store.removeMember(team.id, target.userId);
      await record(user.id, 'team.member.removed', team.id, { type: 'account', id: target.userId });
      await tell({ team: teamOf(team), actor: who(user), kind: 'removed', subject: { id: target.userId, username: target.username } });
    },

    leave,

    /** Hands the team to another member; the old owner stays on as an admin. */
    async transfer(user: CurrentUser, slug: string, username: string): Promise<MemberRecord> {
      const { team } = await load(user, slug, 'transfer');
      const target = await member(team.id, username);
      if (target.userId === user.id) throw conflict('You already own this team.', { code: 'ALREADY_OWNER' });
      await store.transferOwnership(team.id, user.id, target.userId);
      await record(user.id, 'team.ownership_transferred', team.id, { type: 'account', id: target.userId });
      await tell({ team: teamOf(team), actor: who(user), kind: 'role-changed', subject: { id: target.userId, username: target.username }, role: 'owner' });
      return { ...target, role: 'owner' };
    },

    /**
     * Emails a single-use link valid for 7 days. Only the token's hash is stored; the address is
     * kept only while the invitation is pending (data minimisation). Expired invitations are swept
     * first, so their addresses do not linger.
     */
    async invite(user: CurrentUser, slug: string, input: { email: string; role: InvitationRole }): Promise<InvitationRecord> {
      const { team } = await load(user, slug, 'invite');
      const now = clock();
      await store.deleteExpired(now);
      const token = randomBytes(32).toString('base64url');
      const invitation = await store.createInvitation({
        teamId: team.id,
        email: input.email,
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
      });
      const url = `${publicUrl}${INVITATION_PATH}#token=${token}`;
      try {
        await mailer.send(invitationMessage(input.email, { teamName: team.name, inviter: user.username, role: input.role, url }));
      } catch (error) {
        // An invitation nobody received is useless and would keep the address: take it back.
        await store.deleteInvitation(team.id, invitation.id);
        throw error;
      }
      // The invitation's id, never the address (P18).
      await record(user.id, 'team.invitation.sent', team.id, { type: 'invitation', id: invitation.id }, { role: input.role });
      return invitation;
    },

    async listInvitations(user: CurrentUser, slug: string, page: PageQuery): Promise<Page<InvitationRecord>> {
      const { team } = await load(user, slug, 'invite');
      await store.deleteExpired(clock());
      const after = page.cursor === undefined ? undefined : String(decodeCursor(page.cursor, 1)[0]);
      const rows = await store.listInvitations(team.id, page.limit, after);
      return pageOf(rows, page.limit, (i) => [i.id]);
    },

    async revokeInvitation(user: CurrentUser, slug: string, id: string): Promise<void> {
      const { team } = await load(user, slug, 'invite');
      if (!(await store.deleteInvitation(team.id, id))) throw invitationNotFound();
      await record(user.id, 'team.invitation.revoked', team.id, { type: 'invitation', id });
    },

    /** What an invitation link offers, for the person holding it. */
    async preview(token: string): Promise<InvitationPreviewRecord> {
      const found = await store.findInvitation(sha256(token), clock());
      if (!found) return notUsable();
      return found;
    },

    /**
     * Joins the team with the invitation's role. The link is the credential: the account's email
     * need not match the invited address, so people can join with the account they already use
     * and the server never confirms which address an account has. An existing member keeps their
     * role. The invitation (and with it the address) is deleted either way.
     */
    async accept(user: CurrentUser, token: string): Promise<TeamWithRole> {
      const invitation = await store.takeInvitation(sha256(token), clock());
      if (!invitation) return notUsable();
      const joinedAt = clock();
      await store.addMember(invitation.teamId, user.id, invitation.role, joinedAt);
      const team = await store.findTeamById(invitation.teamId);
      const me = team && (await store.findWithRole(team.slug, user.id));
      if (!me?.role) throw invitationNotFound();
      // Only a new member is news; someone already in the team keeps their earlier join date.
      if ((await store.findMember(me.team.id, user.username))?.joinedAt.getTime() === joinedAt.getTime()) {
        await record(user.id, 'team.invitation.accepted', me.team.id, { type: 'invitation', id: invitation.id }, { role: invitation.role });
        await tell({ team: teamOf(me.team), actor: who(user), kind: 'joined', subject: who(user) });
      }
      return withRole(me.team, me.role);
    },

    /** Refuses the invitation; the row and the address in it are deleted. Needs only the link. */
    async decline(token: string): Promise<void> {
      if (!(await store.takeInvitation(sha256(token), clock()))) return notUsable();
    },

    /** Deletes expired invitations and the addresses in them; for a scheduled job. */
    async sweepExpired(): Promise<number> {
      return store.deleteExpired(clock());
    },
  };
}
