/**
 * Versioned policies in a real browser (issue #6, point 6; P28): the footer opens each policy, the
 * archive lists every version, the operator publishes a significant version, a second person sees
 * the banner on the home page and acknowledges it (gone after a reload), and a signed-out visitor
 * sees it on the sign-in page. Then (P7) an account is reported from its profile signed out and the
 * operator confirms it, which refuses its sign-in. Every page visited is checked with axe.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { PASSWORD, axeViolations as violations, describeInBrowser, signIn as signInAt, signOut, signUp as signUpAt, useBrowserRig } from './support.ts';

const KEY_CHANGE = 'Crash reports are now kept for 30 days.';

describeInBrowser('policies in Chromium', () => {
  const rigs = useBrowserRig();
  const signUp = (page: Page, username: string) => signUpAt(page, rigs.rig.server.url, username);
  const signIn = (page: Page, login: string) => signInAt(page, rigs.rig.server.url, login);

  it('opens the policies from the footer, publishes a significant version and records its acknowledgement', async () => {
    const page = await rigs.rig.browser.context.newPage();
    rigs.rig.watch(page);
    const axeFound: Record<string, string[]> = {};
    const footer = page.getByRole('navigation', { name: 'Privacy and policies' });

    // Signed out, each footer link opens its policy; the privacy policy's sections come from the seed.
    await page.goto(`${rigs.rig.server.url}/signin`);
    await footer.getByRole('link', { name: 'Cookie notice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cookie notice' }).waitFor();
    await footer.getByRole('link', { name: 'Terms' }).click();
    await page.getByRole('heading', { level: 1, name: 'Terms of use' }).waitFor();
    await footer.getByRole('link', { name: 'Privacy policy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor();
    await page.getByRole('heading', { name: 'What we collect' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/policies/privacy');
    axeFound.policy = await violations(page);
    await page.getByRole('link', { name: 'All versions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy policy: all versions' }).waitFor();
    expect(await page.getByRole('list', { name: 'Versions, newest first' }).getByRole('link').allTextContents()).toEqual(['Version 1']);
    axeFound.archive = await violations(page);

    // The operator (first account) and a second person, who exists before the change.
    await signUp(page, 'opal');
    await signOut(page);
    await signUp(page, 'sam');
    expect(await page.locator('.policy-notice').count()).toBe(0);
    await signOut(page);

    // The operator drafts and publishes a significant version.
    await signIn(page, 'opal');
    await page.getByRole('banner').getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('heading', { level: 1, name: 'Policies' }).waitFor();
    await page.getByLabel('Text (Markdown)').fill('## What we collect\n\nLess than before.\n\n## How long we keep it\n\nCrash reports: 30 days.');
    await page.getByLabel('Key changes').fill(KEY_CHANGE);
    await page.getByLabel('Significant change').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').getByText('Saved version 2 as a draft.').waitFor();
    axeFound.admin = await violations(page);
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByRole('button', { name: 'Yes, publish' }).click();
    await page.getByRole('status').getByText('Published version 2.').waitFor();
    await signOut(page);

    // Signed out: the sign-in page announces it, with nothing to acknowledge.
    const signedOutNotice = page.locator('.policy-notice');
    await signedOutNotice.getByText('We changed our privacy policy on').waitFor();
    await signedOutNotice.getByText(KEY_CHANGE).waitFor();
    expect(await signedOutNotice.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    axeFound.signInWithNotice = await violations(page);

    // The second person sees it on the home page until they acknowledge it.
    await signIn(page, 'sam');
    const notice = page.locator('.policy-notice');
    await notice.getByText(KEY_CHANGE).waitFor();
    axeFound.homeWithNotice = await violations(page);
    await notice.getByRole('link', { name: 'Read the new privacy policy' }).click();
    await page.getByRole('heading', { name: 'How long we keep it' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/policies/privacy/v/2');
    await page.goto(`${rigs.rig.server.url}/`);
    await notice.getByRole('button', { name: 'Acknowledge' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    // The notices request has answered once the page settles; the banner stays gone.
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.policy-notice').count()).toBe(0);

    // The archive lists both versions; version 1 stays readable at its address.
    await page.goto(`${rigs.rig.server.url}/policies/privacy/archive`);
    const versions = page.getByRole('list', { name: 'Versions, newest first' });
    await versions.getByRole('link', { name: 'Version 2' }).waitFor();
    expect(await versions.getByRole('link').allTextContents()).toEqual(['Version 2', 'Version 1']);
    await versions.getByText(KEY_CHANGE).waitFor();
    await versions.getByRole('link', { name: 'Version 1' }).click();
    await page.getByRole('heading', { name: 'What we collect' }).waitFor();
    await page.getByText('Version 1 · in effect since').waitFor();

    expect(axeFound).toEqual({ policy: [], archive: [], admin: [], signInWithNotice: [], homeWithNotice: [] });
    expect(rigs.rig.problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('lets anyone report a child account and the operator confirm it, which suspends the account (P7)', async () => {
    const page = await rigs.rig.browser.context.newPage();
    rigs.rig.watch(page);
    const axeFound: Record<string, string[]> = {};

    // Signed out, from the public profile.
    await page.goto(`${rigs.rig.server.url}/u/sam`);
    await page.getByRole('heading', { level: 1, name: 'sam' }).waitFor();
    axeFound.profile = await violations(page);
    await page.getByRole('link', { name: 'Report this account' }).click();
    await page.getByLabel('What makes you think so (optional)').fill('They wrote that they are in primary school.');
    axeFound.report = await violations(page);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('heading', { name: 'Report sent' }).waitFor();

    await signIn(page, 'opal');
    await page.getByRole('banner').getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports of child accounts' }).waitFor();
    await page.getByText('They wrote that they are in primary school.').waitFor();
    axeFound.review = await violations(page);
    await page.getByRole('button', { name: 'Confirm the report on sam' }).click();
    await page.getByRole('button', { name: 'Yes, suspend sam' }).click();
    await page.getByRole('status').getByText('Suspended sam; the account is queued for deletion.').waitFor();
    await signOut(page);

    // sam can no longer sign in, and is told why.
    await page.getByLabel('Username or email').fill('sam');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('suspended pending deletion').waitFor();
    // The profile is hidden.
    await page.goto(`${rigs.rig.server.url}/u/sam`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('link', { name: 'Report this account' }).count()).toBe(0);

    expect(axeFound).toEqual({ profile: [], report: [], review: [] });
    expect(rigs.rig.problems).toEqual([]);
    await page.close();
  }, 120_000);
});
