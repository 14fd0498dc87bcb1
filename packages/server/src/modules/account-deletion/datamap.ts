import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { accountDeletionTokens } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: accountDeletionTokens,
    description: 'A restore link for an account pending deletion, or an emailed code confirming a deletion (P24).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    // account-deletion/service.ts deletes a person's expired ones whenever it issues a new one; the rest go with the account.
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: 'until the link or code expires (a code after 15 minutes, a restore link at the purge)' },
    columns: {
      id: rowId('token'),
      user_id: personal('user.unique_id', 'The account being deleted.', ['legal_compliance'], 'legal_obligation'),
      purpose: system('Restore link or confirmation code.', 'system.configuration'),
      token_hash: personal('user.authorization.credentials', 'Keyed hash of the link’s token or of the code.', ['security'], 'contract', { export: false }),
      attempts: system('Wrong guesses of the code so far.', 'system.counter'),
      created_at: createdAt('token'),
      expires_at: system('When the link or code stops working.', 'system.timestamp'),
      used_at: personal('user.behavior.activity', 'When the link or code was used.', ['security'], 'contract'),
    },
  },
];
