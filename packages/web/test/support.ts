/**
 * What the browser test files share: the Chromium guard around their suite, one rig per file, the
 * sign-up/sign-in/sign-out steps a person takes, and JSON calls made from the page as its own client
 * makes them (session cookie + CSRF header).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { startTestServer } from '@postern/testkit';
import type { TestServer } from '@postern/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startBrowserRig } from './app-server.ts';
import type { BrowserRig } from './app-server.ts';
import { browserUnavailable } from './browser.ts';

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: { document: { cookie: string } };

export const PASSWORD = 'correct horse battery';

/**
 * `describe` for a browser suite. Without Chromium it is skipped with a loud warning on a
 * developer's machine, and fails under CI=true (a skipped suite must not pass CI).
 */
export function describeInBrowser(name: string, fn: () => void): void {
  const unavailable = browserUnavailable();
  if (unavailable && process.env.CI === 'true') {
    describe(name, () => {
      it('has Chromium to run on', () => {
        throw new Error(`${unavailable} Under CI=true the browser tests must run, not be skipped.`);
      });
    });
  } else if (unavailable) {
    console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${unavailable} ⚠⚠⚠\n`);
  }
  describe.skipIf(unavailable !== null)(name, fn);
}

/** What `useBrowserRig` started; read it inside tests (it is filled in by `beforeAll`). */
export interface Rigs {
  rig: BrowserRig;
  /** The testkit's local HTTP server, when asked for with `{ kit: true }`. */
  kit: TestServer;
}

/** Starts the rig (and the testkit server) before the suite's tests and closes them after. */
export function useBrowserRig(options: { oidc?: string; kit?: boolean; env?: () => Record<string, string> } = {}): Rigs {
  const started = {} as Rigs;
  beforeAll(async () => {
    const { kit: withKit, ...rigOptions } = options;
    // Opening PGlite and migrating takes seconds, many more on a busy machine.
    const [rig, kit] = await Promise.all([startBrowserRig(rigOptions), withKit ? startTestServer() : undefined]);
    started.rig = rig;
    if (kit) started.kit = kit;
  }, 90_000);
  afterAll(async () => {
    await Promise.all([started.rig?.close(), started.kit?.close()]);
  });
  return started;
}

export interface SignUpOptions {
  /** `<username>@example.test` unless given. */
  email?: string;
  birthDate?: string;
  country?: string;
}

/** Fills in and sends the sign-up form already on the page, and waits for the home page. */
export async function completeSignUp(page: Page, username: string, options: SignUpOptions = {}): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(options.email ?? `${username}@example.test`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Birth date').fill(options.birthDate ?? '1990-01-01');
  await page.getByLabel('Country').selectOption(options.country ?? 'FR');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
}

/** Creates an account through the sign-up page; the page is then signed in as it. */
export async function signUp(page: Page, baseUrl: string, username: string, options: SignUpOptions = {}): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await completeSignUp(page, username, options);
}

/** Signs in through the sign-in page with a username or an email address. */
export async function signIn(page: Page, baseUrl: string, login: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
}

/** Signs out with the banner's button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Postern' }).waitFor();
}

/** A JSON call from the page, with its CSRF token; a failed one throws with the status and body. */
export function apiCall(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const csrf = decodeURIComponent(/(?:^|; )postern_csrf=([^;]*)/.exec(window.document.cookie)?.[1] ?? '');
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : ((await response.json()) as unknown);
    },
    { method, path, body, headers },
  );
}

/** The id of the signed-in person's personal workspace. */
export async function personalWorkspaceId(page: Page): Promise<string> {
  const list = (await apiCall(page, 'GET', '/api/workspaces')) as { items: { id: string; kind: string }[] };
  return list.items.find((w) => w.kind === 'personal')!.id;
}

/** Imports a Postman collection into a workspace through the API; returns the new collection's id. */
export async function importCollection(page: Page, workspaceId: string, collection: unknown): Promise<string> {
  return ((await apiCall(page, 'POST', `/api/workspaces/${workspaceId}/collections`, collection)) as { id: string }).id;
}

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's findings (WCAG 2.1 A and AA) on the page as it is now, one readable line per element. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}
