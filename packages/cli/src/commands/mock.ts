/**
 * `postern mock <file>`: serves a Postman collection's saved examples (or an
 * OpenAPI document, detected by its `openapi` / `swagger` key) over HTTP
 * until SIGINT or SIGTERM.
 */
import { basename, resolve as resolvePath } from 'node:path';
import { decodeText, parseCollection } from '@postern/collection';
import type { MockLogEntry, MockResolver } from '@postern/mock';
import type { MainIO } from '../main.ts';
import { CliError } from '../errors.ts';
import { isUrl, loadBytes } from '../load.ts';

export interface MockFlags {
  port?: string;
  host?: string;
  quiet?: boolean;
  /** commander's --no-delay sets this to false. */
  delay?: boolean;
  dynamic?: boolean;
}

export const DEFAULT_MOCK_PORT = 4010;

export async function mockCommand(file: string, flags: MockFlags, io: MainIO): Promise<number> {
  const port = parsePort(flags.port);
  const host = flags.host ?? '127.0.0.1';
  const mockModule = await import('@postern/mock');
  const bytes = await loadBytes(file, 'mock source', io.cwd);
  const text = decodeText(bytes, file);

  let resolve: MockResolver;
  let summary: string;
  if (looksLikeOpenApi(text)) {
    // A file is read by path so its relative $refs resolve; a downloaded document must be JSON.
    let source: string | object = resolvePath(io.cwd, file);
    if (isUrl(file)) {
      try {
        source = JSON.parse(text) as object;
      } catch {
        throw new CliError('INVALID_INPUT', `${file} is a YAML OpenAPI document; download it and pass the file path instead of the URL.`);
      }
    }
    const { resolve: openApi, operationCount } = await mockModule.createOpenApiMock(source, { ...(flags.dynamic ? { dynamic: true } : {}) });
    resolve = openApi;
    summary = `${operationCount} operation${operationCount === 1 ? '' : 's'}`;
  } else {
    // parseCollection names the file and the JSON path of anything wrong in it.
    const collection = parseCollection(text, { source: file });
    const mock = mockModule.createCollectionMock(collection, { delay: flags.delay !== false });
    if (mock.exampleCount === 0) {
      io.stderr.write(`Warning: ${file} has no saved examples, so every request will get 404; save example responses on its requests in Postman or Postern.\n`);
    }
    resolve = mockModule.collectionResolver(mock);
    summary = `${mock.exampleCount} example${mock.exampleCount === 1 ? '' : 's'}, ${mock.routeCount} route${mock.routeCount === 1 ? '' : 's'}`;
  }

  const onRequest = flags.quiet
    ? undefined
    : (e: MockLogEntry) => io.stdout.write(`${e.method} ${e.url} → ${e.status}${e.label ? ` ${e.label}` : ''}, ${e.ms} ms\n`);
  let running;
  try {
    running = await mockModule.listenMock(resolve, { port, host, ...(onRequest ? { onRequest } : {}) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError('INVALID_OPTION', `port ${port} on ${host} is in use; pass another with --port (0 picks a free one).`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliError('INVALID_OPTION', `cannot listen on --host ${host}: not an address of this machine.`);
    throw err;
  }
  io.stdout.write(`Mock server for ${basename(file)} is running at ${running.url} (${summary}); press Ctrl+C to stop.\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MOCK_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) throw new CliError('INVALID_OPTION', `--port must be a number from 0 to 65535 (0 picks a free port), not "${value}".`);
  return port;
}

/** JSON with a top-level `openapi`/`swagger` key, or YAML starting such a key at column 0. */
export function looksLikeOpenApi(text: string): boolean {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const doc = JSON.parse(trimmed) as unknown;
      return typeof doc === 'object' && doc !== null && ('openapi' in doc || 'swagger' in doc);
    } catch {
      return false;
    }
  }
  return /^["']?(openapi|swagger)["']?\s*:/m.test(text);
}
