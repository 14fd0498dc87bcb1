import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteContext, ServerServices } from './context.ts';
import { BodyTooLargeError } from './http/body.ts';
import { sendError } from './http/respond.ts';
import { Router } from './router.ts';
import { allRoutes } from './routes/index.ts';

export interface TestServerOptions {
  /** Defaults to 0: the OS picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
}

export interface TestServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Stops listening, drops open connections and cancels pending delays. */
  close(): Promise<void>;
  /** Requests received since start, whatever their outcome. */
  requestCount(): number;
}

const router = new Router(allRoutes);

/** Starts the local echo server that stands in for the public echo service in every test. */
export function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const timers = new Set<NodeJS.Timeout>();
  let count = 0;

  const services: ServerServices = {
    secret: randomBytes(32),
    now: () => Date.now(),
    later(res, ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.off('close', cancel);
        fn();
      }, ms);
      const cancel = (): void => {
        clearTimeout(timer);
        timers.delete(timer);
      };
      timers.add(timer);
      res.once('close', cancel);
    },
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    count++;
    handle(req, res, services);
  });
  // Long enough that benchmark clients reuse sockets; close() drops idle ones anyway.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        requestCount: () => count,
        close: () =>
          new Promise<void>((done) => {
            for (const timer of timers) clearTimeout(timer);
            timers.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function handle(req: IncomingMessage, res: ServerResponse, services: ServerServices): void {
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const match = router.match(method, path);
  if (match.kind === 'not-found') {
    sendError(res, 404, 'NOT_FOUND', `No endpoint for ${method} ${path}.`);
    return;
  }
  if (match.kind === 'method-not-allowed') {
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `${path} accepts ${match.allow.join(', ')}.`, {
      allow: match.allow.join(', '),
    });
    return;
  }
  const origin = `http://${req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`}`;
  const ctx: RouteContext = {
    req,
    res,
    method,
    path,
    query: new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1)),
    params: match.params,
    origin,
    url: origin + target,
    services,
  };
  try {
    const result = match.route.handle(ctx);
    if (result) result.catch((error: unknown) => fail(res, error));
  } catch (error) {
    fail(res, error);
  }
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof BodyTooLargeError) {
    sendError(res, 413, error.code, error.message, { connection: 'close' });
    return;
  }
  sendError(res, 500, 'INTERNAL', error instanceof Error ? error.message : 'Unexpected error.');
}
