import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@postern/server';
import type { RunningServer } from '@postern/server';
import type { Page } from 'playwright-core';
import { build } from 'vite';
// The server's own test provider: a real oidc-provider on 127.0.0.1 that signs in whoever it is told.
import { OIDC_CLIENT, startTestProvider } from '../../server/test/support/oidc-provider.ts';
import { launchBrowser } from './browser.ts';
import type { TestBrowser } from './browser.ts';

const WEB_ROOT = join(import.meta.dirname, '..');

export interface BrowserRig {
  server: RunningServer;
  browser: TestBrowser;
  /** The identity provider, when the rig was started with `{ oidc: name }`. */
  provider: Awaited<ReturnType<typeof startTestProvider>> | undefined;
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
export async function startBrowserRig(options: { oidc?: string; env?: () => Record<string, string> } = {}): Promise<BrowserRig> {
  // `npm test` builds first; a bare `vitest run` on a fresh checkout builds here.
  if (!existsSync(join(WEB_ROOT, 'dist', 'index.html'))) {
    await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  const problems: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'postern-web-e2e-'));
  let env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', POSTERN_DATA_DIR: dataDir };
  let provider: BrowserRig['provider'];
  if (options.oidc) {
    // The provider must know the callback URL before the server exists, so the port is chosen first.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider(`${publicUrl}/api/auth/oidc/callback`);
    env = {
      ...env,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.clientSecret,
      OIDC_NAME: options.oidc,
    };
  }
  // Extra settings, read when the rig starts (e.g. POSTERN_DNS_RESOLVER of a DNS server started first).
  const config = loadConfig({ ...env, ...options.env?.() });
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
    await provider?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (started.status === 'rejected' || launched.status === 'rejected') {
    await close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  return {
    server: started.value,
    browser: launched.value,
    provider,
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

/** A port nothing listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
