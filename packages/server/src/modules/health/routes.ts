import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { countAppliedMigrations } from '../../db/migrate.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { AppEnv } from '../../http/env.ts';

const Health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      kind: z.enum(['pglite', 'postgres']),
      /** Null when the database did not answer. */
      migrations: z.number().int().nullable(),
    }),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['system'],
  summary: 'Whether the server and its database answer',
  responses: {
    200: { description: 'Serving', content: { 'application/json': { schema: Health } } },
    503: { description: 'The database does not answer', content: { 'application/json': { schema: Health } } },
  },
});

const liveRoute = createRoute({
  method: 'get',
  path: '/api/health/live',
  tags: ['system'],
  summary: 'Whether the process serves HTTP at all (no database check)',
  description: 'For liveness probes: answers without touching the database, so a slow database does not get a healthy process restarted.',
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, database: DatabaseHandle): void {
  app.openapi(route, async (c) => {
    try {
      const migrations = await countAppliedMigrations(database.db);
      return c.json({ status: 'ok' as const, database: { kind: database.kind, migrations } }, 200);
    } catch {
      return c.json({ status: 'unavailable' as const, database: { kind: database.kind, migrations: null } }, 503);
    }
  });
  app.openapi(liveRoute, (c) => c.json({ status: 'ok' as const }, 200));
}
