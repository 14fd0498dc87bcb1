import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '@postern/testkit';
import { fixtures, postern, tempDir } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let base: string;
const tmp = tempDir();

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

function writeCollection(name: string, items: unknown[], extra: Record<string, unknown> = {}): string {
  const path = join(tmp.path, `${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: items,
      ...extra,
    }),
  );
  return path;
}

function readJson(path: string): any {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('postern run: basics', () => {
  it('runs every request, prints a summary table and exits 0', async () => {
    const r = await postern(['run', 'basic.postman_collection.json', '--env-var', `baseUrl=${base}`, '--color', 'off']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Get with query');
    expect(r.stdout).toMatch(/requests\s*│\s*4\s*│\s*0/);
  });

  it('resolves environment over collection variables and sends bodies and headers', async () => {
    const out = join(tmp.path, 'basic.json');
    const r = await postern([
      'run', 'basic.postman_collection.json', '-e', 'env.postman_environment.json',
      '--env-var', `baseUrl=${base}`, '-r', 'json', '--reporter-json-export', out,
    ]);
    expect(r.code).toBe(0);
    const report = readJson(out);
    const urls = report.run.executions.map((e: any) => String(e.request.url));
    expect(urls[0]).toContain('who=environment');
    expect(report.run.stats.requests).toMatchObject({ total: 4, failed: 0 });
    const codes = report.run.executions.map((e: any) => e.response.code);
    expect(codes).toEqual([200, 200, 200, 200]);
  });

  it('runs one iteration per CSV row with quoted commas', async () => {
    const out = join(tmp.path, 'csv.json');
    const r = await postern([
      'run', 'basic.postman_collection.json', '--folder', 'Get with query', '-d', 'data.csv',
      '--env-var', `baseUrl=${base}`, '-r', 'json', '--reporter-json-export', out,
    ]);
    expect(r.code).toBe(0);
    const report = readJson(out);
    expect(report.run.stats.iterations.total).toBe(2);
    const urls = report.run.executions.map((e: any) => decodeURIComponent(String(e.request.url)));
    expect(urls[0]).toContain('who=alice&row=1,5');
    expect(urls[1]).toContain('who=bob&row=2');
  });

  it('runs one iteration per JSON data row and honours -n when it matches', async () => {
    const out = join(tmp.path, 'jsondata.json');
    const r = await postern([
      'run', 'basic.postman_collection.json', '--folder', 'Get with query', '-d', 'data.json', '-n', '3',
      '--env-var', `baseUrl=${base}`, '-r', 'json', '--reporter-json-export', out,
    ]);
    expect(r.code).toBe(0);
    expect(readJson(out).run.executions).toHaveLength(3);
  });

  it('runs -n iterations without data', async () => {
    const before = server.requestCount();
    const r = await postern(['run', 'basic.postman_collection.json', '--folder', 'Reads', '-n', '3', '--env-var', `baseUrl=${base}`, '--silent']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(server.requestCount() - before).toBe(6);
  });

  it('selects several folders with a repeated --folder', async () => {
    const before = server.requestCount();
    const r = await postern(['run', 'basic.postman_collection.json', '--folder', 'Gzip', '--folder', 'Post form', '--env-var', `baseUrl=${base}`, '--silent']);
    expect(r.code).toBe(0);
    expect(server.requestCount() - before).toBe(2);
  });

  it('exports environment, globals, collection and cookie jar', async () => {
    const coll = writeCollection('cookies', [
      { name: 'set', request: `${base}/cookies/set?flavour=oat` },
      { name: 'read', request: `${base}/cookies` },
    ]);
    const env = join(tmp.path, 'out-env.json');
    const glob = join(tmp.path, 'out-globals.json');
    const jar = join(tmp.path, 'jar.json');
    const r = await postern([
      'run', coll, '-e', join(fixtures, 'env.postman_environment.json'), '--global-var', 'g=1',
      '--export-environment', env, '--export-globals', glob, '--export-cookie-jar', jar, '--silent',
    ]);
    expect(r.code).toBe(0);
    const exportedEnv = readJson(env);
    expect(exportedEnv.name).toBe('Local');
    expect(exportedEnv.values.map((v: any) => v.key)).toEqual(['who', 'unused']);
    expect(readJson(glob).values).toEqual([{ key: 'g', value: '1' }]);
    expect(JSON.stringify(readJson(jar))).toContain('flavour');
  });
});

describe('postern run: HTTP behaviour', () => {
  it('keeps cookies across requests in a run', async () => {
    const out = join(tmp.path, 'cookie-run.json');
    const coll = writeCollection('jar', [
      { name: 'set', request: { method: 'GET', url: `${base}/cookies/set?k=v`, header: [] }, protocolProfileBehavior: { followRedirects: false } },
      { name: 'read', request: `${base}/cookies` },
    ]);
    const r = await postern(['run', coll, '-r', 'json', '--reporter-json-export', out]);
    expect(r.code).toBe(0);
    const read = readJson(out).run.executions[1];
    expect(read.request.header.find((h: any) => h.key.toLowerCase() === 'cookie')?.value).toContain('k=v');
  });

  it('follows redirects by default and not with --ignore-redirects', async () => {
    const coll = writeCollection('redirects', [{ name: 'r', request: `${base}/redirect/2` }]);
    const a = join(tmp.path, 'redir-a.json');
    const b = join(tmp.path, 'redir-b.json');
    expect((await postern(['run', coll, '-r', 'json', '--reporter-json-export', a])).code).toBe(0);
    expect((await postern(['run', coll, '--ignore-redirects', '-r', 'json', '--reporter-json-export', b])).code).toBe(0);
    expect(readJson(a).run.executions[0].response.code).toBe(200);
    expect(readJson(b).run.executions[0].response.code).toBe(302);
  });

  it('fails a request that exceeds --timeout-request and exits 1', async () => {
    const coll = writeCollection('slow', [{ name: 'slow', request: `${base}/delay/2` }]);
    const started = Date.now();
    const r = await postern(['run', coll, '--timeout-request', '200', '--color', 'off']);
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(1800);
    expect(r.stdout).toMatch(/timed out/);
  });

  it('reports a refused connection as a failure, and -x suppresses the exit code', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const coll = writeCollection('refused', [{ name: 'nowhere', request: `http://127.0.0.1:${port}/` }]);
    const r = await postern(['run', coll, '--color', 'off']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/connection refused/);
    expect((await postern(['run', coll, '-x', '--silent'])).code).toBe(0);
  });

  it('stops at the first failure with --bail', async () => {
    const before = server.requestCount();
    const coll = writeCollection('bail', [
      { name: 'bad', request: `http://127.0.0.1:1/` },
      { name: 'after', request: `${base}/get` },
    ]);
    const r = await postern(['run', coll, '--bail', '--silent']);
    expect(r.code).toBe(1);
    expect(server.requestCount() - before).toBe(0);
  });

  it('waits --delay-request between requests', async () => {
    const coll = writeCollection('delay', [
      { name: 'a', request: `${base}/get` },
      { name: 'b', request: `${base}/get` },
      { name: 'c', request: `${base}/get` },
    ]);
    const started = Date.now();
    const r = await postern(['run', coll, '--delay-request', '150', '--silent']);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('signs basic and digest auth, inherited from the collection', async () => {
    const out = join(tmp.path, 'auth.json');
    const coll = writeCollection(
      'auth',
      [
        { name: 'basic', request: { method: 'GET', url: `${base}/basic-auth` } },
        {
          name: 'digest',
          request: {
            method: 'GET',
            url: `${base}/digest-auth`,
            auth: {
              type: 'digest',
              digest: [
                { key: 'username', value: 'postman' },
                { key: 'password', value: 'password' },
              ],
            },
          },
        },
      ],
      {
        auth: {
          type: 'basic',
          basic: [
            { key: 'username', value: '{{user}}' },
            { key: 'password', value: 'password' },
          ],
        },
      },
    );
    const r = await postern(['run', coll, '--env-var', 'user=postman', '-r', 'json', '--reporter-json-export', out]);
    expect(r.code).toBe(0);
    expect(readJson(out).run.executions.map((e: any) => e.response.code)).toEqual([200, 200]);
  });
});

