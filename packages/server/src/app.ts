import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { DatabaseHandle } from './db/database.ts';
import { tooLarge } from './errors.ts';
import { CORRELATION_ID_HEADER } from './http/env.ts';
import type { AppEnv } from './http/env.ts';
import { problemErrorHandler, problemNotFoundHandler } from './http/problem.ts';
import type { ErrorReporter } from './http/problem.ts';
import { createRouter } from './http/router.ts';
import { registerHealthRoutes } from './modules/health/routes.ts';
import { registerHomeRoutes } from './modules/home/routes.ts';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppDeps {
  database: DatabaseHandle;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Receives unexpected errors (answered as a bare 500); defaults to one line on stderr. */
  reportError?: ErrorReporter;
}

export const API_INFO = { title: 'Postern API', version: '0.1.0' };

const reportToStderr: ErrorReporter = (error, correlationId) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[postern] unexpected error (correlation id ${correlationId}): ${message}\n`);
};

/** Composes the HTTP application from its dependencies; it opens nothing and listens nowhere. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use(requestId({ headerName: CORRELATION_ID_HEADER, limitLength: 128 }));
  app.use(
    bodyLimit({
      maxSize: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      onError: () => {
        throw tooLarge();
      },
    }),
  );
  app.onError(problemErrorHandler(deps.reportError ?? reportToStderr));
  app.notFound(problemNotFoundHandler);

  registerHealthRoutes(app, deps.database);
  registerHomeRoutes(app);

  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: API_INFO });
  return app;
}
