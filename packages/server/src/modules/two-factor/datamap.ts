import { byAccount, createdAt, personal, rowId, withAccount } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { recoveryCodes, totpCredentials } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: totpCredentials,
    description: 'A person’s authenticator app for two-factor sign-in (P18).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: withAccount('Authenticator settings'),
    columns: {
      user_id: personal('user.unique_id', 'The account.', ['security'], 'contract'),
      secret_sealed: personal('user.authorization.credentials', 'The authenticator’s shared secret, encrypted.', ['security'], 'contract', { export: false }),
      created_at: createdAt('authenticator'),
      confirmed_at: personal('user.account.settings', 'When two-factor sign-in was switched on.', ['security'], 'contract'),
      last_used_step: personal('user.behavior.activity', 'The time step of the last accepted code (prevents replay).', ['security'], 'contract'),
    },
  },
  {
    table: recoveryCodes,
    description: 'Single-use codes for signing in without the authenticator.',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: withAccount('Recovery codes'),
    columns: {
      id: rowId('code'),
      user_id: personal('user.unique_id', 'The account.', ['security'], 'contract'),
      code_hash: personal('user.authorization.credentials', 'Hash of the code.', ['security'], 'contract', { export: false }),
      created_at: createdAt('code'),
      used_at: personal('user.behavior.activity', 'When the code was used.', ['security'], 'contract'),
    },
  },
];
