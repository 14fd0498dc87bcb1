import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';

/** Swagger UI's files, served from the installed package: the docs page works offline. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postern API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<noscript>The API reference needs JavaScript. The raw OpenAPI 3.1 document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// A file rather than an inline script, so the page's Content-Security-Policy can forbid inline scripts.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

// Swagger UI sets inline styles and shows data: images, so those two are allowed; nothing else.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** `GET /api/docs`: a readable reference of the API, rendered from /api/openapi.json. */
export function registerApiDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  let dir: string | undefined;
  const cache = new Map<string, Buffer>();

  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', CSP);
    return c.html(PAGE);
  });
  app.get('/api/docs/init.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(INIT);
  });
  app.get('/api/docs/:asset', async (c, next) => {
    const name = c.req.param('asset');
    const type = ASSETS[name];
    if (!type) return next();
    let body = cache.get(name);
    if (!body) {
      dir ??= swaggerUiDir();
      body = await readFile(join(dir, name));
      cache.set(name, body);
    }
    c.header('Content-Type', type);
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(body));
  });
}
