import type { DatabaseKind } from '../src/db/database.ts';

export interface DatabaseTargets {
  kinds: DatabaseKind[];
  /** Printed once when PostgreSQL is skipped. */
  warning?: string;
  /** Set when the suite must fail: CI without a PostgreSQL to test against. */
  failure?: string;
}

/** Which databases the database suite runs on, decided from the environment. */
export function databaseTargets(env: NodeJS.ProcessEnv): DatabaseTargets {
  if (env.TEST_DATABASE_URL) return { kinds: ['pglite', 'postgres'] };
  if (env.CI === 'true' || env.CI === '1') {
    return {
      kinds: ['pglite'],
      failure: 'TEST_DATABASE_URL is not set but CI=true: the database suite must also run on PostgreSQL in CI.',
    };
  }
  return {
    kinds: ['pglite'],
    warning: '⚠⚠⚠ TEST_DATABASE_URL is not set: database tests run on PGlite ONLY, PostgreSQL is NOT tested ⚠⚠⚠',
  };
}
