import { byAccount, byEmail, createdAt, personal, rowId, system, withAccount } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { identities, pendingOidcSignups } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: identities,
    description: 'A link between an account and an identity provider’s account, for signing in (P6).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: withAccount('Linked sign-in providers'),
    columns: {
      id: rowId('link'),
      user_id: personal('user.unique_id', 'The account.', ['provide_service'], 'contract'),
      issuer: personal('user.account.identity_provider', 'The identity provider.', ['provide_service', 'security'], 'contract'),
      subject: personal('user.account.identity_provider', 'Your id at the identity provider.', ['provide_service', 'security'], 'contract'),
      created_at: createdAt('link'),
    },
  },
  {
    table: pendingOidcSignups,
    description: 'A sign-up through an identity provider waiting for the age check (P7).',
    subjects: [byEmail('email', 'applicant')],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: 'until the sign-up completes, and at most 30 minutes' },
    columns: {
      id: rowId('sign-up'),
      token_hash: personal('user.authorization.credentials', 'Hash of the browser’s sign-up token.', ['security'], 'contract', { export: false }),
      issuer: personal('user.account.identity_provider', 'The identity provider.', ['provide_service'], 'contract'),
      subject: personal('user.account.identity_provider', 'Your id at the identity provider.', ['provide_service'], 'contract'),
      email: personal('user.contact.email', 'Email address given by the identity provider.', ['provide_service'], 'contract'),
      email_verified: system('Whether the provider vouched for the email address.', 'system.configuration'),
      name: personal('user.name', 'Name given by the identity provider.', ['provide_service'], 'contract'),
      created_at: createdAt('sign-up'),
      expires_at: system('When the sign-up lapses.', 'system.timestamp'),
    },
  },
];
