import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../src/server.ts';
import type { RunningServer } from '../src/server.ts';
import { forEachDatabase } from './for-each-database.ts';

const json = (res: Response): Promise<any> => res.json();

forEachDatabase('server', (target) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(target.config());
  });
  afterAll(async () => {
    await server?.close();
  });

  it('listens on loopback and reports the database in /api/health', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
    expect(await json(res)).toEqual({
      status: 'ok',
      database: { kind: target.kind, migrations: server.migrations.total },
    });
    expect(server.migrations.total).toBeGreaterThan(0);
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const document = JSON.parse(await res.text());
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toBe('Postern API');
    expect(document.paths['/api/health'].get.responses['200']).toBeDefined();
  });

  it('serves a start page at /', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Postern is running');
  });

  it('answers unknown API routes with problem+json over HTTP', async () => {
    const res = await fetch(`${server.url}/api/nowhere`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await json(res)).code).toBe('ROUTE_NOT_FOUND');
  });

  it('starts again on the same data without applying anything', async () => {
    await server.close();
    server = await startServer(target.config());
    expect(server.migrations.applied).toBe(0);
    const res = await fetch(`${server.url}/api/health`);
    expect((await json(res)).database.migrations).toBe(server.migrations.total);
  });
});
