import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from './app.ts';
import type { AppDeps } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError } from './config.ts';
import type { Config } from './config.ts';
import { loadOrCreateSecretKey } from './crypto/secret-key.ts';
import { openDatabase } from './db/database.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createPgBossQueue } from './jobs/pg-boss-queue.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { JobRole } from './jobs/roles.ts';
import { migrate } from './db/migrate.ts';
import type { MigrationResult } from './db/migrate.ts';
import { LocationDatabaseError, openNetworkLocator } from './geoip/network-locator.ts';
import type { NetworkLocator } from './geoip/network-locator.ts';
import type { AppEnv } from './http/env.ts';
import { replayDeletionLedger } from './modules/deletion-ledger/replay.ts';
import { startMonitorPolling } from './modules/monitors/scheduler.ts';

export interface RunningServer {
  /** What this process does (POSTERN_ROLE, default `all`). */
  role: JobRole;
  /** Where the server listens, e.g. http://127.0.0.1:4400 (the real port when PORT is 0); '' in the worker role. */
  url: string;
  /** The port listened on; 0 in the worker role, which does not listen. */
  port: number;
  /** The job queue: pg-boss on the server's database unless the caller passed `jobs`. */
  jobs: JobQueue;
  database: DatabaseHandle;
  migrations: MigrationResult;
  app: OpenAPIHono<AppEnv>;
  /** Things the operator should fix, for the caller to print (e.g. no shared secret key on PostgreSQL). */
  warnings: string[];
  /** Stops listening, waits for open requests and running jobs, then closes the database. */
  close(): Promise<void>;
}

export type StartOptions = Omit<AppDeps, 'database'>;

/**
 * Opens the database, applies pending migrations, starts the job queue and (except in the worker
 * role) listens. Prints nothing; the caller reports.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const locateNetwork = options.locateNetwork ?? (config.geoipDb ? await openLocator(config.geoipDb) : undefined);
  // Read before opening the database so a damaged key file stops the start with nothing opened.
  const secret = options.secretKey ? undefined : loadOrCreateSecretKey(config);
  const warnings = secret?.source !== 'config' && config.databaseUrl ? [secretKeyOnPostgresWarning(secret?.path)] : [];
  const role = config.role ?? 'all';
  // PGlite belongs to one process, so a web-only or worker-only process on it has no partner.
  if (role !== 'all' && !config.databaseUrl) warnings.push(soloRoleOnPgliteWarning(role));
  const database = await openDatabase(config);
  let jobs: JobQueue | undefined;
  let stopMonitorPolling: (() => void) | undefined;
  try {
    const migrations = await migrate(database);
    // P19: a restored database (postern admin restore, pg_restore) never serves an erased person:
    // the deletion ledger is replayed before anything runs, under the instance lock (once at a time).
    const { replayed } = await database.exclusive((db) =>
      replayDeletionLedger({ db, secretKey: options.secretKey ?? secret!.key, clock: options.clock ?? systemClock }),
    );
    if (replayed > 0) warnings.push(replayedWarning(replayed));
    jobs = options.jobs ?? createPgBossQueue(database, { role, reportError: options.reportError ?? reportJobError });
    // Every role composes the app: that is where the modules register their job handlers.
    const app = createApp({
      ...(config.publicUrl !== undefined && { publicUrl: config.publicUrl }),
      ...(config.smtpUrl !== undefined && { smtpUrl: config.smtpUrl }),
      ...(config.mailFrom !== undefined && { mailFrom: config.mailFrom }),
      ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy }),
      ...(config.oidc !== undefined && { oidc: config.oidc }),
      ...(config.egress !== undefined && { egress: config.egress }),
      ...(config.deletionGraceDays !== undefined && { accountDeletionGraceDays: config.deletionGraceDays }),
      ...(config.dnsResolver !== undefined && { dnsResolver: config.dnsResolver }),
      ...(config.operatorAccessMaxHours !== undefined && { operatorAccessMaxHours: config.operatorAccessMaxHours }),
      ...(secret && { secretKey: secret.key }),
      ...(locateNetwork && { locateNetwork }),
      ...options,
      jobs,
      database,
    });
    await jobs.start();
    // POSTERN_MONITOR_POLL_MS: look for due monitors more often than pg-boss's every-minute clock.
    stopMonitorPolling =
      config.monitorPollMs !== undefined && role !== 'web'
        ? startMonitorPolling(jobs, config.monitorPollMs, (error) => (options.reportError ?? reportJobError)(error, 'monitors'))
        : undefined;
    const server = role === 'worker' ? undefined : await listen(app, config);
    const port = server ? (server.address() as AddressInfo).port : 0;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const queue = jobs;
    return {
      role,
      url: server ? `http://${host}:${port}` : '',
      port,
      jobs: queue,
      database,
      migrations,
      app,
      warnings,
      close: async () => {
        if (server) {
          await new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            // Idle keep-alive connections would otherwise hold close() open.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          });
        }
        stopMonitorPolling?.();
        try {
          await queue.stop();
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    stopMonitorPolling?.();
    await jobs?.stop().catch(() => {});
    await database.close();
    throw error;
  }
}

function listen(app: OpenAPIHono<AppEnv>, config: Config): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
}

function soloRoleOnPgliteWarning(role: JobRole): string {
  return role === 'web'
    ? 'POSTERN_ROLE is web on the embedded database: no other process can open it, so no jobs (exports, erasure, retention) will run. Use DATABASE_URL for separate worker processes, or the role all.'
    : 'POSTERN_ROLE is worker on the embedded database: nothing serves HTTP, and no other process can open it. Use DATABASE_URL for separate web processes, or the role all.';
}

function reportJobError(error: unknown, context: string): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[postern] ${context} failed: ${message}\n`);
}

function replayedWarning(replayed: number): string {
  return (
    `Erased ${replayed} account${replayed === 1 ? '' : 's'} again that the deletion ledger lists as erased ` +
    '(the database was restored from a backup made before their erasure).'
  );
}

// Several app nodes sharing one PostgreSQL must share one key: a node with its own generated key
// could not read the secrets the others sealed. A single node works, hence a warning, not a refusal.
function secretKeyOnPostgresWarning(path: string | undefined): string {
  return (
    `POSTERN_SECRET_KEY is not set, so secrets are sealed with the key in ${path ?? 'the data directory'}. ` +
    'With DATABASE_URL and more than one app node, set the same POSTERN_SECRET_KEY on every node ' +
    '(e.g. the content of that file).'
  );
}

/** The POSTERN_GEOIP_DB file, opened before anything else so a bad one stops the start cleanly. */
async function openLocator(path: string): Promise<NetworkLocator> {
  try {
    return await openNetworkLocator(path);
  } catch (error) {
    if (error instanceof LocationDatabaseError) throw new ConfigError([{ variable: 'POSTERN_GEOIP_DB', message: error.message }]);
    throw error;
  }
}
