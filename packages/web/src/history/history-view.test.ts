import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../api/types.ts';
import { canReopen, dayKey, formatSize, groupByDay, isRetentionDays, outcomeOf, tabNameOf } from './history-view.ts';

// Local-time constructors keep the tests right in any time zone.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute);
const entry = (id: string, sent: Date, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  workspaceId: null,
  collectionId: null,
  itemId: null,
  method: 'GET',
  url: 'https://example.test/',
  status: 200,
  errorCode: null,
  durationMs: 10,
  responseSize: 100,
  createdAt: sent.toISOString(),
  ...extra,
});

describe('groupByDay', () => {
  it('groups newest-first entries by local day, labelling today and yesterday, keeping their order', () => {
    const now = at(10, 9);
    const entries = [entry('a', at(10, 8, 30)), entry('b', at(10, 0, 5)), entry('c', at(9, 23, 59)), entry('d', at(3, 12)), entry('e', at(3, 1))];
    const groups = groupByDay(entries, now, (d) => `day ${d.getDate()}`);
    expect(groups.map((g) => [g.key, g.label, g.entries.map((e) => e.id)])).toEqual([
      [dayKey(at(10, 0)), 'Today', ['a', 'b']],
      [dayKey(at(9, 0)), 'Yesterday', ['c']],
      [dayKey(at(3, 0)), 'day 3', ['d', 'e']],
    ]);
  });

  it('knows yesterday across a month boundary and gives nothing for no entries', () => {
    const groups = groupByDay([entry('x', new Date(2026, 1, 28, 22))], new Date(2026, 2, 1, 7));
    expect(groups.map((g) => g.label)).toEqual(['Yesterday']);
    expect(groupByDay([], new Date())).toEqual([]);
  });
});

describe('entry helpers', () => {
  it('shows a status code or a word for a failed send', () => {
    expect(outcomeOf({ status: 404, errorCode: null })).toBe('404');
    expect(outcomeOf({ status: null, errorCode: 'UPSTREAM_TIMEOUT' })).toBe('Timed out');
    expect(outcomeOf({ status: null, errorCode: 'SOMETHING_NEW' })).toBe('Failed');
  });

  it('reopens only requests of this workspace that name a collection and an item', () => {
    const linked = { workspaceId: 'w1', collectionId: 'c1', itemId: 'i1' };
    expect(canReopen(linked, 'w1')).toBe(true);
    expect(canReopen(linked, 'w2')).toBe(false);
    expect(canReopen({ ...linked, itemId: null }, 'w1')).toBe(false);
  });

  it('names tabs, sizes and retention choices', () => {
    expect(tabNameOf('https://api.example.test/users?page=2')).toBe('api.example.test/users?page=2');
    expect(tabNameOf('{{base}}/users')).toBe('{{base}}/users');
    expect(tabNameOf('')).toBe('(no URL)');
    expect(tabNameOf(`https://${'a'.repeat(100)}`)).toHaveLength(60);
    expect([formatSize(512), formatSize(1536), formatSize(3 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '3.0 MB']);
    expect([0, 30, 365].every(isRetentionDays)).toBe(true);
    expect(isRetentionDays(14)).toBe(false);
  });
});
