/**
 * Support tickets (P3): the form for signed-in people and people without an account, attachment
 * checks by size, count and magic bytes, the operator-only queue and replies by mail and in the
 * app, the requester's own list, the lookup for operator access (P16), the audit trail and
 * retention of resolved tickets on a fake clock (P19).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { createAuditService } from '../src/modules/audit/service.ts';
import { createAuditStore } from '../src/modules/audit/store.ts';
import { createRetention } from '../src/modules/retention/job.ts';
import { declarations as supportDeclarations } from '../src/modules/support-tickets/datamap.ts';
import { findTicketForOwner } from '../src/modules/support-tickets/service.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import type { JsonResponse } from './support/browser.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const LOG = Buffer.from('2026-03-10T09:00:00Z ERROR request failed: ECONNRESET\n\tat send (send.ts:12)\n');
// The start of a Windows executable ("MZ" header), named as a screenshot.
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);
const b64 = (bytes: Buffer) => bytes.toString('base64');

vi.setConfig({ testTimeout: 120_000 });

forEachDatabase('support tickets (P3)', (target) => {
  let t: TestApp;
  const now = new Date('2026-03-10T09:30:00Z');
  const mailer = new MemoryMailer();
  let operator: Awaited<ReturnType<typeof signUpPerson>>;
  let ada: Awaited<ReturnType<typeof signUpPerson>>;
  let bob: Awaited<ReturnType<typeof signUpPerson>>;
  let address = 0;

  beforeAll(async () => {
    const generous = { limit: 1000, windowSeconds: 3600 };
    t = await openTestApp(target, {
      mailer,
      clock: () => now,
      trustProxy: true,
      publicUrl: 'https://postern.example',
      rateLimits: { signUp: generous, signIn: generous, verification: generous, supportTickets: { limit: 3, windowSeconds: 3600 } },
    });
    operator = await signUpPerson(t.app);
    expect(operator.account.operator).toBe(true);
    ada = await signUpPerson(t.app);
    bob = await signUpPerson(t.app);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A call without an account, from a fresh client address (the rate limit is per address). */
  const postAnonymous = async (body: unknown, ip = `203.0.113.${(address++ % 250) + 1}`) =>
    (await t.app.request('/api/support/tickets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
      body: JSON.stringify(body),
    })) as JsonResponse;
  const ticket = (overrides: Record<string, unknown> = {}) => ({
    contactName: 'Ada',
    contactEmail: ada.person.email,
    summary: 'Runs stop after the first request',
    description: 'Every run of my collection stops after one request.',
    ...overrides,
  });
  const openAsAda = async (overrides: Record<string, unknown> = {}) => {
    const res = await ada.browser.request('POST', '/api/support/tickets', { body: ticket(overrides), headers: { 'X-Forwarded-For': `192.0.2.${(address++ % 250) + 1}` } });
    return res;
  };
  const queue = async (query = '') => (await (await operator.browser.request('GET', `/api/admin/support/tickets${query}`)).json()).tickets as Record<string, any>[];

  describe('opening a ticket', () => {
    it('takes a signed-in ticket with valid attachments, mails a confirmation and audits it', async () => {
      const res = await openAsAda({
        attachments: [
          { name: 'screen.png', data: b64(PNG) },
          { name: 'invoice.pdf', data: b64(PDF) },
          { name: 'run.log', data: b64(LOG) },
        ],
      });
      expect(res.status).toBe(201);
      const { reference, state } = await res.json();
      expect(reference).toMatch(/^ST-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(state).toBe('open');
      const mail = mailer.to(ada.person.email).at(-1)!;
      expect(mail.subject).toContain(reference);
      expect(mail.text).toContain(`https://postern.example/support/tickets/${reference}`);

      const mine = await (await ada.browser.request('GET', `/api/me/support/tickets/${reference}`)).json();
      expect(mine.attachments.map((a: { contentType: string }) => a.contentType).sort()).toEqual(['application/pdf', 'image/png', 'text/plain']);
      const png = mine.attachments.find((a: { fileName: string }) => a.fileName === 'screen.png');
      expect(png).toMatchObject({ contentType: 'image/png', size: PNG.length });
      const download = await ada.browser.request('GET', `/api/me/support/tickets/${reference}/attachments/${png.id}`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('image/png');
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

      const [audit] = await queryRows<{ actor_id: string; details: Record<string, unknown> }>(
        t.database.db,
        sql`select actor_id, details from audit_events where action = 'support.ticket_opened' and target_id = ${mine.id}`,
      );
      expect(audit).toMatchObject({ actor_id: ada.account.id, details: { reference, attachments: 3 } });
      expect(JSON.stringify(audit!.details)).not.toContain(ada.person.email);
    });

    it('refuses a .png that holds an executable, naming the file', async () => {
      const res = await openAsAda({ attachments: [{ name: 'screenshot.png', data: b64(EXE) }] });
      expect(res.status).toBe(415);
      const problem = await res.json();
      expect(problem.code).toBe('ATTACHMENT_TYPE_UNSUPPORTED');
      expect(problem.detail).toContain('screenshot.png');
      expect(problem.detail).toMatch(/contents, not its name/);
    });

    it('refuses a file over 5 MiB, more than 15 MiB together and more than 5 files', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      const one = await openAsAda({ attachments: [{ name: 'huge.png', data: b64(big) }] });
      expect(one.status).toBe(413);
      expect(await one.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', detail: expect.stringContaining('huge.png') });

      const four = Buffer.concat([PNG, Buffer.alloc(4 * 1024 * 1024)]);
      const many = await openAsAda({ attachments: [1, 2, 3, 4].map((i) => ({ name: `part${i}.png`, data: b64(four) })) });
      expect(many.status).toBe(413);
      expect((await many.json()).code).toBe('ATTACHMENTS_TOO_LARGE');

      const six = await openAsAda({ attachments: [1, 2, 3, 4, 5, 6].map((i) => ({ name: `s${i}.png`, data: b64(PNG) })) });
      expect(six.status).toBe(400);
      expect(JSON.stringify(await six.json())).toMatch(/at most 5 files/);
      const count = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from support_tickets where summary = 'Runs stop after the first request'`);
      expect(count[0]!.n).toBe(1);
    });

    it('takes a ticket from someone without an account, with their contact email, and rate-limits the form', async () => {
      const ip = '203.0.113.250';
      const email = 'visitor@example.test';
      const res = await postAnonymous(ticket({ contactName: 'Visitor', contactEmail: email, summary: 'Cannot sign up' }), ip);
      expect(res.status).toBe(201);
      const { reference } = await res.json();
      expect(mailer.to(email).at(-1)!.text).toContain(reference);
      const [row] = await queryRows<{ requester_id: string | null; contact_email: string }>(t.database.db, sql`select requester_id, contact_email from support_tickets where reference = ${reference}`);
      expect(row).toEqual({ requester_id: null, contact_email: email });

      const missing = await postAnonymous({ contactName: 'Visitor', summary: 'x', description: 'y' });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(await missing.json())).toContain('contactEmail');

      expect((await postAnonymous(ticket({ contactEmail: email }), ip)).status).toBe(201);
      expect((await postAnonymous(ticket({ contactEmail: email }), ip)).status).toBe(201);
      const limited = await postAnonymous(ticket({ contactEmail: email }), ip);
      expect(limited.status).toBe(429);
      expect((await limited.json()).code).toBe('RATE_LIMITED');
    });
  });

  describe('the queue and the requester', () => {
    it('shows the queue to the operator only; replies are mailed and shown in the app; resolving is audited', async () => {
      const forbidden = await ada.browser.request('GET', '/api/admin/support/tickets');
      expect(forbidden.status).toBe(403);
      expect((await forbidden.json()).code).toBe('OPERATOR_ONLY');
      expect((await t.app.request('/api/admin/support/tickets')).status).toBe(401);

      const opened = await (await openAsAda({ summary: 'Export is empty', description: 'My export ZIP has no collections.' })).json();
      const item = (await queue('?state=active')).find((x) => x.reference === opened.reference)!;
      expect(item).toMatchObject({ state: 'open', contactEmail: ada.person.email, hasAccount: true });
      expect((await ada.browser.request('GET', `/api/admin/support/tickets/${item.id}`)).status).toBe(403);

      const replied = await operator.browser.request('POST', `/api/admin/support/tickets/${item.id}/replies`, { body: { body: 'Which workspace do you export?' } });
      expect(replied.status).toBe(200);
      expect((await replied.json()).state).toBe('waiting');
      const mail = mailer.to(ada.person.email).at(-1)!;
      expect(mail.subject).toContain(opened.reference);
      expect(mail.text).toContain('Which workspace do you export?');

      // In the app: Ada reads the answer and replies; the ticket is the operator's turn again.
      const view = await (await ada.browser.request('GET', `/api/me/support/tickets/${opened.reference}`)).json();
      expect(view.messages).toEqual([expect.objectContaining({ from: 'operator', body: 'Which workspace do you export?' })]);
      const answer = await ada.browser.request('POST', `/api/me/support/tickets/${opened.reference}/replies`, { body: { body: 'My personal one.' } });
      expect((await answer.json()).state).toBe('open');

      const resolved = await operator.browser.request('POST', `/api/admin/support/tickets/${item.id}/replies`, { body: { body: 'Fixed in 0.2.', state: 'resolved' } });
      const done = await resolved.json();
      expect(done.state).toBe('resolved');
      expect(done.resolvedAt).toBe(now.toISOString());
      expect(mailer.to(ada.person.email).at(-1)!.subject).toMatch(/Resolved/);
      const [audit] = await queryRows<{ actor_id: string }>(t.database.db, sql`select actor_id from audit_events where action = 'support.ticket_resolved' and target_id = ${item.id}`);
      expect(audit!.actor_id).toBe(operator.account.id);
    });

    it('lets a requester see only their own tickets', async () => {
      const opened = await (await openAsAda({ summary: 'Private to Ada' })).json();
      const bobs = await (await bob.browser.request('GET', '/api/me/support/tickets')).json();
      expect(bobs.tickets.some((x: { reference: string }) => x.reference === opened.reference)).toBe(false);
      const adas = await (await ada.browser.request('GET', '/api/me/support/tickets')).json();
      expect(adas.tickets.some((x: { reference: string }) => x.reference === opened.reference)).toBe(true);
      const peek = await bob.browser.request('GET', `/api/me/support/tickets/${opened.reference}`);
      expect(peek.status).toBe(404);
      expect((await peek.json()).code).toBe('TICKET_NOT_FOUND');
      expect((await bob.browser.request('POST', `/api/me/support/tickets/${opened.reference}/replies`, { body: { body: 'hi' } })).status).toBe(404);
      expect((await t.app.request('/api/me/support/tickets')).status).toBe(401);
    });

    it('finds an open ticket for its owner only (operator access, P16)', async () => {
      const opened = await (await openAsAda({ summary: 'Please look at my workspace' })).json();
      expect(await findTicketForOwner(t.database.db, opened.reference, ada.account.id)).toMatchObject({ reference: opened.reference, state: 'open' });
      expect(await findTicketForOwner(t.database.db, opened.reference.toLowerCase(), ada.account.id)).toBeDefined();
      expect(await findTicketForOwner(t.database.db, opened.reference, bob.account.id)).toBeUndefined();
      expect(await findTicketForOwner(t.database.db, 'ST-0000-0000', ada.account.id)).toBeUndefined();
      expect(await findTicketForOwner(t.database.db, 'not a reference', ada.account.id)).toBeUndefined();
      const item = (await queue()).find((x) => x.reference === opened.reference)!;
      await operator.browser.request('POST', `/api/admin/support/tickets/${item.id}/state`, { body: { state: 'resolved' } });
      expect(await findTicketForOwner(t.database.db, opened.reference, ada.account.id)).toBeUndefined();
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, any> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/support/tickets', '/api/me/support/tickets/{reference}/replies', '/api/admin/support/tickets', '/api/admin/support/tickets/{id}/state']),
    );
    expect(JSON.stringify(doc.paths['/api/support/tickets'].post.responses['415'])).toContain('ATTACHMENT_TYPE_UNSUPPORTED');
  });

  it('purges attachments 90 days and resolved tickets 12 months after resolution, and keeps open ones', async () => {
    const resolvedTicket = await (await openAsAda({ summary: 'Old resolved', attachments: [{ name: 'a.png', data: b64(PNG) }] })).json();
    const openTicket = await (await openAsAda({ summary: 'Old but open', attachments: [{ name: 'b.png', data: b64(PNG) }] })).json();
    const id = (ref: string) => queue().then((q) => q.find((x) => x.reference === ref)!.id as string);
    const resolvedId = await id(resolvedTicket.reference);
    await operator.browser.request('POST', `/api/admin/support/tickets/${resolvedId}/replies`, { body: { body: 'Done.', state: 'resolved' } });

    const audit = createAuditService({ store: createAuditStore(t.database.db), clock: () => now });
    const retention = createRetention({ db: t.database.db, audit, clock: () => now, eraseDue: async () => undefined, map: supportDeclarations });
    const counts = async (reference: string) => {
      const [row] = await queryRows<{ tickets: number; attachments: number; messages: number }>(
        t.database.db,
        sql`select (select count(*)::int from support_tickets where reference = ${reference}) as tickets,
                   (select count(*)::int from support_ticket_attachments a join support_tickets s on s.id = a.ticket_id where s.reference = ${reference}) as attachments,
                   (select count(*)::int from support_ticket_messages m join support_tickets s on s.id = m.ticket_id where s.reference = ${reference}) as messages`,
      );
      return row!;
    };

    await retention.applyRetention(new Date(now.getTime() + 89 * DAY_MS));
    expect(await counts(resolvedTicket.reference)).toEqual({ tickets: 1, attachments: 1, messages: 1 });
    await retention.applyRetention(new Date(now.getTime() + 91 * DAY_MS));
    expect(await counts(resolvedTicket.reference)).toEqual({ tickets: 1, attachments: 0, messages: 1 });
    await retention.applyRetention(new Date(now.getTime() + 366 * DAY_MS));
    expect(await counts(resolvedTicket.reference)).toEqual({ tickets: 0, attachments: 0, messages: 0 });
    // Open tickets are never purged by age, however old.
    await retention.applyRetention(new Date(now.getTime() + 2000 * DAY_MS));
    expect(await counts(openTicket.reference)).toEqual({ tickets: 1, attachments: 1, messages: 0 });
  });
});
