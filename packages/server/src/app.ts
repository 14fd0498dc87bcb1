import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import type { DatabaseHandle } from './db/database.ts';
import { tooLarge } from './errors.ts';
import { CORRELATION_ID_HEADER } from './http/env.ts';
import type { AppEnv } from './http/env.ts';
import { problemErrorHandler, problemNotFoundHandler } from './http/problem.ts';
import type { ErrorReporter } from './http/problem.ts';
import { createRouter } from './http/router.ts';
import type { Mailer } from './mail/mailer.ts';
import { createArgon2Hasher } from './modules/accounts/passwords.ts';
import type { PasswordHashingOptions } from './modules/accounts/passwords.ts';
import { registerAccountRoutes } from './modules/accounts/routes.ts';
import { createAccountService } from './modules/accounts/service.ts';
import { createAccountStore } from './modules/accounts/store.ts';
import { registerHealthRoutes } from './modules/health/routes.ts';
import { registerHomeRoutes } from './modules/home/routes.ts';
import { SESSION_COOKIE } from './modules/sessions/cookies.ts';
import { authenticate, csrfProtection } from './modules/sessions/middleware.ts';
import { registerSessionRoutes } from './modules/sessions/routes.ts';
import { createSessionService } from './modules/sessions/service.ts';
import { createSessionStore } from './modules/sessions/store.ts';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppDeps {
  database: DatabaseHandle;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Receives unexpected errors (answered as a bare 500); defaults to one line on stderr. */
  reportError?: ErrorReporter;
  /** The instance's public address; an https:// one makes the session cookies Secure. */
  publicUrl?: string;
  clock?: Clock;
  /** Argon2id cost; leave unset in production (tests lower it to stay fast). */
  passwordHashing?: PasswordHashingOptions;
  /** Where email goes; defaults to SMTP when configured, else the local outbox. */
  mailer?: Mailer;
}

/** Requests that create a session rather than use one, so they need no CSRF token. */
const CSRF_EXEMPT = ['POST /api/accounts', 'POST /api/sessions'];

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

  const clock = deps.clock ?? systemClock;
  const cookies = { secure: deps.publicUrl?.startsWith('https://') ?? false };
  const accounts = createAccountService({
    accounts: createAccountStore(deps.database.db),
    passwords: createArgon2Hasher(deps.passwordHashing),
    clock,
  });
  const sessions = createSessionService({ store: createSessionStore(deps.database.db), clock });
  app.use('/api/*', authenticate(sessions, cookies));
  app.use('/api/*', csrfProtection(CSRF_EXEMPT));

  registerHealthRoutes(app, deps.database);
  registerHomeRoutes(app);
  registerAccountRoutes(app, { accounts, sessions, cookies });
  registerSessionRoutes(app, { accounts, sessions, cookies });

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Set by sign-up and sign-in. State-changing requests also need the X-CSRF-Token header.',
  });

  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: API_INFO });
  return app;
}
