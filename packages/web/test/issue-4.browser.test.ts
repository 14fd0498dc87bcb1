/**
 * Issue #4 end to end in a real browser: sign up, create a team and a team workspace, import a
 * Postman collection through the file input, export it and get the same JSON back. Runs the real
 * server (PGlite in a temp dir, port 0) serving the built web app (packages/web/dist).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '@postern/server';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestBrowser } from './browser.ts';
import { completeSignUp, describeInBrowser, PASSWORD, signIn, signOut, useBrowserRig } from './support.ts';

const COLLECTION_FILE = join(import.meta.dirname, 'fixtures', 'shop.postman_collection.json');
const ENVIRONMENT_FILE = join(import.meta.dirname, 'fixtures', 'staging.postman_environment.json');

describeInBrowser('web app in Chromium (issue #4)', () => {
  const rigs = useBrowserRig();
  let server: RunningServer;
  let browser: TestBrowser;
  /** Problems the page itself reported: uncaught errors, Content-Security-Policy refusals. */
  let pageProblems: string[] = [];
  let teamWorkspacePath = '';

  beforeAll(() => {
    ({ server, browser, problems: pageProblems } = rigs.rig);
  });

  const watch = (page: Page) => rigs.rig.watch(page);

  it('signs up, creates a team workspace, imports a collection and exports it unchanged', async () => {
    const page = await browser.context.newPage();
    watch(page);

    // A first visit lands on sign-in; the person follows the link to create an account.
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in to Postern' }).waitFor();
    await page.getByRole('link', { name: 'Create an account' }).click();

    await completeSignUp(page, 'ada_l', { email: 'ada@example.test', birthDate: '1990-12-10' });
    expect(await page.getByText('Signed in as').textContent()).toContain('ada_l');

    // A team, then a workspace shared with it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New team' }).click();
    await page.getByLabel('Team name').fill('Acme QA');
    await expect.poll(() => page.getByLabel('Short name').inputValue()).toBe('acme-qa');
    await page.getByRole('button', { name: 'Create team' }).click();
    // A new team opens on its page, one click from its first workspace.
    await page.getByRole('heading', { level: 1, name: 'Acme QA' }).waitFor();
    await page.getByRole('link', { name: 'New workspace for this team' }).click();

    await page.getByRole('heading', { name: 'New workspace' }).waitFor();
    await page.getByLabel('Workspace name').fill('Acme API');
    expect(await page.getByRole('radio', { name: /^Team/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('Team', { exact: true }).inputValue()).toBe('acme-qa');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Acme API' }).waitFor();
    teamWorkspacePath = new URL(page.url()).pathname;
    expect(teamWorkspacePath).toMatch(/^\/w\/[0-9a-f-]{36}$/);
    await page.getByText('Team workspace of team Acme QA').waitFor();

    // Import through the file input, as a person picking the file would.
    await page.getByLabel('Collection file').setInputFiles(COLLECTION_FILE);
    await page.getByRole('button', { name: 'Import collection' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported the collection.' }).waitFor();
    const collections = page.getByRole('list', { name: 'Collections' });
    await expect.poll(() => collections.getByRole('listitem').count()).toBe(1);
    expect(await collections.textContent()).toContain('Shop API');

    // Export downloads the document; it must be the imported file, value for value.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Shop API' }).click()]);
    expect(download.suggestedFilename()).toBe('Shop_API.postman_collection.json');
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(exported).toEqual(JSON.parse(readFileSync(COLLECTION_FILE, 'utf8')));

    // The same for an environment, secret variable included: its owner gets the value back.
    // Environments are imported and exported on their own page; the workspace page links to it.
    await page.getByRole('link', { name: 'environments page', exact: true }).click();
    await page.getByRole('heading', { name: 'Environments and globals' }).waitFor();
    await page.getByText('Import an environment', { exact: true }).click();
    await page.getByLabel('Environment file').setInputFiles(ENVIRONMENT_FILE);
    await page.getByRole('button', { name: 'Import environment' }).click();
    await page.getByRole('heading', { name: 'Staging', level: 2 }).waitFor();
    const [envDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Staging' }).click()]);
    expect(envDownload.suggestedFilename()).toBe('Staging.postman_environment.json');
    expect(JSON.parse(readFileSync(await envDownload.path(), 'utf8'))).toEqual(JSON.parse(readFileSync(ENVIRONMENT_FILE, 'utf8')));
    // Back on the workspace page, its environments summary names the new one.
    await page.getByRole('link', { name: '← Acme API' }).click();
    await page.getByText('1 environment: Staging.').waitFor();

    // A deep link survives a reload (the server answers app paths with the app).
    await page.reload();
    await page.getByRole('heading', { name: 'Acme API' }).waitFor();

    expect(pageProblems).toEqual([]);
    await page.close();
  });

  it('lists sessions, signs out and back in, confirms the email from the outbox, shows field errors', async () => {
    const page = await browser.context.newPage();
    watch(page);

    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'this browser' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'this browser' }).count()).toBe(1);

    await signOut(page);

    // Wrong password: the API's detail is shown in plain words, announced as an alert.
    await page.getByLabel('Username or email').fill('ada_l');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /\w/ }).waitFor();

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await page.getByRole('list', { name: 'Workspaces' }).getByRole('link', { name: 'Acme API' }).waitFor();

    // The first account runs the instance, so it has the operator's outbox page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.waitFor();

    // Sign-up mailed a confirmation link (kept in the outbox, no SMTP here): it confirms the address.
    const token = /\/verify-email#token=([A-Za-z0-9_-]+)/.exec((await messages.textContent()) ?? '')?.[1];
    expect(token).toBeTruthy();
    await page.goto(`${server.url}/verify-email#token=${token}`);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.getByRole('status').filter({ hasText: 'Your email address is confirmed.' }).waitFor();
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    expect(await page.getByText('not confirmed').count()).toBe(0);

    // An invalid sign-up: each field the server rejected says why, next to it.
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign up' }).first().click();
    await page.getByLabel('Username').fill('x');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Birth date').fill('1990-01-01');
    await page.getByLabel('Country').selectOption('DE');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').filter({ hasText: 'Check the fields marked below.' }).waitFor();
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('must be 3 to 39 letters').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    expect(pageProblems).toEqual([]);
    await page.close();
  });

  it('shows a public workspace to signed-out visitors, read-only, and hides the others (P13)', async () => {
    const page = await browser.context.newPage();
    watch(page);
    await signIn(page, server.url, 'ada@example.test');

    await page.getByRole('link', { name: 'New workspace' }).click();
    await page.getByLabel('Workspace name').fill('Open API');
    await page.getByRole('radio', { name: /^Public/ }).check();
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Open API' }).waitFor();
    await page.getByLabel('…or paste its JSON').first().fill(readFileSync(COLLECTION_FILE, 'utf8'));
    await page.getByRole('button', { name: 'Import collection' }).click();
    await page.getByRole('list', { name: 'Collections' }).getByText('Shop API').waitFor();
    const publicPath = new URL(page.url()).pathname;

    await signOut(page);

    await page.goto(`${server.url}${publicPath}`);
    await page.getByRole('heading', { name: 'Open API' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import collection' }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Shop API' }).click()]);
    expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toEqual(JSON.parse(readFileSync(COLLECTION_FILE, 'utf8')));

    // The team workspace is not public: a signed-out visitor is asked to sign in.
    await page.goto(`${server.url}${teamWorkspacePath}`);
    await page.getByRole('heading', { name: 'Sign in to Postern' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe(teamWorkspacePath);

    expect(pageProblems).toEqual([]);
    await page.close();
  });
});
