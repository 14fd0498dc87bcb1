import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { apiKeys } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: apiKeys,
    description: 'A personal API key for the CLI and scripts; revoking deletes it.',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: {
      kind: 'expiry',
      column: 'expires_at',
      graceDays: 30,
      describe: 'until revoked or the account is deleted; a key with an expiry date is deleted 30 days after it expires',
    },
    columns: {
      id: rowId('key'),
      user_id: personal('user.unique_id', 'The account the key acts for.', ['provide_service'], 'contract'),
      name: personal('user.account.settings', 'The name you gave the key.', ['provide_service'], 'contract'),
      token_hash: personal('user.authorization.credentials', 'Hash of the key.', ['security'], 'contract', { export: false }),
      prefix: personal('user.account.settings', 'The key’s first characters, to tell keys apart.', ['provide_service'], 'contract'),
      scopes: personal('user.account.settings', 'What the key may do.', ['provide_service', 'security'], 'contract'),
      created_at: createdAt('key'),
      last_used_at: personal('user.behavior.activity', 'When the key was last used.', ['security'], 'legitimate_interest'),
      expires_at: system('When the key stops working; none means never.', 'system.timestamp'),
    },
  },
];
