/**
 * `postern serve`: starts the HTTP listener and prints its URL.
 * For now it serves the health endpoint and a start page; accounts,
 * workspaces and the web app are being built (see docs/architecture.md).
 */
import { createServer } from 'node:http';
import { CliError } from '../errors.ts';
import type { MainIO } from '../main.ts';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Postern</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d2433}code{background:#eef1f5;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Postern is running</h1>
<p>This instance answers <code>GET /api/health</code>. The collection runner is ready on the command line:</p>
<p><code>npx postern run collection.json -e environment.json</code></p>
<p>Accounts, workspaces and the web app are not part of this build yet.</p></body></html>`;

export async function serveCommand(flags: { port?: string; host?: string }, io: MainIO): Promise<number> {
  const port = Number(flags.port ?? process.env.PORT ?? 4400);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError('INVALID_OPTION', `--port expects a port number from 0 to 65535 (got "${flags.port ?? process.env.PORT}")`);
  }
  const host = flags.host ?? process.env.HOST ?? '127.0.0.1';
  const server = createServer((req, res) => {
    if (req.url === '/api/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else {
      res
        .writeHead(404, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new CliError('INVALID_OPTION', `port ${port} is in use; choose another with --port or PORT`) : err),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  io.stdout.write(`Postern is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
