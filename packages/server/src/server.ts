import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from './app.ts';
import type { AppDeps } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import type { DatabaseHandle } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { MigrationResult } from './db/migrate.ts';
import type { AppEnv } from './http/env.ts';

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:4400 (the real port when PORT is 0). */
  url: string;
  port: number;
  database: DatabaseHandle;
  migrations: MigrationResult;
  app: OpenAPIHono<AppEnv>;
  /** Stops listening, waits for open requests, then closes the database. */
  close(): Promise<void>;
}

export type StartOptions = Omit<AppDeps, 'database'>;

/** Opens the database, applies pending migrations and listens. Prints nothing; the caller reports. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const database = await openDatabase(config);
  try {
    const migrations = await migrate(database);
    const app = createApp({ ...(config.publicUrl !== undefined && { publicUrl: config.publicUrl }), ...options, database });
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
