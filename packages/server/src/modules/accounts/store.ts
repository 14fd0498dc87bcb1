import { and, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { previousEmails, users } from './schema.ts';

export type UserRecord = typeof users.$inferSelect;

export interface NewUser {
  username: string;
  email: string;
  /** Null for accounts that sign in only through an identity provider. */
  passwordHash: string | null;
  createdAt: Date;
  /** Set when the address is already known to be the person's (an identity provider said so). */
  emailVerifiedAt?: Date | null;
  displayName?: string | null;
}

export type CreateUserResult = { ok: true; user: UserRecord } | { ok: false; taken: 'username' | 'email' };

export interface AccountStore {
  /** Inserts the account; the first account of the instance becomes its operator. */
  create(user: NewUser): Promise<CreateUserResult>;
  /** A live account whose username or email equals `login`, ignoring case. */
  findByLogin(login: string): Promise<UserRecord | undefined>;
  /** An account pending deletion (P24; not suspended) whose username or email equals `login`, ignoring case. */
  findPendingDeletionByLogin(login: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** A live account with this email, ignoring case. */
  findByEmail(email: string): Promise<UserRecord | undefined>;
  /** Confirms the email if it is still `email`; false when the account or the address changed. */
  markEmailVerified(id: string, email: string, at: Date): Promise<boolean>;
  /** Replaces a live account's password hash; undefined when there is no such account. */
  setPasswordHash(id: string, passwordHash: string): Promise<UserRecord | undefined>;
  /**
   * Replaces a live account's email with a confirmed one (verified at `at`). `taken` when another
   * account has the address (any case); undefined when there is no such account.
   */
  setEmail(id: string, email: string, at: Date): Promise<ChangeEmailResult | undefined>;
}

export type ChangeEmailResult = { ok: true; user: UserRecord } | { ok: false; taken: 'email' };

// Serializes sign-ups so two first accounts arriving together cannot both become operator.
const FIRST_ACCOUNT_LOCK = sql`select pg_advisory_xact_lock(hashtext('postern:accounts:first-operator'))`;

export function createAccountStore(db: Database): AccountStore {
  return {
    async create(user) {
      try {
        const row = await db.transaction(async (tx) => {
          await tx.execute(FIRST_ACCOUNT_LOCK);
          const [inserted] = await tx
            .insert(users)
            .values({ ...user, operator: sql`not exists (select 1 from ${users})` })
            .returning();
          return inserted!;
        });
        return { ok: true, user: row };
      } catch (error) {
        const taken = takenField(error);
        if (taken) return { ok: false, taken };
        throw error;
      }
    },
    async findByLogin(login) {
      const lower = login.toLowerCase();
      const [row] = await db
        .select()
        .from(users)
        .where(and(isNull(users.deletedAt), or(eq(sql`lower(${users.username})`, lower), eq(sql`lower(${users.email})`, lower))))
        .limit(1);
      return row;
    },
    async findPendingDeletionByLogin(login) {
      const lower = login.toLowerCase();
      const [row] = await db
        .select()
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
    async findByEmail(email) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(isNull(users.deletedAt), eq(sql`lower(${users.email})`, email.toLowerCase())))
        .limit(1);
      return row;
    },
    async markEmailVerified(id, email, at) {
      const updated = await db
        .update(users)
        .set({ emailVerifiedAt: at })
        .where(and(eq(users.id, id), isNull(users.deletedAt), eq(sql`lower(${users.email})`, email.toLowerCase())))
        .returning({ id: users.id });
      return updated.length > 0;
    },
    async setPasswordHash(id, passwordHash) {
      const [row] = await db
        .update(users)
        .set({ passwordHash })
        .where(and(eq(users.id, id), isNull(users.deletedAt)))
        .returning();
      return row;
    },
    async setEmail(id, email, at) {
      try {
        return await db.transaction(async (tx) => {
          const [before] = await tx.select({ email: users.email }).from(users).where(and(eq(users.id, id), isNull(users.deletedAt))).for('update');
          if (!before) return undefined;
          const [row] = await tx.update(users).set({ email, emailVerifiedAt: at }).where(eq(users.id, id)).returning();
          if (before.email.toLowerCase() !== email.toLowerCase()) await tx.insert(previousEmails).values({ userId: id, email: before.email, replacedAt: at });
          return row && ({ ok: true, user: row } as const);
        });
      } catch (error) {
        // The unique index on lower(email) is the arbiter when two accounts race for one address.
        if (takenField(error) === 'email') return { ok: false, taken: 'email' };
        throw error;
      }
    },
    async findById(id) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)))
        .limit(1);
      return row;
    },
  };
}

/** Which unique index a failed insert hit; both drivers report it on the error or its cause. */
function takenField(error: unknown): 'username' | 'email' | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code !== '23505') continue;
    const where = `${constraint ?? ''} ${e.message}`;
    if (where.includes('users_username_lower_key')) return 'username';
    if (where.includes('users_email_lower_key')) return 'email';
  }
  return undefined;
}
