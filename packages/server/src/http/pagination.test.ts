import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { decodeCursor, encodeCursor, pageOf } from './pagination.ts';

describe('cursor pagination', () => {
  it('round-trips a sort key through an opaque cursor', () => {
    const cursor = encodeCursor(['2026-01-01T00:00:00.000Z', 'a1']);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, 2)).toEqual(['2026-01-01T00:00:00.000Z', 'a1']);
  });

  it('refuses cursors it did not make', () => {
    for (const bad of ['not base64 json', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 2)).toThrow(AppError);
    }
  });

  it('gives a next cursor only when the extra row shows there is more', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const full = pageOf(rows, 2, (r) => [r.id]);
    expect(full.items.map((r) => r.id)).toEqual(['a', 'b']);
    expect(decodeCursor(full.nextCursor!, 1)).toEqual(['b']);
    expect(pageOf(rows, 3, (r) => [r.id]).nextCursor).toBeNull();
  });
});
