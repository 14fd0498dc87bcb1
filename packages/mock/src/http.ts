/**
 * The node:http adapter: reads a request, asks a mock for the answer, waits
 * the answer's delay and writes it. Shared by collection and OpenAPI mocks.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockRequest, MockResponse } from './collection/match.ts';

/** What a mock answers; `label` names what was served (an example name) for the log. */
export interface MockAnswer {
  response: MockResponse;
  label?: string;
}

export type MockResolver = (request: MockRequest) => MockAnswer | Promise<MockAnswer>;

export interface MockLogEntry {
  method: string;
  url: string;
  status: number;
  label?: string;
  ms: number;
}

export interface MockHandlerOptions {
  onRequest?: (entry: MockLogEntry) => void;
  /** Largest request body read, in bytes (default 10 MB); larger ones get 413. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export function createMockHandler(resolve: MockResolver, options: MockHandlerOptions = {}) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const finish = (response: MockResponse, label?: string) => {
      const send = () => {
        if (res.destroyed) return;
        res.statusCode = response.status;
        for (const [key, value] of response.headers) res.appendHeader(key, value);
        res.end(method === 'HEAD' ? undefined : response.body);
        options.onRequest?.({ method, url, status: response.status, ...(label !== undefined ? { label } : {}), ms: Math.round(performance.now() - started) });
      };
      if (response.delayMs > 0) setTimeout(send, response.delayMs);
      else send();
    };
    const fail = (status: number, message: string) =>
      finish({ status, headers: [['content-type', 'application/json; charset=utf-8']], body: JSON.stringify({ error: { name: 'mockError', message } }), delayMs: 0 });

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) return fail(413, `The request body is larger than ${maxBody} bytes; send a smaller body.`);
      const request: MockRequest = {
        method,
        url,
        headers: req.headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks).toString('utf8') } : {}),
      };
      try {
        const answer = resolve(request);
        if (answer instanceof Promise) {
          answer.then(
            (a) => finish(a.response, a.label),
            (err: unknown) => fail(500, `The mock failed: ${err instanceof Error ? err.message : String(err)}`),
          );
        } else finish(answer.response, answer.label);
      } catch (err) {
        fail(500, `The mock failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };
}

export interface RunningMock {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and resolves once it is bound. */
export async function listenMock(resolve: MockResolver, options: MockHandlerOptions & { port?: number; host?: string } = {}): Promise<RunningMock> {
  const server = createServer(createMockHandler(resolve, options));
  // Mock clients often keep connections open; keep-alive avoids a handshake per request.
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
