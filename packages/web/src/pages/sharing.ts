import type { Team, TeamMember, Workspace, WorkspaceGrant, WorkspaceKind, WorkspaceRole } from '../api/types.ts';
import type { WorkspaceChanges } from '../api/endpoints.ts';

/** What the signed-in person may do to one row of a team's member table (the server's rules, mirrored). */
export interface MemberControls {
  /** A role select (admin ↔ member): never for the owner, nor for yourself (ownership moves by transfer). */
  changeRole: boolean;
  /** Removing someone else: owners and admins, never the owner. */
  remove: boolean;
  /** Your own row: leaving (the server refuses the owner with OWNER_MUST_TRANSFER). */
  leave: boolean;
}

export function memberControls(team: Pick<Team, 'abilities'>, myUsername: string | undefined, member: Pick<TeamMember, 'username' | 'role'>): MemberControls {
  const isMe = member.username === myUsername;
  const manageable = team.abilities.canManageMembers && !isMe && member.role !== 'owner';
  return { changeRole: manageable, remove: manageable, leave: isMe };
}

/** Whom ownership can go to: any member but the current owner. */
export function transferCandidates(members: readonly TeamMember[]): TeamMember[] {
  return members.filter((m) => m.role !== 'owner');
}

/** Deleting a team is confirmed by typing its name; spaces around it do not matter, case does. */
export function deleteConfirmed(typed: string, teamName: string): boolean {
  return typed.trim() === teamName.trim() && teamName.trim() !== '';
}

/** How a person or a team appears in the list of who has access. */
export function grantLabel(grant: Pick<WorkspaceGrant, 'user' | 'team'>): string {
  if (grant.user) return grant.user.displayName ? `${grant.user.displayName} (${grant.user.username})` : grant.user.username;
  if (grant.team) return `Team ${grant.team.name} (${grant.team.slug})`;
  return 'Unknown';
}

/** The same grant given again with another role (the API replaces a grant by its grantee). */
export function regrant(grant: Pick<WorkspaceGrant, 'user' | 'team'>, role: WorkspaceRole) {
  if (grant.user) return { username: grant.user.username, role };
  if (grant.team) return { teamSlug: grant.team.slug, role };
  return null;
}

/** The absolute, stable address of a workspace (its id never changes, P13). */
export function publicAddress(origin: string, workspace: Pick<Workspace, 'webPath'>): string {
  return new URL(workspace.webPath, origin).href;
}

export type ShareableKind = Exclude<WorkspaceKind, 'personal'>;

/**
 * The PATCH body for a change of who can see a workspace. A private workspace belongs to no team
 * (the server refuses a team slug with it); a team workspace needs one; a public one keeps its team
 * unless another is chosen.
 */
export function visibilityChanges(kind: ShareableKind, teamSlug: string, teamRole: WorkspaceRole): WorkspaceChanges {
  if (kind === 'private') return { kind };
  if (kind === 'team') return { kind, teamSlug, teamRole };
  return { kind };
}

/** Each kind in plain words, for the person choosing it. */
export const VISIBILITY_EXPLANATIONS: Record<ShareableKind, string> = {
  private: 'Only you and the people and teams listed below. It leaves its team, if it has one.',
  team: "Every member of the team you choose, with the role you choose; the team's owner and admins can manage it.",
  public: 'Anyone who has the address can read it, without an account; only the people and teams below can change it.',
};

export const WORKSPACE_ROLE_LABELS: Record<WorkspaceRole, string> = {
  viewer: 'Viewer: can read',
  editor: 'Editor: can read and change',
  admin: 'Admin: can also share and delete',
};
