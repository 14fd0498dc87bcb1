import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { createDeletionLedgerStore } from './store.ts';

export interface DeletionLedgerDeps {
  db: Database;
  /** The instance secret key (POSTERN_SECRET_KEY or the data dir's); the ledger derives its own key from it. */
  secretKey: Buffer;
  clock: Clock;
}

export type DeletionLedger = ReturnType<typeof createDeletionLedger>;

/** Ledger entries under another key cannot be matched: replay refuses rather than silently missing them. */
export class LedgerKeyMismatchError extends Error {
  readonly code = 'LEDGER_KEY_MISMATCH';
  constructor(readonly entries: number) {
    super(
      `${entries} deletion ledger entr${entries === 1 ? 'y was' : 'ies were'} written under a different secret key, so erased accounts ` +
        'could not be recognised after a restore. Start Postern with the instance\'s original POSTERN_SECRET_KEY (or its data ' +
        'directory\'s secret.key) — see docs/privacy.md, "Backups and the deletion ledger".',
    );
    this.name = 'LedgerKeyMismatchError';
  }
}

/**
 * How long tombstones are kept (the data map's retention rule). Restore refuses backups older than
 * this, since erasures before then may no longer be in the ledger; keep backups far shorter.
 */
export const LEDGER_RETENTION_DAYS = 365;

/** Accounts hashed per page during replay: bounds memory on large instances. */
const REPLAY_PAGE = 1000;

/**
 * The deletion ledger (P19): erasure records a tombstone (keyed hashes only); `replay` erases
 * again every present account whose tombstone exists, which is how a restored backup (ours, or a
 * pg_restore) loses the people erased since it was made. Restore and server start both replay.
 */
export function createDeletionLedger({ db, secretKey, clock }: DeletionLedgerDeps) {
  const store = createDeletionLedgerStore(db);
  // A key of its own, so these hashes can never be confused with other uses of the secret key.
  const ledgerKey = createHmac('sha256', secretKey).update('postern deletion ledger v1').digest();
  const mac = (text: string) => createHmac('sha256', ledgerKey).update(text).digest('hex');
  const keyId = mac('key-id').slice(0, 16);
  const subjectHash = (accountId: string) => mac(`account:${accountId.toLowerCase()}`);
  const emailHash = (email: string) => mac(`email:${email.trim().toLowerCase()}`);

  return {
    /** Writes the tombstone of an erased account; recording the same account again changes nothing. */
    async recordErasure({ accountId, email }: { accountId: string; email: string }): Promise<void> {
      await store.add({ subjectHash: subjectHash(accountId), emailHash: emailHash(email), keyId, erasedAt: clock() });
    },

    async wasErased(accountId: string): Promise<boolean> {
      return store.hasSubject(subjectHash(accountId));
    },

    /** Whether an account with this email address was erased (the request desk's question). */
    async wasEmailErased(email: string): Promise<boolean> {
      return store.hasEmail(emailHash(email));
    },

    /**
     * Erases, through `erase`, every present account that the ledger says was erased. Run it
     * after a restore and before serving; with nothing to replay it costs one query per page of
     * accounts.
     */
    async replay(erase: (accountId: string) => Promise<unknown>): Promise<{ replayed: number }> {
      const foreign = await store.countOtherKeys(keyId);
      if (foreign > 0) throw new LedgerKeyMismatchError(foreign);
      const erased = await store.subjectHashes(keyId);
      if (erased.size === 0) return { replayed: 0 };
      const found: string[] = [];
      let after: string | null = null;
      for (;;) {
        const ids = await store.accountIdsAfter(after, REPLAY_PAGE);
        for (const id of ids) if (erased.has(subjectHash(id))) found.push(id);
        if (ids.length < REPLAY_PAGE) break;
        after = ids[ids.length - 1]!;
      }
      // Erased after the scan: erasure changes the users table the pages walk through.
      for (const id of found) await erase(id);
      return { replayed: found.length };
    },
  };
}
