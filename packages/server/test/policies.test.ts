import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { DATA_MAP } from '../src/db/datamap/index.ts';
import { createPolicyService } from '../src/modules/policies/service.ts';
import { createPolicyStore } from '../src/modules/policies/store.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { Browser, JsonResponse } from './support/browser.ts';

const ANNOUNCEMENT = /^Postern's privacy policy changed on /;

forEachDatabase('versioned policies, banners and acknowledgements (P28)', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let operator: Browser;
  let member: Browser;
  let memberId: string;

  beforeAll(async () => {
    t = await openTestApp(target, { mailer });
    const first = await signUpPerson(t.app);
    expect(first.account.operator).toBe(true);
    operator = first.browser;
    const second = await signUpPerson(t.app);
    member = second.browser;
    memberId = second.account.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const anonymous = async (path: string, init?: RequestInit) => (await t.app.request(path, init)) as JsonResponse;
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.database.db, query))[0]!.n;

  async function waitForAnnouncement(kind: string, version: number) {
    for (let i = 0; i < 200; i += 1) {
      const { versions } = await (await operator.request('GET', '/api/admin/policies')).json();
      const row = versions.find((v: { kind: string; version: number }) => v.kind === kind && v.version === version);
      if (row.announcement?.finishedAt) return row.announcement;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the announcement did not finish');
  }

  it('seeds version 1 of each policy, readable without signing in', async () => {
    const res = await anonymous('/api/policies');
    expect(res.status).toBe(200);
    const { policies } = await res.json();
    expect(policies.map((p: { kind: string; current: { version: number } }) => [p.kind, p.current.version])).toEqual([
      ['privacy', 1],
      ['cookies', 1],
      ['terms', 1],
    ]);
    const privacy = await (await anonymous('/api/policies/privacy')).json();
    expect(privacy).toMatchObject({ kind: 'privacy', version: 1, title: 'Privacy policy', path: '/policies/privacy/v/1', significant: false });
    // The "What we collect" section is generated from the data map (P8): every category of personal
    // data stored, with why, on what basis and for how long.
    expect(privacy.body).toContain('## What we collect');
    expect(privacy.body).toContain('argon2id');
    const collected = privacy.body.slice(privacy.body.indexOf('## What we collect'), privacy.body.indexOf('## Children'));
    // Account-id link columns only tie records to the account; the section says so once.
    const categories = new Set(
      DATA_MAP.flatMap((decl) =>
        Object.entries(decl.columns)
          .filter(([name, c]) => c.category.startsWith('user.') && c.category !== 'user.unique_id' && !decl.subjects.some((s) => s.by === 'account' && s.column === name))
          .map(([, c]) => c.category),
      ),
    );
    expect(categories.size).toBeGreaterThan(20);
    for (const category of categories) expect(collected).toContain(`(\`${category}\`)`);
    expect(collected).toMatch(/\*\*Email address\*\* \(`user\.contact\.email`\): .*invitee.*\n {2}- Why: .+\n {2}- Legal basis: contract .*legitimate interest.*\n {2}- How long: your account: kept for the life of the account.*team invitations: kept until accepted/);
    expect(collected).toMatch(/\*\*Usage analytics\*\* .*\n.*\n {2}- Legal basis: consent \(you can withdraw it at any time\)\.\n {2}- How long: analytics events: kept for 90 days for page views, 180 days for feature use\./);
  });

  it('keeps the seed to one version per kind however many times the app starts', async () => {
    // Two more apps on the same database, as after restarts or with two processes.
    for (let i = 0; i < 2; i += 1) {
      const again = createApp({ database: t.database, passwordHashing: FAST_HASHING, rateLimits: false, mailer });
      expect((await again.request('/api/policies/terms')).status).toBe(200);
    }
    expect(await count(sql`select count(*)::int as n from policy_versions where version = 1`)).toBe(3);
    expect(await count(sql`select count(*)::int as n from policy_versions`)).toBe(3);
  });

  it('lets only the operator draft and publish', async () => {
    const draft = { title: 'Terms of use', body: 'New terms.', keyChanges: ['Clearer wording.'] };
    expect((await member.request('POST', '/api/policies/terms/versions', { body: draft })).status).toBe(403);
    expect((await anonymous('/api/policies/terms/versions', { method: 'POST', body: JSON.stringify(draft), headers: { 'Content-Type': 'application/json' } })).status).toBe(401);
    expect((await member.request('GET', '/api/admin/policies')).status).toBe(403);
  });

  it('publishes versions, keeps every one at its stable address and lists them in the archive', async () => {
    const created = await operator.request('POST', '/api/policies/terms/versions', {
      body: { title: 'Terms of use', body: 'Version two of the terms.', keyChanges: ['Clearer wording.'] },
    });
    expect(created.status).toBe(201);
    const draft = await created.json();
    expect(draft).toMatchObject({ version: 2, publishedAt: null, effectiveAt: null });
    // A second draft while one exists is refused.
    const again = await operator.request('POST', '/api/policies/terms/versions', { body: { title: 'x', body: 'y' } });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('POLICY_DRAFT_EXISTS');
    // Drafts are invisible to everyone but the operator.
    expect((await anonymous('/api/policies/terms/versions/2')).status).toBe(404);
    expect((await member.request('GET', '/api/policies/terms/versions/2')).status).toBe(404);
    expect((await operator.request('GET', '/api/policies/terms/versions/2')).status).toBe(200);
    expect((await (await anonymous('/api/policies/terms')).json()).version).toBe(1);

    const edited = await operator.request('PATCH', '/api/policies/terms/versions/2', { body: { body: 'Version two, edited.' } });
    expect(edited.status).toBe(200);
    const published = await operator.request('POST', '/api/policies/terms/versions/2/publish');
    expect(published.status).toBe(200);
    expect((await published.json()).publishedAt).not.toBeNull();

    const current = await (await anonymous('/api/policies/terms')).json();
    expect(current).toMatchObject({ version: 2, body: 'Version two, edited.', keyChanges: ['Clearer wording.'] });
    // The earlier version stays readable, unchanged, at its own address.
    const v1 = await (await anonymous('/api/policies/terms/versions/1')).json();
    expect(v1).toMatchObject({ version: 1, title: 'Terms of use', path: '/policies/terms/v/1' });
    expect(v1.body).toContain('These terms apply');
    const archive = await (await anonymous('/api/policies/terms/versions')).json();
    expect(archive.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(archive.versions[0]).toMatchObject({ keyChanges: ['Clearer wording.'], effectiveAt: expect.any(String) });
    expect(archive.versions[0].body).toBeUndefined();
  });

  it('never changes a published version', async () => {
    const patch = await operator.request('PATCH', '/api/policies/terms/versions/2', { body: { body: 'Rewritten history.' } });
    expect(patch.status).toBe(409);
    expect((await patch.json()).code).toBe('POLICY_VERSION_PUBLISHED');
    expect((await operator.request('DELETE', '/api/policies/terms/versions/1')).status).toBe(409);
    expect((await operator.request('POST', '/api/policies/terms/versions/2/publish')).status).toBe(409);
    expect((await (await anonymous('/api/policies/terms/versions/2')).json()).body).toBe('Version two, edited.');
  });

  it('refuses an effective date in the past and keeps a future version out of effect until then', async () => {
    await operator.request('POST', '/api/policies/cookies/versions', {
      body: { title: 'Cookie notice', body: 'Old date.', effectiveAt: '2020-01-01T00:00:00Z' },
    });
    const refused = await operator.request('POST', '/api/policies/cookies/versions/2/publish');
    expect(refused.status).toBe(400);
    expect((await refused.json()).code).toBe('EFFECTIVE_DATE_PASSED');
    await operator.request('PATCH', '/api/policies/cookies/versions/2', { body: { effectiveAt: '2999-01-01T00:00:00Z' } });
    expect((await operator.request('POST', '/api/policies/cookies/versions/2/publish')).status).toBe(200);
    // Published, in the archive, but the cookie notice in effect is still version 1.
    expect((await (await anonymous('/api/policies/cookies/versions')).json()).versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await (await anonymous('/api/policies/cookies')).json()).version).toBe(1);
  });

  it('gives other modules the version in effect (currentVersion)', async () => {
    const policies = createPolicyService({
      store: createPolicyStore(t.database.db),
      mailer,
      clock: () => new Date(),
      publicUrl: 'http://postern.test',
      reportError: (error) => {
        throw error;
      },
    });
    expect(await policies.currentVersion('terms')).toBe(2);
    expect(await policies.currentVersion('cookies')).toBe(1);
    expect(await policies.currentVersion('privacy')).toBe(1);
  });

  it('publishes a non-significant version without banner or email', async () => {
    const before = mailer.sent.length;
    await operator.request('POST', '/api/policies/privacy/versions', { body: { title: 'Privacy policy', body: 'Typo fixed.', keyChanges: ['Typo fixed.'] } });
    expect((await operator.request('POST', '/api/policies/privacy/versions/2/publish')).status).toBe(200);
    expect((await (await member.request('GET', '/api/policy-notices')).json()).notices).toEqual([]);
    expect((await (await anonymous('/api/policy-notices')).json()).notices).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mailer.sent.length).toBe(before);
  });

  it('announces a significant version by banner and by email to every account, and records each acknowledgement once', async () => {
    const late = await signUpPerson(t.app);
    await operator.request('POST', '/api/policies/privacy/versions', {
      body: { title: 'Privacy policy', body: 'We now keep crash reports for 30 days.', significant: true, keyChanges: ['Crash reports are kept for 30 days.'] },
    });
    expect((await operator.request('POST', '/api/policies/privacy/versions/3/publish')).status).toBe(200);

    const announcement = await waitForAnnouncement('privacy', 3);
    const accounts = await count(sql`select count(*)::int as n from users where deleted_at is null and suspended_at is null`);
    expect(accounts).toBe(3);
    expect(announcement.sent).toBe(accounts);
    const announced = mailer.sent.filter((m) => ANNOUNCEMENT.test(m.subject));
    expect(announced).toHaveLength(accounts);
    expect(new Set(announced.map((m) => m.to)).size).toBe(accounts);
    expect(announced[0]!.text).toContain('Crash reports are kept for 30 days.');
    expect(announced[0]!.text).toContain('/policies/privacy/v/3');
    // Transactional: no unsubscribe header.
    expect(announced[0]!.headers?.['List-Unsubscribe']).toBeUndefined();

    const notices = (await (await member.request('GET', '/api/policy-notices')).json()).notices;
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'privacy', version: 3, keyChanges: ['Crash reports are kept for 30 days.'], acknowledgeable: true, path: '/policies/privacy/v/3' }),
    ]);
    // Signed out: shown on the sign-in page, nothing to acknowledge.
    const publicNotices = (await (await anonymous('/api/policy-notices')).json()).notices;
    expect(publicNotices).toEqual([expect.objectContaining({ kind: 'privacy', version: 3, acknowledgeable: false })]);

    expect((await member.request('POST', '/api/policies/privacy/versions/3/acknowledgement')).status).toBe(204);
    expect((await member.request('POST', '/api/policies/privacy/versions/3/acknowledgement')).status).toBe(204);
    expect(await count(sql`select count(*)::int as n from policy_acknowledgements where user_id = ${memberId} and kind = 'privacy' and version = 3`)).toBe(1);
    expect((await (await member.request('GET', '/api/policy-notices')).json()).notices).toEqual([]);
    // Others still see it until they acknowledge.
    expect((await (await late.browser.request('GET', '/api/policy-notices')).json()).notices).toHaveLength(1);
    expect((await (await operator.request('GET', '/api/policy-notices')).json()).notices).toHaveLength(1);
    // Acknowledging needs an account, and a published version.
    expect((await anonymous('/api/policies/privacy/versions/3/acknowledgement', { method: 'POST' })).status).toBe(401);
    expect((await member.request('POST', '/api/policies/privacy/versions/99/acknowledgement')).status).toBe(404);
  });

  it('does not show an earlier change to someone who joined after it', async () => {
    const newcomer = await signUpPerson(t.app);
    expect((await (await newcomer.browser.request('GET', '/api/policy-notices')).json()).notices).toEqual([]);
  });

  // Last: it publishes the cookie notice that the tests above count on.
  it('asks everyone for their cookie choices again when a new cookie notice takes effect (P20, P28)', async () => {
    const choices = {
      functional: { consent: true, legitimateInterest: true },
      performance: { consent: false, legitimateInterest: true },
      targeting: { consent: false, legitimateInterest: false },
    };
    expect((await member.request('POST', '/api/privacy/consent', { body: { choices, method: 'banner' } })).status).toBe(201);
    const before = await (await member.request('GET', '/api/privacy/consent')).json();
    expect(before.needsChoice).toBe(false);

    const created = await operator.request('POST', '/api/policies/cookies/versions', { body: { title: 'Cookie notice', body: 'A new version.', keyChanges: ['A new storage entry.'] } });
    expect(created.status).toBe(201);
    const { version } = await created.json();
    // A draft changes nothing; publishing does.
    expect((await (await member.request('GET', '/api/privacy/consent')).json()).needsChoice).toBe(false);
    expect((await operator.request('POST', `/api/policies/cookies/versions/${version}/publish`)).status).toBe(200);
    expect(await (await member.request('GET', '/api/privacy/consent')).json()).toMatchObject({ needsChoice: true, currentRevision: version });
    expect(version).toBeGreaterThan(before.currentRevision);
  });

});
