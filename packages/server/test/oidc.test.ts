import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { followUntil, OIDC_CLIENT, startTestProvider } from './support/oidc-provider.ts';

const PUBLIC_URL = 'http://postern.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;

forEachDatabase('OpenID Connect sign-in (P6, P7)', (target) => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startTestProvider>>;
  let subjects = 0;

  beforeAll(async () => {
    provider = await startTestProvider(CALLBACK);
    t = await openTestApp(target, {
      publicUrl: PUBLIC_URL,
      oidc: { issuer: provider.issuer, ...OIDC_CLIENT, name: 'Acme SSO' },
    });
    // Two servers and a migrated database: more than the default allowance on a busy machine.
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.database.db, query))[0]!.n;

  /** A new person at the provider, signed in there for the next round trip. */
  function providerPerson(claims: Parameters<typeof provider.addAccount>[1]) {
    subjects += 1;
    const sub = `provider-user-${subjects}`;
    provider.addAccount(sub, claims);
    provider.signInAs(sub);
    return sub;
  }

  /** Start → provider → callback, in one browser; returns the callback's answer. */
  async function roundTrip(browser: Browser, intent?: 'link') {
    const start = await browser.request('GET', `/api/auth/oidc/start${intent ? `?intent=${intent}` : ''}`);
    expect(start.status).toBe(302);
    const back = await followUntil(start.headers.get('location')!, PUBLIC_URL);
    return browser.request('GET', back.pathname + back.search);
  }

  it('describes the provider for the sign-in button', async () => {
    expect(await (await new Browser(t.app).request('GET', '/api/auth/oidc')).json()).toEqual({ enabled: true, name: 'Acme SSO' });
  });

  it('sends the browser to the provider with state, nonce and S256 PKCE, asking only for openid email profile', async () => {
    const browser = new Browser(t.app);
    const res = await browser.request('GET', '/api/auth/oidc/start');
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)).toBeTruthy();
    const flowCookie = browser.lastSetCookies.find((c) => c.startsWith('postern_oidc_flow='))!;
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/Path=\/api\/auth\/oidc/);
    // The cookie is sealed: it does not show the PKCE verifier or the state in clear.
    expect(flowCookie).not.toContain(url.searchParams.get('state')!);
  });

  it('signs up a new identity only after the age check, keeping just name, email and the link', async () => {
    const sub = providerPerson({ email: 'grace@acme.test', email_verified: true, name: 'Grace H.', birthdate: '1906-12-09' });
    const browser = new Browser(t.app);
    const users = await count(sql`select count(*)::int as n from users`);

    const back = await roundTrip(browser);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/signup/oidc');
    expect(browser.cookies.has('postern_session')).toBe(false);
    expect(await count(sql`select count(*)::int as n from users`)).toBe(users);

    const pending = await browser.request('GET', '/api/auth/oidc/signup');
    expect(await pending.json()).toEqual({ provider: 'Acme SSO', name: 'Grace H.', email: 'grace@acme.test', emailVerified: true });

    const done = await browser.request('POST', '/api/auth/oidc/complete', {
      body: { username: 'grace_h', birthDate: '1990-12-09', country: 'US' },
    });
    expect(done.status).toBe(201);
    const account = await done.json();
    expect(account).toMatchObject({ username: 'grace_h', displayName: 'Grace H.', email: 'grace@acme.test', emailVerified: true });
    expect(browser.cookies.has('postern_session')).toBe(true);
    expect((await browser.request('GET', '/api/me')).status).toBe(200);

    const [identity] = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from identities where user_id = ${account.id}`);
    expect(identity).toMatchObject({ issuer: provider.issuer, subject: sub });
    expect(Object.keys(identity!).sort()).toEqual(['created_at', 'id', 'issuer', 'subject', 'user_id']);
    const [user] = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from users where id = ${account.id}`);
    expect(user!.password_hash).toBeNull();
    expect(JSON.stringify(user)).not.toContain('1906');
    expect(await count(sql`select count(*)::int as n from pending_oidc_signups where subject = ${sub}`)).toBe(0);

    // The pending sign-up is spent.
    const again = await browser.request('POST', '/api/auth/oidc/complete', { body: { username: 'grace_2', birthDate: '1990-12-09', country: 'US' } });
    expect(again.status).toBe(410);

    // Next time the same identity signs straight in.
    const returning = new Browser(t.app);
    provider.signInAs(sub);
    const signedIn = await roundTrip(returning);
    expect(signedIn.headers.get('location')).toBe('/');
    expect((await (await returning.request('GET', '/api/me')).json()).id).toBe(account.id);
  });

  it('manages a sign-up in a captured domain as a password sign-up would be (P11)', async () => {
    const owner = await signUpPerson(t.app);
    const created = await owner.browser.request('POST', '/api/teams', { body: { slug: 'captured-sso', name: 'Captured SSO' } });
    expect(created.status).toBe(201);
    const [team] = await queryRows<{ id: string }>(t.database.db, sql`select id from teams where slug = 'captured-sso'`);
    // Verification and capture have their own tests (team-domains.test.ts); here they are given.
    const now = new Date();
    await t.database.db.execute(
      sql`insert into team_domains (team_id, domain, verification_token, verified_at, capture_started_at, capture_notice_days, capture_effective_at, created_at)
          values (${team!.id}, 'captured.test', 'token', ${now}, ${now}, 1, ${now}, ${now})`,
    );
    providerPerson({ email: 'lin@captured.test', email_verified: true, name: 'Lin', birthdate: '1990-01-01' });
    const browser = new Browser(t.app);
    expect((await roundTrip(browser)).headers.get('location')).toBe('/signup/oidc');
    const done = await browser.request('POST', '/api/auth/oidc/complete', { body: { username: 'lin_sso', birthDate: '1990-01-01', country: 'US' } });
    expect(done.status).toBe(201);
    const account = await done.json();
    const managed = await queryRows<{ team_id: string }>(t.database.db, sql`select team_id from managed_accounts where user_id = ${account.id}`);
    expect(managed).toEqual([{ team_id: team!.id }]);
    // And an email change now waits for the team's approval.
    const change = await browser.request('POST', '/api/me/email-change', { body: { newEmail: 'lin@elsewhere.test' } });
    expect(change.status).toBe(202);
    expect(await change.json()).toMatchObject({ awaitingApproval: true, managedBy: 'Captured SSO' });
  });

  it('marks the email unverified when the provider did not verify it', async () => {
    providerPerson({ email: 'unverified@acme.test', email_verified: false, name: 'Una' });
    const browser = new Browser(t.app);
    await roundTrip(browser);
    const done = await browser.request('POST', '/api/auth/oidc/complete', { body: { username: 'una_v', birthDate: '1990-01-01', country: 'FR' } });
    expect(done.status).toBe(201);
    expect((await done.json()).emailVerified).toBe(false);
  });

  it('refuses a person below the minimum age and forgets what the provider sent', async () => {
    const sub = providerPerson({ email: 'kid@acme.test', email_verified: true, name: 'Kid' });
    const browser = new Browser(t.app);
    await roundTrip(browser);
    const users = await count(sql`select count(*)::int as n from users`);
    const res = await browser.request('POST', '/api/auth/oidc/complete', { body: { username: 'young_one', birthDate: '2012-01-01', country: 'DE' } });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('BELOW_MINIMUM_AGE');
    expect(await count(sql`select count(*)::int as n from users`)).toBe(users);
    expect(await count(sql`select count(*)::int as n from pending_oidc_signups where subject = ${sub}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from identities where subject = ${sub}`)).toBe(0);
  });

  it('rejects invalid sign-up input with 400 and creates nothing', async () => {
    providerPerson({ email: 'valid@acme.test', email_verified: true });
    const browser = new Browser(t.app);
    await roundTrip(browser);
    const users = await count(sql`select count(*)::int as n from users`);
    for (const body of [
      {},
      { username: 'x', birthDate: '1990-01-01', country: 'FR' },
      { username: 'valid_one', birthDate: '01/01/1990', country: 'FR' },
      { username: 'valid_one', birthDate: '1990-01-01', country: 'France' },
    ]) {
      const res = await browser.request('POST', '/api/auth/oidc/complete', { body });
      expect(res.status).toBe(400);
    }
    expect(await count(sql`select count(*)::int as n from users`)).toBe(users);
    // Still pending: a corrected form goes through.
    const ok = await browser.request('POST', '/api/auth/oidc/complete', { body: { username: 'valid_one', birthDate: '1990-01-01', country: 'FR' } });
    expect(ok.status).toBe(201);
    // Without the pending cookie there is nothing to complete.
    const stranger = await new Browser(t.app).request('POST', '/api/auth/oidc/complete', { body: { username: 'other_one', birthDate: '1990-01-01', country: 'FR' } });
    expect(stranger.status).toBe(410);
    expect((await stranger.json()).code).toBe('OIDC_SIGNUP_EXPIRED');
  });

  it('does not link silently to an existing account with the same email', async () => {
    const { person, account } = await signUpPerson(t.app);
    const sub = providerPerson({ email: person.email.toUpperCase(), email_verified: true, name: 'Same Person' });
    const browser = new Browser(t.app);
    const back = await roundTrip(browser);
    expect(back.headers.get('location')).toBe('/signin?error=OIDC_EMAIL_TAKEN');
    expect(browser.cookies.has('postern_session')).toBe(false);
    expect(await count(sql`select count(*)::int as n from identities where subject = ${sub}`)).toBe(0);

    // Signed in with the password, the person links it from settings; then it signs in.
    const signedIn = new Browser(t.app);
    expect((await signedIn.request('POST', '/api/sessions', { body: { login: person.username, password: person.password } })).status).toBe(200);
    provider.signInAs(sub);
    const linked = await roundTrip(signedIn, 'link');
    expect(linked.headers.get('location')).toBe('/settings/account?linked=oidc');
    const list = await (await signedIn.request('GET', '/api/me/identities')).json();
    expect(list.identities).toEqual([{ id: expect.any(String), issuer: provider.issuer, createdAt: expect.any(String) }]);

    const viaProvider = new Browser(t.app);
    expect((await roundTrip(viaProvider)).headers.get('location')).toBe('/');
    expect((await (await viaProvider.request('GET', '/api/me')).json()).id).toBe(account.id);

    // The same identity cannot then be linked to someone else.
    const other = await signUpPerson(t.app);
    provider.signInAs(sub);
    expect((await roundTrip(other.browser, 'link')).headers.get('location')).toBe('/settings/account?error=OIDC_IDENTITY_TAKEN');

    // Unlinking works while a password remains.
    expect((await signedIn.request('DELETE', `/api/me/identities/${list.identities[0].id}`)).status).toBe(204);
    expect((await (await signedIn.request('GET', '/api/me/identities')).json()).identities).toEqual([]);
  });

  it('keeps the only sign-in method of a password-less account', async () => {
    providerPerson({ email: 'only@acme.test', email_verified: true });
    const browser = new Browser(t.app);
    await roundTrip(browser);
    await browser.request('POST', '/api/auth/oidc/complete', { body: { username: 'only_sso', birthDate: '1990-01-01', country: 'FR' } });
    const { identities } = await (await browser.request('GET', '/api/me/identities')).json();
    const res = await browser.request('DELETE', `/api/me/identities/${identities[0].id}`);
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('LAST_SIGN_IN_METHOD');
  });

  it('refuses a callback without the flow cookie, or with a forged one', async () => {
    providerPerson({ email: 'csrf@acme.test', email_verified: true });
    const starter = new Browser(t.app);
    const start = await starter.request('GET', '/api/auth/oidc/start');
    const back = await followUntil(start.headers.get('location')!, PUBLIC_URL);
    // Another browser (an attacker's page) replays the callback URL.
    const victim = new Browser(t.app);
    const res = await victim.request('GET', back.pathname + back.search);
    expect(res.headers.get('location')).toBe('/signin?error=OIDC_STATE_INVALID');
    victim.cookies.set('postern_oidc_flow', 'v1.AAAA.AAAA.AAAA');
    expect((await victim.request('GET', back.pathname + back.search)).headers.get('location')).toBe('/signin?error=OIDC_STATE_INVALID');
    // A tampered state fails the provider exchange checks.
    const tampered = new URL(back);
    tampered.searchParams.set('state', 'not-the-state');
    expect((await starter.request('GET', tampered.pathname + tampered.search)).headers.get('location')).toBe('/signin?error=OIDC_FAILED');
    expect(starter.cookies.has('postern_session')).toBe(false);
  });

  it('needs a session to link, and never serves API keys', async () => {
    const anonymous = await new Browser(t.app).request('GET', '/api/auth/oidc/start?intent=link');
    expect(anonymous.status).toBe(401);
    expect((await new Browser(t.app).request('GET', '/api/auth/oidc/start?intent=admin')).status).toBe(400);
    expect((await new Browser(t.app).request('GET', '/api/me/identities')).status).toBe(401);
    const { browser } = await signUpPerson(t.app);
    const { key } = await (await browser.request('POST', '/api/me/api-keys', { body: { name: 'k', scopes: ['read', 'write'] } })).json();
    for (const path of ['/api/auth/oidc/start', '/api/me/identities']) {
      const res = await t.app.request(path, { headers: { Authorization: `Bearer ${key}` } });
      expect(res.status).toBe(403);
    }
  });

  it('answers 404 OIDC_NOT_CONFIGURED when no provider is set up', async () => {
    const plain = createApp({ database: t.database, passwordHashing: FAST_HASHING, rateLimits: false });
    const browser = new Browser(plain);
    expect(await (await browser.request('GET', '/api/auth/oidc')).json()).toEqual({ enabled: false, name: null });
    const res = await browser.request('GET', '/api/auth/oidc/start');
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('OIDC_NOT_CONFIGURED');
    expect((await browser.request('POST', '/api/auth/oidc/complete', { body: { username: 'abc', birthDate: '1990-01-01', country: 'FR' } })).status).toBe(404);
  });

  it('sends the browser to a page that explains an unreachable provider', async () => {
    // A closed port on loopback: discovery fails at once.
    const unreachable = createApp({
      database: t.database,
      passwordHashing: FAST_HASHING,
      rateLimits: false,
      oidc: { issuer: 'http://127.0.0.1:9/', ...OIDC_CLIENT, name: 'Down SSO' },
    });
    const res = await new Browser(unreachable).request('GET', '/api/auth/oidc/start');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?error=OIDC_UNAVAILABLE');
  });
});
