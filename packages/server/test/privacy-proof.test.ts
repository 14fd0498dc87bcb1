import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@postern/testkit';
import { strFromU8, unzipSync } from 'fflate';
import { TOTP } from 'otpauth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { DATA_MAP, tableName } from '../src/db/datamap/index.ts';
import { createInlineJobQueue } from '../src/jobs/queue.ts';
import { writeBackup } from '../src/modules/backups/backup.ts';
import { restoreBackup } from '../src/modules/backups/restore.ts';
import type { MailMessage, Mailer } from '../src/mail/mailer.ts';
import { createOutboxService } from '../src/modules/outbox/service.ts';
import { createOutboxStore } from '../src/modules/outbox/store.ts';
import { forEachDatabase } from './for-each-database.ts';
import { startDnsServer } from './support/dns-server.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import type { JsonResponse } from './support/browser.ts';
import { createWorkspace } from './support/content.ts';
import { followUntil, OIDC_CLIENT, startTestProvider } from './support/oidc-provider.ts';
import { describeTables, findTraces } from './support/personal-data-scan.ts';
import type { Trace } from './support/personal-data-scan.ts';
import { createTeam, invitationTokenFor } from './support/teams.ts';

/**
 * The proof of issue #7 (P8, P19, P21, P24): a person uses every feature that stores something
 * about them; their export holds every row that refers to them anywhere in the database; their
 * account is deleted, the clock passes the grace period, retention runs, and then no table, export
 * file or upload holds their email, username, display name or IP address — only the tombstone —
 * and restoring a backup made before the deletion does not bring them back.
 *
 * Nothing here lists tables. The rows are found from the catalog (foreign keys to users, and a
 * text search of every column), and the test fails when a table linked to people by the data map
 * has no row for this person: a new feature must add its activity here (or a reason below).
 */

const PUBLIC_URL = 'http://postern.test';
const DAY_MS = 24 * 60 * 60 * 1000;
const IP = '198.51.100.77';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** Tables the person cannot have a row in, with the reason. Keep this short and true. */
const NO_ROW_POSSIBLE: Record<string, string> = {
  pending_oidc_signups: 'a sign-up in progress for an email without an account; an address in use is refused (OIDC_EMAIL_TAKEN)',
  policy_versions: 'only the operator publishes policies; the proof person is not the operator',
  privacy_request_events: 'actor_id names the operator who acted on a request; the requester’s own steps carry no account id',
  account_deletion_tokens: 'written when the deletion is requested, after the export; checked after deletion below',
  operator_access_reads: 'operator_id names the operator who read (P16); the proof person is not the operator',
};

/** Every ZIP entry, for searching export files stored in the database. */
const unzipEntries = (bytes: Uint8Array) => Object.values(unzipSync(bytes));

