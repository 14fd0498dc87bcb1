import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) {
  if (process.env.CI === 'true') throw new Error('openssl is required for the TLS tests under CI (.ci/run installs it)');
  console.warn('\n*** SKIPPING TLS tests: openssl is not installed (apt-get install openssl) ***\n');
}
import { postern, tempDir } from './helpers.ts';

// Certificates are made fresh for each run with openssl (nothing secret is committed).
const tmp = tempDir();
const file = (n: string) => join(tmp.path, n);
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

let server: Server;
let url: string;

beforeAll(async () => {
  if (!hasOpenssl) return;
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '2',
    '-keyout', file('server.key'), '-out', file('server.crt'));
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Test Client CA', '-days', '2',
    '-keyout', file('ca.key'), '-out', file('ca.crt'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=client', '-keyout', file('client.key'), '-out', file('client.csr'));
  openssl('x509', '-req', '-in', file('client.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-days', '2', '-out', file('client.crt'));

  server = createServer(
    { key: readFileSync(file('server.key')), cert: readFileSync(file('server.crt')), ca: readFileSync(file('ca.crt')), requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      // Only a request with a client certificate signed by our CA gets 200.
      res.statusCode = socket.authorized ? 200 : 401;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ authorized: socket.authorized, client: peer?.subject?.CN ?? null }));
    },
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `https://127.0.0.1:${(server.address() as { port: number }).port}/`;
  writeFileSync(
    file('c.json'),
    JSON.stringify({
      info: { name: 'tls', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'secure', request: url }],
    }),
  );
});

afterAll(() => {
  server?.close();
  tmp.cleanup();
});

describe.skipIf(!hasOpenssl)('TLS options', () => {
  it('refuses a self-signed certificate and says how to accept it', async () => {
    const r = await postern(['run', file('c.json'), '--color', 'off']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/-k\/--insecure/);
  });

  it('accepts it with -k', async () => {
    const out = file('k.json');
    const r = await postern(['run', file('c.json'), '-k', '-r', 'json', '--reporter-json-export', out]);
    expect(r.code).toBe(0);
    // Connected, but no client certificate was presented.
    expect(JSON.parse(readFileSync(out, 'utf8')).run.executions[0].response.code).toBe(401);
  });

  it('trusts a CA given with --ssl-extra-ca-certs', async () => {
    const r = await postern(['run', file('c.json'), '--ssl-extra-ca-certs', file('server.crt'), '--silent']);
    // The certificate is issued for CN=localhost while the URL uses 127.0.0.1: a name mismatch, clearly reported.
    expect(r.code).toBe(1);
  });

  it('presents a client certificate with --ssl-client-cert and --ssl-client-key', async () => {
    const out = file('client.json');
    const r = await postern([
      'run', file('c.json'), '-k', '--ssl-client-cert', file('client.crt'), '--ssl-client-key', file('client.key'),
      '-r', 'json', '--reporter-json-export', out,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).run.executions[0].response.code).toBe(200);
  });
});
