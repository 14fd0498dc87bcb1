/**
 * First-party usage analytics and client error reports (P5) and restriction of use (P25): the
 * write path stores nothing without Performance consent or with an analytics restriction, keeps
 * only the address's network, deletes expired events, scrubs error reports and stops them on
 * objection; only the operator reads the aggregates; the marketing restriction stops product news.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';

const choices = (performance: { consent: boolean; legitimateInterest: boolean }) => ({
  functional: { consent: false, legitimateInterest: false },
  performance,
  targeting: { consent: false, legitimateInterest: false },
});
const ACCEPT = choices({ consent: true, legitimateInterest: true });
const REJECT = choices({ consent: false, legitimateInterest: false });
const DAY_MS = 24 * 60 * 60 * 1000;

forEachDatabase('usage analytics, error reports and restriction of use (P5, P25)', (target) => {
  let t: TestApp;
  let operator: Awaited<ReturnType<typeof signUpPerson>>;
  let now = new Date('2026-06-01T12:00:00Z');
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    // Behind a proxy, so the test chooses the client address the server sees.
    t = await openTestApp(target, { trustProxy: true, clock: () => now, mailer });
    operator = await signUpPerson(t.app); // the first account is the operator
    expect(operator.account.operator).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  const ADDRESS = { 'X-Forwarded-For': '203.0.113.77' };
  const decide = async (browser: Browser, c: unknown) =>
    expect((await browser.request('POST', '/api/privacy/consent', { body: { choices: c, method: 'banner' } })).status).toBe(201);
  const send = (browser: Browser, events: unknown[], headers: Record<string, string> = ADDRESS) =>
    browser.request('POST', '/api/analytics/events', { body: { events }, headers });
  const rowsNamed = (name: string) =>
    queryRows<{ type: string; name: string; network: string | null; occurred_at: unknown }>(
      t.database.db,
      sql`select * from analytics_events where name = ${name}`,
    );
  const reportsMatching = (text: string) =>
    queryRows<{ message: string; stack: string | null; path: string | null }>(
      t.database.db,
      sql`select message, stack, path from error_reports where message like ${`%${text}%`}`,
    );

  it('stores zero events without Performance consent, and answers 204 all the same', async () => {
    const undecided = new Browser(t.app);
    expect((await send(undecided, [{ type: 'page_view', name: '/no-choice' }])).status).toBe(204);
    const refused = new Browser(t.app);
    await decide(refused, REJECT);
    expect((await send(refused, [{ type: 'page_view', name: '/refused' }, { type: 'feature_used', name: 'send' }])).status).toBe(204);
    // Legitimate interest alone is not consent.
    const objectedNot = new Browser(t.app);
    await decide(objectedNot, choices({ consent: false, legitimateInterest: true }));
    expect((await send(objectedNot, [{ type: 'page_view', name: '/li-only' }])).status).toBe(204);
    const [count] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from analytics_events`);
    expect(count!.n).toBe(0);
  });

  it('stores events with consent, with only the /24 network of the address and no query string', async () => {
    const browser = new Browser(t.app);
    await decide(browser, ACCEPT);
    const res = await send(browser, [
      { type: 'page_view', name: '/stored?email=someone@example.test#x', at: new Date(now.getTime() - 60_000).toISOString() },
      { type: 'feature_used', name: 'send' },
      { type: 'feature_used', name: 'not-a-feature' },
    ]);
    expect(res.status).toBe(204);
    const rows = await rowsNamed('/stored');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.network).toBe('203.0.113.0/24');
    expect(JSON.stringify(rows)).not.toContain('203.0.113.77');
    const all = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from analytics_events`);
    expect(JSON.stringify(all)).not.toContain('203.0.113.77');
    expect(JSON.stringify(all)).not.toContain('someone@example.test');
    expect(all.map((r) => r.name)).not.toContain('not-a-feature');
    // IPv6: the /48.
    await send(browser, [{ type: 'page_view', name: '/v6' }], { 'X-Forwarded-For': '2001:db8:abcd:12::1' });
    expect((await rowsNamed('/v6'))[0]!.network).toBe('2001:db8:abcd::/48');
  });

  it('stores nothing from an account that restricted analytics, even with consent; switching back resumes', async () => {
    const p = await signUpPerson(t.app);
    await decide(p.browser, ACCEPT);
    const put = (body: unknown) => p.browser.request('PUT', '/api/me/restrictions', { body });
    expect((await put({ marketing: false, analytics: true, personalisation: false })).status).toBe(200);
    await send(p.browser, [{ type: 'page_view', name: '/restricted' }]);
    expect(await rowsNamed('/restricted')).toHaveLength(0);
    expect((await put({ marketing: false, analytics: false, personalisation: false })).status).toBe(200);
    await send(p.browser, [{ type: 'page_view', name: '/restricted' }]);
    expect(await rowsNamed('/restricted')).toHaveLength(1);
  });

  it('deletes events past their retention on the next write (page views 90 days, feature use 180)', async () => {
    const browser = new Browser(t.app);
    await decide(browser, ACCEPT);
    await send(browser, [
      { type: 'page_view', name: '/old-view' },
      { type: 'feature_used', name: 'import' },
    ]);
    const started = now;
    try {
      now = new Date(started.getTime() + 91 * DAY_MS);
      await send(browser, [{ type: 'page_view', name: '/later' }]);
      expect(await rowsNamed('/old-view')).toHaveLength(0);
      expect(await rowsNamed('import')).toHaveLength(1); // feature use is kept longer
      now = new Date(started.getTime() + 181 * DAY_MS);
      await send(browser, [{ type: 'page_view', name: '/much-later' }]);
      expect(await rowsNamed('import')).toHaveLength(0);
    } finally {
      now = started;
    }
  });

  it('stores error reports scrubbed of personal data and request contents, and none once the person objects', async () => {
    const browser = new Browser(t.app);
    // No choice yet: legitimate interest applies until the person objects.
    const res = await browser.request('POST', '/api/error-reports', {
      body: {
        message: 'ScrubMe: failed for jane.doe@example.test at https://api.example.test/v1/users?token=s3cret&x=1 with Bearer abc.def.ghi',
        stack: 'Error: ScrubMe\n    at send (https://postern.test/assets/app.js?v=abc123:10:5)\n    at pst_0123456789abcdef',
        path: '/workspaces/0b6f3a52-1c1f-4a55-9b5e-6d2f0a8f4c11/requests?search=jane@example.test#top',
      },
    });
    expect(res.status).toBe(204);
    const [stored] = await reportsMatching('ScrubMe');
    expect(stored).toBeDefined();
    const text = JSON.stringify(stored);
    for (const secret of ['jane.doe@example.test', 'jane@example.test', 's3cret', 'token=', 'abc.def.ghi', 'v=abc123', 'pst_0123', '0b6f3a52']) {
      expect(text).not.toContain(secret);
    }
    expect(stored!.message).toContain('https://api.example.test/v1/users');
    expect(stored!.stack).toContain('https://postern.test/assets/app.js:10:5');
    expect(stored!.path).toBe('/workspaces/:id/requests');

    // Objecting (Performance legitimate interest off) stops them, even with consent to analytics.
    await decide(browser, choices({ consent: true, legitimateInterest: false }));
    await browser.request('POST', '/api/error-reports', { body: { message: 'AfterObjection' } });
    expect(await reportsMatching('AfterObjection')).toHaveLength(0);
  });

  it('shows the aggregates and error reports to the operator only', async () => {
    const browser = new Browser(t.app);
    await decide(browser, ACCEPT);
    await send(browser, [
      { type: 'page_view', name: '/counted' },
      { type: 'page_view', name: '/counted' },
    ]);
    const res = await operator.browser.request('GET', '/api/admin/analytics');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.daily).toContainEqual({ day: '2026-06-01', type: 'page_view', name: '/counted', count: 2 });
    expect(body.retentionDays).toEqual({ page_view: 90, feature_used: 180, error_report: 30 });
    expect(body.errors.some((e: { message: string }) => e.message.startsWith('ScrubMe'))).toBe(true);

    const someone = await signUpPerson(t.app);
    expect((await someone.browser.request('GET', '/api/admin/analytics')).status).toBe(403);
    expect((await new Browser(t.app).request('GET', '/api/admin/analytics')).status).toBe(401);
  });

  it('reads and writes the restriction switches', async () => {
    const p = await signUpPerson(t.app);
    const get = async () => (await p.browser.request('GET', '/api/me/restrictions')).json();
    expect(await get()).toEqual({ marketing: false, analytics: false, personalisation: false, processingRestricted: false, processingRestrictedBy: null, processingRestrictedReason: null, processingRestrictedSince: null, updatedAt: null });
    const res = await p.browser.request('PUT', '/api/me/restrictions', { body: { marketing: true, analytics: false, personalisation: true } });
    expect(res.status).toBe(200);
    expect(await get()).toEqual({
      marketing: true,
      analytics: false,
      personalisation: true,
      processingRestricted: false, processingRestrictedBy: null, processingRestrictedReason: null, processingRestrictedSince: null,
      updatedAt: now.toISOString(),
    });
    expect((await p.browser.request('PUT', '/api/me/restrictions', { body: { marketing: 'yes' } })).status).toBe(400);
    expect((await new Browser(t.app).request('GET', '/api/me/restrictions')).status).toBe(401);
    // Another account sees its own switches only.
    const other = await signUpPerson(t.app);
    expect(await (await other.browser.request('GET', '/api/me/restrictions')).json()).toMatchObject({ marketing: false, personalisation: false });
  });

  it('skips an account that restricted marketing when product news is sent', async () => {
    const p = await signUpPerson(t.app);
    expect((await p.browser.request('PATCH', '/api/me/notification-preferences', { body: { productNews: { inApp: true } } })).status).toBe(200);
    const feedTitles = async () =>
      ((await (await p.browser.request('GET', '/api/me/notifications')).json()).items as { title: string }[]).map((n) => n.title);
    const restrict = (marketing: boolean) =>
      p.browser.request('PUT', '/api/me/restrictions', { body: { marketing, analytics: false, personalisation: false } });
    const news = (subject: string) => operator.browser.request('POST', '/api/admin/product-news', { body: { subject, text: 'News.' } });

    expect((await restrict(true)).status).toBe(200);
    const skipped = await news('Restricted news');
    expect(skipped.status).toBe(200);
    expect((await skipped.json()).skippedRestricted).toBeGreaterThanOrEqual(1);
    expect(await feedTitles()).not.toContain('Restricted news');

    expect((await restrict(false)).status).toBe(200);
    expect((await news('Allowed news')).status).toBe(200);
    expect(await feedTitles()).toContain('Allowed news');
  });
});
