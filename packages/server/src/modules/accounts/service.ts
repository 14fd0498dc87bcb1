import type { Clock } from '../../clock.ts';
import { AppError, conflict, unauthorized } from '../../errors.ts';
import { ageOn, minimumAgeFor } from './minimum-age.ts';
import type { PasswordHasher } from './passwords.ts';
import type { AccountStore, UserRecord } from './store.ts';

export interface SignUpInput {
  username: string;
  email: string;
  password: string;
  /** YYYY-MM-DD; used for the age check only, never stored. */
  birthDate: string;
  /** ISO 3166-1 alpha-2; used for the age check only, never stored. */
  country: string;
}

export interface AccountServiceDeps {
  accounts: AccountStore;
  passwords: PasswordHasher;
  clock: Clock;
}

export type AccountService = ReturnType<typeof createAccountService>;

export function createAccountService({ accounts, passwords, clock }: AccountServiceDeps) {
  let dummyHash: Promise<string> | undefined;

  return {
    /** Creates an account after the age check; the first one on the instance is its operator. */
    async signUp(input: SignUpInput): Promise<UserRecord> {
      const now = clock();
      const minimumAge = minimumAgeFor(input.country);
      if (ageOn(input.birthDate, now) < minimumAge) {
        throw new AppError(
          403,
          'BELOW_MINIMUM_AGE',
          `You must be at least ${minimumAge} years old to open an account in ${input.country.toUpperCase()}.`,
        );
      }
      const passwordHash = await passwords.hash(input.password);
      const result = await accounts.create({ username: input.username, email: input.email, passwordHash, createdAt: now });
      if (!result.ok) {
        throw result.taken === 'username'
          ? conflict('This username is taken.', { code: 'USERNAME_TAKEN' })
          : conflict('An account with this email already exists.', { code: 'EMAIL_TAKEN' });
      }
      return result.user;
    },

    /**
     * The account for a username-or-email and password. Unknown accounts and wrong passwords get
     * the same answer, after the same amount of hashing work.
     */
    async authenticate(login: string, password: string): Promise<UserRecord> {
      const user = await accounts.findByLogin(login);
      if (!user?.passwordHash) {
        dummyHash ??= passwords.hash('postern-dummy-password');
        await passwords.verify(await dummyHash, password);
        throw invalidCredentials();
      }
      if (!(await passwords.verify(user.passwordHash, password))) throw invalidCredentials();
      return user;
    },

    async findAccount(id: string): Promise<UserRecord | undefined> {
      return accounts.findById(id);
    },
  };
}

const invalidCredentials = () => unauthorized('The username, email or password is wrong.', { code: 'INVALID_CREDENTIALS' });
