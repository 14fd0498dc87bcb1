import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The deletion ledger (P19, P24): one tombstone per erased account, kept apart from what a restore
 * overwrites so that a restored backup never brings an erased person back. It holds keyed hashes
 * only (HMAC-SHA256 under a key derived from the instance secret key): nothing here names anyone,
 * and nothing references users (the account it hashes no longer exists).
 */
export const deletionLedger = pgTable(
  'deletion_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** HMAC of 'account:' + the account id, hex: what replay matches restored accounts against. */
    subjectHash: text('subject_hash').notNull(),
    /** HMAC of the lowercased email address, hex: lets the request desk answer "was this person erased". */
    emailHash: text('email_hash').notNull(),
    /** Fingerprint of the key the hashes were made with: a different key would silently match nothing. */
    keyId: text('key_id').notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('deletion_ledger_subject_hash_key').on(t.subjectHash), index('deletion_ledger_email_hash_idx').on(t.emailHash)],
);
