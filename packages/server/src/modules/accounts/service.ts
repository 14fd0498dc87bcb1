import type { Clock } from '../../clock.ts';
import type { AuditService } from '../audit/service.ts';
import { AppError, conflict, unauthorized } from '../../errors.ts';
import { ageOn, minimumAgeFor } from './minimum-age.ts';
import { accountPendingDeletion } from './suspension.ts';
import type { PasswordHasher } from './passwords.ts';
import type { AccountStore, CreateUserResult, UserRecord } from './store.ts';

export interface SignUpInput {
  username: string;
  email: string;
  password: string;
  /** YYYY-MM-DD; used for the age check only, never stored. */
  birthDate: string;
  /** ISO 3166-1 alpha-2; used for the age check only, never stored. */
  country: string;
}

export interface ExternalSignUpInput {
  username: string;
  email: string;
  emailVerified: boolean;
  displayName: string | null;
  /** YYYY-MM-DD; used for the age check only, never stored. */
  birthDate: string;
  /** ISO 3166-1 alpha-2; used for the age check only, never stored. */
  country: string;
}

export interface AccountServiceDeps {
  accounts: AccountStore;
  passwords: PasswordHasher;
  clock: Clock;
  /** Records failed sign-ins and password changes (P18); ids only. */
  audit?: Pick<AuditService, 'record'>;
}

export type AccountService = ReturnType<typeof createAccountService>;

export function createAccountService({ accounts, passwords, clock, audit }: AccountServiceDeps) {
  /** A failed sign-in: no actor (nobody proved who they are); the account when the login named one. */
  const failed = async (accountId: string | undefined) => {
    await audit?.record({ actorId: null, action: 'auth.sign_in_failed', ...(accountId && { targetType: 'account', targetId: accountId }), details: { reason: accountId ? 'password' : 'unknown_login' } });
  };
  let dummyHash: Promise<string> | undefined;

  return {
    /** Creates an account after the age check; the first one on the instance is its operator. */
    async signUp(input: SignUpInput): Promise<UserRecord> {
      const now = clock();
      requireMinimumAge(input, now);
      const passwordHash = await passwords.hash(input.password);
      return created(await accounts.create({ username: input.username, email: input.email, passwordHash, createdAt: now }));
    },

    /**
     * Creates an account without a password for a person signing in through an identity
     * provider, after the same age check (P7). Name and email come from the provider (P6).
     */
    async signUpExternal(input: ExternalSignUpInput): Promise<UserRecord> {
      const now = clock();
      requireMinimumAge(input, now);
      return created(
        await accounts.create({
          username: input.username,
          email: input.email,
          passwordHash: null,
          createdAt: now,
          emailVerifiedAt: input.emailVerified ? now : null,
          displayName: input.displayName,
        }),
      );
    },

    /**
     * The account for a username-or-email and password. Unknown accounts and wrong passwords get
     * the same answer, after the same amount of hashing work.
     */
    async authenticate(login: string, password: string): Promise<UserRecord> {
      // An account pending deletion (P24) is checked like a live one, so only its right password
      // learns that it can still be restored.
      const user = (await accounts.findByLogin(login)) ?? (await accounts.findPendingDeletionByLogin(login));
      if (!user?.passwordHash) {
        dummyHash ??= passwords.hash('postern-dummy-password');
        await passwords.verify(await dummyHash, password);
        await failed(user?.id);
        throw invalidCredentials();
      }
      if (!(await passwords.verify(user.passwordHash, password))) {
        await failed(user.id);
        throw invalidCredentials();
      }
      if (user.deletedAt) throw accountPendingDeletion(user.deletionScheduledFor);
      return user;
    },

    async findAccount(id: string): Promise<UserRecord | undefined> {
      return accounts.findById(id);
    },

    async findByEmail(email: string): Promise<UserRecord | undefined> {
      return accounts.findByEmail(email);
    },

    /** Marks the email confirmed if the account still has `email`; false otherwise. */
    async markEmailVerified(id: string, email: string, at: Date): Promise<boolean> {
      return accounts.markEmailVerified(id, email, at);
    },

    /** Stores a new argon2id hash of `password`; undefined when the account no longer exists. */
    async changePassword(id: string, password: string): Promise<UserRecord | undefined> {
      const user = await accounts.setPasswordHash(id, await passwords.hash(password));
      if (user) await audit?.record({ actorId: id, action: 'account.password_changed', targetType: 'account', targetId: id });
      return user;
    },

    /**
     * Switches the account to an address its owner just confirmed (P23); 409 EMAIL_TAKEN when
     * another account took it meanwhile, undefined when the account is gone.
     */
    async changeEmail(id: string, email: string, at: Date): Promise<UserRecord | undefined> {
      const result = await accounts.setEmail(id, email, at);
      if (result && !result.ok) throw emailTaken();
      return result?.user;
    },

    /** Whether `password` is this live account's password (false for accounts without one). */
    async verifyPassword(id: string, password: string): Promise<boolean> {
      const hashed = (await accounts.findById(id))?.passwordHash;
      return hashed ? passwords.verify(hashed, password) : false;
    },
  };
}

/** The age check of every sign-up: P7, minimum-age.ts. Throws 403 BELOW_MINIMUM_AGE. */
export function requireMinimumAge(input: { birthDate: string; country: string }, now: Date): void {
  const minimumAge = minimumAgeFor(input.country);
  if (ageOn(input.birthDate, now) < minimumAge) {
    throw new AppError(
      403,
      'BELOW_MINIMUM_AGE',
      `You must be at least ${minimumAge} years old to open an account in ${input.country.toUpperCase()}.`,
    );
  }
}

function created(result: CreateUserResult): UserRecord {
  if (!result.ok) {
    throw result.taken === 'username'
      ? conflict('This username is taken.', { code: 'USERNAME_TAKEN' })
      : emailTaken();
  }
  return result.user;
}

const emailTaken = () => conflict('An account with this email already exists.', { code: 'EMAIL_TAKEN' });

const invalidCredentials = () => unauthorized('The username, email or password is wrong.', { code: 'INVALID_CREDENTIALS' });
