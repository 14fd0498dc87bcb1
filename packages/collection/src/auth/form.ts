import { percentEncode } from './percent-encode.ts';
import type { SignableRequest } from './signer.ts';

/**
 * Adds pairs to a urlencoded body, keeping `form` and its serialized
 * `bodyText` in step so whichever the sender uses carries them.
 */
export function appendFormParams(request: SignableRequest, pairs: ReadonlyArray<readonly [string, string]>): void {
  if (pairs.length === 0) return;
  request.form = [...(request.form ?? []), ...pairs.map(([key, value]) => ({ key, value }))];
  const added = pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
  request.bodyText = request.bodyText ? `${request.bodyText}&${added}` : added;
}

/** Drops form pairs by name, re-serializing `bodyText` only when something was removed. */
export function removeFormParams(request: SignableRequest, matches: (key: string) => boolean): void {
  if (!request.form) return;
  const kept = request.form.filter((pair) => !matches(pair.key));
  if (kept.length === request.form.length) return;
  request.form = kept;
  request.bodyText = kept.map(({ key, value }) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
}
