import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATA_MAP, subjectRows, tableName } from '../src/db/datamap/index.ts';
import type { SubjectRecords } from '../src/db/datamap/index.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { importCollection } from './support/content.ts';
import { createTeam } from './support/teams.ts';

const SETUP_TIMEOUT_MS = 120_000;
type Person = Awaited<ReturnType<typeof signUpPerson>>;

const tableOf = (records: SubjectRecords, table: string) => records.find((r) => r.table === table);

forEachDatabase('data map: subjectRows (P8, P21)', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let alice: Person;
  let bob: Person;
  let aliceId: string;
  let bobId: string;

  beforeAll(async () => {
    t = await openTestApp(target, { mailer, publicUrl: 'https://postern.example' });
    alice = await signUpPerson(t.app);
    bob = await signUpPerson(t.app);
    aliceId = (await (await alice.browser.request('GET', '/api/me')).json()).id;
    bobId = (await (await bob.browser.request('GET', '/api/me')).json()).id;
    // Alice's own content, in her personal workspace.
    const workspaces = await (await alice.browser.request('GET', '/api/workspaces')).json();
    const personal = workspaces.items.find((w: { kind: string }) => w.kind === 'personal');
    await importCollection(alice, personal.id);
    // Bob invites Alice by an address spelled differently: a row about her that Bob wrote.
    await createTeam(bob, 'bobs');
    const invited = await bob.browser.request('POST', '/api/teams/bobs/invitations', { body: { email: alice.person.email.toUpperCase() } });
    expect(invited.status).toBe(201);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  it('finds the person’s rows in every table that links to them, and nobody else’s', async () => {
    const records = await subjectRows(t.database.db, { accountId: aliceId, email: alice.person.email });

    const users = tableOf(records, 'users')!;
    expect(users.links).toEqual(['id']);
    expect(users.rows).toHaveLength(1);
    expect(users.rows[0]).toMatchObject({ id: aliceId, username: alice.person.username, email: alice.person.email });
    // Whole rows, SQL column names: callers pick the exported columns.
    expect(users.rows[0]).toHaveProperty('password_hash');

    const sessions = tableOf(records, 'sessions')!;
    expect(sessions.links).toEqual(['user_id']);
    expect(sessions.rows.length).toBeGreaterThanOrEqual(1);
    expect(sessions.rows.every((row) => row.user_id === aliceId)).toBe(true);

    expect(tableOf(records, 'workspaces')!.rows.map((row) => row.kind)).toContain('personal');
    expect(tableOf(records, 'collections')!.links).toEqual(['created_by']);

    const invitation = tableOf(records, 'team_invitations')!;
    expect(invitation.links).toEqual(['email']);
    expect(invitation.rows).toHaveLength(1);
    expect(invitation.rows[0]).toMatchObject({ email: alice.person.email.toUpperCase(), invited_by: bobId });

    // Nothing of Bob's except the invitation he sent her.
    for (const record of records) {
      for (const row of record.rows) {
        if (record.table === 'team_invitations') continue;
        expect(Object.values(row)).not.toContain(bobId);
      }
    }
    expect(records.find((r) => r.table === 'team_members')).toBeUndefined();
  });

  it('finds the inviter through the invitation too, by the account link', async () => {
    const records = await subjectRows(t.database.db, { accountId: bobId, email: bob.person.email });
    const invitation = tableOf(records, 'team_invitations')!;
    expect(invitation.links).toEqual(['invited_by']);
    expect(tableOf(records, 'team_members')!.rows).toHaveLength(1);
    expect(tableOf(records, 'users')!.rows[0]).toMatchObject({ id: bobId });
  });

  it('serves the data map to anyone at GET /api/privacy/datamap', async () => {
    const res = await new Browser(t.app).request('GET', '/api/privacy/datamap');
    expect(res.status).toBe(200);
    const map = await res.json();
    expect(map.tables.map((table: { name: string }) => table.name)).toEqual(DATA_MAP.map(tableName));
    const sessions = map.tables.find((table: { name: string }) => table.name === 'sessions');
    expect(sessions.retention).toMatchObject({ kind: 'expiry', column: 'expires_at', text: expect.stringMatching(/^Kept until the session ends/) });
    expect(sessions.subjects).toEqual([{ column: 'user_id', by: 'account', role: 'owner', onErase: 'delete' }]);
    expect(sessions.columns.find((c: { name: string }) => c.name === 'ip_hash')).toEqual({
      name: 'ip_hash',
      category: 'user.device.ip_address',
      description: expect.any(String),
      personal: true,
      purposes: ['security'],
      legalBasis: 'legitimate_interest',
      exported: false,
      erasure: 'keep',
    });
    // It is part of the documented API.
    const spec = await (await new Browser(t.app).request('GET', '/api/openapi.json')).json();
    expect(spec.paths['/api/privacy/datamap']).toBeDefined();
  });

  it('finds nothing for an unknown account id or address, without failing on a malformed id', async () => {
    expect(await subjectRows(t.database.db, { accountId: '00000000-0000-4000-8000-000000000000', email: 'nobody@example.test' })).toEqual([]);
    expect(await subjectRows(t.database.db, { accountId: 'not-a-uuid', email: 'nobody@example.test' })).toEqual([]);
  });
});
