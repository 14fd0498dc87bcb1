import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { eraseAccount } from '../account-deletion/erasure.ts';
import { createAuditService } from '../audit/service.ts';
import { createAuditStore } from '../audit/store.ts';
import { createDeletionLedger } from './service.ts';

/**
 * Erases again every present account the deletion ledger says was erased (P19), through the same
 * data-map-driven erasure as a purge. Server start runs it before listening, restore before it
 * commits; `db` may be a transaction. A replay that erased someone is audited (a count, no ids).
 */
export async function replayDeletionLedger({ db, secretKey, clock }: { db: Database; secretKey: Buffer; clock: Clock }): Promise<{ replayed: number }> {
  const ledger = createDeletionLedger({ db, secretKey, clock });
  const result = await ledger.replay((accountId) => eraseAccount(db, accountId, { ledger, clock }));
  if (result.replayed > 0) {
    await createAuditService({ store: createAuditStore(db), clock }).record({
      actorId: null,
      action: 'deletion_ledger.replayed',
      targetType: 'account',
      details: { replayed: result.replayed },
    });
  }
  return result;
}
