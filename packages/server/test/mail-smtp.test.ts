import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';

interface Received {
  mail: ParsedMail;
  envelope: { from: string; to: string[] };
  user: string | undefined;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, parsed. */
async function startSmtpServer() {
  const received: Received[] = [];
  const waiting: ((r: Received) => void)[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'postern' && auth.password === 's3cret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refused')) callback(new Error('Mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        const item: Received = {
          mail,
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          user: session.user as string | undefined,
        };
        const waiter = waiting.shift();
        if (waiter) waiter(item);
        else received.push(item);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    /** The next message to arrive (or the oldest not yet taken). */
    next: () =>
      new Promise<Received>((resolve, reject) => {
        const ready = received.shift();
        if (ready) return resolve(ready);
        const timer = setTimeout(() => reject(new Error('no mail arrived within 10 s')), 10_000);
        waiting.push((r) => {
          clearTimeout(timer);
          resolve(r);
        });
      }),
    pending: () => received.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const tokenIn = (text: string | undefined) => /#token=([A-Za-z0-9_-]+)/.exec(text ?? '')?.[1] ?? '';

// The nodemailer transport, against a real SMTP server: what arrives is what people receive.
forEachDatabase('mail over SMTP', (target) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  const reported: unknown[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await openTestApp(target, {
      smtpUrl: `smtp://postern:s3cret@127.0.0.1:${smtp.port}`,
      mailFrom: 'Postern Test <noreply@postern.test>',
      publicUrl: 'https://postern.example',
      reportError: (error) => reported.push(error),
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('delivers the verification email, whose link confirms the address', async () => {
    const { browser, person } = await signUpPerson(t.app);
    const { mail, envelope, user } = await smtp.next();
    expect(user).toBe('postern');
    expect(envelope).toEqual({ from: 'noreply@postern.test', to: [person.email] });
    expect(mail.from?.value).toEqual([{ address: 'noreply@postern.test', name: 'Postern Test' }]);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address).toBe(person.email);
    expect(mail.subject).toBe('Confirm your email address for Postern');
    expect(mail.text).toMatch(/https:\/\/postern\.example\/verify-email#token=[A-Za-z0-9_-]{43}/);
    expect(mail.html).toContain('https://postern.example/verify-email#token=');
    expect(tokenIn(mail.html || undefined)).toBe(tokenIn(mail.text));

    const res = await new Browser(t.app).request('POST', '/api/email-verifications', { body: { token: tokenIn(mail.text) } });
    expect(res.status).toBe(204);
    expect((await (await browser.request('GET', '/api/me')).json()).emailVerified).toBe(true);
    // Nothing went to the outbox.
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from outbox_messages`))[0]!.n).toBe(0);
  });

  it('delivers the reset link and then the notice that the password changed', async () => {
    const { person } = await signUpPerson(t.app);
    await smtp.next(); // the verification email
    const anonymous = new Browser(t.app);
    expect((await anonymous.request('POST', '/api/password-resets', { body: { email: person.email } })).status).toBe(202);
    const reset = await smtp.next();
    expect(reset.envelope.to).toEqual([person.email]);
    expect(reset.mail.subject).toBe('Reset your Postern password');
    expect(reset.mail.text).toMatch(/https:\/\/postern\.example\/reset-password#token=/);

    const done = await anonymous.request('POST', '/api/password-resets/complete', {
      body: { token: tokenIn(reset.mail.text), password: 'the new passphrase' },
    });
    expect(done.status).toBe(204);
    const notice = await smtp.next();
    expect(notice.envelope.to).toEqual([person.email]);
    expect(notice.mail.subject).toBe('Your Postern password was changed');
    expect(notice.mail.text).toContain('every session of the account was signed out');
    const signIn = await anonymous.request('POST', '/api/sessions', { body: { login: person.email, password: 'the new passphrase' } });
    expect(signIn.status).toBe(200);
  });

  it('still opens the account when the server refuses the mail, and says so on resend', async () => {
    const before = reported.length;
    const { browser } = await signUpPerson(t.app, { email: 'refused@example.test' });
    expect(reported.length).toBe(before + 1);
    const res = await browser.request('POST', '/api/me/email-verification');
    expect(res.status).toBe(503);
    expect((await res.json()).code).toBe('MAIL_UNAVAILABLE');
    expect(smtp.pending()).toBe(0);
  });
});
