import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@postern/server';
import type { RunningServer } from '@postern/server';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from './browser.ts';
import type { TestBrowser } from './browser.ts';

const WEB_ROOT = join(import.meta.dirname, '..');

export interface BrowserRig {
  server: RunningServer;
  browser: TestBrowser;
  /** Problems the pages or the server reported: uncaught errors, CSP refusals, server errors. */
  problems: string[];
  /** Records a page's uncaught errors and Content-Security-Policy refusals into `problems`. */
  watch(page: Page): void;
  close(): Promise<void>;
}

/**
 * The real server (PGlite in a temp dir, port 0, fast password hashing) serving the built web app,
 * and a headless Chromium beside it. One per test file: starting PGlite takes seconds.
 */
export async function startBrowserRig(): Promise<BrowserRig> {
  // `npm test` builds first; a bare `vitest run` on a fresh checkout builds here.
  if (!existsSync(join(WEB_ROOT, 'dist', 'index.html'))) {
    await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  const problems: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'postern-web-e2e-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', POSTERN_DATA_DIR: dataDir });
  const [started, launched] = await Promise.allSettled([
    startServer(config, {
      passwordHashing: { memoryCost: 1024, timeCost: 1 },
      webDist: join(WEB_ROOT, 'dist'),
      reportError: (error) => problems.push(`server error: ${String(error)}`),
    }),
    launchBrowser(),
  ]);
  const close = async () => {
    if (launched.status === 'fulfilled') await launched.value.close();
    if (started.status === 'fulfilled') await started.value.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (started.status === 'rejected' || launched.status === 'rejected') {
    await close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  return {
    server: started.value,
    browser: launched.value,
    problems,
    watch(page) {
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
          problems.push(`CSP: ${message.text()}`);
        }
      });
    },
    close,
  };
}
