/**
 * Free-text columns marked `mentions` (a notification title, a mail body) can name a person who is
 * not linked to the row. Export finds such rows and erasure rewrites the names, both with this one
 * PostgreSQL regular expression: any of the person's names or email as a whole word, any case.
 */
export const MENTION_REPLACEMENT = 'Deleted user';

/** Shorter words would match too much ordinary text; usernames are at least 3 characters. */
const MIN_NEEDLE_LENGTH = 3;

/** A PostgreSQL ARE (for `~*` and `regexp_replace(..., 'gi')`), or undefined when nothing to look for. */
export function mentionPattern(needles: readonly (string | null | undefined)[]): string | undefined {
  const words = [...new Set(needles.filter((n): n is string => typeof n === 'string' && n.trim().length >= MIN_NEEDLE_LENGTH).map((n) => n.trim()))];
  if (words.length === 0) return undefined;
  // Longest first so "Ada Lovelace" wins over "Ada" inside the alternation.
  words.sort((a, b) => b.length - a.length);
  const alternatives = words.map((word) => word.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|');
  // Lookarounds rather than consumed boundaries, so two mentions side by side are both found.
  return `(?<![[:alnum:]_])(${alternatives})(?![[:alnum:]_])`;
}
