/**
 * Cookie and tracking consent in a real browser (issue #6, points 1 and 2; P20, P27): a first visit
 * shows the banner; before any choice the browser holds only strictly necessary cookies and storage
 * (compared with the server's registry) and talks to nothing but this server; an environment chosen
 * then is kept in memory only. "Accept all" stores it; "Reject all" from the footer link removes it.
 * A browser signalling Global Privacy Control sees Targeting off with the reason, and the server
 * holds a 'gpc' record. The banner, the preference center and the privacy settings pass axe.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { apiCall, axeViolations, completeSignUp, describeInBrowser, personalWorkspaceId, useBrowserRig } from './support.ts';

/** The browser globals the page callbacks below read (this file is type-checked without the DOM library). */
declare const window: {
  document: { cookie: string };
  localStorage: { length: number; key(i: number): string | null };
  sessionStorage: { length: number; key(i: number): string | null };
  fetch(path: string): Promise<{ json(): Promise<unknown> }>;
};
declare const navigator: object;

interface RegistryCategory {
  id: string;
  entries: { name: string; kind: 'cookie' | 'localStorage' | 'sessionStorage' }[];
}

/** Whether a stored name is one the registry lists (`postern.env.<workspace id>` matches by its prefix). */
const listed = (name: string, entry: { name: string }) => (entry.name.includes('<') ? name.startsWith(entry.name.split('<')[0]!) : name === entry.name);

const storageKeys = (page: Page, kind: 'localStorage' | 'sessionStorage') =>
  page.evaluate((k) => {
    const storage = window[k];
    return Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((key): key is string => key !== null);
  }, kind);
const documentCookieNames = (page: Page) =>
  page.evaluate(() =>
    window.document.cookie
      .split(';')
      .map((part) => part.trim().split('=')[0] ?? '')
      .filter((name) => name !== ''),
  );

