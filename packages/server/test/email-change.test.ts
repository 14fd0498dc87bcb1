import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { maskEmail } from '../src/modules/email-change/messages.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import type { JsonResponse } from './support/browser.ts';
import { SETUP_TIMEOUT_MS } from './support/content.ts';

const START = new Date('2026-07-01T09:00:00Z');
const HOUR = 60 * 60 * 1000;
const PASSWORD = 'correct horse battery';

/** The token of the last link mailed to `address` whose page is `path`. */
function linkToken(mailer: MemoryMailer, address: string, path: string): string {
  const message = mailer.to(address).at(-1);
  const match = message && new RegExp(`https://postern\\.example${path}#token=([A-Za-z0-9_-]+)`).exec(message.text);
  if (!match) throw new Error(`no ${path} link in the last message to ${address}`);
  return match[1]!;
}

// P23: changing the email needs the password, and the new address must be confirmed.
forEachDatabase('email change (P23)', (target) => {
  let t: TestApp;
  let now = START;
  const mailer = new MemoryMailer();
  const anonymous = () => new Browser(t.app);

  beforeAll(async () => {
    t = await openTestApp(target, { mailer, clock: () => now, publicUrl: 'https://postern.example' });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const me = async (browser: Browser) => (await browser.request('GET', '/api/me')).json();
  /** `password` null sends none. */
  const requestChange = (browser: Browser, newEmail: string, password: string | null = PASSWORD) =>
    browser.request('POST', '/api/me/email-change', { body: { newEmail, ...(password !== null && { password }) } });
  const complete = (token: string) => anonymous().request('POST', '/api/email-changes/complete', { body: { token } });
  const signIn = (login: string) => anonymous().request('POST', '/api/sessions', { body: { login, password: PASSWORD } });
  const auditActions = async (userId: string) =>
    queryRows<{ action: string; details: unknown; target_id: string }>(
      t.database.db,
      sql`select action, details, target_id from audit_events where actor_id = ${userId} and action like 'account.email%' order by occurred_at, action`,
    );

  it('confirms the new address by a link, tells the old one, and switches sign-in to the new address', async () => {
    const { browser, person, account } = await signUpPerson(t.app);
    const newEmail = `New.${person.username}@elsewhere.test`;

    const res = await requestChange(browser, newEmail);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ pendingEmail: newEmail });
    // Pending: the account keeps its address until the new one is confirmed.
    expect(await me(browser)).toMatchObject({ email: person.email, pendingEmail: newEmail });

    const confirmation = mailer.to(newEmail).at(-1)!;
    expect(confirmation.subject).toBe('Confirm your new email address for Postern');
    expect(confirmation.text).toMatch(/^https:\/\/postern\.example\/email-change#token=[A-Za-z0-9_-]{43}$/m);
    const notice = mailer.to(person.email).at(-1)!;
    expect(notice.subject).toBe('Someone asked to change the email of your Postern account');
    expect(notice.text).toContain("If it wasn't you, cancel the change");
    expect(notice.text).toMatch(/^https:\/\/postern\.example\/email-change\/cancel#token=/m);
    // The old address learns the domain, not the whole new address.
    expect(notice.text).toContain(maskEmail(newEmail));
    expect(notice.text).not.toContain(newEmail);

    // Only hashes are stored; the confirm link carries the new address, the cancel link the old.
    const tokens = await queryRows<{ purpose: string; email: string; token_hash: string }>(
      t.database.db,
      sql`select purpose, email, token_hash from email_tokens where user_id = ${account.id} and purpose in ('change_email', 'cancel_email_change') order by purpose`,
    );
    expect(tokens.map((r) => [r.purpose, r.email])).toEqual([
      ['cancel_email_change', person.email],
      ['change_email', newEmail],
    ]);
    const token = linkToken(mailer, newEmail, '/email-change');
    expect(tokens.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && r.token_hash !== token)).toBe(true);

    expect((await complete(token)).status).toBe(204);
    expect(await me(browser)).toMatchObject({ email: newEmail, emailVerified: true, pendingEmail: null });
    // The session that asked for the change is kept.
    expect((await browser.request('GET', '/api/me')).status).toBe(200);

    const changed = mailer.to(person.email).at(-1)!;
    expect(changed.subject).toBe('The email of your Postern account was changed');
    expect(changed.text).toContain(maskEmail(newEmail));

    expect((await signIn(newEmail)).status).toBe(200);
    expect((await signIn(newEmail.toLowerCase())).status).toBe(200);
    const old = await signIn(person.email);
    expect(old.status).toBe(401);
    expect((await old.json()).code).toBe('INVALID_CREDENTIALS');

    // Audited without any address.
    const events = await auditActions(account.id);
    expect(events.map((e) => e.action)).toEqual(['account.email_change_requested', 'account.email_changed']);
    const logged = JSON.stringify(events);
    expect(logged).not.toContain(person.email);
    expect(logged.toLowerCase()).not.toContain(newEmail.toLowerCase());
  });

  it('needs the right password and a new, free address', async () => {
    const { browser, person } = await signUpPerson(t.app);
    const other = await signUpPerson(t.app);
    const sentBefore = mailer.sent.length;

    const missing = await requestChange(browser, 'free1@elsewhere.test', null);
    expect(missing.status).toBe(403);
    expect((await missing.json()).code).toBe('PASSWORD_REQUIRED');
    const wrong = await requestChange(browser, 'free1@elsewhere.test', 'not my password');
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await wrong.json()).code).toBe('PASSWORD_INCORRECT');

    const taken = await requestChange(browser, other.person.email.toUpperCase());
    expect(taken.status).toBe(409);
    expect((await taken.json()).code).toBe('EMAIL_TAKEN');
    const same = await requestChange(browser, person.email.toUpperCase());
    expect(same.status).toBe(400);
    expect((await same.json()).code).toBe('EMAIL_UNCHANGED');
    const invalid = await requestChange(browser, 'not an address');
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).code).toBe('VALIDATION_FAILED');

    // Nothing was mailed and nothing is pending.
    expect(mailer.sent.length).toBe(sentBefore);
    expect((await me(browser)).pendingEmail).toBeNull();
  });

  it('answers 409 when another account takes the address before the link is opened', async () => {
    const { browser, person } = await signUpPerson(t.app);
    const contested = `contested.${person.username}@elsewhere.test`;
    expect((await requestChange(browser, contested)).status).toBe(202);
    const token = linkToken(mailer, contested, '/email-change');
    await signUpPerson(t.app, { email: contested.toUpperCase() });

    const res = await complete(token);
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('EMAIL_TAKEN');
    expect((await me(browser)).email).toBe(person.email);
  });

  it('makes the link single-use, and expired after 24 hours', async () => {
    const a = await signUpPerson(t.app);
    const first = `first.${a.person.username}@elsewhere.test`;
    expect((await requestChange(a.browser, first)).status).toBe(202);
    const token = linkToken(mailer, first, '/email-change');
    expect((await complete(token)).status).toBe(204);
    const again = await complete(token);
    expect(again.status).toBe(400);
    expect((await again.json()).code).toBe('TOKEN_USED');

    const b = await signUpPerson(t.app);
    const late = `late.${b.person.username}@elsewhere.test`;
    expect((await requestChange(b.browser, late)).status).toBe(202);
    const lateToken = linkToken(mailer, late, '/email-change');
    now = new Date(now.getTime() + 24 * HOUR + 1000);
    const expired = await complete(lateToken);
    expect(expired.status).toBe(400);
    expect((await expired.json()).code).toBe('TOKEN_EXPIRED');
    expect((await me(b.browser)).pendingEmail).toBeNull();

    const unknown = await complete('x'.repeat(43));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).code).toBe('TOKEN_INVALID');
  });

  it('can be cancelled in settings or with the link sent to the old address; a new request replaces the old one', async () => {
    const { browser, person, account } = await signUpPerson(t.app);
    const one = `one.${person.username}@elsewhere.test`;
    const two = `two.${person.username}@elsewhere.test`;
    expect((await requestChange(browser, one)).status).toBe(202);
    const oneToken = linkToken(mailer, one, '/email-change');
    expect((await requestChange(browser, two)).status).toBe(202);
    expect((await me(browser)).pendingEmail).toBe(two);
    // The replaced link no longer works.
    expect((await (await complete(oneToken)).json()).code).toBe('TOKEN_USED');

    const twoToken = linkToken(mailer, two, '/email-change');
    expect((await browser.request('DELETE', '/api/me/email-change')).status).toBe(204);
    expect((await me(browser)).pendingEmail).toBeNull();
    expect((await complete(twoToken)).status).toBe(400);
    const none = await browser.request('DELETE', '/api/me/email-change');
    expect(none.status).toBe(404);
    expect((await none.json()).code).toBe('NO_PENDING_EMAIL_CHANGE');

    // From the old inbox, without signing in.
    const three = `three.${person.username}@elsewhere.test`;
    expect((await requestChange(browser, three)).status).toBe(202);
    const threeToken = linkToken(mailer, three, '/email-change');
    const cancelToken = linkToken(mailer, person.email, '/email-change/cancel');
    expect((await anonymous().request('POST', '/api/email-changes/cancel', { body: { token: cancelToken } })).status).toBe(204);
    expect((await me(browser)).pendingEmail).toBeNull();
    expect((await complete(threeToken)).status).toBe(400);
    expect((await me(browser)).email).toBe(person.email);
    expect((await auditActions(account.id)).filter((e) => e.action === 'account.email_change_cancelled')).toHaveLength(2);
  });

  it('stops links still out for the old address once the change is made', async () => {
    const { browser, person } = await signUpPerson(t.app);
    // A reset link mailed to the old address before the change (mailed in the background).
    await anonymous().request('POST', '/api/password-resets', { body: { email: person.email } });
    for (let waited = 0; !mailer.to(person.email).some((m) => m.subject === 'Reset your Postern password'); waited += 10) {
      if (waited > 5000) throw new Error('no reset link');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const resetToken = linkToken(mailer, person.email, '/reset-password');
    const newEmail = `moved.${person.username}@elsewhere.test`;
    expect((await requestChange(browser, newEmail)).status).toBe(202);
    expect((await complete(linkToken(mailer, newEmail, '/email-change'))).status).toBe(204);

    const reset = await anonymous().request('POST', '/api/password-resets/complete', { body: { token: resetToken, password: 'another long password' } });
    expect(reset.status).toBe(400);
    expect((await reset.json()).code).toBe('TOKEN_USED');
  });

  it('is refused to API keys and anonymous callers', async () => {
    const { browser } = await signUpPerson(t.app);
    const key = await (await browser.request('POST', '/api/me/api-keys', { body: { name: 'ci', scopes: ['read', 'write'] } })).json();
    const withKey = (await t.app.request('/api/me/email-change', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ newEmail: 'key@elsewhere.test', password: PASSWORD }),
    })) as JsonResponse;
    expect(withKey.status).toBe(403);
    expect((await withKey.json()).code).toBe('API_KEY_NOT_ALLOWED');
    expect((await anonymous().request('POST', '/api/me/email-change', { body: { newEmail: 'x@elsewhere.test' } })).status).toBe(401);
  });
});

// Email change mails two addresses: it is rate limited like the other mail-sending endpoints.
forEachDatabase('email change rate limit', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  beforeAll(async () => {
    t = await openTestApp(target, { mailer, rateLimits: { verification: { limit: 2, windowSeconds: 3600 } } });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 once the window is full', async () => {
    const { browser, person } = await signUpPerson(t.app);
    const ask = (n: number) => browser.request('POST', '/api/me/email-change', { body: { newEmail: `n${n}.${person.username}@elsewhere.test`, password: PASSWORD } });
    expect((await ask(1)).status).toBe(202);
    expect((await ask(2)).status).toBe(202);
    const third = await ask(3);
    expect(third.status).toBe(429);
    expect((await third.json()).code).toBe('RATE_LIMITED');
    expect(third.headers.get('Retry-After')).toMatch(/^\d+$/);
  });
});
