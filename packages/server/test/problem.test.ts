import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { Database, DatabaseHandle } from '../src/db/database.ts';
import { AppError, conflict, rateLimited } from '../src/errors.ts';

const json = (res: Response): Promise<any> => res.json();

// These routes never reach the database.
const noDatabase: DatabaseHandle = { kind: 'pglite', db: {} as Database, exclusive: (fn) => fn({} as Database), close: async () => {} };

function appWithProbeRoutes(reported: unknown[] = []) {
  const app = createApp({ database: noDatabase, bodyLimitBytes: 1024, reportError: (error) => reported.push(error) });
  const echo = createRoute({
    method: 'post',
    path: '/api/probe/echo',
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: z.object({ name: z.string().min(1), age: z.number().int() }) } },
      },
    },
    responses: { 200: { description: 'echo' } },
  });
  app.openapi(echo, (c) => c.json(c.req.valid('json'), 200));
  app.get('/api/probe/upstream-down', () => {
    throw new AppError(502, 'UPSTREAM_FAILED', 'The API you called did not answer.');
  });
  app.get('/api/probe/boom', () => {
    throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
  });
  app.get('/api/probe/taken', () => {
    throw conflict('That username is taken.', { code: 'USERNAME_TAKEN' });
  });
  app.get('/api/probe/slow-down', () => {
    throw rateLimited(undefined, { retryAfterSeconds: 30 });
  });
  return app;
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body: any = await response.json();
  expect(body.status).toBe(response.status);
  expect(body.correlationId).toBe(response.headers.get('x-correlation-id'));
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  return body;
}

const postJson = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('problem+json errors', () => {
  it('answers an unknown /api route with 404', async () => {
    const res = await appWithProbeRoutes().request('/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(await problem(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND', title: 'Not Found' });
  });

  it('answers a body that is not JSON with 400 INVALID_JSON', async () => {
    const res = await appWithProbeRoutes().request('/api/probe/echo', postJson('{"name": '));
    expect(res.status).toBe(400);
    expect(await problem(res)).toMatchObject({ code: 'INVALID_JSON' });
  });

  it('lists every invalid field', async () => {
    const res = await appWithProbeRoutes().request('/api/probe/echo', postJson(JSON.stringify({ name: '', age: 1.5 })));
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['json.age', 'json.name']);
  });

  it('passes valid input to the handler', async () => {
    const res = await appWithProbeRoutes().request('/api/probe/echo', postJson(JSON.stringify({ name: 'ada', age: 36 })));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ name: 'ada', age: 36 });
  });

  it('answers an over-limit body with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2048), age: 1 });
    const res = await appWithProbeRoutes().request('/api/probe/echo', postJson(big));
    expect(res.status).toBe(413);
    expect(await problem(res)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an over-limit body without a declared length with 413', async () => {
    const chunks = [new TextEncoder().encode('{"name":"'), new TextEncoder().encode('y'.repeat(4096)), new TextEncoder().encode('"}')];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const request = new Request('http://localhost/api/probe/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const res = await appWithProbeRoutes().request(request);
    expect(res.status).toBe(413);
    expect((await problem(res)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps the code of an AppError and its Retry-After', async () => {
    const app = appWithProbeRoutes();
    const taken = await app.request('/api/probe/taken');
    expect(taken.status).toBe(409);
    expect(await problem(taken)).toMatchObject({ code: 'USERNAME_TAKEN', detail: 'That username is taken.' });
    const limited = await app.request('/api/probe/slow-down');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect((await problem(limited)).code).toBe('RATE_LIMITED');
  });

  it('hides the details of unexpected errors and reports them', async () => {
    const reported: unknown[] = [];
    const res = await appWithProbeRoutes(reported).request('/api/probe/boom');
    expect(res.status).toBe(500);
    const text = await res.clone().text();
    expect(text).not.toMatch(/ECONNREFUSED|hunter2|at .*\.ts/);
    expect(await problem(res)).toMatchObject({ code: 'INTERNAL' });
    expect(reported).toHaveLength(1);
  });

  it('explains deliberate 5xx answers without reporting them as unexpected', async () => {
    const reported: unknown[] = [];
    const res = await appWithProbeRoutes(reported).request('/api/probe/upstream-down');
    expect(res.status).toBe(502);
    expect(await problem(res)).toMatchObject({ code: 'UPSTREAM_FAILED', detail: 'The API you called did not answer.' });
    expect(reported).toHaveLength(0);
  });

  it('echoes a correlation id the client sent', async () => {
    const res = await appWithProbeRoutes().request('/api/nothing', { headers: { 'x-correlation-id': 'trace-42' } });
    expect(res.headers.get('x-correlation-id')).toBe('trace-42');
    expect((await json(res)).correlationId).toBe('trace-42');
  });
});
