/**
 * Account settings in a real browser: an API key created in the UI works against the API and stops
 * at once when revoked; two-factor sign-in set up with a code computed here (as an authenticator
 * app would) is then asked for at sign-in; the profile and avatar are saved. And single sign-on
 * against a real OpenID Connect provider on 127.0.0.1: sign-up, a refused sign-in, link and unlink.
 */
import { URI } from 'otpauth';
import type { TOTP } from 'otpauth';
import { expect, it } from 'vitest';
import { completeSignUp, describeInBrowser, PASSWORD, signOut, signUp, useBrowserRig } from './support.ts';

/** A 1×1 PNG, the smallest real image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describeInBrowser('account settings in Chromium', () => {
  const rigs = useBrowserRig({ oidc: 'Acme SSO' });

  it('creates and revokes an API key, saves the profile, and signs in with two-factor', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);

    await signUp(page, server.url, 'grace', { birthDate: '1985-12-09' });

    // API key: created in the UI, shown once, usable with fetch, dead once revoked.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('CI laptop');
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByRole('heading', { name: 'Copy your new key “CI laptop” now' }).waitFor();
    await page.getByText('You will not see it again').waitFor();
    const key = await page.getByLabel('Your new API key').inputValue();
    expect(key).toMatch(/^pst_/);
    const me = () => fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${key}` } });
    const allowed = await me();
    expect(allowed.status).toBe(200);
    expect((await allowed.json()) as { username: string }).toMatchObject({ username: 'grace' });

    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByLabel('Your new API key').count()).toBe(0);
    const keys = page.getByRole('list', { name: 'API keys' });
    expect(await keys.textContent()).toContain(key.slice(0, 8));
    await page.getByRole('button', { name: 'Revoke CI laptop' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked “CI laptop”' }).waitFor();
    await page.getByText('You have no API keys.').waitFor();
    expect((await me()).status).toBe(401);

    // Profile: saved, applied (theme) and public (email only because it was made public).
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Display name').fill('Grace Hopper');
    await page.getByLabel('Bio').fill('Finds bugs in the hardware.');
    await page.getByLabel('Show my email address on my public profile').check();
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    const publicProfile = (await (await fetch(`${server.url}/api/users/grace`)).json()) as Record<string, unknown>;
    expect(publicProfile).toMatchObject({ displayName: 'Grace Hopper', bio: 'Finds bugs in the hardware.', email: 'grace@example.test' });

    // Avatar: a file that only claims to be a PNG gets the server's answer; a real one is shown.
    await page.getByLabel('Image file').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await page.getByRole('button', { name: 'Upload avatar' }).click();
    // The browser calls it image/png from its name; the server reads the bytes (415 AVATAR_TYPE_UNSUPPORTED).
    await page.getByRole('alert').filter({ hasText: 'An avatar must be a PNG, JPEG, WebP or GIF image.' }).waitFor();
    expect(await page.getByText('No avatar yet.').count()).toBe(1);
    await page.getByLabel('Image file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Upload avatar' }).click();
    const avatar = page.getByRole('img', { name: 'Your current avatar' });
    await avatar.waitFor();
    await expect.poll(() => avatar.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth)).toBe(1);
    await page.getByRole('button', { name: 'Remove avatar' }).click();
    await page.getByText('No avatar yet.').waitFor();

    // Two-factor: the code is computed here from the otpauth URI, as an authenticator app would.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Two-factor sign-in' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const uri = (await page.getByTestId('otpauth-uri').textContent()) ?? '';
    const totp = URI.parse(uri) as TOTP;
    expect(totp.issuer).toBe('Postern');
    expect(await page.getByLabel('Setup key').inputValue()).toBe(totp.secret.base32);
    await page.getByLabel('Code from your authenticator app').fill(totp.generate());
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' });
    await codes.waitFor();
    expect(await codes.getByRole('listitem').count()).toBe(10);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('Two-factor sign-in is on.').waitFor();
    await page.getByText('10 unused recovery codes left').waitFor();

    await signOut(page);
    await page.getByLabel('Username or email').fill('grace');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const codeField = page.getByLabel('Code from your authenticator app');
    await codeField.waitFor();
    // The next period's code: the one used to confirm may not be used twice (replay).
    await codeField.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    expect(await page.getByText('Signed in as').textContent()).toContain('grace');

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('signs up with single sign-on, explains a refused one, links and unlinks an identity', async () => {
    const { rig } = rigs;
    const { server, browser } = rig;
    const provider = rig.provider!;
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    rig.watch(page);

    // A new identity: the provider's answer leaves a pending sign-up that the page completes.
    provider.addAccount('sso-linus', { email: 'linus@example.test', email_verified: true, name: 'Linus' });
    provider.signInAs('sso-linus');
    await page.goto(`${server.url}/signin`);
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click();
    await page.getByRole('heading', { name: 'Finish signing up' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signup/oidc');
    await page.getByText('linus@example.test').waitFor();
    await page.getByLabel('Username').fill('linus');
    await page.getByLabel('Birth date').fill('1969-12-28');
    await page.getByLabel('Country').selectOption('FI');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    expect(await page.getByText('Signed in as').textContent()).toContain('linus');

    // Its only way in cannot be unlinked: the server's reason is shown.
    await page.goto(`${server.url}/settings/account`);
    const linked = page.getByRole('list', { name: 'Linked identities' });
    await linked.getByText(provider.issuer).waitFor();
    await linked.getByRole('button', { name: `Unlink ${provider.issuer}` }).click();
    await page.getByRole('alert').filter({ hasText: 'This is your only way to sign in' }).waitFor();
    expect(await linked.getByRole('listitem').count()).toBe(1);

    // Another identity with the same email: refused, and /signin?error=CODE says why in plain words.
    await signOut(page);
    provider.addAccount('sso-other', { email: 'linus@example.test', email_verified: true });
    provider.signInAs('sso-other');
    // Forget the provider's own session for Linus (signed out of Postern already).
    await browser.context.clearCookies();
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click();
    await page.getByRole('alert').filter({ hasText: 'An account with this email address already exists.' }).waitFor();
    expect(new URL(page.url()).search).toBe('?error=OIDC_EMAIL_TAKEN');

    // A password account links that identity from its settings, then unlinks it.
    await page.getByRole('link', { name: 'Create an account' }).click();
    await completeSignUp(page, 'margaret', { birthDate: '1936-08-17', country: 'US' });
    await page.goto(`${server.url}/settings`);
    await page.getByText('No identity provider is linked to your account.').waitFor();
    await page.getByRole('link', { name: 'Link your Acme SSO sign-in' }).click();
    await page.getByRole('status').filter({ hasText: 'Linked: you can now sign in with Acme SSO.' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/settings/account?linked=oidc');
    const mine = page.getByRole('list', { name: 'Linked identities' });
    await mine.getByRole('button', { name: `Unlink ${provider.issuer}` }).click();
    await page.getByRole('status').filter({ hasText: 'Unlinked.' }).waitFor();
    await page.getByText('No identity provider is linked to your account.').waitFor();

    expect(rig.problems).toEqual([]);
    await page.close();
  }, 60_000);
});
