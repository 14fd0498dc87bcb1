/**
 * `postern serve`: the platform's HTTP server on the embedded database
 * (PGlite in POSTERN_DATA_DIR) or on PostgreSQL (DATABASE_URL); `--role worker` runs jobs only,
 * `--role web` serves HTTP only (POSTERN_ROLE).
 * Flags override the environment; see docs/server.md.
 */
import type { MainIO } from '../main.ts';

export async function serveCommand(flags: { port?: string; host?: string; role?: string }, io: MainIO): Promise<number> {
  const { loadConfig, startServer } = await import('@postern/server');
  const env = {
    ...process.env,
    ...(flags.port !== undefined ? { PORT: flags.port } : {}),
    ...(flags.host !== undefined ? { HOST: flags.host } : {}),
    ...(flags.role !== undefined ? { POSTERN_ROLE: flags.role } : {}),
  };
  const config = loadConfig(env, io.cwd);
  const server = await startServer(config);
  const where = server.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  if (server.role === 'worker') io.stdout.write(`Postern worker is running jobs (${where})\n`);
  else io.stdout.write(`Postern is running at ${server.url} (${where}${server.role === 'web' ? '; jobs run in worker processes' : ''})\n`);
  for (const warning of server.warnings) io.stderr.write(`Warning: ${warning}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
