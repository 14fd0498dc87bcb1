import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WEB_DIST } from '../src/modules/home/web-dist.ts';
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

  it('answers the liveness probe without the database', async () => {
    const res = await fetch(`${server.url}/api/health/live`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok' });
  });

  it('serves a readable API reference page with its assets, offline', async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    for (const asset of ['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']) {
      expect(html).toContain(asset);
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10);
    }
    // fetch() resolves ../ (even as %2e%2e) before sending, and / serves the web app: hide the slashes.
    expect((await fetch(`${server.url}/api/docs/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/docs/package.json`)).status).toBe(404);
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const document = JSON.parse(await res.text());
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toBe('Postern API');
    expect(document.paths['/api/health'].get.responses['200']).toBeDefined();
  });

  it('serves the built web app at / (or, before a build, how to build it)', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const built = existsSync(join(WEB_DIST, 'index.html'));
    expect(await res.text()).toContain(built ? '<div id="root">' : 'npm run build');
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

forEachDatabase('server secret key', (target) => {
  it('generates the secret key into the data dir on first start and keeps it', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const first = await startServer(target.config());
    const path = join(target.config().dataDir, 'secret.key');
    const key = readFileSync(path, 'utf8');
    expect(key.trim()).toMatch(/^[0-9a-f]{64}$/);
    // Without POSTERN_SECRET_KEY, PostgreSQL deployments are warned that nodes must share a key.
    expect(first.warnings).toEqual(target.kind === 'postgres' ? [expect.stringMatching(/POSTERN_SECRET_KEY/)] : []);
    await first.close();
    const second = await startServer(target.config({ secretKey: Buffer.alloc(32, 1) }));
    expect(second.warnings).toEqual([]);
    await second.close();
    expect(readFileSync(path, 'utf8')).toBe(key);
  });
});
