// Who may do what in a team. Owners hold every right; admins manage members and invitations but
// never the owner nor ownership; members may see the team and leave it.
import { forbidden, notFound } from '../errors.ts';

export type TeamRole = 'owner' | 'admin' | 'member';
export const TEAM_ROLES = ['owner', 'admin', 'member'] as const satisfies readonly TeamRole[];

export type TeamAction = 'view' | 'update' | 'delete' | 'manageMembers' | 'invite' | 'transfer';

const ALLOWED: Record<TeamAction, readonly TeamRole[]> = {
  view: ['owner', 'admin', 'member'],
  update: ['owner', 'admin'],
  manageMembers: ['owner', 'admin'],
  invite: ['owner', 'admin'],
  delete: ['owner'],
  transfer: ['owner'],
};

export const teamNotFound = () => notFound('No such team.', { code: 'TEAM_NOT_FOUND' });

export function canOnTeam(role: TeamRole | null, action: TeamAction): boolean {
  return role !== null && ALLOWED[action].includes(role);
}

/**
 * Throws unless `role` allows `action`. Non-members get 404 (TEAM_NOT_FOUND), so a team's
 * existence is not revealed to outsiders; members lacking the right get 403 (TEAM_ROLE_REQUIRED).
 */
export function authorizeTeam(role: TeamRole | null, action: TeamAction): TeamRole {
  if (role === null) throw teamNotFound();
  if (!canOnTeam(role, action)) {
    throw forbidden(`Only the team's ${ALLOWED[action].join(' or ')} may do this.`, { code: 'TEAM_ROLE_REQUIRED' });
  }
  return role;
}

/**
 * Whether `actorRole` may change a member from `targetRole` to `newRole` (or remove them when
 * `newRole` is null): owners and admins may, except that nobody becomes owner this way (ownership
 * moves by transfer) and the owner is never changed nor removed by others.
 */
export function canChangeMember(actorRole: TeamRole, targetRole: TeamRole, newRole: TeamRole | null): boolean {
  if (!canOnTeam(actorRole, 'manageMembers')) return false;
  if (targetRole === 'owner' || newRole === 'owner') return false;
  return true;
}

/** Abilities for the UI, from the same rules. */
export function teamAbilities(role: TeamRole) {
  return {
    canUpdate: canOnTeam(role, 'update'),
    canManageMembers: canOnTeam(role, 'manageMembers'),
    canInvite: canOnTeam(role, 'invite'),
    canDelete: canOnTeam(role, 'delete'),
    canTransfer: canOnTeam(role, 'transfer'),
  };
}