describe('postern run: scripts', () => {
  it('runs scripts, counts assertions, exports what scripts set and sends what they change', async () => {
    const env = join(tmp.path, 'scripted-env.json');
    const out = join(tmp.path, 'scripted.json');
    const coll = writeCollection(
      'scripted',
      [
        {
          name: 'first',
          event: [
            { listen: 'prerequest', script: { exec: ["pm.request.authorizeUsing('basic', { username: 'postman', password: 'password' });"] } },
            {
              listen: 'test',
              script: {
                exec: [
                  "pm.test('authenticated', () => pm.expect(pm.response.json().authenticated).to.eql(true));",
                  "pm.test('fails on purpose', () => pm.expect(1).to.eql(2));",
                  "pm.environment.set('token', 'from-script');",
                  "console.log('seen', pm.info.requestName);",
                ],
              },
            },
          ],
          request: `${base}/basic-auth`,
        },
        {
          name: 'second',
          event: [{ listen: 'test', script: { exec: ["tests['token echoed'] = pm.response.json().args.t === 'from-script';"] } }],
          request: `${base}/get?t={{token}}`,
        },
      ],
    );
    const r = await postern(['run', coll, '--export-environment', env, '-r', 'cli,json', '--reporter-json-export', out, '--color', 'off']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('seen first');
    const report = readJson(out);
    expect(report.run.stats.assertions).toMatchObject({ total: 3, failed: 1 });
    expect(readJson(env).values).toEqual([{ key: 'token', value: 'from-script' }]);
  });
});

describe('postern run: reporters', () => {
  it('writes JUnit XML and a self-contained HTML report', async () => {
    const junit = join(tmp.path, 'out.xml');
    const html = join(tmp.path, 'out.html');
    const r = await postern([
      'run', 'basic.postman_collection.json', '--env-var', `baseUrl=${base}`,
      '-r', 'junit,html', '--reporter-junit-export', junit, '--reporter-html-export', html,
    ]);
    expect(r.code).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toMatch(/<testsuites[^>]*>/);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/<html/i);
    expect(page).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']https?:/i);
  });
});

