/**
 * The request desk (P26) and processing restriction (P25): public, agent and in-app requests,
 * emailed codes (attempts, expiry, resends), due dates and the one extension on a fake clock, the
 * operator-only queue, trail, audit and CSV log, and the restriction set during a dispute that
 * stops analytics and product news until the request is resolved.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import type { JsonResponse } from './support/browser.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const ACCEPT_ANALYTICS = {
  functional: { consent: false, legitimateInterest: false },
  performance: { consent: true, legitimateInterest: true },
  targeting: { consent: false, legitimateInterest: false },
};

// Many requests per test on a shared, busy machine: more time than the default.
vi.setConfig({ testTimeout: 120_000 });

forEachDatabase('the request desk and processing restriction (P25, P26)', (target) => {
  let t: TestApp;
  let now = new Date('2026-03-10T09:30:00Z');
  const mailer = new MemoryMailer();
  let operator: Awaited<ReturnType<typeof signUpPerson>>;
  let address = 0;

  beforeAll(async () => {
    // Rate limits on (behind a proxy, so each test chooses its client address) to prove the public routes have one.
    const generous = { limit: 1000, windowSeconds: 3600 };
    t = await openTestApp(target, {
      mailer,
      clock: () => now,
      trustProxy: true,
      publicUrl: 'https://postern.example',
      rateLimits: { signUp: generous, signIn: generous, verification: generous, privacyRequests: { limit: 3, windowSeconds: 3600 } },
    });
    operator = await signUpPerson(t.app);
    expect(operator.account.operator).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A public call from a fresh client address (the rate limit is per address). */
  const post = async (path: string, body: unknown, ip = `198.51.100.${(address++ % 250) + 1}`) =>
    (await t.app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
      body: JSON.stringify(body),
    })) as JsonResponse;
  const get = async (path: string) => (await t.app.request(path)) as JsonResponse;
  const lastMailTo = (to: string) => mailer.to(to).at(-1)!;
  const codeIn = (text: string) => /(?:code on the request page: |is )(\d{6})/.exec(text)![1]!;
  const tokenIn = (text: string) => decodeURIComponent(/token=([^\s&]+)/.exec(text)![1]!);
  const queue = async (query = '') => (await (await operator.browser.request('GET', `/api/admin/privacy-requests${query}`)).json()).requests;
  const detailOf = async (reference: string) =>
    (await queue()).find((r: { reference: string }) => r.reference === reference) as Record<string, any>;
  const act = (id: string, action: string, body: unknown = {}) =>
    operator.browser.request('POST', `/api/admin/privacy-requests/${id}/${action}`, { body });

  let counter = 0;
  /** Submits a public request and confirms it with the emailed code; returns its reference and email. */
  async function verifiedRequest(overrides: Record<string, unknown> = {}) {
    const email = (overrides.email as string | undefined) ?? `requester${++counter}@example.test`;
    const res = await post('/api/privacy-requests', { kind: 'access', name: 'Ada Requester', ...overrides, email });
    expect(res.status).toBe(202);
    const { reference } = await res.json();
    const verify = await post(`/api/privacy-requests/${reference}/verify`, { code: codeIn(lastMailTo(email).text) });
    expect(verify.status).toBe(200);
    return { reference: reference as string, email };
  }

  describe('a public request', () => {
    it('is acknowledged by email with its reference, a code and a status link, and confirmed by the code', async () => {
      const res = await post('/api/privacy-requests', {
        kind: 'access',
        law: 'gdpr',
        name: 'Grace Public',
        email: 'grace@example.test',
        details: 'Everything you hold about me.',
      });
      expect(res.status).toBe(202);
      const body = await res.json();
      expect(body).toMatchObject({ state: 'identity_unverified', dueAt: '2026-04-10T09:30:00.000Z' });
      expect(body.reference).toMatch(/^PR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // The token is only in the email: the response does not let anyone read the status.
      expect(JSON.stringify(body)).not.toContain('token');

      const ack = lastMailTo('grace@example.test');
      expect(ack.subject).toContain(body.reference);
      expect(ack.text).toContain('2026-04-10');
      expect(ack.text).toContain(`https://postern.example/privacy/requests/status?reference=${body.reference}&token=`);
      const code = codeIn(ack.text);
      const token = tokenIn(ack.text);

      // The code is stored only as a keyed hash.
      const [row] = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from privacy_requests where reference = ${body.reference}`);
      expect(JSON.stringify(row)).not.toContain(code);
      expect(JSON.stringify(row)).not.toContain(token);

      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const bad = await post(`/api/privacy-requests/${body.reference}/verify`, { code: wrong });
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('CODE_INVALID');
      const ok = await post(`/api/privacy-requests/${body.reference.toLowerCase()}/verify`, { code });
      expect(ok.status).toBe(200);
      expect((await ok.json()).state).toBe('verified');
      expect(lastMailTo('grace@example.test').subject).toBe(`Privacy request ${body.reference}: identity confirmed`);
      expect((await (await post(`/api/privacy-requests/${body.reference}/verify`, { code })).json()).code).toBe('ALREADY_VERIFIED');

      const status = await get(`/api/privacy-requests/${body.reference}?token=${encodeURIComponent(token)}`);
      expect(status.status).toBe(200);
      const seen = await status.json();
      expect(seen).toMatchObject({ reference: body.reference, kind: 'access', law: 'gdpr', state: 'verified', requesterType: 'email' });
      expect(seen.history.map((h: { state: string }) => h.state)).toEqual(['received', 'identity_unverified', 'verified']);
      expect(JSON.stringify(seen)).not.toContain('grace@example.test');
      expect((await get(`/api/privacy-requests/${body.reference}?token=wrong`)).status).toBe(404);
    });

    it('allows 5 tries per code, expires codes after 30 minutes, and limits resends', async () => {
      const email = 'tries@example.test';
      const { reference } = await (await post('/api/privacy-requests', { kind: 'deletion', name: 'Tries', email })).json();
      const code = codeIn(lastMailTo(email).text);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) expect((await post(`/api/privacy-requests/${reference}/verify`, { code: wrong })).status).toBe(400);
      const exhausted = await post(`/api/privacy-requests/${reference}/verify`, { code });
      expect(exhausted.status).toBe(429);
      expect((await exhausted.json()).code).toBe('CODE_ATTEMPTS_EXHAUSTED');

      // A resend right after the first code is too soon; a minute later it works and the old code is dead.
      expect((await (await post(`/api/privacy-requests/${reference}/resend-code`, {})).json()).code).toBe('CODE_RESEND_TOO_SOON');
      now = new Date(now.getTime() + 61_000);
      expect((await post(`/api/privacy-requests/${reference}/resend-code`, {})).status).toBe(202);
      const second = codeIn(lastMailTo(email).text);
      expect(lastMailTo(email).subject).toBe(`Your code for privacy request ${reference}`);

      // 30 minutes later the new code has expired.
      now = new Date(now.getTime() + 31 * 60_000);
      const expired = await post(`/api/privacy-requests/${reference}/verify`, { code: second });
      expect(expired.status).toBe(400);
      expect((await expired.json()).code).toBe('CODE_EXPIRED');

      // Five codes in all (the first included), then no more.
      for (let i = 0; i < 3; i++) {
        now = new Date(now.getTime() + 61_000);
        expect((await post(`/api/privacy-requests/${reference}/resend-code`, {})).status).toBe(202);
      }
      now = new Date(now.getTime() + 61_000);
      expect((await (await post(`/api/privacy-requests/${reference}/resend-code`, {})).json()).code).toBe('CODE_RESEND_LIMIT');
      // The last code still works.
      expect((await post(`/api/privacy-requests/${reference}/verify`, { code: codeIn(lastMailTo(email).text) })).status).toBe(200);
    });

    it('validates input and answers 404 for an unknown reference', async () => {
      expect((await post('/api/privacy-requests', { kind: 'sell-me', name: 'X', email: 'x@example.test' })).status).toBe(400);
      expect((await post('/api/privacy-requests', { kind: 'access', name: 'X', email: 'not-an-email' })).status).toBe(400);
      expect((await post('/api/privacy-requests/PR-0000-0000/verify', { code: '123456' })).status).toBe(404);
      expect((await post('/api/privacy-requests/PR-0000-0000/verify', { code: '12' })).status).toBe(400);
    });

    it('is described in the OpenAPI document', async () => {
      const paths = Object.keys((await (await get('/api/openapi.json')).json()).paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/privacy-requests',
          '/api/privacy-requests/{reference}/verify',
          '/api/privacy-requests/{reference}',
          '/api/me/privacy-requests',
          '/api/admin/privacy-requests',
          '/api/admin/privacy-requests.csv',
          '/api/admin/privacy-requests/{id}/extend',
        ]),
      );
    });

    it('is rate limited per client address', async () => {
      const ip = '203.0.113.9';
      for (let i = 0; i < 3; i++) expect((await post('/api/privacy-requests/PR-0000-0000/resend-code', {}, ip)).status).toBe(404);
      expect((await post('/api/privacy-requests', { kind: 'access', name: 'X', email: 'x@example.test' }, ip)).status).toBe(429);
    });
  });

  describe('an authorized agent', () => {
    const agentBody = (authorization: string) => ({
      kind: 'access',
      law: 'ccpa',
      name: 'Agent Smith',
      email: 'agent@example.test',
      onBehalfOf: { name: 'Paula Principal', email: 'paula@example.test', authorization },
    });

    it('uploads a signed authorization (PNG or PDF) that only the operator can read', async () => {
      const res = await post('/api/privacy-requests', agentBody(PNG_1X1));
      expect(res.status).toBe(202);
      const { reference } = await res.json();
      const ack = lastMailTo('agent@example.test');
      expect(ack.text).toContain('on behalf of Paula Principal');
      const request = await detailOf(reference);
      expect(request).toMatchObject({ requesterType: 'agent', subjectName: 'Paula Principal', subjectEmail: 'paula@example.test', hasAuthorization: true });
      const file = await operator.browser.request('GET', `/api/admin/privacy-requests/${request.id}/authorization`);
      expect(file.status).toBe(200);
      expect(file.headers.get('Content-Type')).toBe('image/png');
      expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(PNG_1X1, 'base64'))).toBe(true);
      const stranger = await signUpPerson(t.app);
      expect((await stranger.browser.request('GET', `/api/admin/privacy-requests/${request.id}/authorization`)).status).toBe(403);

      const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n').toString('base64');
      expect((await post('/api/privacy-requests', agentBody(pdf))).status).toBe(202);
    });

    it('refuses an authorization of the wrong type (by its bytes) or over 5 MiB', async () => {
      const text = Buffer.from('I authorize my agent. Signed, Paula.').toString('base64');
      const wrongType = await post('/api/privacy-requests', agentBody(text));
      expect(wrongType.status).toBe(415);
      expect((await wrongType.json()).code).toBe('AUTHORIZATION_TYPE_UNSUPPORTED');
      // A GIF is an image, but not one of the accepted types.
      const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64').toString('base64');
      expect((await post('/api/privacy-requests', agentBody(gif))).status).toBe(415);

      const big = Buffer.alloc(5 * 1024 * 1024 + 1);
      Buffer.from(PNG_1X1, 'base64').copy(big);
      const tooLarge = await post('/api/privacy-requests', agentBody(big.toString('base64')));
      expect(tooLarge.status).toBe(413);
      expect((await tooLarge.json()).code).toBe('AUTHORIZATION_TOO_LARGE');
      expect((await post('/api/privacy-requests', agentBody(''))).status).toBe(400);
      expect((await post('/api/privacy-requests', agentBody('not base64 at all!'))).status).toBe(400);
    });
  });

  describe('the operator queue', () => {
    it('is for the operator only', async () => {
      const person = await signUpPerson(t.app);
      const { reference } = await verifiedRequest();
      const { id } = await detailOf(reference);
      for (const path of ['/api/admin/privacy-requests', '/api/admin/privacy-requests.csv', `/api/admin/privacy-requests/${id}`]) {
        const res = await person.browser.request('GET', path);
        expect(res.status).toBe(403);
        expect((await res.json()).code).toBe('OPERATOR_ONLY');
        expect((await new Browser(t.app).request('GET', path)).status).toBe(401);
      }
      for (const [action, body] of [['start', {}], ['deny', { reason: 'x' }], ['extend', { reason: 'x' }], ['notes', { note: 'x' }], ['complete', {}]] as const) {
        expect((await person.browser.request('POST', `/api/admin/privacy-requests/${id}/${action}`, { body })).status).toBe(403);
      }
      expect((await detailOf(reference)).state).toBe('verified');
    });

    it('sorts open requests by due date with overdue and due-soon warnings', async () => {
      const gdpr = await verifiedRequest({ law: 'gdpr' });
      const ccpa = await verifiedRequest({ law: 'ccpa' });
      const open = (await queue('?state=open')) as { reference: string; dueAt: string; warning: string | null; state: string }[];
      const dues = open.map((r) => r.dueAt);
      expect(dues).toEqual([...dues].sort());
      expect(open.every((r) => r.state !== 'completed' && r.state !== 'denied')).toBe(true);
      const receivedGdpr = new Date((await detailOf(gdpr.reference)).receivedAt);
      expect(new Date((await detailOf(ccpa.reference)).dueAt).getTime() - receivedGdpr.getTime()).toBe(45 * DAY_MS);
      expect((await detailOf(gdpr.reference)).warning).toBeNull();

      const saved = now;
      now = new Date(receivedGdpr.getTime() + 26 * DAY_MS); // the GDPR request is due in about 5 days
      expect((await detailOf(gdpr.reference)).warning).toBe('due_soon');
      expect((await detailOf(ccpa.reference)).warning).toBeNull();
      now = new Date(receivedGdpr.getTime() + 32 * DAY_MS);
      expect((await detailOf(gdpr.reference)).warning).toBe('overdue');
      // Too late to extend once the due date passed.
      const { id } = await detailOf(gdpr.reference);
      expect((await act(id, 'start')).status).toBe(200);
      const late = await act(id, 'extend', { reason: 'Too late' });
      expect(late.status).toBe(409);
      expect((await late.json()).code).toBe('EXTENSION_TOO_LATE');
      expect((await queue('?state=verified')).every((r: { state: string }) => r.state === 'verified')).toBe(true);
      now = saved;
    });

    it('works a request through start, one extension and completion, with a trail, audit and emails', async () => {
      const { reference, email } = await verifiedRequest({ law: 'ccpa' });
      const { id, dueAt } = await detailOf(reference);
      expect((await act(id, 'complete')).status).toBe(409); // not started
      expect((await (await act(id, 'start')).json()).state).toBe('in_progress');
      expect((await (await act(id, 'extend', {})).json()).code).toBe('VALIDATION_FAILED');
      const extended = await act(id, 'extend', { reason: 'Your data is spread over several archives.' });
      expect(extended.status).toBe(200);
      const afterExtension = await extended.json();
      expect(afterExtension.state).toBe('in_progress');
      expect(new Date(afterExtension.dueAt).getTime() - new Date(dueAt).getTime()).toBe(45 * DAY_MS);
      expect(afterExtension.extendedAt).not.toBeNull();
      const notice = lastMailTo(email);
      expect(notice.subject).toBe(`Privacy request ${reference} needs more time`);
      expect(notice.text).toContain('Your data is spread over several archives.');
      expect(notice.text).toContain(afterExtension.dueAt.slice(0, 10));
      const again = await act(id, 'extend', { reason: 'More' });
      expect(again.status).toBe(409);
      expect((await again.json()).code).toBe('ALREADY_EXTENDED');

      expect((await act(id, 'notes', { note: 'Searched the archives.' })).status).toBe(200);
      const done = await act(id, 'complete', { note: 'Attached is your data.', exportUrl: 'https://postern.example/settings/privacy/export' });
      expect(done.status).toBe(200);
      const completed = await done.json();
      expect(completed.state).toBe('completed');
      expect(completed.closedAt).not.toBeNull();
      expect(completed.events.map((e: { toState: string | null; kind: string }) => e.toState ?? e.kind)).toEqual([
        'received',
        'identity_unverified',
        'verified',
        'in_progress',
        'extended',
        'in_progress',
        'note',
        'completed',
      ]);
      const operatorId = operator.account.id;
      expect(completed.events.filter((e: { actor: string }) => e.actor === operatorId)).toHaveLength(5);
      expect(completed.events.find((e: { toState: string }) => e.toState === 'extended').note).toBe('Your data is spread over several archives.');
      const mail = lastMailTo(email);
      expect(mail.subject).toBe(`Privacy request ${reference} is completed`);
      expect(mail.text).toContain('https://postern.example/settings/privacy/export');
      expect((await act(id, 'deny', { reason: 'late' })).status).toBe(409);

      const audited = await queryRows<{ action: string; actor_id: string | null; details: unknown }>(
        t.database.db,
        sql`select action, actor_id, details from audit_events where target_id = ${id} order by occurred_at, action`,
      );
      expect(audited.map((a) => a.action)).toEqual(
        expect.arrayContaining(['privacy_request.received', 'privacy_request.verified', 'privacy_request.in_progress', 'privacy_request.extended', 'privacy_request.completed']),
      );
      expect(JSON.stringify(audited)).not.toContain(email);
      expect(JSON.stringify(audited)).not.toContain('Ada Requester');
    });

    it('extends a GDPR request by two months', async () => {
      const { reference } = await verifiedRequest({ law: 'gdpr' });
      const { id, dueAt } = await detailOf(reference);
      await act(id, 'start');
      const extended = await (await act(id, 'extend', { reason: 'Complex request.' })).json();
      const before = new Date(dueAt);
      const after = new Date(extended.dueAt);
      expect(after.getUTCMonth()).toBe((before.getUTCMonth() + 2) % 12);
      expect(after.getUTCDate()).toBe(before.getUTCDate());
    });

    it('denies with a reason, emailed with how to complain', async () => {
      const { reference, email } = await verifiedRequest({ law: 'gdpr', kind: 'correction' });
      const { id } = await detailOf(reference);
      const noReason = await act(id, 'deny', { reason: '' });
      expect(noReason.status).toBe(400);
      const denied = await act(id, 'deny', { reason: 'We hold no data about this address.' });
      expect(denied.status).toBe(200);
      expect((await denied.json()).state).toBe('denied');
      const mail = lastMailTo(email);
      expect(mail.subject).toBe(`Privacy request ${reference} was refused`);
      expect(mail.text).toContain('We hold no data about this address.');
      expect(mail.text).toContain('supervisory authority');
      expect((await act(id, 'start')).status).toBe(409);
    });

    it('completes a deletion request by scheduling the account deletion, as if the person had asked in settings (P24)', async () => {
      const person = await signUpPerson(t.app);
      const made = await (await person.browser.request('POST', '/api/me/privacy-requests', { body: { kind: 'deletion', law: 'gdpr' } })).json();
      const { id } = await detailOf(made.reference);
      await act(id, 'start');
      const withExport = await act(id, 'complete', { exportUrl: 'https://postern.example/x' });
      expect((await withExport.json()).code).toBe('EXPORT_ONLY_FOR_ACCESS');
      const done = await (await act(id, 'complete', { note: 'Done.' })).json();
      expect(done.state).toBe('completed');
      const note = done.events.find((e: { kind: string; actor: string }) => e.kind === 'note' && e.actor === 'system');
      expect(note.note).toBe('Account deletion scheduled (P24).');
      // Disabled at once, restorable through the emailed link until the purge.
      expect((await person.browser.request('GET', '/api/me')).status).toBe(401);
      const signIn = await new Browser(t.app).request('POST', '/api/sessions', { body: { login: person.person.username, password: person.person.password } });
      expect((await signIn.json()).code).toBe('ACCOUNT_PENDING_DELETION');
      expect(mailer.to(person.person.email).some((m) => /restore-account#token=/.test(m.text))).toBe(true);
    });

    it('exports the log as CSV: dates, states and outcomes, no contact details', async () => {
      const res = await operator.browser.request('GET', '/api/admin/privacy-requests.csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toContain('text/csv');
      expect(res.headers.get('Content-Disposition')).toMatch(/attachment; filename="privacy-requests-\d{4}-\d{2}-\d{2}\.csv"/);
      const text = await res.text();
      const [header, ...lines] = text.trim().split('\n');
      expect(header).toBe('reference,kind,law,state,requester_type,received_at,due_at,extended_at,closed_at,outcome,on_time');
      const [count] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from privacy_requests`);
      expect(lines).toHaveLength(count!.n);
      expect(text).not.toMatch(/@example\.test/);
      expect(text).not.toContain('Ada Requester');
      expect(text).not.toContain('Paula');
      const completed = lines.find((l) => l.includes(',completed,'))!.split(',');
      expect(completed[9]).toBe('completed');
      expect(completed[10]).toBe('yes');
      expect(lines.some((l) => l.split(',')[9] === 'denied')).toBe(true);
      expect(lines.some((l) => l.split(',')[4] === 'agent')).toBe(true);
    });
  });

  describe('in the app', () => {
    it('takes a signed-in request as verified and lists the person’s own', async () => {
      const person = await signUpPerson(t.app);
      const res = await person.browser.request('POST', '/api/me/privacy-requests', { body: { kind: 'opt_out', law: 'ccpa' } });
      expect(res.status).toBe(201);
      const made = await res.json();
      expect(made).toMatchObject({ state: 'verified', requesterType: 'account', kind: 'opt_out' });
      expect(lastMailTo(person.person.email as string).subject).toBe(`We received your privacy request ${made.reference}`);
      const mine = await (await person.browser.request('GET', '/api/me/privacy-requests')).json();
      expect(mine.requests.map((r: { reference: string }) => r.reference)).toEqual([made.reference]);
      const other = await signUpPerson(t.app);
      expect((await (await other.browser.request('GET', '/api/me/privacy-requests')).json()).requests).toEqual([]);
      expect((await new Browser(t.app).request('GET', '/api/me/privacy-requests')).status).toBe(401);
      expect((await detailOf(made.reference)).account).toMatchObject({ username: person.person.username });
    });
  });

  describe('processing restriction (P25)', () => {
    const decide = async (browser: Browser) =>
      expect((await browser.request('POST', '/api/privacy/consent', { body: { choices: ACCEPT_ANALYTICS, method: 'banner' } })).status).toBe(201);
    const pageViews = async (name: string) =>
      (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from analytics_events where name = ${name}`))[0]!.n;
    const view = (browser: Browser, name: string) => browser.request('POST', '/api/analytics/events', { body: { events: [{ type: 'page_view', name }] } });
    const news = async (subject: string) => {
      const res = await operator.browser.request('POST', '/api/admin/product-news', { body: { subject, text: 'News.' } });
      expect(res.status).toBe(200);
      return res.json();
    };
    const feed = async (browser: Browser) =>
      ((await (await browser.request('GET', '/api/me/notifications')).json()).items as { title: string }[]).map((n) => n.title);
    async function personWithEverythingOn() {
      const p = await signUpPerson(t.app);
      await decide(p.browser);
      expect((await p.browser.request('PATCH', '/api/me/notification-preferences', { body: { productNews: { inApp: true } } })).status).toBe(200);
      return p;
    }

    it('set by staff while a request is disputed, blocks analytics and product news until the request is resolved', async () => {
      const p = await personWithEverythingOn();
      const made = await (await p.browser.request('POST', '/api/me/privacy-requests', { body: { kind: 'correction', details: 'My name is wrong.' } })).json();
      const { id } = await detailOf(made.reference);
      await act(id, 'start');
      expect((await act(id, 'restriction', { restricted: true })).status).toBe(400); // needs a reason
      const restricted = await act(id, 'restriction', { restricted: true, reason: 'Accuracy contested.' });
      expect(restricted.status).toBe(200);
      expect((await restricted.json()).processingRestriction).toMatchObject({ by: 'staff', reason: 'Accuracy contested.', thisRequest: true });

      const mine = await (await p.browser.request('GET', '/api/me/restrictions')).json();
      expect(mine).toMatchObject({ processingRestricted: true, processingRestrictedBy: 'staff', marketing: false, analytics: false });
      // The person cannot lift a restriction staff set for a dispute.
      const lift = await p.browser.request('PATCH', '/api/me/restrictions', { body: { processingRestricted: false } });
      expect(lift.status).toBe(403);
      expect((await lift.json()).code).toBe('PROCESSING_RESTRICTED_BY_STAFF');

      await view(p.browser, '/disputed');
      expect(await pageViews('/disputed')).toBe(0);
      expect((await news('News while disputed')).skippedRestricted).toBeGreaterThanOrEqual(1);
      expect(await feed(p.browser)).not.toContain('News while disputed');

      // Resolving the request lifts the restriction; both uses resume.
      const done = await (await act(id, 'complete', { note: 'Corrected.' })).json();
      expect(done.processingRestriction).toBeNull();
      expect(done.events.some((e: { kind: string; note: string }) => e.kind === 'restriction' && e.note.includes('lifted'))).toBe(true);
      expect((await (await p.browser.request('GET', '/api/me/restrictions')).json()).processingRestricted).toBe(false);
      await view(p.browser, '/disputed');
      expect(await pageViews('/disputed')).toBe(1);
      await news('News after the dispute');
      expect(await feed(p.browser)).toContain('News after the dispute');

      const audited = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where target_id = ${p.account.id}`);
      expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['privacy_request.restriction_set', 'privacy_request.restriction_lifted']));
    });

    it('lifted by the operator directly, and refused on a request with no account', async () => {
      const p = await personWithEverythingOn();
      const made = await (await p.browser.request('POST', '/api/me/privacy-requests', { body: { kind: 'objection' } })).json();
      const { id } = await detailOf(made.reference);
      await act(id, 'restriction', { restricted: true, reason: 'Objection under review.' });
      await view(p.browser, '/objection');
      expect(await pageViews('/objection')).toBe(0);
      const lifted = await act(id, 'restriction', { restricted: false });
      expect(lifted.status).toBe(200);
      expect((await act(id, 'restriction', { restricted: false })).status).toBe(409);
      await view(p.browser, '/objection');
      expect(await pageViews('/objection')).toBe(1);

      const { reference } = await verifiedRequest({ email: 'nobody-here@example.test' });
      const orphan = await detailOf(reference);
      expect(orphan.account).toBeNull();
      expect((await (await act(orphan.id, 'restriction', { restricted: true, reason: 'x' })).json()).code).toBe('NO_ACCOUNT');
    });

    it('set by the person in settings, blocks every non-essential use, error reports included, until lifted', async () => {
      const p = await personWithEverythingOn();
      const res = await p.browser.request('PATCH', '/api/me/restrictions', { body: { processingRestricted: true, processingRestrictedReason: 'I object.' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ processingRestricted: true, processingRestrictedBy: 'person', processingRestrictedReason: 'I object.', marketing: false });

      await view(p.browser, '/self-restricted');
      expect(await pageViews('/self-restricted')).toBe(0);
      expect((await news('News while self-restricted')).skippedRestricted).toBeGreaterThanOrEqual(1);
      expect(await feed(p.browser)).not.toContain('News while self-restricted');
      const errors = async () =>
        (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from error_reports where message = 'restricted boom'`))[0]!.n;
      await p.browser.request('POST', '/api/error-reports', { body: { message: 'restricted boom' } });
      expect(await errors()).toBe(0);

      expect((await p.browser.request('PATCH', '/api/me/restrictions', { body: { processingRestricted: false } })).status).toBe(200);
      await view(p.browser, '/self-restricted');
      expect(await pageViews('/self-restricted')).toBe(1);
      await news('News after lifting');
      expect(await feed(p.browser)).toContain('News after lifting');
      await p.browser.request('POST', '/api/error-reports', { body: { message: 'restricted boom' } });
      expect(await errors()).toBe(1);
      // PATCH changes only what it names; PUT still sets the three switches.
      const patched = await (await p.browser.request('PATCH', '/api/me/restrictions', { body: { marketing: true } })).json();
      expect(patched).toMatchObject({ marketing: true, analytics: false, processingRestricted: false });
    });
  });
});
