import { describe, expect, it } from 'vitest';
import type { TeamRole } from './teams.ts';
import { resolveWorkspaceRole, roleAtLeast, workspaceAbilities } from './workspaces.ts';
import type { WorkspaceAccessFacts, WorkspaceKind, WorkspaceRole } from './workspaces.ts';

const ME = 'me';
const TEAM = 'team-1';
const OTHER_TEAM = 'team-2';

function facts(
  kind: WorkspaceKind,
  opts: { ownerId?: string | null; teamId?: string | null; teamRole?: WorkspaceRole; myTeams?: [string, TeamRole][]; grants?: WorkspaceAccessFacts['grants'] } = {},
): WorkspaceAccessFacts {
  return {
    workspace: { kind, ownerId: opts.ownerId ?? 'someone', teamId: opts.teamId ?? null, teamRole: opts.teamRole ?? 'editor' },
    myTeams: new Map(opts.myTeams ?? []),
    grants: opts.grants ?? [],
  };
}

describe('resolveWorkspaceRole (P10, P13)', () => {
  it('makes the owner admin', () => {
    expect(resolveWorkspaceRole(facts('personal', { ownerId: ME }), ME)).toBe('admin');
    expect(resolveWorkspaceRole(facts('private', { ownerId: ME }), ME)).toBe('admin');
  });

  it("stops treating the creator of a team's workspace as owner once they leave the team", () => {
    expect(resolveWorkspaceRole(facts('team', { ownerId: ME, teamId: TEAM, myTeams: [[TEAM, 'member']] }), ME)).toBe('admin');
    expect(resolveWorkspaceRole(facts('team', { ownerId: ME, teamId: TEAM }), ME)).toBeNull();
    expect(resolveWorkspaceRole(facts('public', { ownerId: ME, teamId: TEAM }), ME)).toBe('public');
  });

  it("hides others' personal and private workspaces, from anyone and from anonymous readers", () => {
    for (const kind of ['personal', 'private', 'team'] as const) {
      expect(resolveWorkspaceRole(facts(kind, { teamId: kind === 'team' ? TEAM : null }), ME)).toBeNull();
      expect(resolveWorkspaceRole(facts(kind, { teamId: kind === 'team' ? TEAM : null }), undefined)).toBeNull();
    }
  });

  it("lets anyone read public workspaces as 'public', which ranks as viewer only", () => {
    expect(resolveWorkspaceRole(facts('public'), undefined)).toBe('public');
    expect(resolveWorkspaceRole(facts('public'), ME)).toBe('public');
    expect(workspaceAbilities('public')).toEqual({ canView: true, canEdit: false, canAdmin: false });
  });

  it("gives a team's members its default role and its owner and admins admin", () => {
    const ws = (role: TeamRole) => facts('team', { teamId: TEAM, teamRole: 'viewer', myTeams: [[TEAM, role]] });
    expect(resolveWorkspaceRole(ws('member'), ME)).toBe('viewer');
    expect(resolveWorkspaceRole(ws('admin'), ME)).toBe('admin');
    expect(resolveWorkspaceRole(ws('owner'), ME)).toBe('admin');
    expect(resolveWorkspaceRole(facts('team', { teamId: TEAM, myTeams: [[OTHER_TEAM, 'owner']] }), ME)).toBeNull();
  });

  it('takes the highest of direct and team grants and team membership', () => {
    const ws = facts('team', {
      teamId: TEAM,
      teamRole: 'viewer',
      myTeams: [
        [TEAM, 'member'],
        [OTHER_TEAM, 'member'],
      ],
      grants: [
        { userId: ME, teamId: null, role: 'viewer' },
        { userId: null, teamId: OTHER_TEAM, role: 'editor' },
      ],
    });
    expect(resolveWorkspaceRole(ws, ME)).toBe('editor');
    expect(resolveWorkspaceRole({ ...ws, grants: [{ userId: ME, teamId: null, role: 'admin' }] }, ME)).toBe('admin');
    // A grant to a team the person is not in, or to someone else, gives nothing.
    const foreign = facts('private', { grants: [{ userId: null, teamId: 'team-9', role: 'admin' }, { userId: 'you', teamId: null, role: 'admin' }] });
    expect(resolveWorkspaceRole(foreign, ME)).toBeNull();
  });

  it('gives anonymous readers nothing from grants', () => {
    expect(resolveWorkspaceRole(facts('public', { grants: [{ userId: ME, teamId: null, role: 'admin' }] }), undefined)).toBe('public');
  });
});

describe('resolveWorkspaceRole for a member the team suspended (P11)', () => {
  const suspended = (f: WorkspaceAccessFacts): WorkspaceAccessFacts => ({ ...f, suspendedTeams: new Set([TEAM]) });

  it("gives nothing in the team's workspaces by any path: ownership, direct grant or team admin", () => {
    const owned = facts('team', { ownerId: ME, teamId: TEAM, grants: [{ userId: ME, teamId: null, role: 'admin' }] });
    expect(resolveWorkspaceRole(owned, ME)).toBe('admin');
    expect(resolveWorkspaceRole(suspended(owned), ME)).toBeNull();
    const granted = facts('private', { teamId: TEAM, grants: [{ userId: ME, teamId: null, role: 'editor' }] });
    expect(resolveWorkspaceRole(suspended(granted), ME)).toBeNull();
  });

  it('leaves a public workspace of the team readable like for anyone', () => {
    expect(resolveWorkspaceRole(suspended(facts('public', { teamId: TEAM, grants: [{ userId: ME, teamId: null, role: 'admin' }] })), ME)).toBe('public');
  });

  it("leaves other teams' and personal workspaces alone", () => {
    const other = facts('team', { teamId: OTHER_TEAM, myTeams: [[OTHER_TEAM, 'member']] });
    expect(resolveWorkspaceRole(suspended(other), ME)).toBe('editor');
    expect(resolveWorkspaceRole(suspended(facts('personal', { ownerId: ME })), ME)).toBe('admin');
  });

  it('does not affect anonymous readers', () => {
    expect(resolveWorkspaceRole(suspended(facts('public', { teamId: TEAM })), undefined)).toBe('public');
  });
});

describe('roleAtLeast', () => {
  it('orders viewer < editor < admin', () => {
    expect(roleAtLeast('editor', 'viewer')).toBe(true);
    expect(roleAtLeast('editor', 'admin')).toBe(false);
    expect(roleAtLeast(null, 'viewer')).toBe(false);
    expect(roleAtLeast('public', 'viewer')).toBe(true);
    expect(roleAtLeast('public', 'editor')).toBe(false);
  });
});
