/** The node:http adapter serving a collection mock on 127.0.0.1 (free port). */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCollection } from '@postern/collection';
import { collectionResolver, createCollectionMock, listenMock } from '../src/index.ts';
import type { MockLogEntry, RunningMock } from '../src/index.ts';

const collection = parseCollection(readFileSync(new URL('./fixtures/shop.postman_collection.json', import.meta.url)));

function call(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('collection mock over HTTP', () => {
  let mock: RunningMock;
  const log: MockLogEntry[] = [];
  beforeAll(async () => {
    mock = await listenMock(collectionResolver(createCollectionMock(collection)), { port: 0, host: '127.0.0.1', onRequest: (e) => log.push(e), maxBodyBytes: 1024 });
  });
  afterAll(() => mock.close());

  it('listens on 127.0.0.1 on a free port', () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
  });

  it('serves the example status, headers and body, and logs the request', async () => {
    const res = await call(mock.url, 'GET', '/users?page=2');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual([]);
    expect(log.at(-1)).toMatchObject({ method: 'GET', url: '/users?page=2', status: 200, label: 'Users page 2' });

    const all = await call(mock.url, 'GET', '/users');
    expect(all.headers['x-total-count']).toBe('1');
    // The stored Content-Length (999) is not the body's; Node sets the real one.
    expect(all.headers['content-length']).toBe(String(Buffer.byteLength(all.body)));
  });

  it('reads the request body for x-mock-match-request-body', async () => {
    const res = await call(mock.url, 'POST', '/users', { 'content-type': 'application/json', 'x-mock-match-request-body': 'true' }, '{"name":"Bob"}');
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ id: 44, name: 'Bob' });
  });

  it('answers 404 with a JSON explanation when nothing matches', async () => {
    const res = await call(mock.url, 'PATCH', '/users/42');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    const error = JSON.parse(res.body).error;
    expect(error.message).toBe('No saved example matches PATCH /users/42.');
    expect(log.at(-1)).toMatchObject({ status: 404, label: 'no match' });
  });

  it('waits the example response time', async () => {
    const started = performance.now();
    const res = await call(mock.url, 'GET', '/slow');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('sends no body for HEAD and refuses oversized bodies', async () => {
    const head = await call(mock.url, 'HEAD', '/users');
    expect(head.body).toBe('');
    const big = await call(mock.url, 'POST', '/users', {}, 'x'.repeat(2048));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toContain('larger than 1024 bytes');
  });

  it('answers 204 with an empty body', async () => {
    const res = await call(mock.url, 'DELETE', '/users/42');
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
  });
});
