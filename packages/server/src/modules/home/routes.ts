/**
 * The start page at `/` until the web app is served here: it says what this
 * build offers, so a person who runs `npm start` and opens the URL is not met by a 404.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Postern</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d2433}code{background:#eef1f5;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Postern is running</h1>
<p>The HTTP API answers at <a href="/api/health"><code>/api/health</code></a> and describes itself at
<a href="/api/openapi.json"><code>/api/openapi.json</code></a>.</p>
<p>Run a Postman collection from the command line: <code>npx postern run collection.json -e environment.json</code></p>
<p>Accounts and sessions have an API (see the OpenAPI description); workspaces and the web app are not part of this build yet.</p></body></html>`;

export function registerHomeRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/', (c) => c.html(PAGE));
}
