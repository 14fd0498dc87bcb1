/**
 * Third-party apps end to end (P14): a person sees exactly what an app asks for on the consent
 * screen, allows it, the app exchanges the code (PKCE) for a token that works, and revoking the
 * app in Settings → Connected apps stops the token at once; a team that blocks the app keeps its
 * members from connecting it. Each page is checked with axe.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, signUp, useBrowserRig } from './support.ts';

const REDIRECT = 'https://reporter.example.test/cb';

describeInBrowser('OAuth consent and connected apps in Chromium', () => {
  const rigs = useBrowserRig();

  it('allows an app through the consent screen, then revokes it from Connected apps', async () => {
    const { rig } = rigs;
    const { server } = rig;
    const page = await rig.browser.context.newPage();
    rig.watch(page);
    // The app's redirect URI is answered here; nothing leaves the machine.
    await page.route('https://reporter.example.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Reporter</title><h1>Reporter</h1></html>' }),
    );

    await signUp(page, server.url, 'vera', { birthDate: '1990-05-17' });
    const app = (await apiCall(page, 'POST', '/api/me/oauth-apps', {
      name: 'Reporter',
      homepageUrl: null,
      redirectUris: [REDIRECT],
      scopes: ['profile:read', 'workspaces:read'],
      clientType: 'public',
    })) as { clientId: string };
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: REDIRECT,
      scope: 'profile:read workspaces:read',
      state: 'st-123',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });

    await page.goto(`${server.url}/oauth/authorize?${query}`);
    await page.getByRole('heading', { level: 2, name: 'Allow Reporter to use your Postern account?' }).waitFor();
    const listed = await page.getByRole('list', { name: 'What the app will be able to do' }).getByRole('listitem').allTextContents();
    expect(listed).toEqual([expect.stringContaining('username and display name'), expect.stringContaining('See your workspaces')]);
    await page.getByText('reporter.example.test', { exact: true }).waitFor();
    const consentAxe = await axeViolations(page);

    await page.getByRole('button', { name: 'Allow Reporter' }).click();
    await page.waitForURL(/^https:\/\/reporter\.example\.test\/cb\?/);
    const back = new URL(page.url());
    expect(back.searchParams.get('state')).toBe('st-123');
    const exchanged = await fetch(`${server.url}/api/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: app.clientId,
        code: back.searchParams.get('code')!,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }),
    });
    expect(exchanged.status).toBe(200);
    const { access_token: accessToken } = (await exchanged.json()) as { access_token: string };
    const userinfo = () => fetch(`${server.url}/api/oauth/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(((await (await userinfo()).json()) as { username: string }).username).toBe('vera');

    await page.goto(`${server.url}/settings/connected-apps`);
    const connected = page.getByRole('list', { name: 'Connected apps' });
    await connected.getByText('Reporter', { exact: true }).waitFor();
    expect(await page.getByRole('list', { name: 'What Reporter can do' }).getByRole('listitem').count()).toBe(2);
    const settingsAxe = await axeViolations(page);
    await page.getByRole('button', { name: 'Revoke Reporter' }).click();
    await page.getByRole('button', { name: 'Revoke Reporter' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked “Reporter”' }).waitFor();
    await page.getByText('No apps are connected to your account.').waitFor();
    expect((await userinfo()).status).toBe(401);

    // Asked again after revoking; Deny goes back to the app with access_denied and no code.
    await page.goto(`${server.url}/oauth/authorize?${query}`);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(/^https:\/\/reporter\.example\.test\/cb\?/);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    expect(new URL(page.url()).searchParams.get('code')).toBeNull();

    // Vera's team blocks the app in its admin console: she cannot connect it any more.
    await page.goto(`${server.url}/settings/connected-apps`);
    await apiCall(page, 'POST', '/api/teams', { slug: 'acme', name: 'Acme' });
    await page.goto(`${server.url}/teams/acme/admin/integrations`);
    await page.getByRole('heading', { level: 2, name: 'Third-party apps' }).waitFor();
    await page.getByLabel('App client ID').fill(app.clientId);
    await page.getByLabel('List', { exact: true }).selectOption('block');
    await page.getByRole('button', { name: 'Add to list' }).click();
    await page.getByRole('list', { name: 'Listed apps' }).getByText('Reporter').waitFor();
    const teamAxe = await axeViolations(page);
    await page.goto(`${server.url}/oauth/authorize?${query}`);
    await page.getByRole('alert').filter({ hasText: 'Your team "acme" does not allow this app' }).waitFor();
    expect(await page.getByRole('button', { name: 'Allow Reporter' }).count()).toBe(0);

    expect({ consent: consentAxe, settings: settingsAxe, team: teamAxe }).toEqual({ consent: [], settings: [], team: [] });
  });
});
