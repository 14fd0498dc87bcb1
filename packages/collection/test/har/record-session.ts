/**
 * Records a HAR from a real browser session against the testkit server: headless Chromium opens a
 * page on the server's origin whose script makes the requests an app makes (fetch GET, JSON, form,
 * multipart, cookies, an error, binary bytes), with Playwright's recordHar on. Volatile values
 * (port, dates, timings, Chromium's version, the multipart boundary) are replaced by fixed ones.
 *
 * Regenerate the committed fixture with:
 *   npx tsx packages/collection/test/har/record-session.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '@postern/testkit';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'browser-session.har');
/** The port every recording is rewritten to, so the fixture does not depend on the free port picked. */
const FIXED_PORT = '41234';

/** The page's script: what a small web app sends. It sets the title when every request is done. */
const PAGE = `<!doctype html><title>session</title><script>
(async () => {
  const json = (r) => r.text();
  await fetch('/get?search=postern&page=2', { headers: { Accept: 'application/json' } }).then(json);
  await fetch('/post', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Ada', tags: ['admin', 'ops'] }) }).then(json);
  await fetch('/post', { method: 'POST', body: new URLSearchParams({ city: 'São Paulo', note: 'a&b c' }) }).then(json);
  const form = new FormData();
  form.append('title', 'Quarterly report');
  form.append('attachment', new Blob(['hello from the browser\\n'], { type: 'text/plain' }), 'notes.txt');
  await fetch('/post', { method: 'POST', body: form }).then(json);
  // Chrome records no body for a form holding a file (as in DevTools); one with text fields only it does.
  const fields = new FormData();
  fields.append('title', 'Quarterly report');
  fields.append('quarter', 'Q3');
  await fetch('/post', { method: 'POST', body: fields }).then(json);
  await fetch('/put', { method: 'PUT', headers: { 'Content-Type': 'text/plain', 'X-Request-Id': 'abc-123' }, body: 'plain text body' }).then(json);
  await fetch('/delete?id=7', { method: 'DELETE' }).then(json);
  await fetch('/cookies/set?theme=dark').then(json);
  await fetch('/gzip').then(json);
  await fetch('/status/404').then(json);
  await fetch('/bytes/16?seed=1').then((r) => r.arrayBuffer());
  document.title = 'done';
})();
</script>`;

/** Runs the session and returns the scrubbed HAR text. */
export async function recordBrowserSession(): Promise<string> {
  const server = await startTestServer();
  const profile = mkdtempSync(join(tmpdir(), 'postern-har-'));
  const harPath = join(profile, 'session.har');
  // A fresh profile; the HAR is written when the context closes.
  const context = await chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    recordHar: { path: harPath, content: 'embed', mode: 'full', urlFilter: /^http:\/\/127\.0\.0\.1/ },
  });
  let closed = false;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/get?from=browser`);
    // setContent writes into the loaded document, so the script runs on the server's origin.
    await page.setContent(PAGE);
    await page.waitForFunction("document.title === 'done'", undefined, { timeout: 15_000 });
    await context.close();
    closed = true;
    return scrub(readFileSync(harPath, 'utf8'), server.port);
  } finally {
    if (!closed) await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Replaces what changes from run to run, so the same session always gives the same file. */
export function scrub(text: string, port: number): string {
  const replaced = text
    .replaceAll(`127.0.0.1:${port}`, `127.0.0.1:${FIXED_PORT}`)
    .replace(/(Headless)?Chrome\/[\d.]+/g, (_, headless: string | undefined) => `${headless ?? ''}Chrome/100.0.0.0`)
    .replace(/(\\?"(?:Chromium|Google Chrome|HeadlessChrome|Not[^"\\]*)\\?";v=\\?")[\d.]+/g, '$10')
    .replace(/----WebKitFormBoundary[A-Za-z0-9]{16}/g, '----WebKitFormBoundary0000000000000000')
    .replace(/"(page|frame)@[0-9a-f]{32}"/g, '"$1@0"')
    .replace(/"_monotonicTime": ?[\d.]+/g, '"_monotonicTime": 0');
  const har = JSON.parse(replaced) as { log: Record<string, unknown> & { entries: Array<Record<string, unknown>>; pages?: Array<Record<string, unknown>> } };
  const epoch = '2026-01-01T00:00:00.000Z';
  har.log.creator = { name: 'Playwright', version: '0' };
  if (har.log.browser) har.log.browser = { name: 'chromium', version: '0' };
  for (const page of har.log.pages ?? []) {
    page.startedDateTime = epoch;
    page.pageTimings = { onContentLoad: -1, onLoad: -1 };
  }
  for (const entry of har.log.entries) {
    entry.startedDateTime = epoch;
    entry.time = 0;
    entry.timings = { dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 };
    delete entry._serverPort;
    delete entry.connection;
    for (const side of ['request', 'response'] as const) {
      const message = entry[side] as { headers?: Array<{ name: string; value: string }> } & Record<string, unknown>;
      for (const header of message.headers ?? []) {
        if (header.name.toLowerCase() === 'date') header.value = 'Thu, 01 Jan 2026 00:00:00 GMT';
      }
      if ('_transferSize' in message) message._transferSize = -1;
    }
    // A compressed body's size depends on the port digits it echoes: recorded as unknown.
    const response = entry.response as { headers: Array<{ name: string; value: string }>; content: Record<string, unknown>; bodySize: number };
    if (response.headers.some((h) => h.name.toLowerCase() === 'content-encoding')) {
      response.headers = response.headers.filter((h) => h.name.toLowerCase() !== 'content-length');
      delete response.content.compression;
      response.bodySize = -1;
    }
  }
  return `${JSON.stringify(har, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(FIXTURE, await recordBrowserSession());
  console.log(`wrote ${FIXTURE}`);
}
