import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createApp, migrate, openDatabase } from '@postern/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '../bin/postern.js');

describe('postern admin outbox', () => {
  const data = tempDir();
  // The sources, not a possibly older bundle; the embedded database in the temp data dir.
  const env = { ...process.env, POSTERN_FROM_SOURCE: '1', POSTERN_DATA_DIR: data.path, DATABASE_URL: '', SMTP_URL: '' };
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [bin, 'admin', 'outbox', ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 60_000 });

  beforeAll(async () => {
    // Mail sent through the app (no SMTP configured) lands in the outbox of this data dir.
    const database = await openDatabase({ dataDir: data.path });
    try {
      await migrate(database);
      const app = createApp({ database, rateLimits: false, passwordHashing: { memoryCost: 1024, timeCost: 1 } });
      for (const [username, email] of [
        ['ada', 'ada@example.test'],
        ['grace', 'grace@example.test'],
      ]) {
        const res = await app.request('/api/accounts', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, email, password: 'correct horse battery', birthDate: '1990-04-02', country: 'FR' }),
        });
        expect(res.status).toBe(201);
      }
    } finally {
      await database.close();
    }
  }, 60_000);
  afterAll(() => data.cleanup());

  it('prints the messages readably, newest first', () => {
    const r = run([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const grace = r.stdout.indexOf('To:      grace@example.test');
    const ada = r.stdout.indexOf('To:      ada@example.test');
    expect(grace).toBeGreaterThan(-1);
    expect(ada).toBeGreaterThan(grace);
    expect(r.stdout).toContain('Subject: Confirm your email address for Postern');
    expect(r.stdout).toMatch(/^http:\/\/localhost:4400\/verify-email#token=[A-Za-z0-9_-]{43}$/m);
    expect(r.stdout).toMatch(/^─── \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC {2}[0-9a-f-]{36}$/m);
  }, 60_000);

  it('prints JSON with --json and honours --limit', () => {
    const r = run(['--json', '--limit', '1']);
    expect(r.status).toBe(0);
    const messages = JSON.parse(r.stdout);
    expect(messages).toEqual([
      {
        id: expect.any(String),
        to: 'grace@example.test',
        subject: 'Confirm your email address for Postern',
        text: expect.stringContaining('/verify-email#token='),
        html: expect.stringContaining('<a href="http://localhost:4400/verify-email#token='),
        headers: {},
        createdAt: expect.stringMatching(/Z$/),
      },
    ]);
  }, 60_000);

  it('refuses a bad --limit with one line', () => {
    const r = run(['--limit', '0']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['error: --limit must be a whole number from 1 to 200']);
  }, 60_000);

  it('says when the outbox is empty', () => {
    const empty = tempDir();
    try {
      const r = run([], { POSTERN_DATA_DIR: empty.path, SMTP_URL: 'smtp://mail.example:587' });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('The outbox is empty (SMTP_URL is set, so new mail goes to the SMTP server).\n');
    } finally {
      empty.cleanup();
    }
  }, 60_000);

  it('refuses to open the embedded database while another process holds it, in one line', async () => {
    const held = await openDatabase({ dataDir: data.path });
    try {
      const r = run([]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`Another Postern process (pid ${process.pid}) is using the embedded database`);
    } finally {
      await held.close();
    }
    expect(run([]).status).toBe(0);
  }, 60_000);
});
