import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBytes, startTestServer, type TestServer } from '../src/index.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A raw request, so compression and chunking are seen as sent (fetch decodes them away). */
function raw(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; chunks: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), chunks: parts.length }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/status/:code', () => {
  it.each([200, 201, 400, 404, 418, 500, 503])('answers %i with { status }', async (code) => {
    const res = await fetch(`${server.url}/status/${code}`);
    expect(res.status).toBe(code);
    expect(await res.json()).toEqual({ status: code });
  });

  it('sends no body for 204', async () => {
    const res = await fetch(`${server.url}/status/204`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('rejects a non-status', async () => {
    expect((await fetch(`${server.url}/status/abc`)).status).toBe(400);
    expect((await fetch(`${server.url}/status/99`)).status).toBe(400);
  });
});

describe('/delay/:seconds', () => {
  it('waits a fractional number of seconds', async () => {
    const started = performance.now();
    const res = await fetch(`${server.url}/delay/0.2`);
    const elapsed = performance.now() - started;
    expect(await res.json()).toEqual({ delay: '0.2' });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
  });

  it('rejects a negative or non-numeric delay', async () => {
    expect((await fetch(`${server.url}/delay/-1`)).status).toBe(400);
    expect((await fetch(`${server.url}/delay/soon`)).status).toBe(400);
  });
});

describe('redirects', () => {
  async function follow(path: string): Promise<{ hops: string[]; final: Response }> {
    const hops: string[] = [];
    let url = server.url + path;
    for (;;) {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 300 || res.status >= 400) return { hops, final: res };
      const location = res.headers.get('location') as string;
      hops.push(location);
      url = new URL(location, url).toString();
      if (hops.length > 20) throw new Error('redirect loop');
    }
  }

  it('/redirect/3 makes exactly three relative hops ending at /get', async () => {
    const { hops, final } = await follow('/redirect/3');
    expect(hops).toEqual(['/redirect/2', '/redirect/1', '/get']);
    expect(final.status).toBe(200);
    expect(((await final.json()) as { url: string }).url).toBe(`${server.url}/get`);
  });

  it('/absolute-redirect/2 uses absolute locations', async () => {
    const { hops } = await follow('/absolute-redirect/2');
    expect(hops).toEqual([`${server.url}/absolute-redirect/1`, `${server.url}/get`]);
  });

  it('/relative-redirect/1 goes straight to /get', async () => {
    expect((await follow('/relative-redirect/1')).hops).toEqual(['/get']);
  });

  it('fetch follows a chain transparently', async () => {
    const res = await fetch(`${server.url}/redirect/4`);
    expect(res.redirected).toBe(true);
    expect(res.url).toBe(`${server.url}/get`);
  });

  it('/redirect-to uses the given url and status code', async () => {
    const res = await fetch(`${server.url}/redirect-to?url=${encodeURIComponent('/status/201')}&status_code=307`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/status/201');
    expect((await fetch(`${server.url}/redirect-to`)).status).toBe(400);
    expect((await fetch(`${server.url}/redirect-to?url=/get&status_code=200`, { redirect: 'manual' })).status).toBe(400);
  });

  it('rejects a redirect count of zero', async () => {
    expect((await fetch(`${server.url}/redirect/0`, { redirect: 'manual' })).status).toBe(400);
  });
});

describe('cookies', () => {
  it('round-trips set → read → delete', async () => {
    const set = await fetch(`${server.url}/cookies/set?foo=bar&greeting=hello%20world`, { redirect: 'manual' });
    expect(set.status).toBe(302);
    expect(set.headers.get('location')).toBe('/cookies');
    const setCookies = set.headers.getSetCookie();
    expect(setCookies).toEqual(['foo=bar; Path=/', 'greeting=hello%20world; Path=/']);
    const jar = setCookies.map((c) => c.split(';')[0]).join('; ');

    const read = await fetch(`${server.url}/cookies`, { headers: { cookie: jar } });
    expect(await read.json()).toEqual({ cookies: { foo: 'bar', greeting: 'hello world' } });

    const del = await fetch(`${server.url}/cookies/delete?foo`, { redirect: 'manual', headers: { cookie: jar } });
    expect(del.status).toBe(302);
    const [expired] = del.headers.getSetCookie();
    expect(expired).toMatch(/^foo=; Path=\/; Max-Age=0; Expires=Thu, 01 Jan 1970/);
  });

  it('/cookies/set/:name/:value sets one cookie', async () => {
    const res = await fetch(`${server.url}/cookies/set/session/abc123`, { redirect: 'manual' });
    expect(res.headers.getSetCookie()).toEqual(['session=abc123; Path=/']);
  });

  it('reports no cookies when none are sent', async () => {
    expect(await (await fetch(`${server.url}/cookies`)).json()).toEqual({ cookies: {} });
  });
});

describe('compression', () => {
  it.each([
    ['/gzip', 'gzip', 'gzipped', gunzipSync],
    ['/deflate', 'deflate', 'deflated', inflateSync],
    ['/brotli', 'br', 'brotli', brotliDecompressSync],
  ] as const)('%s is encoded with %s', async (path, encoding, flag, decode) => {
    const res = await raw(path);
    expect(res.headers['content-encoding']).toBe(encoding);
    const body = JSON.parse(decode(res.body).toString('utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({ [flag]: true, method: 'GET' });
    expect(body.headers).toMatchObject({ host: `127.0.0.1:${server.port}` });
    // fetch decodes it on its own, too.
    expect(await (await fetch(server.url + path)).json()).toMatchObject({ [flag]: true });
  });
});

describe('/bytes/:n', () => {
  it('returns n bytes', async () => {
    const res = await fetch(`${server.url}/bytes/1024`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect((await res.arrayBuffer()).byteLength).toBe(1024);
  });

  it('is repeatable with a seed and differs between seeds', async () => {
    const a = Buffer.from(await (await fetch(`${server.url}/bytes/64?seed=7`)).arrayBuffer());
    const b = Buffer.from(await (await fetch(`${server.url}/bytes/64?seed=7`)).arrayBuffer());
    const c = Buffer.from(await (await fetch(`${server.url}/bytes/64?seed=8`)).arrayBuffer());
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a.equals(seededBytes(64, 7))).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(20);
  });

  it('rejects a non-number', async () => {
    expect((await fetch(`${server.url}/bytes/lots`)).status).toBe(400);
  });
});

describe('/stream/:n', () => {
  it('sends n JSON lines with chunked encoding', async () => {
    const res = await raw('/stream/5?x=1');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const lines = res.body.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    lines.forEach((line, id) => {
      expect(JSON.parse(line)).toMatchObject({ id, args: { x: '1' }, url: `${server.url}/stream/5?x=1` });
    });
  });

  it('rejects zero lines', async () => {
    expect((await fetch(`${server.url}/stream/0`)).status).toBe(400);
  });
});
