import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Config } from '../src/config.ts';
import type { DatabaseKind } from '../src/db/database.ts';
import { databaseTargets } from './database-targets.ts';

export interface TestDatabase {
  kind: DatabaseKind;
  /**
   * A configuration pointing at this test file's own database (a fresh PGlite data dir, or a
   * freshly created PostgreSQL database). Call it inside tests or hooks, not while collecting.
   */
  config(overrides?: Partial<Config>): Config;
}

let warned = false;

/**
 * Runs `fn` as a describe block once per database: PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set. Under CI=true a missing TEST_DATABASE_URL fails the suite.
 */
export function forEachDatabase(name: string, fn: (database: TestDatabase) => void): void {
  const targets = databaseTargets(process.env);
  if (targets.warning && !warned) {
    warned = true;
    console.warn(targets.warning);
  }
  if (targets.failure) {
    const failure = targets.failure;
    describe(`${name} [postgres]`, () => {
      it('has a PostgreSQL to run on', () => {
        throw new Error(failure);
      });
    });
  }
  for (const kind of targets.kinds) {
    describe(`${name} [${kind}]`, () => {
      const database = kind === 'pglite' ? pgliteDatabase() : postgresDatabase(process.env.TEST_DATABASE_URL!);
      fn(database);
    });
  }
}

function pgliteDatabase(): TestDatabase {
  let dataDir: string | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'postern-test-'));
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    kind: 'pglite',
    config: (overrides = {}) => {
      if (!dataDir) throw new Error('config() is available once the describe block runs');
      return { port: 0, host: '127.0.0.1', dataDir, ...overrides };
    },
  };
}

// Each test file gets its own database, created from the server URL and dropped afterwards, so
// files run in parallel without seeing each other's rows or migration history.
function postgresDatabase(serverUrl: string): TestDatabase {
  const dbName = `postern_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'postern-test-'));
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  let created = false;

  beforeAll(async () => {
    await withAdmin(serverUrl, (client) => client.query(`create database "${dbName}"`));
    created = true;
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (created) await withAdmin(serverUrl, (client) => client.query(`drop database if exists "${dbName}" with (force)`));
  });
  return {
    kind: 'postgres',
    config: (overrides = {}) => ({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: url.toString(), ...overrides }),
  };
}

async function withAdmin(serverUrl: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
