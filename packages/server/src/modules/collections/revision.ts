import { AppError, badRequest } from '../../errors.ts';

/** The ETag of a stored revision. */
export const etagOf = (revision: number) => `"${revision}"`;

/**
 * The revision an If-Match header names: `"7"` (or W/"7"); undefined when the header is absent
 * or `*`, meaning "whatever is current".
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw badRequest('If-Match must be the ETag a read returned, like "3".', {
      code: 'INVALID_IF_MATCH',
      errors: [{ path: 'header.if-match', message: 'expected a quoted revision number' }],
    });
  }
  return Number(match[1]);
}

/** Concurrent edits are shown, not silently overwritten: a stale If-Match is a 412. */
export function checkRevision(current: number, expected: number | undefined, what = 'collection'): void {
  if (expected === undefined || expected === current) return;
  throw new AppError(
    412,
    'REVISION_MISMATCH',
    `The ${what} changed since you read it (you sent revision ${expected}, it is now at ${current}); reload it, re-apply your edit and save again.`,
  );
}