describeInBrowser('cookie and tracking consent in Chromium', () => {
  const rigs = useBrowserRig();

  it('stores nothing optional before consent, stores on "Accept all" and removes on "Reject all"', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const banner = page.getByRole('region', { name: 'Cookies and tracking' });
    const center = page.getByRole('dialog', { name: 'Cookie and tracking preferences' });

    // First visit: the banner asks, with "Accept all" and "Reject all" as the same kind of button.
    await page.goto(`${server.url}/signup`);
    await banner.waitFor();
    const accept = banner.getByRole('button', { name: 'Accept all' });
    const reject = banner.getByRole('button', { name: 'Reject all' });
    expect(await accept.getAttribute('class')).toBe(await reject.getAttribute('class'));
    expect(await accept.evaluate((e) => e.tagName)).toBe(await reject.evaluate((e) => e.tagName));
    await banner.getByRole('button', { name: 'Manage choices' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const registry = (await (await fetch(`${server.url}/api/privacy/storage`)).json()) as { categories: RegistryCategory[] };
    const necessary = registry.categories.find((c) => c.id === 'necessary')!.entries;
    const functional = registry.categories.find((c) => c.id === 'functional')!.entries;
    const optional = registry.categories.filter((c) => c.id !== 'necessary').flatMap((c) => c.entries);
    const necessaryCookies = necessary.filter((e) => e.kind === 'cookie');

    // Sign up and choose an environment in the workbench: work a person asked for, before any choice.
    await completeSignUp(page, 'cora');
    await banner.waitFor();
    const workspaceId = await personalWorkspaceId(page);
    const environment = (await apiCall(page, 'POST', `/api/workspaces/${workspaceId}/environments`, {
      name: 'Staging',
      values: [{ key: 'host', value: 'api.example.test', enabled: true }],
    })) as { id: string };
    await page.goto(`${server.url}/w/${workspaceId}`);
    const selector = page.getByLabel('Environment', { exact: true });
    await selector.selectOption({ label: 'Staging' });
    // The choice applies in this page (kept in memory)…
    expect(await selector.inputValue()).toBe(environment.id);

    // …but nothing optional is stored: every cookie and storage entry is a strictly necessary one.
    const cookies = await rig.browser.context.cookies(server.url);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(necessaryCookies.some((e) => listed(cookie.name, e)), `cookie ${cookie.name}`).toBe(true);
    for (const name of await documentCookieNames(page)) expect(necessaryCookies.some((e) => listed(name, e)), `cookie ${name}`).toBe(true);
    for (const kind of ['localStorage', 'sessionStorage'] as const) {
      for (const key of await storageKeys(page, kind)) {
        expect(optional.some((e) => listed(key, e)), `${kind} ${key}`).toBe(false);
        expect(necessary.some((e) => e.kind === kind && listed(key, e)), `${kind} ${key}`).toBe(true);
      }
    }
    expect(await storageKeys(page, 'localStorage')).toEqual([]);
    // No request to anyone but this server, and none to an analytics endpoint.
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) {
      expect(new URL(url).origin, url).toBe(server.url);
      expect(url, url).not.toMatch(/analytics|telemetry|track/i);
    }

    // The preference center: four categories, necessary without a switch, two switches per optional one.
    await banner.getByRole('button', { name: 'Manage choices' }).click();
    await center.waitFor();
    await center.getByRole('heading', { name: 'Strictly necessary' }).waitFor();
    for (const name of ['Functional', 'Performance', 'Targeting']) {
      const group = center.getByRole('group', { name: `${name}: your choice` });
      expect(await group.getByRole('switch', { name: 'Consent' }).isChecked()).toBe(false);
      await group.getByRole('switch', { name: 'Legitimate interest' }).waitFor();
    }
    expect(await center.getByRole('group', { name: 'Strictly necessary: your choice' }).count()).toBe(0);
    const necessaryTable = center.getByRole('table', { name: 'Cookies and storage: Strictly necessary' });
    await necessaryTable.getByRole('cell', { name: 'postern_session', exact: true }).waitFor();
    await center.getByRole('table', { name: 'Cookies and storage: Functional' }).getByRole('cell', { name: 'postern.env.<workspace id>', exact: true }).waitFor();
    await center.getByText('Postern sets no targeting cookies or storage').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await center.waitFor({ state: 'hidden' });

    // Accept all: the choice already made in this page is now stored.
    await accept.click();
    await banner.waitFor({ state: 'hidden' });
    const envKey = `postern.env.${workspaceId}`;
    await expect.poll(() => storageKeys(page, 'localStorage')).toEqual([envKey]);
    expect(functional.some((e) => listed(envKey, e))).toBe(true);
    expect(await documentCookieNames(page)).toContain('postern_consent');
    await page.reload();
    await expect.poll(() => selector.inputValue()).toBe(environment.id);
    expect(await banner.count()).toBe(0);

    // Reject all, from the footer link: what was stored is removed at once.
    await page.getByRole('navigation', { name: 'Privacy and policies' }).getByRole('button', { name: 'Cookie preferences' }).click();
    await center.waitFor();
    expect(await center.getByRole('group', { name: 'Functional: your choice' }).getByRole('switch', { name: 'Consent' }).isChecked()).toBe(true);
    await center.getByRole('button', { name: 'Reject all' }).click();
    await center.waitFor({ state: 'hidden' });
    await expect.poll(() => storageKeys(page, 'localStorage')).toEqual([]);
    await page.reload();
    await expect.poll(() => selector.inputValue()).toBe('');

    // The privacy settings list both decisions and the "do not sell or share" state.
    await page.goto(`${server.url}/settings/privacy`);
    const records = page.getByRole('table', { name: 'Consent records, newest first' });
    await records.waitFor();
    expect(await records.getByRole('row').count()).toBe(3);
    await records.getByRole('cell', { name: 'Preference center' }).waitFor();
    await records.getByRole('cell', { name: 'Banner' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Do not sell or share my personal information' }).isChecked()).toBe(true);
    await page.getByText('Postern sells no personal data').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(rig.problems).toEqual([]);
  });

  it('honours Global Privacy Control: Targeting off with the reason, and a gpc record on the server', async () => {
    const { rig } = rigs;
    // A browser of its own: the signal must not leak into the other test's pages.
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      rig.watch(page);
      await page.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true }));
      await page.goto(`${rig.server.url}/signin`);
      const banner = page.getByRole('region', { name: 'Cookies and tracking' });
      await banner.getByText('Your browser sends Global Privacy Control').waitFor();

      await banner.getByRole('button', { name: 'Manage choices' }).click();
      const center = page.getByRole('dialog', { name: 'Cookie and tracking preferences' });
      await center.getByText('Your browser sends Global Privacy Control').waitFor();
      const targeting = center.getByRole('group', { name: 'Targeting: your choice' });
      expect(await targeting.getByRole('switch', { name: 'Consent' }).isChecked()).toBe(false);
      expect(await targeting.getByRole('switch', { name: 'Legitimate interest' }).isChecked()).toBe(false);
      expect(await axeViolations(page)).toEqual([]);

      const state = (await page.evaluate(async () => (await window.fetch('/api/privacy/consent')).json())) as {
        record: { method: string } | null;
        gpc: boolean;
        doNotSellOrShare: boolean;
      };
      expect(state).toMatchObject({ record: { method: 'gpc' }, gpc: true, doNotSellOrShare: true });

      // "Accept all" does not override the browser's signal for Targeting.
      await center.getByRole('button', { name: 'Accept all' }).click();
      await center.waitFor({ state: 'hidden' });
      const after = (await page.evaluate(async () => (await window.fetch('/api/privacy/consent')).json())) as {
        choices: Record<string, { consent: boolean }>;
        doNotSellOrShare: boolean;
      };
      expect(after.choices.functional!.consent).toBe(true);
      expect(after.choices.targeting!.consent).toBe(false);
      expect(after.doNotSellOrShare).toBe(true);
    } finally {
      await browser.close();
    }
    expect(rig.problems).toEqual([]);
  });
});
