/**
 * Starts the testkit echo server for manual use:
 *   npx tsx packages/testkit/src/cli.ts [--port 8080] [--host 127.0.0.1]
 */
import { parseArgs } from 'node:util';
import { startTestServer } from './server.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, host: { type: 'string', short: 'h' } },
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, got "${values.port}".`);
  process.exit(2);
}

const server = await startTestServer({ port, host: values.host });
console.log(server.url);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
