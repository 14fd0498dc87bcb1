import { byAccount, createdAt, personal, rowId, system, withAccount } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { managedAccounts, teamDomains } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: teamDomains,
    description: 'An email domain a team added, verified by a DNS TXT record, and its capture (P11, P12). Team data.',
    subjects: [],
    retention: { kind: 'content', describe: 'until the team removes the domain or is deleted' },
    columns: {
      id: rowId('domain'),
      team_id: system('The team that added the domain.', 'system.reference'),
      domain: system('The email domain, e.g. example.com.', 'system.configuration'),
      verification_token: system('The random value of the TXT record proving control of the domain.', 'system.configuration', false),
      created_at: createdAt('domain entry'),
      verified_at: system('When the TXT record was last found (null: not verified).', 'system.timestamp'),
      last_checked_at: system('When the TXT record was last looked up.', 'system.timestamp'),
      capture_started_at: system('When the team owner started managing accounts in the domain.', 'system.timestamp'),
      capture_notice_days: system('Days of notice given before accounts become managed.', 'system.configuration'),
      capture_effective_at: system('When accounts in the domain become managed.', 'system.timestamp'),
    },
  },
  {
    table: managedAccounts,
    description: 'That your account is managed by a team through its verified email domain (P11): you were told first.',
    subjects: [byAccount('user_id', 'managed account', 'delete')],
    retention: withAccount('Managed-account records'),
    columns: {
      user_id: personal('user.unique_id', 'Your account.', ['collaboration', 'security'], 'legitimate_interest'),
      team_id: system('The team managing the account.', 'system.reference'),
      domain_id: system('The verified domain it is managed through.', 'system.reference'),
      notified_at: personal('user.account.status', 'When you were told your account would be managed.', ['collaboration', 'security'], 'legitimate_interest'),
      effective_at: personal('user.account.status', 'When management takes effect.', ['collaboration', 'security'], 'legitimate_interest'),
      managed_at: personal('user.account.status', 'When management took effect.', ['collaboration', 'security'], 'legitimate_interest'),
    },
  },
];
