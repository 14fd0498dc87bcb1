import { personal, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { rateLimitWindows } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: rateLimitWindows,
    description: 'A counter of attempts per address or login in a short window, against abuse (P18).',
    // Keys are hashes: no row can be tied to a person, so none is exported or searched.
    subjects: [],
    retention: { kind: 'expiry', column: 'expires_at', graceDays: 0, describe: 'until its window ends (minutes to an hour)' },
    columns: {
      rule: system('Which limit the counter belongs to.', 'system.configuration'),
      key_hash: personal('user.device.ip_address', 'Hash of the IP address or login being limited.', ['security'], 'legitimate_interest', { export: false }),
      window_start: system('When the window started.', 'system.timestamp'),
      expires_at: system('When the window ends.', 'system.timestamp'),
      hits: system('Attempts counted in the window.'),
    },
  },
];
