import { asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { deletionLedger } from './schema.ts';

export interface LedgerEntry {
  subjectHash: string;
  emailHash: string;
  keyId: string;
  erasedAt: Date;
}

export interface DeletionLedgerStore {
  /** Adds the tombstone; a second one for the same subject is ignored (erasure may run again). */
  add(entry: LedgerEntry): Promise<void>;
  hasSubject(subjectHash: string): Promise<boolean>;
  hasEmail(emailHash: string): Promise<boolean>;
  /** Every subject hash made with `keyId`. */
  subjectHashes(keyId: string): Promise<Set<string>>;
  /** How many tombstones were made with a key other than `keyId`. */
  countOtherKeys(keyId: string): Promise<number>;
  /** Ids of the accounts present, in pages ordered by id (replay hashes each one). */
  accountIdsAfter(after: string | null, limit: number): Promise<string[]>;
}

export function createDeletionLedgerStore(db: Database): DeletionLedgerStore {
  return {
    async add(entry) {
      await db.insert(deletionLedger).values(entry).onConflictDoNothing({ target: deletionLedger.subjectHash });
    },
    async hasSubject(subjectHash) {
      const [row] = await db.select({ id: deletionLedger.id }).from(deletionLedger).where(eq(deletionLedger.subjectHash, subjectHash)).limit(1);
      return row !== undefined;
    },
    async hasEmail(emailHash) {
      const [row] = await db.select({ id: deletionLedger.id }).from(deletionLedger).where(eq(deletionLedger.emailHash, emailHash)).limit(1);
      return row !== undefined;
    },
    async subjectHashes(keyId) {
      const rows = await db.select({ hash: deletionLedger.subjectHash }).from(deletionLedger).where(eq(deletionLedger.keyId, keyId));
      return new Set(rows.map((r) => r.hash));
    },
    async countOtherKeys(keyId) {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(deletionLedger).where(ne(deletionLedger.keyId, keyId));
      return row?.n ?? 0;
    },
    async accountIdsAfter(after, limit) {
      // The ledger reads only ids from users: a keyed hash of each is all replay needs.
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(after === null ? undefined : gt(users.id, after))
        .orderBy(asc(users.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },
  };
}
