import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/database.ts';
import { openNetworkLocator } from '../src/geoip/network-locator.ts';
import { startServer } from '../src/server.ts';
import { forEachDatabase } from './for-each-database.ts';
import { FAST_HASHING, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { Browser } from './support/browser.ts';
import { writeMmdb } from './support/mmdb-writer.ts';

forEachDatabase('sessions: approximate network and location (P5, P7)', (target) => {
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

  it('names the place of each session from a location database, looked up from the stored network only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postern-geoip-'));
    const file = join(dir, 'City.mmdb');
    writeFileSync(
      file,
      writeMmdb([
        {
          network: '203.0.113.0/24',
          data: {
            city: { names: { en: 'Lisbon', pt: 'Lisboa' } },
            subdivisions: [{ iso_code: '11', names: { en: 'Lisbon' } }],
            country: { iso_code: 'PT', names: { en: 'Portugal' } },
          },
        },
        {
          network: '2001:db8:abcd::/48',
          data: { subdivisions: [{ names: { en: 'Bavaria' } }], country: { iso_code: 'DE', names: { de: 'Deutschland', en: 'Germany' } } },
        },
        { network: '198.51.100.0/24', data: { registered_country: { names: { en: 'Japan' } } } },
      ]),
    );
    const locateNetwork = await openNetworkLocator(file);
    const located = createApp({ database: t.database, locateNetwork, rateLimits: false, passwordHashing: FAST_HASHING });
    const { browser, person } = await signUpPerson(located);
    for (const address of ['203.0.113.77', '2001:db8:abcd:12::99', '198.51.100.5', '192.0.2.1']) {
      const res = await located.request(
        '/api/sessions',
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: person.username, password: person.password }) },
        { incoming: { socket: { remoteAddress: address } } },
      );
      expect(res.status).toBe(200);
    }
    const { sessions } = await (await browser.request('GET', '/api/sessions')).json();
    const places = sessions.map((s: { approximateNetwork: string | null; approximateLocation: string | null }) => [s.approximateNetwork, s.approximateLocation]);
    expect(places).toEqual(
      expect.arrayContaining([
        ['203.0.113.0/24', 'Lisbon, Portugal'],
        ['2001:db8:abcd::/48', 'Bavaria, Germany'],
        ['198.51.100.0/24', 'Japan'],
        ['192.0.2.0/24', null],
        [null, null],
      ]),
    );
    expect(places).toHaveLength(5);
    // Without a location database the same sessions show only their network.
    const sameSessionElsewhere = new Browser(t.app);
    for (const [name, value] of browser.cookies) sameSessionElsewhere.cookies.set(name, value);
    const { sessions: plain } = await (await sameSessionElsewhere.request('GET', '/api/sessions')).json();
    expect(plain).toHaveLength(5);
    expect(plain.every((s: { approximateLocation: string | null }) => s.approximateLocation === null)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start with a file that is not a location database, naming the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postern-geoip-'));
    writeFileSync(join(dir, 'City.mmdb'), 'not a MaxMind DB');
    const config = loadConfig({ POSTERN_DATA_DIR: join(dir, 'data'), POSTERN_GEOIP_DB: 'City.mmdb', PORT: '0' }, dir);
    const failure = await startServer(config).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).issues).toEqual([{ variable: 'POSTERN_GEOIP_DB', message: expect.stringContaining('cannot be read as a MaxMind DB') }]);
    // Refused before anything was opened: no data directory was created.
    expect(existsSync(join(dir, 'data'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