describe('postern run: bad input', () => {
  const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

  it('names a missing file', async () => {
    const r = await postern(['run', 'nope.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: collection file not found: nope\.json/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the line of invalid JSON', async () => {
    const r = await postern(['run', 'not-json.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not-json\.json/);
    expect(r.stderr).toMatch(/line 1/);
    noStack(r.stderr);
  });

  it('explains that v1 collections must be re-exported', async () => {
    const r = await postern(['run', 'v1.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/v1/);
    expect(r.stderr).toMatch(/v2\.1/);
    noStack(r.stderr);
  });

  it('refuses a data file whose row count differs from -n', async () => {
    const r = await postern(['run', 'basic.postman_collection.json', '-d', 'data.csv', '-n', '5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2 row\(s\) but -n asks for 5/);
  });

  it('names an unknown folder', async () => {
    const r = await postern(['run', 'basic.postman_collection.json', '--folder', 'Nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Nope/);
    noStack(r.stderr);
  });

  it('reports a malformed URL against its request and goes on', async () => {
    const coll = writeCollection('badurl', [
      { name: 'bad', request: 'http://exa mple.test:99999/' },
      { name: 'good', request: `${base}/get` },
    ]);
    const before = server.requestCount();
    const r = await postern(['run', coll, '--color', 'off']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/invalid URL/i);
    expect(server.requestCount() - before).toBe(1);
  });

  it('rejects a bad flag value with a one-line message', async () => {
    const r = await postern(['run', 'basic.postman_collection.json', '-n', 'many']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/-n\/--iteration-count expects a whole number/);
  });

  it('loads a collection from a URL', async () => {
    const body = readFileSync(join(fixtures, 'basic.postman_collection.json'));
    const host: Server = createServer((_req, res) => res.end(body));
    await new Promise<void>((ok) => host.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(host.address() as { port: number }).port}/c.json`;
    try {
      const r = await postern(['run', url, '--folder', 'Gzip', '--env-var', `baseUrl=${base}`, '--silent']);
      expect(r.code).toBe(0);
    } finally {
      host.close();
    }
  });
});
