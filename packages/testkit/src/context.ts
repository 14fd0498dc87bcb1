import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the server shares with handlers: timers it can cancel on close, and per-instance secrets. */
export interface ServerServices {
  /** Runs `fn` after `ms` unless the client disconnects or the server closes first. */
  later(res: ServerResponse, ms: number, fn: () => void): void;
  /** Random per server start; signs digest nonces so they need no storage. */
  readonly secret: Buffer;
  now(): number;
}

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** The request path as sent, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Path parameters named in the route pattern; `*` holds the rest of the path. */
  readonly params: Readonly<Record<string, string>>;
  /** `http://host[:port]` as the client addressed the server. */
  readonly origin: string;
  /** The absolute URL the client requested. */
  readonly url: string;
  readonly services: ServerServices;
}

export interface Route {
  /** `/status/:code`, `/anything/*`; matching is per path segment. */
  readonly path: string;
  /** Allowed methods; GET implies HEAD. Undefined allows every method. */
  readonly methods?: readonly string[];
  handle(ctx: RouteContext): void | Promise<void>;
}
