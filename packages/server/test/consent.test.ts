/**
 * Cookie and tracking consent (P20) and Global Privacy Control / Do Not Track (P27): records with
 * a keyed hash of the address, choices read back, asked again when the cookie policy changes, GPC
 * recorded once and overridden only by a later explicit opt-in, the storage registry, the GPC
 * support resource, and an anonymous choice tied to the account that signs in.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { createConsentService } from '../src/modules/consent/service.ts';
import { createConsentStore } from '../src/modules/consent/store.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser, newPerson } from './support/browser.ts';

const ACCEPT_ALL = {
  functional: { consent: true, legitimateInterest: true },
  performance: { consent: true, legitimateInterest: true },
  targeting: { consent: true, legitimateInterest: true },
};
const REJECT_ALL = {
  functional: { consent: false, legitimateInterest: false },
  performance: { consent: false, legitimateInterest: false },
  targeting: { consent: false, legitimateInterest: false },
};
const ONLY_FUNCTIONAL = { ...REJECT_ALL, functional: { consent: true, legitimateInterest: false } };

forEachDatabase('cookie and tracking consent (P20, P27)', (target) => {
  let t: TestApp;
  const secretKey = randomBytes(32);

  beforeAll(async () => {
    // Behind a proxy, so the test can choose the client address the server sees.
    t = await openTestApp(target, { trustProxy: true, secretKey });
  });
  afterAll(async () => {
    await t?.close();
  });

  const from = (address: string, extra: Record<string, string> = {}) => ({ 'X-Forwarded-For': address, ...extra });
  const decide = (browser: Browser, choices: unknown, headers: Record<string, string> = {}, method = 'banner') =>
    browser.request('POST', '/api/privacy/consent', { body: { choices, method }, headers });
  const stateOf = async (browser: Browser, headers: Record<string, string> = {}) => {
    const res = await browser.request('GET', '/api/privacy/consent', { headers });
    expect(res.status).toBe(200);
    return res.json();
  };
  const gpcRecordCount = async () =>
    Number((await queryRows<{ n: string }>(t.database.db, sql`select count(*) as n from consent_records where method = 'gpc'`))[0]!.n);

  it('serves the storage registry, every category with its entries', async () => {
    const res = await new Browser(t.app).request('GET', '/api/privacy/storage');
    expect(res.status).toBe(200);
    const { categories } = await res.json();
    expect(categories.map((c: { id: string }) => c.id)).toEqual(['necessary', 'functional', 'performance', 'targeting']);
    const names = (id: string) => categories.find((c: { id: string }) => c.id === id).entries.map((e: { name: string }) => e.name);
    expect(names('necessary')).toEqual(expect.arrayContaining(['postern_session', 'postern_csrf', 'postern_consent', 'postern.tabs.<workspace id>']));
    expect(names('functional')).toEqual(['postern.env.<workspace id>']);
    expect(names('targeting')).toEqual([]);
    expect(categories.find((c: { id: string }) => c.id === 'targeting').emptyNote).toMatch(/no targeting cookies/i);
    for (const category of categories) {
      for (const entry of category.entries) {
        expect(entry).toEqual({
          name: expect.any(String),
          provider: 'This Postern instance',
          purpose: expect.any(String),
          lifetime: expect.any(String),
          kind: expect.stringMatching(/^(cookie|localStorage|sessionStorage)$/),
        });
      }
    }
  });

  it('serves /.well-known/gpc.json as JSON', async () => {
    const res = await new Browser(t.app).request('GET', '/.well-known/gpc.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toEqual({ gpc: true, lastUpdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('asks a first visitor, then stores the decision with a keyed hash of the address, never the address', async () => {
    const browser = new Browser(t.app);
    const first = await stateOf(browser, from('203.0.113.77'));
    expect(first).toMatchObject({ record: null, needsChoice: true, doNotSellOrShare: true, sellsPersonalData: false });
    expect(first.choices.performance).toEqual({ consent: false, legitimateInterest: true });
    expect(browser.cookies.has('postern_consent')).toBe(false);

    const res = await decide(browser, ONLY_FUNCTIONAL, from('203.0.113.77'));
    expect(res.status).toBe(201);
    const decided = await res.json();
    expect(decided).toMatchObject({ needsChoice: false, choices: ONLY_FUNCTIONAL, record: { method: 'banner', policyRevision: 1, userAgentFamily: 'Chrome' } });
    const cookie = browser.cookies.get('postern_consent')!;
    expect(cookie).toBe(`${decided.record.id}.1.100000.n`);
    const setCookie = browser.lastSetCookies.find((line) => line.startsWith('postern_consent='))!;
    expect(setCookie).toMatch(/Max-Age=15552000/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    // Read back by the same browser.
    const again = await stateOf(browser);
    expect(again).toMatchObject({ needsChoice: false, choices: ONLY_FUNCTIONAL, record: { id: decided.record.id } });

    const [row] = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from consent_records where id = ${decided.record.id}`);
    expect(JSON.stringify(row)).not.toContain('203.0.113.77');
    expect(JSON.stringify(row)).not.toContain('203.0.113');
    expect(row!.ip_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.account_id).toBeNull();

    // The same address hashes alike (to prove a consent), another one differently.
    const second = await (await decide(new Browser(t.app), REJECT_ALL, from('203.0.113.77'))).json();
    const third = await (await decide(new Browser(t.app), REJECT_ALL, from('198.51.100.4'))).json();
    const hashes = await queryRows<{ id: string; ip_hmac: string }>(
      t.database.db,
      sql`select id, ip_hmac from consent_records where id in (${decided.record.id}, ${second.record.id}, ${third.record.id})`,
    );
    const hashOf = (id: string) => hashes.find((h) => h.id === id)!.ip_hmac;
    expect(hashOf(second.record.id)).toBe(hashOf(decided.record.id));
    expect(hashOf(third.record.id)).not.toBe(hashOf(decided.record.id));
  });

  it('refuses a decision forged by another site or not sent as JSON', async () => {
    const browser = new Browser(t.app);
    expect((await decide(browser, ACCEPT_ALL, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await decide(browser, ACCEPT_ALL, { Origin: 'https://evil.example' })).status).toBe(403);
    const form = await t.app.request('/api/privacy/consent', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ choices: ACCEPT_ALL, method: 'banner' }),
    });
    expect(form.status).toBe(415);
    expect(browser.cookies.has('postern_consent')).toBe(false);
    // Same-origin requests from the web app pass.
    expect((await decide(browser, ACCEPT_ALL, { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost' })).status).toBe(201);
    expect((await decide(browser, { ...ACCEPT_ALL, extra: true })).status).toBe(400);
  });

  it('asks again when the cookie policy revision changes, and answers allows() per category and basis', async () => {
    let revision = 1;
    const consent = createConsentService({
      store: createConsentStore(t.database.db),
      clock: () => new Date(),
      secretKey,
      cookiePolicyRevision: async () => revision,
    });
    const nobody = {};
    expect(await consent.allows(nobody, 'performance')).toBe(false);
    expect(await consent.allows(nobody, 'performance', 'legitimateInterest')).toBe(true);
    expect(await consent.allows(nobody, 'functional')).toBe(false);

    const { cookie, state } = await consent.decide({}, {}, { choices: ACCEPT_ALL, method: 'api' });
    expect(state.needsChoice).toBe(false);
    const subject = { consentCookie: cookie };
    expect(await consent.allows(subject, 'performance')).toBe(true);
    expect(await consent.allows(subject, 'targeting')).toBe(true);
    // GPC refuses Targeting against an opt-in made before the signal was known.
    expect(await consent.allows({ ...subject, gpc: true }, 'targeting')).toBe(false);

    revision = 2;
    const stale = await consent.state(subject);
    expect(stale).toMatchObject({ needsChoice: true, currentRevision: 2, record: { policyRevision: 1 } });
    // The earlier answer stays in force until the person answers again.
    expect(await consent.allows(subject, 'performance')).toBe(true);
    const renewed = await consent.decide(subject, {}, { choices: { ...ACCEPT_ALL, performance: { consent: false, legitimateInterest: false } }, method: 'api' });
    expect(renewed.state).toMatchObject({ needsChoice: false, record: { policyRevision: 2 } });
    const after = { consentCookie: renewed.cookie };
    expect(await consent.allows(after, 'performance')).toBe(false);
    expect(await consent.allows(after, 'performance', 'legitimateInterest')).toBe(false);
    expect(await consent.allows(after, 'functional')).toBe(true);
    // A cookie naming no record counts as no choice.
    expect(await consent.allows({ consentCookie: 'not-a-record' }, 'functional')).toBe(false);
  });

  it('records Sec-GPC once per browser, and lets only a later explicit opt-in override it', async () => {
    const browser = new Browser(t.app);
    const gpc = { 'Sec-GPC': '1' };
    const before = await gpcRecordCount();
    const first = await stateOf(browser, gpc);
    expect(first).toMatchObject({ gpc: true, doNotSellOrShare: true, needsChoice: true, record: { method: 'gpc', policyRevision: 0 } });
    expect(first.choices.targeting).toEqual({ consent: false, legitimateInterest: false });
    expect(browser.cookies.get('postern_consent')).toMatch(/\.g$/);
    // Not on every request.
    const second = await stateOf(browser, gpc);
    expect(second.record.id).toBe(first.record.id);
    expect(await gpcRecordCount()).toBe(before + 1);

    // The person then opts in to Targeting explicitly, with GPC still on: their later choice wins.
    const optIn = await (await decide(browser, ACCEPT_ALL, gpc, 'preference_center')).json();
    expect(optIn).toMatchObject({ doNotSellOrShare: false, record: { method: 'preference_center', gpc: true } });
    const third = await stateOf(browser, gpc);
    expect(third).toMatchObject({ doNotSellOrShare: false, needsChoice: false, record: { id: optIn.record.id } });
    expect(await gpcRecordCount()).toBe(before + 1);
  });

  it('lets GPC override an opt-in made before it, and treats DNT and navigator.globalPrivacyControl alike', async () => {
    const browser = new Browser(t.app);
    const accepted = await (await decide(browser, ACCEPT_ALL)).json();
    expect(accepted.doNotSellOrShare).toBe(false);
    const before = await gpcRecordCount();
    const withGpc = await stateOf(browser, { 'Sec-GPC': '1' });
    expect(withGpc).toMatchObject({ doNotSellOrShare: true, needsChoice: false, record: { method: 'gpc', policyRevision: 1 } });
    // The other categories keep the answers they had.
    expect(withGpc.choices.functional).toEqual(ACCEPT_ALL.functional);
    expect(await gpcRecordCount()).toBe(before + 1);

    const dnt = await stateOf(new Browser(t.app), { DNT: '1' });
    expect(dnt).toMatchObject({ gpc: true, doNotSellOrShare: true, record: { method: 'gpc' } });

    // The web app reports navigator.globalPrivacyControl where the header is missing.
    const signalled = new Browser(t.app);
    const res = await signalled.request('POST', '/api/privacy/gpc', { body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ gpc: true, doNotSellOrShare: true, record: { method: 'gpc' } });
    expect((await stateOf(signalled)).record.method).toBe('gpc');
    expect(await gpcRecordCount()).toBe(before + 3);
  });

  it('ties an anonymous choice to the account that signs in, and lists the person’s records', async () => {
    expect((await t.app.request('/api/me/consents')).status).toBe(401);
    const browser = new Browser(t.app);
    const anonymous = await (await decide(browser, ONLY_FUNCTIONAL)).json();
    const person = newPerson();
    expect((await browser.request('POST', '/api/accounts', { body: person })).status).toBe(201);
    expect((await stateOf(browser)).record.id).toBe(anonymous.record.id);
    const { records } = await (await browser.request('GET', '/api/me/consents')).json();
    expect(records.map((r: { id: string }) => r.id)).toEqual([anonymous.record.id]);
    expect(records[0]).toMatchObject({ method: 'banner', choices: ONLY_FUNCTIONAL, policyRevision: 1 });

    // A signed-in decision needs the CSRF token like any other change.
    expect((await browser.request('POST', '/api/privacy/consent', { body: { choices: REJECT_ALL }, csrf: 'wrong' })).status).toBe(403);
    const signedIn = await decide(browser, ACCEPT_ALL);
    expect(signedIn.status).toBe(201);

    // Another browser signing in to the same account gets the account's choices.
    const laptop = new Browser(t.app);
    expect((await laptop.request('POST', '/api/sessions', { body: { login: person.username, password: person.password } })).status).toBe(200);
    const onLaptop = await stateOf(laptop);
    expect(onLaptop).toMatchObject({ needsChoice: false, choices: ACCEPT_ALL });
    expect(laptop.cookies.get('postern_consent')).toMatch(new RegExp(`^${onLaptop.record.id}\\.`));
    const listed = await (await laptop.request('GET', '/api/me/consents')).json();
    expect(listed.records.map((r: { method: string }) => r.method)).toEqual(['banner', 'banner']);

    // Someone else's choice on a shared browser is not theirs: a new person there is asked.
    const other = newPerson();
    await laptop.request('DELETE', '/api/sessions/current');
    expect((await laptop.request('POST', '/api/accounts', { body: other })).status).toBe(201);
    expect((await stateOf(laptop)).needsChoice).toBe(true);
  });
});
