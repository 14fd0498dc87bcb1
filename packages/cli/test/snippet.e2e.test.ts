/** `postern snippet`: the real binary prints a snippet that works; wrong input gets a clear error. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@postern/testkit';
import { postern, tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '../bin/postern.js');

const collection = {
  info: { name: 'Shop', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  variable: [{ key: 'baseUrl', value: 'http://127.0.0.1:9' }],
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
  item: [
    {
      name: 'Users',
      item: [
        {
          id: 'create-user',
          name: 'Create user',
          request: {
            method: 'POST',
            url: '{{baseUrl}}/anything/users?source=cli',
            header: [{ key: 'X-Quote', value: `it's $HOME` }],
            body: { mode: 'raw', raw: '{"name":"{{name}}"}', options: { raw: { language: 'json' } } },
          },
        },
      ],
    },
    { name: 'Health', request: '{{baseUrl}}/anything/health' },
  ],
};

let server: TestServer;
const dir = tempDir();

/** Asynchronous, because the echo server answers from this process. */
function run(args: string[], command = process.execPath): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // From source: the bundle in dist/ may predate this command until the next build.
    const child = spawn(command, args, {
      cwd: dir.path,
      env: { ...process.env, POSTERN_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = await startTestServer();
  writeFileSync(join(dir.path, 'shop.json'), JSON.stringify(collection));
  writeFileSync(join(dir.path, 'env.json'), JSON.stringify({ name: 'local', values: [{ key: 'baseUrl', value: server.url }, { key: 'token', value: 't0k' }] }));
  writeFileSync(join(dir.path, 'globals.json'), JSON.stringify({ name: 'g', values: [{ key: 'name', value: 'Ada' }] }));
});

afterAll(async () => {
  await server?.close();
  dir.cleanup();
});

describe('postern snippet', () => {
  it('prints a curl snippet that sends the request with variables and inherited auth applied', { timeout: 90_000 }, async () => {
    const out = await run([bin, 'snippet', 'shop.json', 'Users/Create user', '--lang', 'curl', '-e', 'env.json', '--globals', 'globals.json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`--url '${server.url}/anything/users?source=cli'`);

    writeFileSync(join(dir.path, 'snippet.sh'), out.stdout);
    const sent = await run(['snippet.sh'], 'sh');
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('HTTP status: 200');
    const echo = JSON.parse(sent.stdout.slice(sent.stdout.indexOf('{'), sent.stdout.lastIndexOf('}') + 1)) as {
      method: string;
      args: Record<string, string>;
      headers: Record<string, string>;
      json: unknown;
    };
    expect(echo.method).toBe('POST');
    expect(echo.args).toEqual({ source: 'cli' });
    expect(echo.headers['authorization']).toBe('Bearer t0k');
    expect(echo.headers['x-quote']).toBe(`it's $HOME`);
    expect(echo.headers['content-type']).toBe('application/json');
    expect(echo.json).toEqual({ name: 'Ada' });
  });

  it('finds a request by id or by its name alone and reports what the snippet leaves out', async () => {
    const byId = await postern(['snippet', join(dir.path, 'shop.json'), 'create-user', '--lang', 'python']);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toContain('requests.request("POST", url');
    expect(byId.stderr).toContain('note: {{name}}, {{token}} are not defined');

    const byName = await postern(['snippet', join(dir.path, 'shop.json'), 'Health', '-l', 'JAVA']);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain('public class Main');
  });

  it('lists the languages when --lang is wrong or missing', async () => {
    const wrong = await postern(['snippet', join(dir.path, 'shop.json'), 'Health', '--lang', 'rust']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/unknown language "rust"; choose one of: curl \(cURL\), httpie/);
    expect(wrong.stderr).toContain('ruby (Ruby (Net::HTTP))');
    const missing = await postern(['snippet', join(dir.path, 'shop.json'), 'Health']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing --lang; choose one of');
  });

  it('suggests the nearest request names when the path matches none', async () => {
    const out = await postern(['snippet', join(dir.path, 'shop.json'), 'Users/Create usr', '--lang', 'curl']);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('error: no request "Users/Create usr" in collection "Shop" (give folder/…/request name or the item id); did you mean "Users/Create user"?\n');
  });

  it('names a collection file that does not exist', async () => {
    const out = await postern(['snippet', join(dir.path, 'nope.json'), 'Health', '--lang', 'curl']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('collection file not found');
  });
});
