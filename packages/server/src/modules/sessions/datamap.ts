import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { sessions } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: sessions,
    description: 'A signed-in browser (P18); signing out deletes it.',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: 'until the session ends: on sign-out, or 30 days after it was last used' },
    columns: {
      id: rowId('session'),
      user_id: personal('user.unique_id', 'The signed-in account.', ['security'], 'contract'),
      token_hash: personal('user.authorization.credentials', 'Hash of the session cookie’s token.', ['security'], 'contract', { export: false }),
      created_at: createdAt('session'),
      last_seen_at: personal('user.behavior.activity', 'When the session was last used.', ['security'], 'legitimate_interest'),
      expires_at: system('When the session ends unless used again.', 'system.timestamp'),
      user_agent: personal('user.device.user_agent', 'The browser’s user agent, so you can recognise your sessions.', ['security'], 'legitimate_interest'),
      ip_hash: personal('user.device.ip_address', 'Hash of the IP address the session started from.', ['security'], 'legitimate_interest', { export: false }),
      approximate_network: personal('user.device.ip_address', 'The network (/24 or /48) the session started from; a coarse location.', ['security'], 'legitimate_interest'),
    },
  },
];
