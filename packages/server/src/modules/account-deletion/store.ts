import { resolveSubject } from '../../db/datamap/index.ts';
import { plannedSuccessions } from '../teams/succession.ts';
import type { TeamSuccession } from '../teams/succession.ts';
import type { ResolvedSubject, Subject } from '../../db/datamap/index.ts';
import { and, asc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { accountDeletionTokens } from './schema.ts';
import type { DeletionTokenPurpose } from './schema.ts';

/** What deletion needs to know about an account, live or pending deletion. */
export interface DeletionAccount {
  id: string;
  username: string;
  email: string;
  passwordHash: string | null;
  operator: boolean;
  deletedAt: Date | null;
  suspendedAt: Date | null;
  deletionScheduledFor: Date | null;
}

export type DeletionTokenRecord = typeof accountDeletionTokens.$inferSelect;

export interface AccountDeletionStore {
  /** The account with this id, whatever its state (undefined once purged). */
  findAccount(id: string): Promise<DeletionAccount | undefined>;
  /** An account pending deletion (not suspended) whose username or email equals `login`, ignoring case. */
  findPendingByLogin(login: string): Promise<DeletionAccount | undefined>;
  /** Marks a live account deleted and schedules its purge; false when it is not live any more. */
  markDeleted(id: string, at: Date, purgeAt: Date): Promise<boolean>;
  /** Clears the deletion of an account still pending it (not purged, not suspended); false otherwise. */
  restore(id: string): Promise<boolean>;
  /** Ids of the accounts whose purge is due at `asOf`: deleted or suspended, scheduled no later. */
  dueForErasure(asOf: Date): Promise<string[]>;
  /** Replaces the person's tokens of `purpose` with this one. */
  replaceToken(token: { userId: string; purpose: DeletionTokenPurpose; tokenHash: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** Marks the unused, unexpired restore token used and returns its account id, in one statement. */
  consumeRestoreToken(tokenHash: string, now: Date): Promise<string | undefined>;
  findRestoreToken(tokenHash: string): Promise<DeletionTokenRecord | undefined>;
  /** The person's live code (unused, unexpired), if any. */
  liveCode(userId: string, now: Date): Promise<DeletionTokenRecord | undefined>;
  /** Counts a wrong guess; answers the attempts made so far. */
  countAttempt(id: string): Promise<number>;
  markUsed(id: string, at: Date): Promise<boolean>;
  /** Rows per table linked to the person by `where` clauses built from the data map. */
  countRows(table: string, where: SQL): Promise<number>;
  /** The person as erasure sees them: every address they used (P23) and their names. */
  resolveSubject(subject: Subject): Promise<ResolvedSubject>;
  /** Teams the person owns and who would take each over at the purge (modules/teams/succession.ts). */
  plannedSuccessions(ownerId: string): Promise<TeamSuccession[]>;
}

const accountColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  passwordHash: users.passwordHash,
  operator: users.operator,
  deletedAt: users.deletedAt,
  suspendedAt: users.suspendedAt,
  deletionScheduledFor: users.deletionScheduledFor,
};

export function createAccountDeletionStore(db: Database): AccountDeletionStore {
  return {
    async findAccount(id) {
      const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id)).limit(1);
      return row;
    },
    async findPendingByLogin(login) {
      const lower = login.toLowerCase();
      const [row] = await db
        .select(accountColumns)
        .from(users)
        .where(
          and(
            isNotNull(users.deletedAt),
            isNull(users.suspendedAt),
            or(eq(sql`lower(${users.username})`, lower), eq(sql`lower(${users.email})`, lower)),
          ),
        )
        .limit(1);
      return row;
    },
    async markDeleted(id, at, purgeAt) {
      const updated = await db
        .update(users)
        .set({ deletedAt: at, deletionScheduledFor: purgeAt })
        .where(and(eq(users.id, id), isNull(users.deletedAt), isNull(users.suspendedAt)))
        .returning({ id: users.id });
      return updated.length > 0;
    },
    async restore(id) {
      return db.transaction(async (tx) => {
        const updated = await tx
          .update(users)
          .set({ deletedAt: null, deletionScheduledFor: null })
          .where(and(eq(users.id, id), isNotNull(users.deletedAt), isNull(users.suspendedAt)))
          .returning({ id: users.id });
        if (updated.length === 0) return false;
        // Unused links and codes die; a used link stays until it expires, to answer "already used".
        await tx.delete(accountDeletionTokens).where(and(eq(accountDeletionTokens.userId, id), isNull(accountDeletionTokens.usedAt)));
        return true;
      });
    },
    async dueForErasure(asOf) {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(lte(users.deletionScheduledFor, asOf), or(isNotNull(users.deletedAt), isNotNull(users.suspendedAt))))
        .orderBy(asc(users.deletionScheduledFor), asc(users.id));
      return rows.map((r) => r.id);
    },
    async replaceToken(token) {
      await db.transaction(async (tx) => {
        await tx
          .delete(accountDeletionTokens)
          .where(
            or(
              and(eq(accountDeletionTokens.userId, token.userId), eq(accountDeletionTokens.purpose, token.purpose)),
              // Expired rows of anyone: nothing else needs them.
              lt(accountDeletionTokens.expiresAt, token.createdAt),
            ),
          );
        await tx.insert(accountDeletionTokens).values(token);
      });
    },
    async consumeRestoreToken(tokenHash, now) {
      const [row] = await db
        .update(accountDeletionTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(accountDeletionTokens.tokenHash, tokenHash),
            eq(accountDeletionTokens.purpose, 'restore'),
            isNull(accountDeletionTokens.usedAt),
            sql`${accountDeletionTokens.expiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .returning({ userId: accountDeletionTokens.userId });
      return row?.userId;
    },
    async findRestoreToken(tokenHash) {
      const [row] = await db
        .select()
        .from(accountDeletionTokens)
        .where(and(eq(accountDeletionTokens.tokenHash, tokenHash), eq(accountDeletionTokens.purpose, 'restore')))
        .limit(1);
      return row;
    },
    async liveCode(userId, now) {
      const [row] = await db
        .select()
        .from(accountDeletionTokens)
        .where(
          and(
            eq(accountDeletionTokens.userId, userId),
            eq(accountDeletionTokens.purpose, 'confirm_code'),
            isNull(accountDeletionTokens.usedAt),
            sql`${accountDeletionTokens.expiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .limit(1);
      return row;
    },
    async countAttempt(id) {
      const [row] = await db
        .update(accountDeletionTokens)
        .set({ attempts: sql`${accountDeletionTokens.attempts} + 1` })
        .where(eq(accountDeletionTokens.id, id))
        .returning({ attempts: accountDeletionTokens.attempts });
      return row?.attempts ?? Number.POSITIVE_INFINITY;
    },
    async markUsed(id, at) {
      const updated = await db
        .update(accountDeletionTokens)
        .set({ usedAt: at })
        .where(and(eq(accountDeletionTokens.id, id), isNull(accountDeletionTokens.usedAt)))
        .returning({ id: accountDeletionTokens.id });
      return updated.length > 0;
    },
    async countRows(table, where) {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
      return row?.n ?? 0;
    },
    resolveSubject: (subject) => resolveSubject(db, subject),
    plannedSuccessions: (ownerId) => plannedSuccessions(db, ownerId),
  };
}
