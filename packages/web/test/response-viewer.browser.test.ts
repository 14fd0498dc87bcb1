/**
 * The response viewer's preview frame in a real browser, framed by an app page under the app's
 * strict CSP: HTML posted to /preview-frame.html runs its inline style and script (which the app's
 * CSP, inherited by srcdoc or blob: frames, would refuse), while the sandbox keeps it in an opaque
 * origin with no cookies and no requests to the app. The ResponseViewer component itself is
 * rendered by the request editor; its pure parts have unit tests in src/response/.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserRig } from './support.ts';

/** The browser globals the page callback reads (this file is type-checked without the DOM library). */
interface FrameWindow {
  postMessage(message: unknown, targetOrigin: string): void;
}
interface Frame {
  sandbox: { add(token: string): void };
  src: string;
  contentWindow: FrameWindow | null;
  onload: (() => void) | null;
}
declare const window: {
  document: { createElement(tag: 'iframe'): Frame; body: { append(node: Frame): void } };
  addEventListener(type: 'message', listener: (event: { source: unknown; data: unknown }) => void): void;
};

/** What the previewed page reports about itself. */
interface Report {
  color: string;
  origin: string;
  cookie: string;
  fetch: string;
}

/** Runs in the previewed page: inline style and script, then tries the app's cookies and API. */
const PREVIEWED = `<!doctype html><html><head><style>p { color: rgb(1, 2, 3); }</style></head><body><p>Hello</p>
<script>
  const report = { color: getComputedStyle(document.querySelector('p')).color, origin: self.origin };
  try { report.cookie = 'read: ' + document.cookie; } catch (error) { report.cookie = 'refused'; }
  fetch('/api/health').then(() => 'reached', () => 'refused').then((outcome) => {
    report.fetch = outcome;
    parent.postMessage(report, '*');
  });
</script></body></html>`;

describeInBrowser('response preview frame in Chromium', () => {
  const rigs = useBrowserRig();

  it('runs the previewed page with its own CSP, in a sandbox without the app’s cookies or API', async () => {
    const { rig } = rigs;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    // Any app page: it carries the app's CSP, which must allow framing the preview page.
    await page.goto(`${rig.server.url}/signin`);
    await page.getByRole('heading', { name: /sign in/i }).waitFor();

    const report = await page.evaluate(async (html) => {
      const frame = window.document.createElement('iframe');
      frame.sandbox.add('allow-scripts');
      frame.src = '/preview-frame.html';
      const reported = new Promise<unknown>((resolve) => {
        window.addEventListener('message', (event) => {
          if (event.source === frame.contentWindow) resolve(event.data);
        });
      });
      await new Promise<void>((resolve) => {
        frame.onload = () => resolve();
        window.document.body.append(frame);
      });
      frame.contentWindow!.postMessage({ type: 'postern-preview', html }, '*');
      return reported;
    }, PREVIEWED);

    expect(report as Report).toEqual({ color: 'rgb(1, 2, 3)', origin: 'null', cookie: 'refused', fetch: 'refused' });
    // The only refusals are of that fetch, by the preview's own connect-src 'none': the app page
    // and the frame's inline style and script raised none.
    expect(rig.problems.length).toBeGreaterThan(0);
    for (const problem of rig.problems) expect(problem).toMatch(/\/api\/health/);
    expect(rig.problems.join('\n')).toContain("connect-src 'none'");
  });
});
