import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { emailTokens } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: emailTokens,
    description: 'A single-use email verification, password reset or email change link (P18, P23).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    // recovery/service.ts deletes tokens 7 days after they expire (kept that long to explain a stale link).
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 7, describe: '7 days after the link expires (links last 1 to 24 hours)' },
    columns: {
      id: rowId('link'),
      user_id: personal('user.unique_id', 'The account the link is for.', ['security'], 'contract'),
      purpose: system('Verification, password reset, or confirming or cancelling an email change.', 'system.configuration'),
      token_hash: personal('user.authorization.credentials', 'Hash of the link’s token.', ['security'], 'contract', { export: false }),
      email: personal('user.contact.email', 'The address the link was sent to (for an email change, the new address).', ['security'], 'contract'),
      created_at: createdAt('link'),
      expires_at: system('When the link stops working.', 'system.timestamp'),
      used_at: personal('user.behavior.activity', 'When the link was used.', ['security'], 'contract'),
    },
  },
];
