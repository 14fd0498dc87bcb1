/**
 * Team webhooks end to end (issue #8): the owner adds an endpoint from the admin console, sees
 * its signing secret, sends a test ping and reads the delivery in the log, switches the endpoint
 * off and redelivers the ping. The page is checked with axe.
 */
import { expect, it } from 'vitest';
import { apiCall, axeViolations, describeInBrowser, personalWorkspaceId, signUp, useBrowserRig } from './support.ts';

describeInBrowser('team webhooks in Chromium', () => {
  const rigs = useBrowserRig({ kit: true });

  it('adds an endpoint, pings it, and shows the delivery log', async () => {
    const { server } = rigs.rig;
    const page = await rigs.rig.browser.context.newPage();
    rigs.rig.watch(page);
    await signUp(page, server.url, 'hana');
    await apiCall(page, 'POST', '/api/teams', { slug: 'hooks', name: 'Hooks' });

    await page.goto(`${server.url}/teams/hooks/admin`);
    await page.getByRole('navigation', { name: 'Team admin' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();

    // A bad URL is refused with the field named.
    await page.getByLabel('Endpoint URL').fill('ftp://example.test/hook');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('must start with http:// or https://').first().waitFor();

    const url = `${rigs.kit.url}/status/200`;
    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByLabel('Description (optional)').fill('Build server');
    await page.getByRole('checkbox', { name: /Ping \(test\)/ }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await page.getByLabel('Signing secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('heading', { level: 3, name: url }).waitFor();

    await page.getByRole('button', { name: 'Send test ping' }).click();
    await page.getByRole('status').filter({ hasText: 'Test ping queued' }).waitFor();
    const log = page.getByRole('table', { name: `Deliveries to ${url}, newest first` });
    // Jobs run in the background: refresh until the ping was delivered.
    for (let i = 0; i < 50 && !(await log.getByText('Delivered').isVisible().catch(() => false)); i++) {
      await page.waitForTimeout(200);
      await page.getByRole('button', { name: 'Refresh log' }).click();
    }
    await log.getByRole('row', { name: /ping.*Delivered.*200/ }).waitFor();

    // The secret can be shown again; the endpoint can be switched off.
    await page.getByRole('button', { name: 'Show signing secret' }).click();
    await page.getByText(`Signing secret: ${secret}`).waitFor();
    await page.getByRole('button', { name: 'Switch off' }).click();
    await page.getByRole('status').filter({ hasText: 'Switched off.' }).waitFor();
    const found = await axeViolations(page);

    await page.getByRole('button', { name: /^Redeliver the ping event/ }).click();
    await page.getByRole('status').filter({ hasText: 'The ping event was queued again.' }).waitFor();

    // A workspace's own webhooks, from the workspace page.
    const workspaceId = await personalWorkspaceId(page);
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('link', { name: 'Webhooks of this workspace' }).click();
    await page.getByRole('heading', { level: 1, name: /^Webhooks of / }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();
    const foundOnWorkspace = await axeViolations(page);

    expect(found).toEqual([]);
    expect(foundOnWorkspace).toEqual([]);
    expect(rigs.rig.problems).toEqual([]);
  }, 120_000);
});
