import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect as netConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCollection, type Item } from '@postern/collection';
import { startTestServer } from '@postern/testkit';
import { runCollection, type Reporter, type RunEvents } from '../src/index.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Runs items and returns every `request` event. */
async function run(items: Item[], options: Partial<Parameters<typeof runCollection>[0]> = {}) {
  const requests: RunEvents['request'][] = [];
  const collector: Reporter = {
    name: 'test',
    on: (name, payload) => {
      if (name === 'request') requests.push(payload as RunEvents['request']);
    },
  };
  const collection = parseCollection({
    info: { name: 't', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: items,
  });
  const result = await runCollection({ collection, reporters: [collector], ...options });
  return { requests, result };
}

const json = (e: RunEvents['request']) => JSON.parse(e.response!.body.toString('utf8'));

describe('runtime HTTP', () => {
  it('decodes gzip, deflate and brotli bodies', async () => {
    const { requests } = await run(['gzip', 'deflate', 'brotli'].map((p) => ({ name: p, request: `${server.url}/${p}` })));
    expect(requests.map((r) => r.response?.code)).toEqual([200, 200, 200]);
    expect(json(requests[0]!).gzipped).toBe(true);
    expect(json(requests[1]!).deflated).toBe(true);
    expect(json(requests[2]!).brotli).toBe(true);
    // The size counts the bytes on the wire, the body is decoded.
    expect(requests[0]!.response!.size.body).toBeLessThan(requests[0]!.response!.body.length);
  });

  it('reuses one connection and times the phases of the first request', async () => {
    const { requests } = await run([1, 2, 3, 4, 5, 6].map((i) => ({ name: `r${i}`, request: `${server.url}/get?i=${i}` })));
    const timings = requests.map((r) => r.response!.timings);
    expect(timings[0]!.tcp).toBeGreaterThanOrEqual(0);
    expect(timings[0]!.firstByte).toBeGreaterThan(0);
    expect(timings[0]!.total).toBeGreaterThanOrEqual(timings[0]!.firstByte);
    // Keep-alive: undici's pool may open a second socket while the first settles; no more after that.
    const opened = timings.filter((t) => t.tcp !== undefined).length;
    expect(opened).toBeLessThanOrEqual(2);
    expect(timings.slice(2).every((t) => t.tcp === undefined)).toBe(true);
  });

  it('applies protocolProfileBehavior redirect rules', async () => {
    const { requests } = await run([
      { name: 'max', request: `${server.url}/redirect/3`, protocolProfileBehavior: { maxRedirects: 1 } },
      {
        name: 'post-to-get',
        request: { method: 'POST', url: `${server.url}/redirect-to?url=/anything&status_code=302`, body: { mode: 'raw', raw: 'x' } },
      },
      {
        name: 'keep-method',
        request: { method: 'POST', url: `${server.url}/redirect-to?url=/anything&status_code=302`, body: { mode: 'raw', raw: 'x' } },
        protocolProfileBehavior: { followOriginalHttpMethod: true },
      },
      { name: '307', request: { method: 'PUT', url: `${server.url}/redirect-to?url=/anything&status_code=307`, body: { mode: 'raw', raw: 'y' } } },
    ]);
    expect(requests[0]!.response!.code).toBe(302);
    expect(json(requests[1]!).method).toBe('GET');
    expect(json(requests[2]!).method).toBe('POST');
    expect(json(requests[3]!)).toMatchObject({ method: 'PUT', data: 'y' });
  });

  it('drops Authorization on a cross-origin redirect unless followAuthorizationHeader', async () => {
    const other = await startTestServer();
    try {
      const target = encodeURIComponent(`${other.url}/headers`);
      const item = (name: string, follow: boolean): Item => ({
        name,
        request: { method: 'GET', url: `${server.url}/redirect-to?url=${target}`, header: [{ key: 'Authorization', value: 'Bearer t' }] },
        protocolProfileBehavior: { followAuthorizationHeader: follow },
      });
      const { requests } = await run([item('strip', false), item('keep', true)]);
      expect(json(requests[0]!).headers.authorization).toBeUndefined();
      expect(json(requests[1]!).headers.authorization).toBe('Bearer t');
    } finally {
      await other.close();
    }
  });

  it('sends through HTTP_PROXY and bypasses it for NO_PROXY hosts', async () => {
    const proxied: string[] = [];
    // A minimal forward proxy: absolute-form requests and CONNECT tunnels.
    const proxy: Server = createServer((req, res) => {
      proxied.push(req.url ?? '');
      const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    proxy.on('connect', (req, client, head) => {
      proxied.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = netConnect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const viaProxy = await run([{ name: 'p', request: `${server.url}/get?via=proxy` }], { env: { HTTP_PROXY: proxyUrl } });
      expect(viaProxy.requests[0]!.response!.code).toBe(200);
      // undici tunnels through the proxy (CONNECT host:port) or forwards the absolute URL.
      expect(proxied).toHaveLength(1);
      expect(`${server.url}/get?via=proxy`).toContain(proxied[0]!.replace(/^http:\/\//, ''));
      const bypass = await run([{ name: 'd', request: `${server.url}/get?via=direct` }], { env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
      expect(bypass.requests[0]!.response!.code).toBe(200);
      expect(proxied).toHaveLength(1);
    } finally {
      proxy.close();
    }
  });

  it('sends multipart form data with text and file parts', async () => {
    const { requests } = await run(
      [
        {
          name: 'upload',
          request: {
            method: 'POST',
            url: `${server.url}/post`,
            body: {
              mode: 'formdata',
              formdata: [
                { key: 'field', value: 'v', type: 'text' },
                { key: 'off', value: 'x', type: 'text', disabled: true },
                { key: 'file', src: 'package.json', type: 'file' },
              ],
            },
          },
        },
      ],
      { workingDir: new URL('..', import.meta.url).pathname },
    );
    const body = json(requests[0]!);
    expect(body.form).toEqual({ field: 'v' });
    expect(Object.keys(body.files)).toEqual(['package.json']);
  });

  it('sends a GraphQL body as JSON and prunes a GET body like Postman', async () => {
    const { requests } = await run([
      {
        name: 'gql',
        request: { method: 'POST', url: `${server.url}/post`, body: { mode: 'graphql', graphql: { query: '{ a }', variables: '{"x":1}' } } },
      },
      { name: 'get-body', request: { method: 'GET', url: `${server.url}/anything`, body: { mode: 'raw', raw: 'dropped' } } },
    ]);
    expect(json(requests[0]!).json).toEqual({ query: '{ a }', variables: { x: 1 } });
    expect(requests[1]!.request.bodySize).toBe(0);
  });
});

describe('RunOptions.dispatcher', () => {
  it('sends through the given dispatcher and leaves it open for its owner', async () => {
    const { createDispatcher } = await import('../src/index.ts');
    const base = createDispatcher();
    let dispatched = 0;
    let closed = false;
    const handle = {
      ...base,
      dispatcher: new Proxy(base.dispatcher, {
        get(target, key, receiver) {
          if (key === 'dispatch') {
            return (...args: Parameters<typeof target.dispatch>) => {
              dispatched++;
              return target.dispatch(...args);
            };
          }
          const value = Reflect.get(target, key, receiver) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      }),
      close: async () => {
        closed = true;
      },
    };
    const { requests } = await run([{ name: 'one', request: `${server.url}/get` }], { dispatcher: handle });
    expect(requests[0]!.response?.code).toBe(200);
    expect(dispatched).toBeGreaterThan(0);
    expect(closed).toBe(false);
    await base.close();
  });
});

describe('RunOptions.signal', () => {
  it('sends nothing when the signal was aborted before the run began', async () => {
    const controller = new AbortController();
    controller.abort();
    const { requests, result } = await run([{ name: 'one', request: `${server.url}/get` }], { signal: controller.signal });
    expect(requests).toHaveLength(0);
    expect(result.summary.aborted).toBe(true);
  });
});
