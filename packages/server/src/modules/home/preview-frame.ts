/**
 * GET /preview-frame.html: the page the web app shows response previews (HTML bodies,
 * pm.visualizer output) in. The app's own CSP forbids inline script and style, and an iframe with
 * `srcdoc` or a blob: URL would inherit it, so previews need a document with a policy of its own.
 *
 * The app frames this page with `sandbox="allow-scripts"` and no `allow-same-origin`: it runs in
 * an opaque origin, without the app's cookies or storage, so what it shows cannot call the API as
 * the person. It receives the HTML from its parent by postMessage and writes it into itself; the
 * HTML keeps this page's CSP (inline script and style, https: resources, no connections).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.ts';

export const PREVIEW_FRAME_PATH = '/preview-frame.html';

/** Sent by the parent: `{ type: PREVIEW_MESSAGE, html }`. */
export const PREVIEW_MESSAGE = 'postern-preview';

export const PREVIEW_FRAME_CSP = [
  "default-src 'none'",
  // Inline script and eval: visualizer templates and previewed pages carry their own scripts, and
  // chart libraries come from CDNs.
  "script-src 'unsafe-inline' 'unsafe-eval' https:",
  "style-src 'unsafe-inline' https:",
  'img-src https: data: blob:',
  'font-src https: data:',
  'media-src https: data: blob:',
  // No fetch/XHR/WebSocket: a preview shows a response, it does not make requests of its own.
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
  // Only the app (same origin) may frame it.
  "frame-ancestors 'self'",
].join('; ');

/**
 * Listens for one message from the parent window (no other sender is trusted), then replaces its
 * own document with the HTML. document.open() also drops this listener, so a page shown here
 * cannot be replaced by later messages; the app loads a fresh frame for each preview.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview</title>
<script>
addEventListener('message', function (event) {
  if (event.source !== window.parent) return;
  var data = event.data;
  if (!data || data.type !== '${PREVIEW_MESSAGE}' || typeof data.html !== 'string') return;
  document.open();
  document.write(data.html);
  document.close();
});
</script>
</head><body></body></html>
`;

export function registerPreviewFrameRoute(app: OpenAPIHono<AppEnv>): void {
  app.get(PREVIEW_FRAME_PATH, (c) => {
    c.header('Content-Security-Policy', PREVIEW_FRAME_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    // Resources a preview loads must not learn the app's address.
    c.header('Referrer-Policy', 'no-referrer');
    // Checked again on each use, like index.html, so a new server's page shows at once.
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Type', 'text/html; charset=utf-8');
    return c.body(PAGE, 200);
  });
}
