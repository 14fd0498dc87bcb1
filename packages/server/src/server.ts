import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from './app.ts';
import type { AppDeps } from './app.ts';
import { ConfigError } from './config.ts';
import type { Config } from './config.ts';
import { loadOrCreateSecretKey } from './crypto/secret-key.ts';
import { openDatabase } from './db/database.ts';
import type { DatabaseHandle } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { MigrationResult } from './db/migrate.ts';
import { LocationDatabaseError, openNetworkLocator } from './geoip/network-locator.ts';
import type { NetworkLocator } from './geoip/network-locator.ts';
import type { AppEnv } from './http/env.ts';

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:4400 (the real port when PORT is 0). */
  url: string;
  port: number;
  database: DatabaseHandle;
  migrations: MigrationResult;
  app: OpenAPIHono<AppEnv>;
  /** Things the operator should fix, for the caller to print (e.g. no shared secret key on PostgreSQL). */
  warnings: string[];
  /** Stops listening, waits for open requests, then closes the database. */
  close(): Promise<void>;
}

export type StartOptions = Omit<AppDeps, 'database'>;

/** Opens the database, applies pending migrations and listens. Prints nothing; the caller reports. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const locateNetwork = options.locateNetwork ?? (config.geoipDb ? await openLocator(config.geoipDb) : undefined);
  // Read before opening the database so a damaged key file stops the start with nothing opened.
  const secret = options.secretKey ? undefined : loadOrCreateSecretKey(config);
  const warnings = secret?.source !== 'config' && config.databaseUrl ? [secretKeyOnPostgresWarning(secret?.path)] : [];
  const database = await openDatabase(config);
  try {
    const migrations = await migrate(database);
    const app = createApp({
      ...(config.publicUrl !== undefined && { publicUrl: config.publicUrl }),
      ...(config.smtpUrl !== undefined && { smtpUrl: config.smtpUrl }),
      ...(config.mailFrom !== undefined && { mailFrom: config.mailFrom }),
      ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy }),
      ...(config.oidc !== undefined && { oidc: config.oidc }),
      ...(config.egress !== undefined && { egress: config.egress }),
      ...(secret && { secretKey: secret.key }),
      ...(locateNetwork && { locateNetwork }),
      ...options,
      database,
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `http://${host}:${port}`,
      port,
      database,
      migrations,
      app,
      warnings,
      close: async () => {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // Idle keep-alive connections would otherwise hold close() open.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
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
