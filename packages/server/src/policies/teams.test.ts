import { describe, expect, it } from 'vitest';
import { authorizeTeam, canChangeMember, canOnTeam, teamAbilities } from './teams.ts';

describe('team policy', () => {
  it('answers outsiders with 404 and members without the right with 403', () => {
    expect(() => authorizeTeam(null, 'view')).toThrow(expect.objectContaining({ status: 404, code: 'TEAM_NOT_FOUND' }));
    expect(() => authorizeTeam('member', 'invite')).toThrow(expect.objectContaining({ status: 403, code: 'TEAM_ROLE_REQUIRED' }));
    expect(authorizeTeam('admin', 'invite')).toBe('admin');
  });

  it('keeps deleting and transferring to the owner', () => {
    expect(canOnTeam('admin', 'delete')).toBe(false);
    expect(canOnTeam('admin', 'transfer')).toBe(false);
    expect(canOnTeam('owner', 'delete')).toBe(true);
    expect(teamAbilities('member')).toEqual({ canUpdate: false, canManageMembers: false, canInvite: false, canDelete: false, canTransfer: false });
  });

  it('never changes or removes the owner, nor makes owners, by member management', () => {
    expect(canChangeMember('admin', 'member', 'admin')).toBe(true);
    expect(canChangeMember('admin', 'admin', 'member')).toBe(true);
    expect(canChangeMember('admin', 'owner', 'member')).toBe(false);
    expect(canChangeMember('owner', 'member', 'owner')).toBe(false);
    expect(canChangeMember('admin', 'owner', null)).toBe(false);
    expect(canChangeMember('member', 'member', null)).toBe(false);
  });
});
