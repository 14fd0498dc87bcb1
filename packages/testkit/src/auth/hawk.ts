import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { ECHO_CREDENTIALS } from '../credentials.ts';
import type { Route, RouteContext } from '../context.ts';
import { readBody } from '../http/body.ts';
import { sendJson } from '../http/respond.ts';

interface HawkCredentials {
  id: string;
  key: string;
  algorithm: string;
}

interface HawkArtifacts {
  hash?: string;
}

/** The part of @hapi/hawk's server API used here (the package ships no types). */
interface HawkServer {
  authenticate(
    req: IncomingMessage,
    credentials: (id: string) => HawkCredentials | undefined,
  ): Promise<{ credentials: HawkCredentials; artifacts: HawkArtifacts }>;
  authenticatePayload(payload: string, credentials: HawkCredentials, artifacts: HawkArtifacts, contentType: string): void;
  header(credentials: HawkCredentials, artifacts: HawkArtifacts): string;
}

/** A Boom error as Hawk throws it. */
interface BoomLike {
  output?: { statusCode: number; payload: unknown; headers: Record<string, string> };
}

const require = createRequire(import.meta.url);
const hawk = (require('@hapi/hawk') as { server: HawkServer }).server;

function lookup(id: string): HawkCredentials | undefined {
  return id === ECHO_CREDENTIALS.hawk.id ? { ...ECHO_CREDENTIALS.hawk } : undefined;
}

/**
 * /auth/hawk: `{ message: "Hawk Authentication Successful" }` with a
 * Server-Authorization header, or Hawk's own 401/400 error body.
 * A payload hash is checked when the client sent one.
 */
async function hawkAuth(ctx: RouteContext): Promise<void> {
  const body = await readBody(ctx.req);
  try {
    const { credentials, artifacts } = await hawk.authenticate(ctx.req, lookup);
    if (artifacts.hash) {
      hawk.authenticatePayload(body.toString('utf8'), credentials, artifacts, ctx.req.headers['content-type'] ?? '');
    }
    sendJson(
      ctx.res,
      200,
      { message: 'Hawk Authentication Successful' },
      { 'server-authorization': hawk.header(credentials, artifacts) },
    );
  } catch (error) {
    const output = (error as BoomLike).output;
    if (!output) throw error;
    sendJson(ctx.res, output.statusCode, output.payload, output.headers);
  }
}

export const hawkAuthRoutes: readonly Route[] = [{ path: '/auth/hawk', handle: hawkAuth }];
