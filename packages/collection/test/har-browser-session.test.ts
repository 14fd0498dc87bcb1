/**
 * A HAR recorded by headless Chromium against the testkit server (test/har/record-session.ts)
 * imports as its golden file says; and a fresh recording imports to the same requests, so the
 * committed fixture stays what today's browser writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAny, parseCollection } from '../src/index.ts';
import type { ImportResult, Item, ItemGroup, RequestObject } from '../src/index.ts';
import { CHROMIUM_PATH, FIXTURE, recordBrowserSession } from './har/record-session.ts';
import { expectGolden } from './support/golden.ts';

const importSession = (text: string) => importAny({ name: 'browser-session.har', text });

/** What was sent and what came back, without the headers a browser version may change. */
function essentials(result: ImportResult) {
  return (result.collections[0]!.item as ItemGroup[]).flatMap((folder) =>
    (folder.item as Item[]).map((item) => {
      const request = item.request as RequestObject;
      return { folder: folder.name, name: item.name, method: request.method, url: (request.url as { raw: string }).raw, body: request.body, codes: item.response!.map((r) => r.code) };
    }),
  );
}

describe('HAR from a real browser session', () => {
  it('imports the committed recording as its golden file says', async () => {
    const result = await importSession(readFileSync(FIXTURE, 'utf8'));
    expect(result.format).toBe('har');
    parseCollection(structuredClone(result.collections[0]));
    expectGolden(result, `${FIXTURE}.golden.json`);
  });

  const available = existsSync(CHROMIUM_PATH);
  if (!available && !process.env.CI) console.warn(`Skipping the live HAR recording: no Chromium at ${CHROMIUM_PATH}.`);
  it.skipIf(!available && !process.env.CI)('records the same requests from a fresh session today', async () => {
    const fresh = await importSession(await recordBrowserSession());
    const committed = await importSession(readFileSync(FIXTURE, 'utf8'));
    expect(essentials(fresh)).toEqual(essentials(committed));
  }, 60_000);
});
