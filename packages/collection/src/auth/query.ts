import { formDecode, percentEncode } from './percent-encode.ts';

/*
 * These edit `url.search` as text rather than through `url.searchParams`,
 * because the latter re-serializes every existing pair (`%20` becomes `+`),
 * which would change what a signature was computed over.
 */

/** Appends pairs, each RFC 3986-encoded, after the existing query. */
export function appendQueryParams(url: URL, pairs: ReadonlyArray<readonly [string, string]>): void {
  if (pairs.length === 0) return;
  const added = pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
  const current = url.search.slice(1);
  url.search = current ? `${current}&${added}` : added;
}

/** Removes every pair whose decoded key matches; the rest stay exactly as written. */
export function removeQueryParams(url: URL, matches: (key: string) => boolean): void {
  const current = url.search.slice(1);
  if (!current) return;
  const pieces = current.split('&');
  const kept = pieces.filter((piece) => !matches(formDecode(piece.split('=', 1)[0] ?? '')));
  if (kept.length !== pieces.length) url.search = kept.join('&');
}

/** The query as decoded pairs, in order. */
export function queryPairs(url: URL): Array<[string, string]> {
  return [...url.searchParams];
}
