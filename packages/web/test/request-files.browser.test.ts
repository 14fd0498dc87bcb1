/**
 * Files in the request editor, in a real browser: a binary file body and a form-data file row are
 * chosen from memory, sent through the server, and reach the testkit echo server byte for byte;
 * too many bytes are refused before sending; after a reload the file must be chosen again.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { SendResponse } from '../src/api/types.ts';
import { describeInBrowser, importCollection, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

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

describeInBrowser('request files in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  it('sends a binary file body and a form-data file chosen in the browser', async () => {
    const { rig, kit } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'fay');
    const workspaceId = await personalWorkspaceId(page);
    await importCollection(page, workspaceId, {
      info: { name: 'Files API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Upload', request: { method: 'POST', url: `${kit.url}/post` } }],
    });

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
