import { rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { LEDGER_RETENTION_DAYS } from './service.ts';
import { deletionLedger } from './schema.ts';

/** Data map (P8) of the deletion ledger (P19): keyed hashes only, tied to no present row. */
export const declarations: TableDeclaration[] = [
  {
    table: deletionLedger,
    description: 'A tombstone of an erased account, so that restoring a backup never brings the person back (P19).',
    // The hashes are keyed: without the instance key they match nobody, and no row links to a person.
    subjects: [],
    retention: {
      kind: 'age',
      column: 'erased_at',
      days: LEDGER_RETENTION_DAYS,
      describe: `${LEDGER_RETENTION_DAYS} days after the erasure, longer than any backup may be kept (restore refuses older backups)`,
    },
    columns: {
      id: rowId('tombstone'),
      subject_hash: system('Keyed hash (HMAC-SHA256) of the erased account’s id.', 'system.keyed_hash', false),
      email_hash: system('Keyed hash (HMAC-SHA256) of the erased account’s lowercased email address.', 'system.keyed_hash', false),
      key_id: system('Fingerprint of the key the hashes were made with.', 'system.keyed_hash', false),
      erased_at: system('When the account was erased.', 'system.timestamp'),
    },
  },
];
