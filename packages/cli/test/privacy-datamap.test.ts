import { DATA_MAP, tableName } from '@postern/server';
import { describe, expect, it } from 'vitest';
import { postern } from './helpers.ts';

// The server's coverage test (src/db/datamap/datamap.test.ts) proves DATA_MAP covers the schema.
const tableNames = DATA_MAP.map(tableName);

describe('postern privacy datamap (P8)', () => {
  it('prints every declared column as a row: table, column, category, purposes, basis, retention, exported', async () => {
    const r = await postern(['privacy', 'datamap']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^TABLE\s+COLUMN\s+CATEGORY\s+PURPOSES\s+BASIS\s+RETENTION\s+EXPORTED$/);
    const row = (table: string, column: string) => lines.find((line) => line.split(/\s+/)[0] === table && line.split(/\s+/)[1] === column)?.split(/\s{2,}/);
    expect(row('users', 'email')).toEqual(['users', 'email', 'user.contact.email', 'provide_service,security,communications', 'contract', 'account +15d', 'yes']);
    // Hashes are never exported.
    expect(row('users', 'password_hash')?.at(-1)).toBe('no');
    expect(row('sessions', 'id')).toEqual(['sessions', 'id', 'system.id', '-', '-', 'expiry (expires_at)', 'yes']);
    expect(row('outbox_messages', 'to')?.[5]).toBe('age 30d (created_at)');
    expect(row('request_history', 'url')?.[5]).toBe('job history');
    // Every column of every table, once.
    const columnCount = DATA_MAP.reduce((n, decl) => n + Object.keys(decl.columns).length, 0);
    expect(lines.filter((line) => tableNames.includes(line.split(/\s+/)[0]!))).toHaveLength(columnCount);
    expect(r.stdout).toContain(`${DATA_MAP.length} tables, ${columnCount} columns`);
  });

  it('prints the whole map as JSON with --json', async () => {
    const r = await postern(['privacy', 'datamap', '--json']);
    expect(r.code).toBe(0);
    const map = JSON.parse(r.stdout);
    expect(map.version).toBe(1);
    expect(map.tables.map((t: { name: string }) => t.name)).toEqual(tableNames);
    const users = map.tables.find((t: { name: string }) => t.name === 'users');
    expect(users.retention).toMatchObject({ kind: 'account', graceDays: 15, text: expect.stringMatching(/^Kept for the life of the account/) });
    expect(users.subjects).toEqual([{ column: 'id', by: 'account', role: 'self', onErase: 'delete' }]);
    expect(users.columns.find((c: { name: string }) => c.name === 'password_hash')).toMatchObject({
      category: 'user.account.password',
      personal: true,
      exported: false,
      purposes: ['security'],
      legalBasis: 'contract',
    });
    const invitations = map.tables.find((t: { name: string }) => t.name === 'team_invitations');
    expect(invitations.subjects).toContainEqual({ column: 'email', by: 'email', role: 'invitee', onErase: 'delete' });
  });
});
