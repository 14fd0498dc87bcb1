import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_APP_CSP } from '../src/modules/home/routes.ts';
import { WEB_DIST } from '../src/modules/home/web-dist.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("app")';

/** A stand-in for packages/web/dist, so these tests do not depend on a build. */
function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postern-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.secret'), 'not for the web');
  writeFileSync(join(tmpdir(), 'postern-outside.txt'), 'outside the dist');
  return dir;
}

forEachDatabase('web app at /', (target) => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = fakeDist();
    t = await openTestApp(target, { webDist: dist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache and a strict Content-Security-Policy', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(WEB_APP_CSP);
    // No inline script or style element may run, and no other site may frame the app; only style
    // attributes (the code editor's) are allowed inline.
    const directives = csp.split('; ');
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("style-src 'self'");
    expect(directives.filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-attr 'unsafe-inline'"]);
    expect(directives).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(INDEX);
  });

  it('answers every app page path with index.html (deep links and reloads)', async () => {
    for (const path of ['/signin', '/workspaces/0b9f7c1e-7d1e-4d36-a1c9-3d8f5a9b2c11', '/settings?tab=sessions']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toBe(INDEX);
    }
  });

  it('serves hashed assets with a year-long immutable cache and their type', async () => {
    const res = await t.app.request('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(SCRIPT);
  });

  it('serves other files revalidated, and answers 304 to a matching If-None-Match', async () => {
    const res = await t.app.request('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await t.app.request('/favicon.svg', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await t.app.request('/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it('answers a missing file with a 404, not with the app', async () => {
    for (const path of ['/assets/index-old999.js', '/robots.txt']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('application/problem+json');
    }
  });

  it('never serves files outside the dist folder or hidden ones', async () => {
    // URL parsing resolves ../ and %2e%2e/ before the server sees them; encoded slashes it does not.
    for (const path of ['/..%2fpostern-outside.txt', '/assets/..%2f..%2fpostern-outside.txt', '/assets%2f..%2f..%2fpostern-outside.txt', '/.secret', '/%00', '/%E0%A4%A']) {
      const res = await t.app.request(path);
      const text = await res.text();
      expect(text, path).not.toContain('outside the dist');
      expect(text, path).not.toContain('not for the web');
    }
  });

  it('leaves /api to the API: unknown API paths stay problem+json 404s', async () => {
    const res = await t.app.request('/api/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    const health = await t.app.request('/api/health');
    expect(health.status).toBe(200);
  });

  it('does not answer other methods with the app', async () => {
    const res = await t.app.request('/workspaces', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

forEachDatabase('web app not built', (target) => {
  let t: TestApp;
  let empty: string;
  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), 'postern-web-empty-'));
    t = await openTestApp(target, { webDist: join(empty, 'dist') });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('says at / and on app paths how to build it', async () => {
    for (const path of ['/', '/workspaces/x']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(await res.text(), path).toContain('npm run build');
    }
  });
});

describe('WEB_DIST', () => {
  it('is packages/web/dist, found from the server sources', () => {
    expect(WEB_DIST).toBe(join(import.meta.dirname, '..', '..', 'web', 'dist'));
  });
});