forEachDatabase('privacy proof: export everything, erase everything (P8, P19, P21, P24)', (target) => {
  let t: TestApp;
  let kit: TestServer;
  let provider: Awaited<ReturnType<typeof startTestProvider>>;
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let now = new Date('2026-03-02T09:00:00Z');
  const secretKey = randomBytes(32);
  const backupDir = mkdtempSync(join(tmpdir(), 'postern-proof-'));
  const memory = new MemoryMailer();
  const jobs = createInlineJobQueue((name, error) => {
    throw new Error(`job ${name} failed: ${String(error)}`);
  });
  // Mail goes to the local outbox, as on an instance without SMTP, and is also kept for the test.
  let keep: ((message: MailMessage) => Promise<unknown>) | undefined;
  const mailer: Mailer = {
    async send(message) {
      await memory.send(message);
      await keep?.(message);
    },
  };

  beforeAll(async () => {
    dns = await startDnsServer();
    kit = await startTestServer();
    provider = await startTestProvider(`${PUBLIC_URL}/api/auth/oidc/callback`);
    t = await openTestApp(target, {
      trustProxy: true,
      clock: () => now,
      mailer,
      jobs,
      secretKey,
      publicUrl: PUBLIC_URL,
      oidc: { issuer: provider.issuer, ...OIDC_CLIENT, name: 'Proof SSO' },
      dnsResolver: dns.address,
    });
    keep = createOutboxService({ store: createOutboxStore(t.database.db), clock: () => now }).keep;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await kit?.close();
    await provider?.close();
    await dns?.close();
    rmSync(backupDir, { recursive: true, force: true });
  });

  /** A browser whose every request comes from the person's own IP address. */
  class FromHome extends Browser {
    override request(method: string, path: string, options: Parameters<Browser['request']>[2] = {}) {
      return super.request(method, path, { ...options, headers: { 'X-Forwarded-For': IP, ...options.headers } });
    }
  }

  const ok = async (res: Promise<JsonResponse>, status = 200) => {
    const answer = await res;
    if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${await answer.text()}`);
    return answer.status === 204 ? undefined : answer.json();
  };

  it('exports every row about the person, erases every trace of them, and a restored backup cannot bring them back', async () => {
    const operator = await signUpPerson(t.app); // the first account is the operator
    const bob = await signUpPerson(t.app);
    const carol = await signUpPerson(t.app);

    // ── Ada signs up from home and uses everything ─────────────────────────────────────────────
    const ada = { username: 'ada_proof', firstEmail: 'ada.first@example.test', email: 'ada.proof@example.test', displayName: 'Ada Proofwright', password: 'correct horse battery' };
    const browser = new FromHome(t.app);
    const account = await ok(
      browser.request('POST', '/api/accounts', {
        body: { username: ada.username, email: ada.firstEmail, password: ada.password, birthDate: '1990-04-02', country: 'FR' },
      }),
      201,
    );
    const adaId: string = account.id;
    await ok(browser.request('PATCH', '/api/me', { body: { displayName: ada.displayName, bio: 'Writes proofs.', preferences: { historyRetentionDays: 365 } } }));
    await ok(
      t.app.request('/api/me/avatar', {
        method: 'PUT',
        headers: {
          'Content-Type': 'image/png',
          'X-Forwarded-For': IP,
          Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'X-CSRF-Token': browser.cookies.get('postern_csrf')!,
        },
        body: new Uint8Array(PNG),
      }) as Promise<JsonResponse>,
    );
    // Ada moves to another address (P23); mail already sent to the first one is still hers.
    await ok(browser.request('POST', '/api/me/email-change', { body: { newEmail: ada.email, password: ada.password } }), 202);
    const changeToken = memory.to(ada.email).at(-1)?.text.match(/email-change#token=([A-Za-z0-9_-]+)/)?.[1];
    await ok(browser.request('POST', '/api/email-changes/complete', { body: { token: changeToken } }), 204);

    // Two-factor sign-in, an API key, a second session.
    const { secret } = await ok(browser.request('POST', '/api/me/totp'), 201);
    const code = () => TOTP.generate({ secret: new TOTP({ secret }).secret, timestamp: now.getTime() });
    await ok(browser.request('POST', '/api/me/totp/confirm', { body: { code: code() } }));
    await ok(browser.request('POST', '/api/me/api-keys', { body: { name: 'laptop', scopes: ['read'] } }), 201);
    // A third-party app Ada registers, and connects to her account with PKCE (P14).
    const oauthApp = await ok(
      browser.request('POST', '/api/me/oauth-apps', {
        body: { name: 'Proof app', homepageUrl: null, redirectUris: ['https://proof-app.example.test/cb'], scopes: ['profile:read'], clientType: 'public' },
      }),
      201,
    );
    const verifier = randomBytes(32).toString('base64url');
    const authorize = {
      response_type: 'code',
      client_id: oauthApp.clientId,
      redirect_uri: 'https://proof-app.example.test/cb',
      scope: 'profile:read',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    };
    const allowed = await ok(browser.request('POST', '/api/oauth/authorize', { body: { ...authorize, decision: 'allow' } }));
    const oauthTokens = await t.app.request('/api/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: oauthApp.clientId,
        code: new URL(allowed.redirectTo).searchParams.get('code')!,
        redirect_uri: authorize.redirect_uri,
        code_verifier: verifier,
      }).toString(),
    });
    expect(oauthTokens.status).toBe(200);

    // A linked identity at the identity provider.
    const sub = 'proof-subject';
    provider.addAccount(sub, { email: ada.email, email_verified: true, name: ada.displayName });
    provider.signInAs(sub);
    const start = await browser.request('GET', '/api/auth/oidc/start?intent=link');
    const back = await followUntil(start.headers.get('location')!, PUBLIC_URL);
    expect((await browser.request('GET', back.pathname + back.search)).headers.get('location')).toBe('/settings/account?linked=oidc');

    // Consent, restrictions, notification and marketing choices, analytics, an error report.
    const choices = {
      functional: { consent: true, legitimateInterest: true },
      performance: { consent: true, legitimateInterest: true },
      targeting: { consent: false, legitimateInterest: false },
    };
    await ok(browser.request('POST', '/api/privacy/consent', { body: { choices, method: 'banner' } }), 201);
    await ok(browser.request('POST', '/api/analytics/events', { body: { events: [{ type: 'page_view', name: '/settings' }] } }), 204);
    await ok(browser.request('PATCH', '/api/me/notification-preferences', { body: { productNews: { email: true, inApp: true } } }));
    await ok(browser.request('PATCH', '/api/me/restrictions', { body: { personalisation: true } }));

    // Content: a personal workspace, a team with a workspace, collections, environments, globals.
    const personal = await createWorkspace({ browser } as never, { name: 'Ada private', kind: 'private' });
    await createTeam({ browser, person: ada }, 'proof-team', 'Proof team');
    const bobInvite = await browser.request('POST', '/api/teams/proof-team/invitations', { body: { email: bob.person.email, role: 'member' } });
    expect(bobInvite.status).toBe(201);
    await ok(bob.browser.request('POST', `/api/invitations/${invitationTokenFor(memory, bob.person.email)}/accept`));
    // Ada makes Bob an admin: Bob's notification names Ada.
    await ok(browser.request('PATCH', `/api/teams/proof-team/members/${bob.person.username}`, { body: { role: 'admin' } }));
    const teamSpace = await createWorkspace({ browser } as never, { name: 'Proof team space', kind: 'team', teamSlug: 'proof-team', teamRole: 'editor' });
    // Ada registers a webhook for the team (its events are delivered by jobs, below).
    await ok(browser.request('POST', '/api/teams/proof-team/webhooks', { body: { url: `${kit.url}/status/204`, events: ['collection.created', 'ping'] } }), 201);
    // Carol invites Ada's address to her team and shares a workspace with her.
    await createTeam(carol, 'carol-team');
    await ok(carol.browser.request('POST', '/api/teams/carol-team/invitations', { body: { email: ada.email, role: 'member' } }), 201);
    const carolSpace = await createWorkspace(carol, { name: 'Carol space', kind: 'private' });
    await ok(carol.browser.request('PUT', `/api/workspaces/${carolSpace}/grants`, { body: { username: ada.username, role: 'editor' } }));

    const collection = (name: string) => ({
      info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Get', request: { method: 'GET', url: `${kit.url}/get?who=me` } }],
    });
    const mine = await ok(browser.request('POST', `/api/workspaces/${personal}/collections`, { body: collection('Ada notes') }), 201);
    const shared = await ok(browser.request('POST', `/api/workspaces/${teamSpace}/collections`, { body: collection('Team API') }), 201);
    await ok(browser.request('PATCH', `/api/collections/${shared.id}/settings`, { body: { description: 'Shared with the team.' } }));
    // A hosted mock of the team's collection, called once (the call log names nobody).
    const mock = await ok(browser.request('POST', `/api/workspaces/${teamSpace}/mocks`, { body: { name: 'Team mock', collectionId: shared.id, private: false } }), 201);
    expect((await t.app.request(`/mock/${mock.id}/get?who=me`)).status).toBe(404);
    await ok(browser.request('POST', `/api/workspaces/${teamSpace}/environments`, { body: { name: 'Team env', values: [{ key: 'base', value: kit.url }] } }), 201);
    await ok(browser.request('POST', `/api/workspaces/${personal}/environments`, { body: { name: 'My env', values: [{ key: 'token', value: 's3cret', type: 'secret' }] } }), 201);
    await ok(browser.request('PUT', `/api/workspaces/${teamSpace}/globals`, { body: { values: [{ key: 'g', value: '1', enabled: true }] } }));
    // Secret scanning (P17): a key saved by mistake is found; Ada marks it an accepted risk.
    const leakyKey = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
    await ok(browser.request('POST', `/api/workspaces/${teamSpace}/environments`, { body: { name: 'Leaky env', values: [{ key: 'postmanKey', value: leakyKey }] } }), 201);
    await jobs.drain();
    const [leak] = (await ok(browser.request('GET', `/api/workspaces/${teamSpace}/secret-findings`))).items;
    await ok(browser.request('PATCH', `/api/secret-findings/${leak.id}`, { body: { state: 'accepted_risk', note: 'Sandbox key.' } }));

    // Collaboration: a comment, a fork and a pull request, a review of Bob's pull request.
    await ok(browser.request('POST', `/api/collections/${shared.id}/comments`, { body: { body: 'Looks right to me.' } }), 201);
    const fork = await ok(browser.request('POST', `/api/collections/${shared.id}/forks`, { body: { workspaceId: personal, label: 'ada fork' } }), 201);
    await ok(browser.request('POST', `/api/collections/${fork.id}/pull-requests`, { body: { title: 'Small fix' } }), 201);
    const bobSpace = await createWorkspace(bob, { name: 'Bob forks', kind: 'private' });
    const bobFork = await ok(bob.browser.request('POST', `/api/collections/${shared.id}/forks`, { body: { workspaceId: bobSpace, label: 'bob fork' } }), 201);
    const bobPr = await ok(bob.browser.request('POST', `/api/collections/${bobFork.id}/pull-requests`, { body: { title: 'Bob change' } }), 201);
    await ok(browser.request('POST', `/api/pull-requests/${bobPr.id}/reviews`, { body: { decision: 'approve' } }), 201);
    await ok(browser.request('POST', `/api/pull-requests/${bobPr.id}/decline`));

    // Sending and running: request history and a collection run.
    await ok(browser.request('POST', '/api/send', { body: { request: { method: 'GET', url: `${kit.url}/get?from=ada` } } }));
    const { runId } = await ok(browser.request('POST', `/api/collections/${mine.id}/runs`, { body: {} }), 202);
    await expect.poll(async () => (await ok(browser.request('GET', `/api/runs/${runId}`))).status, { timeout: 30_000 }).not.toMatch(/queued|running/);
    // A monitor of the team's collection: it runs as Ada and emails her (she is its default recipient).
    await ok(browser.request('POST', `/api/workspaces/${teamSpace}/monitors`, { body: { name: 'Team monitor', collectionId: shared.id, cron: '0 * * * *' } }), 201);

    // Policies: the operator publishes a significant change; Ada acknowledges it.
    await ok(operator.browser.request('POST', '/api/policies/privacy/versions', { body: { title: 'Privacy policy', body: 'Changed.', significant: true, keyChanges: ['Changed.'] } }), 201);
    await ok(operator.browser.request('POST', '/api/policies/privacy/versions/2/publish'));
    await ok(browser.request('POST', '/api/policies/privacy/versions/2/acknowledgement'), 204);

    // Operator access (P16): the operator asks to read Ada's workspace; she consents; the operator reads.
    const access = await ok(
      operator.browser.request('POST', '/api/admin/operator-access', {
        body: { workspaceId: personal, reason: 'owner_consent', justification: `${ada.username} asked us to check her notes.`, hours: 2 },
      }),
      201,
    );
    await ok(browser.request('POST', `/api/operator-access/${access.id}/consent`, { body: { agree: true } }));
    await ok(operator.browser.request('GET', `/api/collections/${mine.id}`));
    expect((await ok(browser.request('GET', `/api/workspaces/${personal}/access-log`))).reads).toHaveLength(1);

    // Ada reports an account she believes belongs to a child; she makes a privacy request.
    await ok(browser.request('POST', `/api/accounts/${carol.person.username}/underage-reports`, { body: {} }), 202);
    const request = await ok(browser.request('POST', '/api/me/privacy-requests', { body: { kind: 'correction', law: 'gdpr', details: 'My bio is wrong.' } }), 201);
    // Staff restrict processing while the correction is disputed, then resolve it (P25).
    const queue = await ok(operator.browser.request('GET', '/api/admin/privacy-requests'));
    const queued = queue.requests.find((r: { reference: string }) => r.reference === request.reference);
    const act = (action: string, body: unknown = {}) => ok(operator.browser.request('POST', `/api/admin/privacy-requests/${queued.id}/${action}`, { body }));
    await act('start');
    await act('restriction', { restricted: true, reason: 'Accuracy contested.' });
    await act('complete', { note: 'Corrected.' });

    // Ada asks for support with a screenshot (P3); the operator answers in the ticket.
    const ticket = await ok(
      browser.request('POST', '/api/support/tickets', {
        body: {
          contactName: ada.displayName,
          contactEmail: ada.email,
          summary: 'Runs stop early',
          description: `Signed in as ${ada.username}: my runs stop after one request.`,
          attachments: [{ name: 'screen.png', data: PNG.toString('base64') }],
        },
      }),
      201,
    );
    const tickets = await ok(operator.browser.request('GET', '/api/admin/support/tickets'));
    const ticketId = tickets.tickets.find((x: { reference: string }) => x.reference === ticket.reference).id;
    await ok(operator.browser.request('POST', `/api/admin/support/tickets/${ticketId}/replies`, { body: { body: 'Which collection, Ada?' } }));
    // Ada is her team's billing contact (P4); Carol names Ada's address as hers.
    await ok(browser.request('PUT', '/api/teams/proof-team/billing', { body: { plan: 'team', seats: 3, contact: { username: ada.username } } }));
    await ok(carol.browser.request('PUT', '/api/teams/carol-team/billing', { body: { plan: 'business', contact: { name: ada.displayName, email: ada.email } } }));
    // Ada's team verifies her email domain and starts managing its accounts (P11): she is told first.
    const domain = await ok(browser.request('POST', '/api/teams/proof-team/domains', { body: { domain: 'example.test' } }), 201);
    dns.records.set(domain.record.name, [domain.record.value]);
    await ok(browser.request('POST', '/api/teams/proof-team/domains/example.test/verify'));
    await ok(browser.request('POST', '/api/teams/proof-team/domains/example.test/capture', { body: { noticeDays: 1 } }));
    // Ada opens a security incident in her team (P15), naming herself in it, and looks at Bob's devices.
    const incident = await ok(
      browser.request('POST', '/api/teams/proof-team/incidents', { body: { title: 'Odd sign-ins', justification: `Bob reported sign-ins he did not make; ${ada.username} checks the devices.` } }),
      201,
    );
    await ok(browser.request('GET', `/api/teams/proof-team/incidents/${incident.id}/members/${bob.person.username}/devices`));

    // Retention runs once (it notes the activity of people opted in to product news), then the export.
    await jobs.send('retention.run', {});
    await jobs.drain();
    // What the database holds about Ada now, before the export (which adds its own rows).
    const needles = { email: ada.email, 'first email': ada.firstEmail, username: ada.username, 'display name': ada.displayName, 'IP address': IP };
    const beforeExport = await findTraces(t.database.db, { accountId: adaId, needles }, unzipEntries);
    await ok(browser.request('POST', '/api/me/exports'), 202);
    await jobs.drain();
    const exports = await ok(browser.request('GET', '/api/me/exports'));
    const ready = exports.exports.find((e: { status: string }) => e.status === 'ready');
    expect(ready, JSON.stringify(exports)).toBeDefined();
    const download = await browser.request('GET', `/api/me/exports/${ready.id}/download`);
    expect(download.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const personalData = JSON.parse(strFromU8(zip['personal-data.json']!));

    // ── Every table the data map links to people holds a row about Ada (the test grows with it) ──
    const before = await findTraces(t.database.db, { accountId: adaId, needles }, unzipEntries);
    const tablesWithAda = new Set(before.map((trace) => trace.table));
    const catalog = await describeTables(t.database.db);
    const linkedTables = new Set([
      ...catalog.filter((table) => table.accountColumns.length > 0).map((table) => table.name),
      ...DATA_MAP.filter((decl) => decl.subjects.length > 0).map(tableName),
    ]);
    const untouched = [...linkedTables].filter((name) => !tablesWithAda.has(name) && !(name in NO_ROW_POSSIBLE));
    expect(untouched, `add activity in these tables to the proof (or a reason to NO_ROW_POSSIBLE): ${untouched.join(', ')}`).toEqual([]);

    // ── The export holds every one of those rows ───────────────────────────────────────────────
    const exported = (trace: Trace) => {
      const table = personalData.tables[trace.table];
      if (!table) return false;
      const key = (row: Record<string, unknown>) => table.primaryKey.map((c: string) => String(row[c])).join('|');
      return table.rows.some((row: Record<string, unknown>) => key(row) === trace.key);
    };
    const missing = beforeExport.filter((trace) => !exported(trace));
    expect(missing, JSON.stringify(missing, null, 1)).toEqual([]);
    expect(Object.keys(zip).some((name) => name.startsWith('collections/'))).toBe(true);
    expect(Object.keys(zip).some((name) => name.startsWith('environments/'))).toBe(true);
    expect(strFromU8(zip['index.html']!)).toContain('supervisory authority');
    // The screenshot is in the export as the file it was.
    expect(Object.entries(zip).some(([name, bytes]) => name.startsWith('support/') && name.endsWith('screen.png') && Buffer.from(bytes).equals(PNG))).toBe(true);

    // A backup made now still holds all of Ada (P19).
    const backupFile = join(backupDir, 'before-deletion.postern-backup.gz');
    await writeBackup(t.database, createWriteStream(backupFile), { clock: () => now });

    // ── Ada deletes her account; the clock passes the grace period; retention runs ─────────────
    now = new Date(now.getTime() + 60_000); // a fresh authenticator code: the last one was used
    await ok(browser.request('POST', '/api/me/deletion', { body: { password: ada.password, totpCode: code() } }), 202);
    const tokens = await findTraces(t.database.db, { accountId: adaId, needles: {} }, unzipEntries);
    expect(tokens.some((trace) => trace.table === 'account_deletion_tokens')).toBe(true);
    expect((await new FromHome(t.app).request('POST', '/api/sessions', { body: { login: ada.username, password: ada.password } })).status).toBe(403);

    now = new Date(now.getTime() + 16 * DAY_MS);
    await jobs.send('retention.run', {});
    await jobs.drain();

    // ── Nothing of Ada remains anywhere: not in any table, export file or stored upload ─────────
    const after = await findTraces(t.database.db, { accountId: adaId, needles }, unzipEntries);
    expect(after, JSON.stringify(after, null, 1)).toEqual([]);
    // Only the tombstone: one ledger row, keyed hashes only.
    expect(await findTraces(t.database.db, { needles: { 'account id': adaId } }, unzipEntries)).toEqual([]);
    const [tombstones] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from deletion_ledger`);
    expect(tombstones!.n).toBe(1);

    // Restoring the backup made before the deletion does not bring Ada back: the ledger is replayed.
    const restored = await restoreBackup(t.database, backupFile, { secretKey, clock: () => now });
    expect(restored.reErased).toBe(1);
    expect(await findTraces(t.database.db, { accountId: adaId, needles: { ...needles, 'account id': adaId } }, unzipEntries)).toEqual([]);

    // Shared content stayed, attributed to "Deleted user"; the receipt was sent before the address went.
    expect((await ok(bob.browser.request('GET', `/api/collections/${shared.id}`))).info.name).toBe('Team API');
    const bobNotifications = await ok(bob.browser.request('GET', '/api/me/notifications'));
    expect(JSON.stringify(bobNotifications)).toContain('Deleted user');
    expect(memory.to(ada.email).at(-1)?.subject).toMatch(/erased|deleted/i);
  }, 600_000);
});
