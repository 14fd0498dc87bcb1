/**
 * The web app at `/`: files from the built app (packages/web/dist), and index.html for every other
 * page path so the app's own router shows it (deep links, reloads). API paths are left to the API.
 * Before the app is built, `/` explains how to build it instead.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { registerPreviewFrameRoute } from './preview-frame.ts';
import { contentTypeOf, findFile, readFileBytes } from './static-files.ts';

/**
 * What the app may load: its own scripts, styles and API only. No inline script or <style>
 * element, no framing (clickjacking), no plugins; a page injected into the app could not reach
 * another origin. Style *attributes* are allowed (style-src-attr): the code editor (CodeMirror)
 * writes a few (tab-size on its content element), and an attribute can neither run script nor load
 * anything that img-src and font-src do not already allow.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names built assets by content hash, so a given URL never changes: cache it for a year. */
const HASHED_ASSETS = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is checked again on each use, so a new build shows at once. */
const REVALIDATE = 'no-cache';

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Postern</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body><h1>Postern is running</h1>
<p>The web app is not built yet: run <code>npm run build</code> in the Postern folder, then reload this page.</p>
<p>The HTTP API answers at <a href="/api/health"><code>/api/health</code></a> and describes itself at
<a href="/api/openapi.json"><code>/api/openapi.json</code></a>.</p></body></html>`;

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
/** Hosted mock servers answer there (modules/mocks), never the web app. */
const isMockPath = (path: string) => path === '/mock' || path.startsWith('/mock/');
/** A last segment with a dot names a file (e.g. /assets/x.js); app pages never have one. */
const looksLikeFile = (path: string) => /\.[^/]*$/.test(path);

function securityHeaders(c: Context<AppEnv>, csp: string): void {
  c.header('Content-Security-Policy', csp);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
}

async function sendFile(c: Context<AppEnv>, file: { path: string; size: number; mtime: Date }, cacheControl: string) {
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtime.getTime() / 1000).toString(16)}"`;
  securityHeaders(c, WEB_APP_CSP);
  c.header('Cache-Control', cacheControl);
  c.header('ETag', etag);
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
  c.header('Content-Type', contentTypeOf(file.path));
  return c.body(await readFileBytes(file.path), 200);
}

export function registerHomeRoutes(app: OpenAPIHono<AppEnv>, options: { webDist: string }): void {
  // Before the catch-all below: the preview page has its own, looser CSP (see preview-frame.ts).
  registerPreviewFrameRoute(app);
  // GET also answers HEAD. Registered on every path, so it steps aside for the API and for
  // missing files (they end as the usual problem+json 404).
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (isApiPath(path) || isMockPath(path)) return next();

    const file = path === '/' ? null : await findFile(options.webDist, path);
    if (file) return sendFile(c, file, path.startsWith(HASHED_ASSETS) ? IMMUTABLE : REVALIDATE);
    if (looksLikeFile(path)) return next();

    const index = await findFile(options.webDist, 'index.html');
    if (index) return sendFile(c, index, REVALIDATE);
    securityHeaders(c, "default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    c.header('Cache-Control', REVALIDATE);
    return c.html(NOT_BUILT_PAGE);
  });
}
