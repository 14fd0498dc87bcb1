import { hash, verify } from '@node-rs/argon2';

/** Hashes and checks passwords; the account service never sees the algorithm. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

/** Argon2id cost. Production uses the library defaults (OWASP: 19 MiB, 2 passes, 1 lane). */
export interface PasswordHashingOptions {
  /** KiB of memory per hash. */
  memoryCost?: number;
  timeCost?: number;
}

/** Argon2id (the library's default algorithm) through @node-rs/argon2's prebuilt binaries. */
export function createArgon2Hasher(options: PasswordHashingOptions = {}): PasswordHasher {
  const cost = {
    ...(options.memoryCost !== undefined && { memoryCost: options.memoryCost }),
    ...(options.timeCost !== undefined && { timeCost: options.timeCost }),
  };
  return {
    hash: (password) => hash(password, cost),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        // A malformed stored hash is a failed sign-in, not a server error.
        return false;
      }
    },
  };
}
