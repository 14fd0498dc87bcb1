import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '@postern/server';
import type { RunningServer } from '@postern/server';
import { startTestServer } from '@postern/testkit';
import { postern, tempDir } from './helpers.ts';

// Issue #4 item 7: `postern run --server <url> --api-key <key> <collection-id> [-e <environment-id>]`.
let echo: Awaited<ReturnType<typeof startTestServer>>;
let server: RunningServer;
let dataDir: string;
let readKey: string;
let collectionId: string;
let environmentId: string;
const tmp = tempDir();

async function api(path: string, init: { method?: string; body?: unknown; cookie: string; csrf: string }): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: init.cookie, 'X-CSRF-Token': init.csrf },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  echo = await startTestServer();
  dataDir = mkdtempSync(join(tmpdir(), 'postern-run-server-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir }, { passwordHashing: { memoryCost: 1024, timeCost: 1 } });

  const signUp = await fetch(`${server.url}/api/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'runner', email: 'runner@example.test', password: 'correct horse battery', birthDate: '1990-01-01', country: 'NL' }),
  });
  expect(signUp.status).toBe(201);
  const pairs = signUp.headers.getSetCookie().map((line) => line.split(';')[0]!);
  const auth = { cookie: pairs.join('; '), csrf: pairs.find((p) => p.startsWith('postern_csrf='))!.split('=')[1]! };

  const workspaces = await (await fetch(`${server.url}/api/workspaces`, { headers: { Cookie: auth.cookie } })).json();
  const workspaceId = (workspaces as any).items[0].id;
  const collection = await api(`/api/workspaces/${workspaceId}/collections`, {
    ...auth,
    body: {
      info: { name: 'Stored run', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'get with token',
          request: { method: 'GET', url: '{{base}}/get?stored=yes', header: [{ key: 'X-Token', value: '{{token}}' }] },
          event: [
            {
              listen: 'test',
              script: {
                type: 'text/javascript',
                exec: [
                  "pm.test('secret environment value arrives', () => pm.expect(pm.response.json().headers['x-token']).to.equal('s3cret'));",
                ],
              },
            },
          ],
        },
      ],
    },
  });
  collectionId = collection.id;
  const environment = await api(`/api/workspaces/${workspaceId}/environments`, {
    ...auth,
    body: {
      name: 'local',
      values: [
        { key: 'base', value: echo.url, enabled: true },
        { key: 'token', value: 's3cret', type: 'secret', enabled: true },
      ],
    },
  });
  environmentId = environment.id;
  readKey = (await api('/api/me/api-keys', { ...auth, body: { name: 'cli', scopes: ['read'] } })).key;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await echo?.close();
  rmSync(dataDir, { recursive: true, force: true });
  tmp.cleanup();
});

describe('postern run --server', () => {
  it('runs a stored collection with a stored environment, read with a read-only API key', async () => {
    const before = echo.requestCount();
    const report = join(tmp.path, 'report.json');
    const r = await postern([
      'run', collectionId, '-e', environmentId, '--server', server.url, '--api-key', readKey,
      '--color', 'off', '-r', 'cli,json', '--reporter-json-export', report,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(echo.requestCount() - before).toBe(1);
    const run = JSON.parse(readFileSync(report, 'utf8')).run;
    expect(run.stats.assertions).toMatchObject({ total: 1, failed: 0 });
    expect(r.stdout).toContain('Stored run');
  });

  it('takes the key from POSTERN_API_KEY', async () => {
    process.env.POSTERN_API_KEY = readKey;
    try {
      const r = await postern(['run', collectionId, '-e', environmentId, '--server', server.url, '--silent']);
      expect(r.code).toBe(0);
    } finally {
      delete process.env.POSTERN_API_KEY;
    }
  });

  it('explains a rejected key, an unknown id and a missing key in one line', async () => {
    const badKey = await postern(['run', collectionId, '--server', server.url, '--api-key', 'pst_not-a-real-key']);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/did not accept the API key/);

    const unknown = await postern(['run', '00000000-0000-4000-8000-000000000000', '--server', server.url, '--api-key', readKey]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no collection with id 00000000-0000-4000-8000-000000000000/);

    const noKey = await postern(['run', collectionId, '--server', server.url]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/needs an API key/);

    const keyWithoutServer = await postern(['run', 'basic.postman_collection.json', '--api-key', readKey]);
    expect(keyWithoutServer.code).toBe(1);
    expect(keyWithoutServer.stderr).toMatch(/only used with --server/);
  });
});
