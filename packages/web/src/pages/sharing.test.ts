import { describe, expect, it } from 'vitest';
import type { TeamMember } from '../api/types.ts';
import { deleteConfirmed, grantLabel, memberControls, publicAddress, regrant, transferCandidates, visibilityChanges } from './sharing.ts';

const abilities = (canManageMembers: boolean) => ({ abilities: { canUpdate: canManageMembers, canManageMembers, canInvite: canManageMembers, canDelete: false, canTransfer: false } });
const member = (username: string, role: TeamMember['role']): TeamMember => ({ username, displayName: null, role, joinedAt: '2026-01-01T00:00:00.000Z' });

describe('memberControls', () => {
  it('lets owners and admins change and remove members and admins, never the owner', () => {
    expect(memberControls(abilities(true), 'ada', member('bob', 'member'))).toEqual({ changeRole: true, remove: true, leave: false });
    expect(memberControls(abilities(true), 'ada', member('cy', 'admin'))).toEqual({ changeRole: true, remove: true, leave: false });
    expect(memberControls(abilities(true), 'ada', member('own', 'owner'))).toEqual({ changeRole: false, remove: false, leave: false });
  });

  it('gives plain members nothing on others, and everyone a way to leave on their own row', () => {
    expect(memberControls(abilities(false), 'bob', member('ada', 'admin'))).toEqual({ changeRole: false, remove: false, leave: false });
    expect(memberControls(abilities(false), 'bob', member('bob', 'member'))).toEqual({ changeRole: false, remove: false, leave: true });
    // The owner sees "Leave" too: the server explains why they must transfer first.
    expect(memberControls(abilities(true), 'own', member('own', 'owner'))).toEqual({ changeRole: false, remove: false, leave: true });
  });

  it('offers nothing but read-only rows when signed out', () => {
    expect(memberControls(abilities(false), undefined, member('bob', 'member'))).toEqual({ changeRole: false, remove: false, leave: false });
  });
});

describe('transferCandidates', () => {
  it('is every member but the owner', () => {
    const names = transferCandidates([member('own', 'owner'), member('a', 'admin'), member('m', 'member')]).map((m) => m.username);
    expect(names).toEqual(['a', 'm']);
  });
});

describe('deleteConfirmed', () => {
  it('needs the exact name, ignoring surrounding spaces', () => {
    expect(deleteConfirmed(' Acme QA ', 'Acme QA')).toBe(true);
    expect(deleteConfirmed('acme qa', 'Acme QA')).toBe(false);
    expect(deleteConfirmed('Acme', 'Acme QA')).toBe(false);
    expect(deleteConfirmed('', '')).toBe(false);
  });
});

describe('grantLabel and regrant', () => {
  const person = { user: { username: 'ada_l', displayName: 'Ada Lovelace' }, team: null };
  const bare = { user: { username: 'bob', displayName: null }, team: null };
  const team = { user: null, team: { slug: 'acme-qa', name: 'Acme QA' } };

  it('names a person by display name and username, a team by name and handle', () => {
    expect(grantLabel(person)).toBe('Ada Lovelace (ada_l)');
    expect(grantLabel(bare)).toBe('bob');
    expect(grantLabel(team)).toBe('Team Acme QA (acme-qa)');
  });

  it('gives the same grantee again with the new role', () => {
    expect(regrant(person, 'editor')).toEqual({ username: 'ada_l', role: 'editor' });
    expect(regrant(team, 'viewer')).toEqual({ teamSlug: 'acme-qa', role: 'viewer' });
    expect(regrant({ user: null, team: null }, 'viewer')).toBeNull();
  });
});

describe('publicAddress', () => {
  it('is the stable /w/{id} path on this origin', () => {
    expect(publicAddress('https://postern.example', { webPath: '/w/0b8f' })).toBe('https://postern.example/w/0b8f');
  });
});

describe('visibilityChanges', () => {
  it('sends no team with a private workspace (the server refuses one) and the team and role with a team one', () => {
    expect(visibilityChanges('private', 'acme-qa', 'editor')).toEqual({ kind: 'private' });
    expect(visibilityChanges('team', 'acme-qa', 'viewer')).toEqual({ kind: 'team', teamSlug: 'acme-qa', teamRole: 'viewer' });
    expect(visibilityChanges('public', 'acme-qa', 'editor')).toEqual({ kind: 'public' });
  });
});
