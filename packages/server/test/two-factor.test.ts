import { sql } from 'drizzle-orm';
import { TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';

const T0 = new Date('2026-06-15T12:00:10Z');
const STEP = 30_000;

forEachDatabase('two-factor authentication (TOTP, P18)', (target) => {
  let t: TestApp;
  let now = T0;

  beforeAll(async () => {
    t = await openTestApp(target, { clock: () => now });
  });
  afterAll(async () => {
    await t?.close();
  });

  const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
  const codeFor = (secret: string, when: Date) => TOTP.generate({ secret: toSecret(secret), timestamp: when.getTime() });
  const count = async (table: string, userId: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where user_id = ${userId}`))[0]!.n;

  async function signIn(login: string, password: string, extra: Record<string, unknown> = {}) {
    const browser = new Browser(t.app);
    const res = await browser.request('POST', '/api/sessions', { body: { login, password, ...extra } });
    return { res, browser };
  }

  /** Signs up, enrolls and confirms at `now`; returns the secret and the recovery codes. */
  async function personWith2fa() {
    const person = await signUpPerson(t.app);
    const started = await person.browser.request('POST', '/api/me/totp');
    expect(started.status).toBe(201);
    const { secret } = await started.json();
    const confirmed = await person.browser.request('POST', '/api/me/totp/confirm', { body: { code: codeFor(secret, now) } });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = await confirmed.json();
    return { ...person, secret, recoveryCodes: recoveryCodes as string[] };
  }

  it('enrolls: a sealed secret, nothing active until a valid code confirms it, then ten recovery codes', async () => {
    now = T0;
    const { browser, person, account } = await signUpPerson(t.app);
    expect(await (await browser.request('GET', '/api/me/totp')).json()).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0 });

    const started = await browser.request('POST', '/api/me/totp');
    expect(started.status).toBe(201);
    const { secret, uri } = await started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(new RegExp(`^otpauth://totp/Postern:${person.username}\\?`));
    expect(uri).toContain(`secret=${secret}`);
    const [stored] = await queryRows<{ secret_sealed: string }>(
      t.database.db,
      sql`select secret_sealed from totp_credentials where user_id = ${account.id}`,
    );
    expect(stored!.secret_sealed).toMatch(/^v1\./);
    expect(stored!.secret_sealed).not.toContain(secret);
    expect(await (await browser.request('GET', '/api/me/totp')).json()).toEqual({ enabled: false, pending: true, recoveryCodesLeft: 0 });

    // Pending is not active: the password alone still signs in.
    expect((await signIn(person.username, person.password)).res.status).toBe(200);

    const wrong = await browser.request('POST', '/api/me/totp/confirm', { body: { code: codeFor(secret, at(-5 * STEP)) } });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).code).toBe('TOTP_CODE_INVALID');
    expect(await count('recovery_codes', account.id)).toBe(0);

    const confirmed = await browser.request('POST', '/api/me/totp/confirm', { body: { code: codeFor(secret, now) } });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = await confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const hashes = await queryRows<{ code_hash: string }>(t.database.db, sql`select code_hash from recovery_codes where user_id = ${account.id}`);
    expect(hashes).toHaveLength(10);
    expect(JSON.stringify(hashes)).not.toContain(recoveryCodes[0].replaceAll('-', ''));
    expect(await (await browser.request('GET', '/api/me/totp')).json()).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10 });

    const again = await browser.request('POST', '/api/me/totp');
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('TOTP_ALREADY_ENABLED');
    const reconfirm = await browser.request('POST', '/api/me/totp/confirm', { body: { code: codeFor(secret, now) } });
    expect(reconfirm.status).toBe(409);
  });

  it('asks for a code at sign-in, creates no session without one, and accepts each code once', async () => {
    now = T0;
    const { person, account, secret } = await personWith2fa();
    const sessionsBefore = await count('sessions', account.id);

    const missing = await signIn(person.username, person.password);
    expect(missing.res.status).toBe(401);
    expect((await missing.res.json()).code).toBe('TOTP_REQUIRED');
    expect(missing.browser.cookies.size).toBe(0);
    expect(await count('sessions', account.id)).toBe(sessionsBefore);

    // The code used to confirm enrollment cannot be replayed.
    const replayed = await signIn(person.username, person.password, { totp: codeFor(secret, now) });
    expect(replayed.res.status).toBe(401);
    expect((await replayed.res.json()).code).toBe('TOTP_INVALID');

    // A wrong password is refused before the code is looked at.
    const wrongPassword = await signIn(person.username, 'not the password', { totp: codeFor(secret, at(STEP)) });
    expect((await wrongPassword.res.json()).code).toBe('INVALID_CREDENTIALS');

    now = at(2 * STEP);
    // One step behind is still inside the window.
    const previousStep = await signIn(person.username, person.password, { totp: codeFor(secret, at(STEP)) });
    expect(previousStep.res.status).toBe(200);
    expect(previousStep.browser.cookies.has('postern_session')).toBe(true);
    const sameAgain = await signIn(person.username, person.password, { totp: codeFor(secret, at(STEP)) });
    expect(sameAgain.res.status).toBe(401);
    const current = await signIn(person.username, person.password, { totp: codeFor(secret, now) });
    expect(current.res.status).toBe(200);
    const tooOld = await signIn(person.username, person.password, { totp: codeFor(secret, at(-STEP)) });
    expect((await tooOld.res.json()).code).toBe('TOTP_INVALID');
    now = at(10 * STEP);
    const stale = await signIn(person.username, person.password, { totp: codeFor(secret, at(7 * STEP)) });
    expect(stale.res.status).toBe(401);
    const future = await signIn(person.username, person.password, { totp: codeFor(secret, at(11 * STEP)) });
    expect(future.res.status).toBe(200);
    expect(await count('sessions', account.id)).toBe(sessionsBefore + 3);
    now = T0;
  });

  it('accepts each recovery code once, however it is typed', async () => {
    now = T0;
    const { person, recoveryCodes, browser } = await personWith2fa();
    const [first, second] = recoveryCodes as [string, string];
    expect((await signIn(person.username, person.password, { recoveryCode: first })).res.status).toBe(200);
    const reused = await signIn(person.username, person.password, { recoveryCode: first });
    expect(reused.res.status).toBe(401);
    expect((await reused.res.json()).code).toBe('RECOVERY_CODE_INVALID');
    const sloppy = second.toLowerCase().replaceAll('-', ' ');
    expect((await signIn(person.username, person.password, { recoveryCode: sloppy })).res.status).toBe(200);
    expect((await signIn(person.username, person.password, { recoveryCode: 'AAAA-AAAA-AAAA-AAAA' })).res.status).toBe(401);
    expect((await (await browser.request('GET', '/api/me/totp')).json()).recoveryCodesLeft).toBe(8);
  });

  it('regenerates recovery codes with the password; the old ones stop working', async () => {
    now = T0;
    const { person, recoveryCodes, browser, account } = await personWith2fa();
    const wrong = await browser.request('POST', '/api/me/totp/recovery-codes', { body: { password: 'wrong password' } });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).code).toBe('PASSWORD_INCORRECT');
    const res = await browser.request('POST', '/api/me/totp/recovery-codes', { body: { password: person.password } });
    expect(res.status).toBe(200);
    const fresh = (await res.json()).recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    expect(await count('recovery_codes', account.id)).toBe(10);
    expect((await signIn(person.username, person.password, { recoveryCode: recoveryCodes[0] })).res.status).toBe(401);
    expect((await signIn(person.username, person.password, { recoveryCode: fresh[0] })).res.status).toBe(200);
  });

  it('turns off with the password, deleting the secret and the codes', async () => {
    now = T0;
    const { person, browser, account } = await personWith2fa();
    const wrong = await browser.request('DELETE', '/api/me/totp', { body: { password: 'wrong password' } });
    expect(wrong.status).toBe(403);
    expect(await count('totp_credentials', account.id)).toBe(1);
    const off = await browser.request('DELETE', '/api/me/totp', { body: { password: person.password } });
    expect(off.status).toBe(204);
    expect(await count('totp_credentials', account.id)).toBe(0);
    expect(await count('recovery_codes', account.id)).toBe(0);
    expect((await signIn(person.username, person.password)).res.status).toBe(200);
    const offAgain = await browser.request('DELETE', '/api/me/totp', { body: { password: person.password } });
    expect(offAgain.status).toBe(409);
    expect((await offAgain.json()).code).toBe('TOTP_NOT_ENABLED');
    const regenerate = await browser.request('POST', '/api/me/totp/recovery-codes', { body: { password: person.password } });
    expect((await regenerate.json()).code).toBe('TOTP_NOT_ENABLED');
  });

  it('refuses anonymous requests and requests without the CSRF token', async () => {
    now = T0;
    const anonymous = new Browser(t.app);
    for (const [method, path, body] of [
      ['GET', '/api/me/totp'],
      ['POST', '/api/me/totp'],
      ['POST', '/api/me/totp/confirm', { code: '123456' }],
      ['DELETE', '/api/me/totp', { password: 'x' }],
      ['POST', '/api/me/totp/recovery-codes', { password: 'x' }],
    ] as [string, string, unknown?][]) {
      const res = await anonymous.request(method, path, body === undefined ? {} : { body });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const { browser, account } = await signUpPerson(t.app);
    const noCsrf = await browser.request('POST', '/api/me/totp', { csrf: 'nope' });
    expect(noCsrf.status).toBe(403);
    expect(await count('totp_credentials', account.id)).toBe(0);
  });

  it('rejects invalid input with 400 and changes nothing', async () => {
    now = T0;
    const { browser, account, person, secret } = await personWith2fa();
    for (const body of [{}, { password: '' }, { password: 12 }]) {
      const res = await browser.request('DELETE', '/api/me/totp', { body });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION_FAILED');
      expect((await browser.request('POST', '/api/me/totp/recovery-codes', { body })).status).toBe(400);
    }
    expect(await count('totp_credentials', account.id)).toBe(1);

    const fresh = await signUpPerson(t.app);
    await fresh.browser.request('POST', '/api/me/totp');
    for (const code of ['12345', '1234567', 'abcdef', 123456]) {
      const res = await fresh.browser.request('POST', '/api/me/totp/confirm', { body: { code } });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION_FAILED');
    }
    expect(await count('recovery_codes', fresh.account.id)).toBe(0);

    for (const extra of [{ totp: '12345' }, { totp: 'abcdef' }, { recoveryCode: '' }]) {
      const res = await signIn(person.username, person.password, extra);
      expect(res.res.status).toBe(400);
    }
    // The invalid attempts did not burn the current step.
    now = at(STEP);
    expect((await signIn(person.username, person.password, { totp: codeFor(secret, now) })).res.status).toBe(200);
    now = T0;
  });
});

function toSecret(base32: string) {
  return new TOTP({ secret: base32 }).secret;
}
