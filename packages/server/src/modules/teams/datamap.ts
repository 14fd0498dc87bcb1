import { byAccount, byEmail, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { teamInvitations, teamMembers, teams } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: teams,
    description: 'A team: a group of accounts sharing workspaces (P10).',
    subjects: [],
    retention: { kind: 'content', describe: 'until its owner deletes the team' },
    columns: {
      id: rowId('team'),
      slug: system('The team’s short name in URLs.', 'system.content'),
      name: system('The team’s name.', 'system.content'),
      created_at: createdAt('team'),
    },
  },
  {
    table: teamMembers,
    description: 'An account’s membership of a team and its role there.',
    subjects: [byAccount('user_id', 'member', 'delete')],
    retention: { kind: 'content', describe: 'while you are a member of the team' },
    columns: {
      team_id: system('The team.', 'system.reference'),
      user_id: personal('user.unique_id', 'The member’s account.', ['collaboration'], 'contract'),
      role: personal('user.collaboration.role', 'The member’s role in the team.', ['collaboration'], 'contract'),
      created_at: personal('user.collaboration.role', 'When you joined the team.', ['collaboration'], 'contract'),
      suspended_at: personal('user.collaboration.role', 'Since when a team admin suspended your access to the team’s workspaces, if they did.', ['collaboration', 'security'], 'legitimate_interest'),
    },
  },
  {
    table: teamInvitations,
    description: 'A pending invitation to join a team, sent to an email address by a member (P6).',
    subjects: [byEmail('email', 'invitee'), byAccount('invited_by', 'inviter', 'reattribute')],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: 'until accepted, declined or revoked, and at most 7 days' },
    columns: {
      id: rowId('invitation'),
      team_id: system('The team the invitation is for.', 'system.reference'),
      email: personal('user.contact.email', 'The invitee’s email address, given by the member who invited them.', ['collaboration'], 'legitimate_interest'),
      role: system('The role the invitee would get.', 'system.configuration'),
      token_hash: personal('user.authorization.credentials', 'Hash of the invitation link’s token.', ['security'], 'legitimate_interest', { export: false }),
      invited_by: personal('user.unique_id', 'The account that sent the invitation.', ['collaboration'], 'legitimate_interest'),
      created_at: createdAt('invitation'),
      expires_at: system('When the invitation lapses.', 'system.timestamp'),
    },
  },
];
