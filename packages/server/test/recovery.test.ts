import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { RESET_ACCEPTED_MESSAGE } from '../src/modules/recovery/routes.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, MemoryMailer, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';

const START = new Date('2026-06-15T12:00:00Z');
const HOUR = 60 * 60 * 1000;

/** The token of the last link mailed to `address`, from the link in its text. */
function tokenFrom(mailer: MemoryMailer, address: string): string {
  const message = mailer.to(address).at(-1);
  const match = message && /https?:\/\/\S+#token=([A-Za-z0-9_-]+)/.exec(message.text);
  if (!match) throw new Error(`no link in the last message to ${address}`);
  return match[1]!;
}

/** Reset links are mailed in the background: waits until `address` has received `count` messages. */
async function mailCount(mailer: MemoryMailer, address: string, count: number): Promise<void> {
  for (let waited = 0; mailer.to(address).length < count; waited += 10) {
    if (waited > 5000) throw new Error(`${address} received ${mailer.to(address).length} messages, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// P18: email verification and password reset by single-use, expiring links.
forEachDatabase('email verification and password reset', (target) => {
  let t: TestApp;
  let now = START;
  const mailer = new MemoryMailer();
  const anonymous = () => new Browser(t.app);

  beforeAll(async () => {
    t = await openTestApp(target, { mailer, clock: () => now, publicUrl: 'https://postern.example' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);

  describe('verification', () => {
    it('mails a link at sign-up that confirms the address once', async () => {
      const { browser, person, account } = await signUpPerson(t.app);
      expect(account.emailVerified).toBe(false);
      const [message] = mailer.to(person.email);
      expect(message).toMatchObject({ to: person.email, subject: 'Confirm your email address for Postern' });
      expect(message!.text).toMatch(/^https:\/\/postern\.example\/verify-email#token=[A-Za-z0-9_-]{43}$/m);
      expect(message!.html).toContain('href="https://postern.example/verify-email#token=');
      const token = tokenFrom(mailer, person.email);

      // Only a SHA-256 of the token is stored, with a 24-hour expiry.
      const stored = await rows<{ token_hash: string; expires_at: Date; purpose: string }>(
        sql`select token_hash, expires_at, purpose from email_tokens where user_id = ${account.id}`,
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]!.purpose).toBe('verify_email');
      expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0]!.token_hash).not.toContain(token);
      expect(new Date(stored[0]!.expires_at).getTime()).toBe(START.getTime() + 24 * HOUR);

      const res = await anonymous().request('POST', '/api/email-verifications', { body: { token } });
      expect(res.status).toBe(204);
      expect((await (await browser.request('GET', '/api/me')).json()).emailVerified).toBe(true);

      const again = await anonymous().request('POST', '/api/email-verifications', { body: { token } });
      expect(again.status).toBe(400);
      expect(again.headers.get('Content-Type')).toBe('application/problem+json');
      expect((await again.json()).code).toBe('TOKEN_USED');
    });

    it('refuses unknown, expired and malformed tokens', async () => {
      const { person, browser } = await signUpPerson(t.app);
      const token = tokenFrom(mailer, person.email);

      const unknown = await anonymous().request('POST', '/api/email-verifications', { body: { token: 'x'.repeat(43) } });
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).code).toBe('TOKEN_INVALID');

      const invalid = await anonymous().request('POST', '/api/email-verifications', { body: { token: '' } });
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).code).toBe('VALIDATION_FAILED');

      now = new Date(START.getTime() + 24 * HOUR + 1000);
      try {
        const expired = await anonymous().request('POST', '/api/email-verifications', { body: { token } });
        expect(expired.status).toBe(400);
        expect((await expired.json()).code).toBe('TOKEN_EXPIRED');
      } finally {
        now = START;
      }
      expect((await (await browser.request('GET', '/api/me')).json()).emailVerified).toBe(false);
    });

    it('resends a link to the signed-in person, until the address is confirmed', async () => {
      const { browser, person } = await signUpPerson(t.app);
      expect((await anonymous().request('POST', '/api/me/email-verification')).status).toBe(401);
      // A cookie-authenticated request without the CSRF header is refused.
      expect((await browser.request('POST', '/api/me/email-verification', { csrf: 'wrong' })).status).toBe(403);
      expect(mailer.to(person.email)).toHaveLength(1);

      expect((await browser.request('POST', '/api/me/email-verification')).status).toBe(202);
      expect(mailer.to(person.email)).toHaveLength(2);
      const second = tokenFrom(mailer, person.email);
      expect((await anonymous().request('POST', '/api/email-verifications', { body: { token: second } })).status).toBe(204);

      const done = await browser.request('POST', '/api/me/email-verification');
      expect(done.status).toBe(409);
      expect((await done.json()).code).toBe('EMAIL_ALREADY_VERIFIED');
      expect(mailer.to(person.email)).toHaveLength(2);
    });

    it('does not confirm an address the account no longer has', async () => {
      const { browser, person, account } = await signUpPerson(t.app);
      const token = tokenFrom(mailer, person.email);
      await t.database.db.execute(sql`update users set email = ${`changed.${person.email}`} where id = ${account.id}`);
      const res = await anonymous().request('POST', '/api/email-verifications', { body: { token } });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('TOKEN_INVALID');
      expect((await (await browser.request('GET', '/api/me')).json()).emailVerified).toBe(false);
    });
  });

  describe('password reset', () => {
    it('answers the same for known and unknown addresses, and mails only the known one', async () => {
      const { person } = await signUpPerson(t.app);
      const before = mailer.sent.length;
      const known = await anonymous().request('POST', '/api/password-resets', { body: { email: person.email.toUpperCase() } });
      const unknown = await anonymous().request('POST', '/api/password-resets', { body: { email: 'nobody@example.test' } });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      const [knownBody, unknownBody] = [await known.text(), await unknown.text()];
      expect(knownBody).toBe(unknownBody);
      expect(JSON.parse(knownBody)).toEqual({ message: RESET_ACCEPTED_MESSAGE });
      expect([...known.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort());
      await mailCount(mailer, person.email, 2);
      expect(mailer.sent.length).toBe(before + 1);
      expect(mailer.sent.at(-1)).toMatchObject({ to: person.email, subject: 'Reset your Postern password' });
      expect(mailer.to('nobody@example.test')).toHaveLength(0);

      const invalid = await anonymous().request('POST', '/api/password-resets', { body: { email: 'not an address' } });
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).code).toBe('VALIDATION_FAILED');
    });

    it('sets the new password, ends every session, tells the person and uses the link once', async () => {
      const { browser, person, account } = await signUpPerson(t.app);
      const laptop = new Browser(t.app);
      expect((await laptop.request('POST', '/api/sessions', { body: { login: person.username, password: person.password } })).status).toBe(200);
      await anonymous().request('POST', '/api/password-resets', { body: { email: person.email } });
      await mailCount(mailer, person.email, 2);
      const first = tokenFrom(mailer, person.email);
      await anonymous().request('POST', '/api/password-resets', { body: { email: person.email } });
      await mailCount(mailer, person.email, 3);
      const second = tokenFrom(mailer, person.email);
      expect(mailer.to(person.email).at(-1)!.text).toMatch(/^https:\/\/postern\.example\/reset-password#token=/m);

      // A too-short password is refused and leaves the link usable.
      const short = await anonymous().request('POST', '/api/password-resets/complete', { body: { token: second, password: 'short' } });
      expect(short.status).toBe(400);
      expect((await short.json()).code).toBe('VALIDATION_FAILED');

      const res = await anonymous().request('POST', '/api/password-resets/complete', {
        body: { token: second, password: 'a brand new passphrase' },
      });
      expect(res.status).toBe(204);

      const [stored] = await rows<{ password_hash: string }>(sql`select password_hash from users where id = ${account.id}`);
      expect(stored!.password_hash).toMatch(/^\$argon2id\$/);
      // Every session ended.
      expect((await browser.request('GET', '/api/me')).status).toBe(401);
      expect((await laptop.request('GET', '/api/me')).status).toBe(401);
      expect((await rows<{ n: number }>(sql`select count(*)::int as n from sessions where user_id = ${account.id}`))[0]!.n).toBe(0);
      // The notice.
      expect(mailer.to(person.email).at(-1)).toMatchObject({ subject: 'Your Postern password was changed' });

      const signIn = (password: string) => anonymous().request('POST', '/api/sessions', { body: { login: person.username, password } });
      expect((await signIn(person.password)).status).toBe(401);
      expect((await signIn('a brand new passphrase')).status).toBe(200);

      // The link works once, and the older link died with it.
      const reused = await anonymous().request('POST', '/api/password-resets/complete', { body: { token: second, password: 'yet another passphrase' } });
      expect(reused.status).toBe(400);
      expect((await reused.json()).code).toBe('TOKEN_USED');
      const older = await anonymous().request('POST', '/api/password-resets/complete', { body: { token: first, password: 'yet another passphrase' } });
      expect(older.status).toBe(400);
      expect((await older.json()).code).toBe('TOKEN_USED');
      expect((await signIn('a brand new passphrase')).status).toBe(200);
    });

    it('expires the link after an hour', async () => {
      const { person } = await signUpPerson(t.app);
      await anonymous().request('POST', '/api/password-resets', { body: { email: person.email } });
      await mailCount(mailer, person.email, 2);
      const token = tokenFrom(mailer, person.email);
      const [stored] = await rows<{ expires_at: Date }>(sql`select expires_at from email_tokens where purpose = 'reset_password' order by created_at desc limit 1`);
      expect(new Date(stored!.expires_at).getTime()).toBe(START.getTime() + HOUR);
      now = new Date(START.getTime() + HOUR);
      try {
        const res = await anonymous().request('POST', '/api/password-resets/complete', { body: { token, password: 'a brand new passphrase' } });
        expect(res.status).toBe(400);
        expect((await res.json()).code).toBe('TOKEN_EXPIRED');
      } finally {
        now = START;
      }
      const signIn = await anonymous().request('POST', '/api/sessions', { body: { login: person.username, password: person.password } });
      expect(signIn.status).toBe(200);
    });

    it('does not accept a verification token as a reset token', async () => {
      const { person } = await signUpPerson(t.app);
      const token = tokenFrom(mailer, person.email);
      const res = await anonymous().request('POST', '/api/password-resets/complete', { body: { token, password: 'a brand new passphrase' } });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('TOKEN_INVALID');
    });
  });
});
