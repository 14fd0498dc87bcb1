import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';

forEachDatabase('sessions: approximate network instead of location (P5)', (target) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp(target);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Signs in as if from `address`, the way @hono/node-server hands the socket to the app. */
  async function signInFrom(address: string, login: string, password: string) {
    const res = await t.app.request(
      '/api/sessions',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) },
      { incoming: { socket: { remoteAddress: address } } },
    );
    expect(res.status).toBe(200);
  }

  it('keeps only the /24 or /48 of the address and shows it in the sessions list', async () => {
    const { browser, person, account } = await signUpPerson(t.app);
    await signInFrom('203.0.113.77', person.username, person.password);
    await signInFrom('2001:db8:abcd:12::99', person.username, person.password);

    const { sessions } = await (await browser.request('GET', '/api/sessions')).json();
    const networks = sessions.map((s: { approximateNetwork: string | null }) => s.approximateNetwork).sort();
    // The browser's own sign-up came through app.request with no socket: unknown.
    expect(networks).toEqual(['2001:db8:abcd::/48', '203.0.113.0/24', null].sort());

    const rows = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from sessions where user_id = ${account.id}`);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('203.0.113.77');
    expect(stored).not.toContain('2001:db8:abcd:12');
  });

  it('uses the forwarded address only when TRUST_PROXY is on', async () => {
    const { person, account } = await signUpPerson(t.app);
    const behindProxy = createApp({ database: t.database, trustProxy: true, rateLimits: false, passwordHashing: FAST_HASHING });
    const res = await behindProxy.request(
      '/api/sessions',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.23' },
        body: JSON.stringify({ login: person.username, password: person.password }),
      },
      { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
    );
    expect(res.status).toBe(200);
    const rows = await queryRows<{ approximate_network: string | null }>(
      t.database.db,
      sql`select approximate_network from sessions where user_id = ${account.id} and approximate_network is not null`,
    );
    expect(rows.map((r) => r.approximate_network)).toEqual(['198.51.100.0/24']);
  });
});
