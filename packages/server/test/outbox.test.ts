import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { createOutboxMailer } from '../src/mail/outbox-mailer.ts';
import { createOutboxService } from '../src/modules/outbox/service.ts';
import { createOutboxStore } from '../src/modules/outbox/store.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';

const START = new Date('2026-06-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

// Without SMTP settings mail goes to the outbox, which only the operator reads.
forEachDatabase('the local outbox', (target) => {
  let t: TestApp;
  let now = START;
  let operator: Browser;
  let member: Browser;
  let memberEmail: string;
  let operatorEmail: string;

  beforeAll(async () => {
    // No mailer and no smtpUrl: the app picks the outbox.
    t = await openTestApp(target, { clock: () => now });
    const first = await signUpPerson(t.app);
    expect(first.account.operator).toBe(true);
    operator = first.browser;
    operatorEmail = first.person.email;
    now = new Date(START.getTime() + 1000);
    const second = await signUpPerson(t.app);
    member = second.browser;
    memberEmail = second.person.email;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the mail the app sends and shows it to the operator, newest first', async () => {
    const res = await operator.request('GET', '/api/admin/outbox');
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((m: { to: string }) => m.to)).toEqual([memberEmail, operatorEmail]);
    expect(page.items[0]).toEqual({
      id: expect.any(String),
      to: memberEmail,
      subject: 'Confirm your email address for Postern',
      text: expect.stringMatching(/^http:\/\/localhost:4400\/verify-email#token=/m),
      html: expect.stringContaining('<a href="http://localhost:4400/verify-email#token='),
      headers: {},
      createdAt: new Date(START.getTime() + 1000).toISOString(),
    });
  });

  it('pages with a cursor', async () => {
    const first = await (await operator.request('GET', '/api/admin/outbox?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.items[0].to).toBe(memberEmail);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await operator.request('GET', `/api/admin/outbox?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((m: { to: string }) => m.to)).toEqual([operatorEmail]);
    expect(second.nextCursor).toBeNull();

    for (const query of ['limit=0', 'limit=500', 'limit=abc']) {
      const bad = await operator.request('GET', `/api/admin/outbox?${query}`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('VALIDATION_FAILED');
    }
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    for (const cursor of ['garbage', forged]) {
      const bad = await operator.request('GET', `/api/admin/outbox?cursor=${cursor}`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('INVALID_CURSOR');
    }
  });

  it('is for the operator only', async () => {
    const anonymous = await new Browser(t.app).request('GET', '/api/admin/outbox');
    expect(anonymous.status).toBe(401);
    const forbidden = await member.request('GET', '/api/admin/outbox');
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await forbidden.json()).toMatchObject({ code: 'OPERATOR_ONLY' });
  });

  it('stores the extra headers', async () => {
    now = new Date(START.getTime() + 2000);
    const outbox = createOutboxService({ store: createOutboxStore(t.database.db), clock: () => now });
    await createOutboxMailer(outbox).send({
      to: 'list@example.test',
      subject: 'Hello',
      text: 'Plain',
      headers: { 'List-Unsubscribe': '<https://postern.example/unsubscribe/abc>' },
    });
    const [latest] = (await (await operator.request('GET', '/api/admin/outbox?limit=1')).json()).items;
    expect(latest).toMatchObject({ to: 'list@example.test', html: null, headers: { 'List-Unsubscribe': '<https://postern.example/unsubscribe/abc>' } });
  });

  it('deletes messages older than 30 days when the outbox is read or written', async () => {
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from outbox_messages`))[0]!.n;
    expect(await count()).toBe(3);
    now = new Date(START.getTime() + 20 * DAY);
    expect((await operator.request('POST', '/api/me/email-verification')).status).toBe(202);
    expect(await count()).toBe(4);

    // 30 days after the sign-ups, but not yet after the message of day 20.
    now = new Date(START.getTime() + 30 * DAY + 3000);
    const page = await (await operator.request('GET', '/api/admin/outbox')).json();
    expect(page.items.map((m: { createdAt: string }) => m.createdAt)).toEqual([new Date(START.getTime() + 20 * DAY).toISOString()]);
    expect(await count()).toBe(1);

    // A write sweeps too.
    now = new Date(START.getTime() + 51 * DAY);
    await createOutboxMailer(createOutboxService({ store: createOutboxStore(t.database.db), clock: () => now })).send({
      to: 'later@example.test',
      subject: 'Later',
      text: 'Later',
    });
    expect(await queryRows<{ to: string }>(t.database.db, sql`select "to" from outbox_messages`)).toEqual([{ to: 'later@example.test' }]);
  });
});
