/**
 * Files in the request editor, in a real browser: a binary file body and a form-data file row are
 * chosen from memory, sent through the server, and reach the testkit echo server byte for byte;
 * too many bytes are refused before sending; after a reload the file must be chosen again.
 */
import { startTestServer, type TestServer } from '@postern/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendResponse } from '../src/api/types.ts';
import { startBrowserRig, type BrowserRig } from './app-server.ts';
import { browserUnavailable } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable && process.env.CI === 'true') {
  describe('request files in Chromium', () => {
    it('has Chromium to run on', () => {
      throw new Error(`${unavailable} Under CI=true the browser tests must run, not be skipped.`);
    });
  });
} else if (unavailable) {
  console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${unavailable} ⚠⚠⚠\n`);
}

declare const window: { document: { cookie: string } };

interface Echo {
  data: unknown;
  files: Record<string, string>;
  form: Record<string, string>;
  headers: Record<string, string>;
}

/** Clicks Send and returns what the echo server saw, from the app's own POST /api/send answer. */
async function sendAndEcho(page: Page): Promise<Echo> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/send') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Send' }).click();
  const response = await answer;
  const text = await response.text();
  expect(response.status(), text).toBe(200);
  const sent = JSON.parse(text) as SendResponse;
  expect(sent.status).toBe(200);
  return JSON.parse(sent.bodyEncoding === 'base64' ? Buffer.from(sent.body, 'base64').toString('utf8') : sent.body) as Echo;
}

describe.skipIf(unavailable !== null)('request files in Chromium', () => {
  let rig: BrowserRig;
  let kit: TestServer;

  beforeAll(async () => {
    [rig, kit] = await Promise.all([startBrowserRig(), startTestServer()]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([rig?.close(), kit?.close()]);
  });

  it('sends a binary file body and a form-data file chosen in the browser', async () => {
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Username').fill('fay');
    await page.getByLabel('Email').fill('fay@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Birth date').fill('1990-01-01');
    await page.getByLabel('Country').selectOption('FR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    const collection = {
      info: { name: 'Files API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Upload', request: { method: 'POST', url: `${kit.url}/post` } }],
    };
    const workspaceId = await page.evaluate(async (document) => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const list = (await (await fetch('/api/workspaces')).json()) as { items: { id: string; kind: string }[] };
      const id = list.items.find((w) => w.kind === 'personal')!.id;
      const response = await fetch(`/api/workspaces/${id}/collections`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(document),
      });
      if (!response.ok) throw new Error(`import failed: ${response.status}`);
      return id;
    }, collection);

    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('treeitem', { name: /Upload/ }).click();
    await page.getByRole('textbox', { name: 'Request URL' }).waitFor();
    await page.getByRole('tab', { name: 'Body' }).click();

    // Binary file body. The echo server reads a body without a content type as UTF-8 text, so the
    // bytes are valid UTF-8 — control characters and multi-byte characters included.
    const binaryText = 'line one\r\n\u0000\u0001\u007f héllo ✓ 🚀\n';
    await page.getByLabel('Binary file').check();
    await page.getByLabel('Body file').setInputFiles({ name: 'payload.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(binaryText) });
    await page.getByText('Chosen: payload.bin').waitFor();
    await page.getByText(/Files are sent from this browser/).first().waitFor();
    const binaryEcho = await sendAndEcho(page);
    expect(binaryEcho.data).toBe(binaryText);
    expect(binaryEcho.headers['content-length']).toBe(String(Buffer.byteLength(binaryText)));

    // A form-data file row (every byte value) beside a text row.
    const allBytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    await page.getByLabel('Form data', { exact: true }).check();
    await page.getByRole('button', { name: 'Add form data row' }).click();
    await page.getByLabel('Form data key 1').fill('note');
    await page.getByLabel('Form data value 1').fill('hello');
    await page.getByRole('button', { name: 'Add form data row' }).click();
    await page.getByLabel('Form data key 2').fill('upload');
    await page.getByLabel('Form data type 2').selectOption('file');
    await page.getByLabel('Form data file 2').setInputFiles({ name: 'bytes.dat', mimeType: 'application/octet-stream', buffer: allBytes });
    const formEcho = await sendAndEcho(page);
    expect(formEcho.form).toEqual({ note: 'hello' });
    expect(Object.keys(formEcho.files)).toEqual(['bytes.dat']);
    const dataUrl = formEcho.files['bytes.dat']!;
    expect(Buffer.compare(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'), allBytes)).toBe(0);

    // More than 10 MB of files: refused in the page, nothing is sent.
    await page.getByLabel('Form data file 2').setInputFiles({ name: 'huge.dat', mimeType: 'application/octet-stream', buffer: Buffer.alloc(11 * 1024 * 1024, 7) });
    let sends = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/send')) sends++;
    });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').filter({ hasText: 'add up to 11 MB, and at most 10 MB of files can be sent' }).waitFor();
    expect(sends).toBe(0);

    // After a reload the unsaved draft keeps the file's name but not its bytes: choose it again.
    await page.getByLabel('Form data file 2').setInputFiles({ name: 'bytes.dat', mimeType: 'application/octet-stream', buffer: allBytes });
    await page.reload();
    await page.getByRole('textbox', { name: 'Request URL' }).waitFor();
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByText('bytes.dat (choose it again to send it)').waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').filter({ hasText: 'the file "bytes.dat" was not uploaded with this send; choose it again' }).waitFor();

    expect(rig.problems).toEqual([]);
  }, 120_000);
});
