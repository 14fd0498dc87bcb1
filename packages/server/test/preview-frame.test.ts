import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WEB_APP_CSP } from '../src/modules/home/routes.ts';
import { PREVIEW_FRAME_CSP, PREVIEW_MESSAGE } from '../src/modules/home/preview-frame.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';

/** The directives of a CSP header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** Runs the page's inline script against a stand-in window; returns what reached document.write. */
function runPageScript(page: string) {
  const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1];
  expect(script).toBeTruthy();
  const parent = {};
  const written: string[] = [];
  let listener: ((event: { source: unknown; data: unknown }) => void) | undefined;
  const document = { open: () => written.push('<open>'), write: (html: string) => written.push(html), close: () => written.push('<close>') };
  runInNewContext(script!, {
    window: { parent },
    document,
    addEventListener: (type: string, fn: typeof listener) => {
      if (type === 'message') listener = fn;
    },
  });
  expect(listener).toBeDefined();
  return { parent, written, post: (source: unknown, data: unknown) => listener!({ source, data }) };
}

forEachDatabase('preview frame at /preview-frame.html', (target) => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    // An empty dist: the page must not depend on a built web app.
    dist = mkdtempSync(join(tmpdir(), 'postern-web-'));
    t = await openTestApp(target, { webDist: dist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves an HTML page with its own CSP: inline script and https: resources, no connections, framed by the app only', async () => {
    const res = await t.app.request('/preview-frame.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(PREVIEW_FRAME_CSP);
    expect(csp).not.toBe(WEB_APP_CSP);
    const policy = directives(csp);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'unsafe-inline'", 'https:']));
    expect(policy.get('style-src')).toEqual(expect.arrayContaining(["'unsafe-inline'", 'https:']));
    expect(policy.get('img-src')).toEqual(expect.arrayContaining(['https:', 'data:', 'blob:']));
    // Nothing shown in the frame may call an API, the app's included.
    expect(policy.get('connect-src')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    // The app may frame it (its own pages keep frame-ancestors 'none'); no other site may.
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expect(directives(WEB_APP_CSP).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('answers HEAD too', async () => {
    const res = await t.app.request('/preview-frame.html', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PREVIEW_FRAME_CSP);
  });

  it('writes the HTML its parent posts, and ignores other senders and other messages', async () => {
    const page = await (await t.app.request('/preview-frame.html')).text();
    const frame = runPageScript(page);
    frame.post({}, { type: PREVIEW_MESSAGE, html: '<p>from a stranger</p>' });
    frame.post(frame.parent, { type: 'something-else', html: '<p>wrong type</p>' });
    frame.post(frame.parent, { type: PREVIEW_MESSAGE, html: 42 });
    frame.post(frame.parent, null);
    expect(frame.written).toEqual([]);
    frame.post(frame.parent, { type: PREVIEW_MESSAGE, html: '<h1>Hello</h1>' });
    expect(frame.written).toEqual(['<open>', '<h1>Hello</h1>', '<close>']);
  });
});
