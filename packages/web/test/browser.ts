import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Debian's chromium package; Playwright's own browser download does not work here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run, or null when they can. Without Chromium they are skipped with a
 * loud warning on a developer's machine, and fail under CI=true (a skipped suite must not pass CI).
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `Chromium is not installed at ${CHROMIUM_PATH}: install Debian's "chromium" package or set CHROMIUM_PATH.`;
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium on a fresh profile that talks to nothing but the pages it is sent to. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'postern-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Fail a step well before the test's own timeout, so the report names the step that waited.
  context.setDefaultTimeout(10_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
