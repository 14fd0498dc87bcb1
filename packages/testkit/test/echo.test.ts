import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function json(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(server.url + path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('startTestServer', () => {
  it('binds 127.0.0.1 on an OS-chosen port by default', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('counts every request, including unknown paths', async () => {
    const before = server.requestCount();
    await fetch(`${server.url}/get`);
    await fetch(`${server.url}/no-such-thing`);
    expect(server.requestCount()).toBe(before + 2);
  });

  it('close() stops listening and cancels pending delays', async () => {
    const other = await startTestServer();
    const pending = fetch(`${other.url}/delay/10`).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
    await expect(fetch(`${other.url}/get`)).rejects.toThrow();
  });
});

describe('GET /get', () => {
  it('echoes args, headers and url; repeated keys become arrays', async () => {
    const { status, body } = await json('/get?foo=bar&n=1&n=2', { headers: { 'X-Custom': 'yes' } });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['args', 'headers', 'url']);
    expect(body.args).toEqual({ foo: 'bar', n: ['1', '2'] });
    expect(body.headers).toMatchObject({ 'x-custom': 'yes', host: `127.0.0.1:${server.port}` });
    expect(body.url).toBe(`${server.url}/get?foo=bar&n=1&n=2`);
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await fetch(`${server.url}/get`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: expect.any(String) } });
  });
});

describe('body echo: /post /put /patch /delete', () => {
  it('parses a JSON body into data and json', async () => {
    const { body } = await json('/post?q=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: [1, 2], b: { c: true } }),
    });
    expect(Object.keys(body)).toEqual(['args', 'data', 'files', 'form', 'headers', 'json', 'url']);
    expect(body.args).toEqual({ q: '1' });
    expect(body.data).toEqual({ a: [1, 2], b: { c: true } });
    expect(body.json).toEqual({ a: [1, 2], b: { c: true } });
    expect(body.form).toEqual({});
    expect(body.files).toEqual({});
  });

  it('puts urlencoded fields in form (and json, as the echo service does)', async () => {
    const { body } = await json('/put', { method: 'PUT', body: new URLSearchParams('a=1&b=two+words&a=3') });
    expect(body.form).toEqual({ a: ['1', '3'], b: 'two words' });
    expect(body.json).toEqual(body.form);
    expect(body.data).toBe('');
  });

  it('echoes a text body as data with json null', async () => {
    const { body } = await json('/patch', { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(body.data).toBe('hello');
    expect(body.json).toBeNull();
  });

  it('treats malformed JSON as text rather than failing', async () => {
    const { status, body } = await json('/post', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(status).toBe(200);
    expect(body.data).toBe('{not json');
    expect(body.json).toBeNull();
  });

  it('answers an empty body with data {} and json null', async () => {
    const { body } = await json('/delete', { method: 'DELETE' });
    expect(body.data).toEqual({});
    expect(body.json).toBeNull();
  });

  it('splits multipart into form fields and files (file name → data URL)', async () => {
    const form = new FormData();
    form.append('field', 'value');
    form.append('field', 'second');
    form.append('upload', new Blob(['file contents ✓'], { type: 'text/plain' }), 'notes.txt');
    const { body } = await json('/post', { method: 'POST', body: form });
    expect(body.form).toEqual({ field: ['value', 'second'] });
    const files = body.files as Record<string, string>;
    expect(Object.keys(files)).toEqual(['notes.txt']);
    const [prefix, encoded] = (files['notes.txt'] as string).split(',');
    expect(prefix).toBe('data:text/plain;base64');
    expect(Buffer.from(encoded as string, 'base64').toString('utf8')).toBe('file contents ✓');
    expect(body.json).toBeNull();
  });
});

describe('/anything and /echo', () => {
  it('/anything echoes any method with the body fields and method', async () => {
    const { body } = await json('/anything/deep/path?x=1', {
      method: 'OPTIONS',
    });
    expect(body.method).toBe('OPTIONS');
    expect(body.args).toEqual({ x: '1' });
    expect(body.url).toBe(`${server.url}/anything/deep/path?x=1`);
  });

  it('/echo returns method, path, headers and the raw body', async () => {
    const { body } = await json('/echo/a/b?k=v', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-trace': 't1' },
      body: '{"raw": true}',
    });
    expect(body).toMatchObject({ method: 'PUT', path: '/echo/a/b', args: { k: 'v' }, body: '{"raw": true}' });
    expect(body.headers).toMatchObject({ 'x-trace': 't1' });
  });
});

describe('header and info endpoints', () => {
  it('/headers returns the request headers', async () => {
    const { body } = await json('/headers', { headers: { 'X-One': '1' } });
    expect(body).toEqual({ headers: expect.objectContaining({ 'x-one': '1' }) });
  });

  it('/response-headers sets query pairs as headers and echoes them', async () => {
    const res = await fetch(`${server.url}/response-headers?x-foo=bar&x-multi=1&x-multi=2`);
    expect(res.headers.get('x-foo')).toBe('bar');
    expect(res.headers.get('x-multi')).toBe('1, 2');
    expect(await res.json()).toEqual({ 'x-foo': 'bar', 'x-multi': ['1', '2'] });
  });

  it('/response-headers rejects an invalid header name', async () => {
    const res = await fetch(`${server.url}/response-headers?${encodeURIComponent('bad name')}=1`);
    expect(res.status).toBe(400);
  });

  it('/ip returns the client address', async () => {
    expect((await json('/ip')).body).toEqual({ ip: '127.0.0.1' });
  });

  it('/time/now returns an HTTP date close to now', async () => {
    const text = await (await fetch(`${server.url}/time/now`)).text();
    expect(Math.abs(Date.parse(text) - Date.now())).toBeLessThan(5000);
  });

  it('answers unknown paths with a 404 JSON error', async () => {
    const { status, body } = await json('/does/not/exist');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: 'No endpoint for GET /does/not/exist.' } });
  });
});
