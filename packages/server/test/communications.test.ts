import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { createUnsubscribeTokens } from '../src/modules/communications/unsubscribe-token.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { SETUP_TIMEOUT_MS, createWorkspace, grant, importCollection } from './support/content.ts';
import type { Person } from './support/content.ts';

/** A real SMTP server on 127.0.0.1 keeping every message it receives, parsed. */
async function startSmtpServer() {
  const received: { mail: ParsedMail; to: string[] }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({ mail, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    /** Messages delivered to `address`, oldest first (nodemailer resolves once the server accepted them). */
    to: (address: string) => received.filter((r) => r.to.includes(address.toLowerCase())).map((r) => r.mail),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');

forEachDatabase('communications (P9, P22)', (target) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let operator: Person;
  const restricted = new Set<string>();
  const secretKey = randomBytes(32);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await openTestApp(target, {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      publicUrl: 'https://postern.example',
      secretKey,
      // The P25 switch does not exist yet: a fake one proves the send asks it.
      isRestricted: async (id, use) => use === 'marketing' && restricted.has(id),
    });
    operator = await signUpPerson(t.app); // the first account is the operator
    expect(operator.account.operator).toBe(true);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** Signs up and confirms the address with the link from the real verification email. */
  async function verifiedPerson(): Promise<Person> {
    const p = await signUpPerson(t.app);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(smtp.to(p.person.email)[0]?.text ?? '')?.[1];
    expect((await new Browser(t.app).request('POST', '/api/email-verifications', { body: { token } })).status).toBe(204);
    return p;
  }
  const prefs = async (p: Person) => (await p.browser.request('GET', '/api/me/notification-preferences')).json();
  const switches = (body: { types: { type: string; inApp: boolean; email: boolean }[] }, type: string) => {
    const found = body.types.find((x) => x.type === type)!;
    return { inApp: found.inApp, email: found.email };
  };
  const patch = (p: Person, body: unknown) => p.browser.request('PATCH', '/api/me/notification-preferences', { body });
  const sendNews = (subject: string) =>
    operator.browser.request('POST', '/api/admin/product-news', { body: { subject, text: 'Postern can now run collections.\n\nTry it.' } });
  const feed = async (p: Person, query = '') => (await p.browser.request('GET', `/api/me/notifications${query}`)).json();
  const newsTo = (p: Person, subject: string) => smtp.to(p.person.email).filter((m) => m.subject === subject);

  describe('preferences', () => {
    it('has defaults per type, marketing off, and lists the always-on messages with their reason', async () => {
      const p = await signUpPerson(t.app);
      const body = await prefs(p);
      expect(body.types.map((x: { type: string }) => x.type)).toEqual(['comments', 'monitors', 'team', 'secrets', 'productNews']);
      expect(switches(body, 'comments')).toEqual({ inApp: true, email: true });
      expect(switches(body, 'productNews')).toEqual({ inApp: false, email: false });
      expect(body.types.find((x: { type: string }) => x.type === 'monitors').available).toBe(false);
      expect(body.marketingEmailChangedAt).toBeNull();
      expect(body.alwaysOn.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['account', 'security', 'policies']));
      for (const m of body.alwaysOn) expect(m.reason.length).toBeGreaterThan(20);
      expect((await new Browser(t.app).request('GET', '/api/me/notification-preferences')).status).toBe(401);
    });

    it('saves the switches, keeps them, and records when marketing was opted into', async () => {
      const p = await signUpPerson(t.app);
      const res = await patch(p, { comments: { email: false }, team: { inApp: false }, productNews: { email: true } });
      expect(res.status).toBe(200);
      const saved = await prefs(p);
      expect(switches(saved, 'comments')).toEqual({ inApp: true, email: false });
      expect(switches(saved, 'team')).toEqual({ inApp: false, email: true });
      expect(switches(saved, 'productNews')).toEqual({ inApp: false, email: true });
      expect(saved.marketingEmailChangedAt).toEqual(expect.any(String));
      expect((await patch(p, { comments: { email: true } })).status).toBe(200);
      expect(switches(await prefs(p), 'comments')).toEqual({ inApp: true, email: true });
    });

    it('refuses to switch off security and transactional messages, and unknown types', async () => {
      const p = await signUpPerson(t.app);
      for (const id of ['security', 'account', 'policies']) {
        const res = await patch(p, { [id]: { email: false } });
        expect(res.status).toBe(400);
        const problem = await res.json();
        expect(problem.code).toBe('NOTIFICATION_ALWAYS_ON');
        expect(problem.detail).toMatch(/cannot be switched off/);
      }
      // Nothing of a refused request is applied, not even its valid parts.
      expect((await patch(p, { comments: { email: false }, security: { email: false } })).status).toBe(400);
      expect(switches(await prefs(p), 'comments').email).toBe(true);
      const unknown = await patch(p, { sms: { email: true } });
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).code).toBe('UNKNOWN_NOTIFICATION_TYPE');
      expect((await patch(p, { comments: { email: 'no' } })).status).toBe(400);
    });
  });

  describe('product news and one-click unsubscribe (RFC 8058)', () => {
    let optedIn: Person;
    let blocked: Person;
    let silent: Person;
    let unverified: Person;

    beforeAll(async () => {
      optedIn = await verifiedPerson();
      blocked = await verifiedPerson();
      silent = await verifiedPerson();
      unverified = await signUpPerson(t.app);
      for (const p of [optedIn, blocked, unverified]) expect((await patch(p, { productNews: { email: true } })).status).toBe(200);
      restricted.add(blocked.account.id);
    }, SETUP_TIMEOUT_MS);

    it('is sent only by the operator', async () => {
      const res = await optedIn.browser.request('POST', '/api/admin/product-news', { body: { subject: 'x', text: 'y' } });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('OPERATOR_ONLY');
    });

    it('reaches only opted-in, verified, unrestricted accounts, with the unsubscribe headers on the real message', async () => {
      const res = await sendNews('News 1');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ emailed: 1, notified: 0, skippedRestricted: 1, failed: 0 });
      expect(newsTo(silent, 'News 1')).toEqual([]);
      expect(newsTo(blocked, 'News 1')).toEqual([]);
      expect(newsTo(unverified, 'News 1')).toEqual([]);
      expect(newsTo(operator, 'News 1')).toEqual([]); // existing accounts start opted out
      const [mail] = newsTo(optedIn, 'News 1');
      expect(mail).toBeDefined();
      const listUnsubscribe = rawHeader(mail!, 'List-Unsubscribe');
      expect(listUnsubscribe).toMatch(/^<https:\/\/postern\.example\/api\/unsubscribe\/[A-Za-z0-9_-]{44}>$/);
      expect(rawHeader(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      // The token names no address.
      expect(listUnsubscribe).not.toContain(optedIn.person.email.split('@')[0]);
      expect(mail!.text).toContain(listUnsubscribe!.slice(1, -1));
    });

    it('never unsubscribes on GET (scanners prefetch links): it shows a button that POSTs', async () => {
      const url = new URL(rawHeader(newsTo(optedIn, 'News 1')[0]!, 'List-Unsubscribe')!.slice(1, -1));
      const page = await t.app.request(url.pathname);
      expect(page.status).toBe(200);
      expect(page.headers.get('Content-Type')).toMatch(/text\/html/);
      expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
      const html = await page.text();
      expect(html).toMatch(/<form method="post">/);
      expect(html).toMatch(/<button type="submit">Unsubscribe<\/button>/);
      expect(switches(await prefs(optedIn), 'productNews').email).toBe(true);
      await sendNews('News 2');
      expect(newsTo(optedIn, 'News 2')).toHaveLength(1);
    });

    it('unsubscribes at once on a POST without cookies, sign-in or CSRF token', async () => {
      const url = new URL(rawHeader(newsTo(optedIn, 'News 1')[0]!, 'List-Unsubscribe')!.slice(1, -1));
      // What a mail provider sends (RFC 8058 §3.1): a form POST with no cookies.
      const res = await t.app.request(url.pathname, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ unsubscribed: true, list: 'product-news' });
      expect(switches(await prefs(optedIn), 'productNews').email).toBe(false);
      const result = await (await sendNews('News 3')).json();
      expect(result.emailed).toBe(0);
      expect(newsTo(optedIn, 'News 3')).toEqual([]);
      // The old link still works (idempotent), and a browser form POST gets a page.
      const again = await t.app.request(url.pathname, { method: 'POST', headers: { Accept: 'text/html' } });
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('You are unsubscribed');
    });

    it('works from a signed-in browser without a CSRF token too (the page button)', async () => {
      const p = await verifiedPerson();
      await patch(p, { productNews: { email: true } });
      await sendNews('News 4');
      const url = new URL(rawHeader(newsTo(p, 'News 4')[0]!, 'List-Unsubscribe')!.slice(1, -1));
      const res = await p.browser.request('POST', url.pathname, { csrf: 'not-the-token' });
      expect(res.status).toBe(200);
      expect(switches(await prefs(p), 'productNews').email).toBe(false);
      // The exemption is narrow: the same browser without a token still cannot change preferences.
      expect((await p.browser.request('PATCH', '/api/me/notification-preferences', { body: {}, csrf: 'not-the-token' })).status).toBe(403);
    });

    it('refuses forged, altered and foreign tokens alike, revealing nothing', async () => {
      await patch(optedIn, { productNews: { email: true } });
      const genuine = createUnsubscribeTokens(secretKey).sign(optedIn.account.id, 'product-news');
      const altered = `${genuine.slice(0, -2)}${genuine.endsWith('AA') ? 'BB' : 'AA'}`;
      const foreign = createUnsubscribeTokens(randomBytes(32)).sign(optedIn.account.id, 'product-news');
      const answers: unknown[] = [];
      for (const token of [altered, foreign, 'x'.repeat(44), 'nonsense']) {
        const res = await t.app.request(`/api/unsubscribe/${token}`, { method: 'POST' });
        expect(res.status).toBe(404);
        const { correlationId: _ignored, ...problem } = (await res.json()) as Record<string, unknown>;
        answers.push(problem);
        const page = await t.app.request(`/api/unsubscribe/${token}`);
        expect(page.status).toBe(404);
        expect(await page.text()).not.toContain(optedIn.person.email);
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]).toMatchObject({ code: 'UNSUBSCRIBE_LINK_INVALID' });
      expect(JSON.stringify(answers[0])).not.toContain(optedIn.account.username);
      expect(switches(await prefs(optedIn), 'productNews').email).toBe(true);
    });

    it('puts product news in the feed of those who want it there', async () => {
      const p = await signUpPerson(t.app);
      await patch(p, { productNews: { inApp: true } });
      const result = await (await sendNews('News 5')).json();
      expect(result.notified).toBeGreaterThanOrEqual(1);
      expect((await feed(p)).items).toEqual([expect.objectContaining({ type: 'productNews', title: 'News 5', readAt: null })]);
      expect(newsTo(p, 'News 5')).toEqual([]);
    });
  });

  describe('comments and team activity', () => {
    let creator: Person;
    let viewer: Person;
    let admin: Person;
    let stranger: Person;
    let collectionId: string;

    beforeAll(async () => {
      [admin, creator, viewer, stranger] = [await signUpPerson(t.app), await signUpPerson(t.app), await signUpPerson(t.app), await signUpPerson(t.app)];
      const workspaceId = await createWorkspace(admin, { name: 'Comments space', kind: 'private' });
      await grant(admin, workspaceId, creator, 'editor');
      await grant(admin, workspaceId, viewer, 'viewer');
      collectionId = (await importCollection(creator, workspaceId)).id;
    }, SETUP_TIMEOUT_MS);

    const comment = async (p: Person, body: string) =>
      expect((await p.browser.request('POST', `/api/collections/${collectionId}/comments`, { body: { body } })).status).toBe(201);
    const commentMails = (p: Person) => smtp.to(p.person.email).filter((m) => / commented on /.test(m.subject ?? ''));

    it('tells the collection creator and earlier commenters, never the author or outsiders', async () => {
      await comment(viewer, 'First');
      const mine = await feed(creator);
      expect(mine.unreadCount).toBe(1);
      expect(mine.items[0]).toMatchObject({ type: 'comments', title: `${viewer.account.username} commented on Petstore (Postern fixture)`, readAt: null });
      expect(mine.items[0].link).toMatch(/^\/w\//);
      expect(commentMails(creator)).toHaveLength(1);
      expect(commentMails(creator)[0]!.text).toContain('https://postern.example/settings/notifications');
      expect((await feed(viewer)).items).toEqual([]);

      await comment(admin, 'Second');
      expect((await feed(viewer)).items.map((n: { title: string }) => n.title)).toEqual([`${admin.account.username} commented on Petstore (Postern fixture)`]);
      expect((await feed(creator)).unreadCount).toBe(2);
      expect((await feed(admin)).items).toEqual([]);
      expect((await feed(stranger)).items).toEqual([]);
    });

    it('respects the in-app and email switches separately', async () => {
      await patch(creator, { comments: { inApp: false } });
      const before = { feed: (await feed(creator)).unreadCount, mails: commentMails(creator).length };
      await comment(viewer, 'Third');
      expect((await feed(creator)).unreadCount).toBe(before.feed);
      expect(commentMails(creator)).toHaveLength(before.mails + 1);
      await patch(creator, { comments: { inApp: true, email: false } });
      await comment(viewer, 'Fourth');
      expect((await feed(creator)).unreadCount).toBe(before.feed + 1);
      expect(commentMails(creator)).toHaveLength(before.mails + 1);
    });

    it('marks one and then all read, and only ones own', async () => {
      const list = await feed(creator, '?limit=1');
      expect(list.items).toHaveLength(1);
      expect(list.nextCursor).toEqual(expect.any(String));
      const unread = list.unreadCount;
      const id = list.items[0].id;
      expect((await viewer.browser.request('POST', `/api/me/notifications/${id}/read`)).status).toBe(404);
      expect((await creator.browser.request('POST', `/api/me/notifications/${id}/read`)).status).toBe(204);
      const after = await feed(creator);
      expect(after.unreadCount).toBe(unread - 1);
      expect(after.items.find((n: { id: string }) => n.id === id).readAt).toEqual(expect.any(String));
      expect((await creator.browser.request('POST', '/api/me/notifications/read-all')).status).toBe(204);
      expect((await feed(creator)).unreadCount).toBe(0);
      expect((await creator.browser.request('POST', '/api/me/notifications/not-an-id/read')).status).toBe(404);
    });

    it('tells team members about joins, role changes and removals, per preference', async () => {
      const res = await admin.browser.request('POST', '/api/teams', { body: { slug: 'notify-team', name: 'Notify Team' } });
      expect(res.status).toBe(201);
      const invited = await admin.browser.request('POST', '/api/teams/notify-team/invitations', { body: { email: stranger.person.email, role: 'member' } });
      expect(invited.status).toBe(201);
      const token = /#token=([A-Za-z0-9_-]{43})/.exec(smtp.to(stranger.person.email).at(-1)!.text ?? '')![1];
      expect((await stranger.browser.request('POST', `/api/invitations/${token}/accept`)).status).toBe(200);
      expect((await feed(admin)).items[0]).toMatchObject({ type: 'team', title: `${stranger.account.username} joined Notify Team`, link: '/teams/notify-team' });
      expect(smtp.to(admin.person.email).some((m) => m.subject === `${stranger.account.username} joined Notify Team`)).toBe(true);

      await patch(stranger, { team: { email: false } });
      const mailsBefore = smtp.to(stranger.person.email).length;
      const role = await admin.browser.request('PATCH', `/api/teams/notify-team/members/${stranger.account.username}`, { body: { role: 'admin' } });
      expect(role.status).toBe(200);
      expect((await feed(stranger)).items[0]).toMatchObject({ type: 'team', title: `${admin.account.username} made you an admin of Notify Team` });
      expect(smtp.to(stranger.person.email)).toHaveLength(mailsBefore);

      const removed = await admin.browser.request('DELETE', `/api/teams/notify-team/members/${stranger.account.username}`);
      expect(removed.status).toBe(204);
      expect((await feed(stranger)).items[0]).toMatchObject({ title: `${admin.account.username} removed you from Notify Team`, link: null });
    });
  });

  it('deletes notifications older than 90 days when the feed is read', async () => {
    const p = await signUpPerson(t.app);
    await queryRows(
      t.database.db,
      sql`insert into notifications (user_id, type, title, created_at) values (${p.account.id}, 'team', 'Old news', now() - interval '91 days'), (${p.account.id}, 'team', 'Recent', now() - interval '89 days')`,
    );
    expect((await feed(p)).items.map((n: { title: string }) => n.title)).toEqual(['Recent']);
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from notifications where title = 'Old news'`))[0]!.n).toBe(0);
  });
});
