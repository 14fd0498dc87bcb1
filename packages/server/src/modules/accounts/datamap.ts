import { ACCOUNT_GRACE_DAYS, byAccount, personal, rowId } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { OUTBOX_RETENTION_DAYS } from '../outbox/service.ts';
import { previousEmails, users } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: users,
    description: 'A person’s account: sign-in details, profile and preferences (P1).',
    subjects: [byAccount('id', 'self', 'delete')],
    retention: {
      kind: 'account',
      graceDays: ACCOUNT_GRACE_DAYS,
      describe: `for the life of the account, then ${ACCOUNT_GRACE_DAYS} days after its deletion is requested (while it can still be restored)`,
    },
    columns: {
      id: personal('user.unique_id', 'The account’s id, which links the person’s other records.', ['provide_service'], 'contract'),
      username: personal('user.account.username', 'Username, shown to the people you work with and on public content.', ['provide_service', 'collaboration'], 'contract'),
      email: personal('user.contact.email', 'Email address, for signing in, account recovery and messages; private unless you make it public.', ['provide_service', 'security', 'communications'], 'contract'),
      email_verified_at: personal('user.account.status', 'When the email address was confirmed.', ['security'], 'contract'),
      password_hash: personal('user.account.password', 'Password, stored only as an argon2id hash.', ['security'], 'contract', { export: false }),
      display_name: personal('user.name', 'Optional display name.', ['provide_service', 'collaboration'], 'contract'),
      bio: personal('user.profile.bio', 'Optional public bio.', ['collaboration'], 'contract'),
      public_email: personal('user.preferences', 'Whether the profile shows the email address.', ['collaboration'], 'contract'),
      preferences: personal('user.preferences', 'Settings such as the theme and how long sent requests are kept.', ['provide_service'], 'contract'),
      avatar_updated_at: personal('user.profile.avatar', 'When the profile picture last changed.', ['collaboration'], 'contract'),
      created_at: personal('user.account.status', 'When the account was created.', ['provide_service'], 'contract'),
      operator: personal('user.account.role', 'Whether the account administers this Postern instance.', ['security'], 'contract'),
      deleted_at: personal('user.account.status', 'When you asked to delete the account.', ['legal_compliance'], 'legal_obligation'),
      suspended_at: personal('user.account.status', 'When the account was closed as belonging to a child (P7).', ['legal_compliance'], 'legal_obligation'),
      deletion_scheduled_for: personal('user.account.status', 'When the account’s data is due to be deleted.', ['legal_compliance'], 'legal_obligation'),
    },
  },
  {
    table: previousEmails,
    description: 'An address the account used before an email change (P23), so that mail sent to it is found by export and erasure.',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: {
      kind: 'age',
      column: 'replaced_at',
      days: OUTBOX_RETENTION_DAYS,
      describe: `${OUTBOX_RETENTION_DAYS} days after the change, as long as mail to the old address may remain in the outbox`,
    },
    columns: {
      id: rowId('previous address'),
      user_id: personal('user.unique_id', 'The account that used the address.', ['provide_service'], 'contract'),
      email: personal('user.contact.email', 'The earlier email address.', ['provide_service', 'legal_compliance'], 'contract'),
      replaced_at: personal('user.account.status', 'When it was replaced.', ['provide_service'], 'contract'),
    },
  },
];
