import { z } from '@hono/zod-openapi';
import { badRequest } from '../errors.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Query parameters every list endpoint accepts. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ description: `Items per page (1–${MAX_PAGE_SIZE}).` }),
  cursor: z.string().max(512).optional().openapi({ description: 'The `nextCursor` of the previous page.' }),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** The response schema of a list endpoint. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A cursor is the sort key of the last item seen, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor carries; a tampered or foreign cursor is a 400. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('The cursor is not one this list gave out; start again without it.', { code: 'INVALID_CURSOR' });
}

/**
 * Turns rows fetched with `limit + 1` into a page: the extra row only tells that more exist.
 * `keyOf` returns the sort key (ending with a unique column) the store orders by.
 */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
