import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Identity verification by emailed code (P26). */
export const CODE_TTL_MS = 30 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
/** Codes sent per request, the first included, and the wait between two sends. */
export const MAX_CODE_SENDS = 5;
export const RESEND_INTERVAL_MS = 60 * 1000;

export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Keyed, so a copy of the database alone cannot try the million codes offline. */
export function hashCode(secretKey: Buffer, requestId: string, code: string): string {
  return createHmac('sha256', secretKey).update(`privacy-request-code:${requestId}:${code}`).digest('base64url');
}

export function codeMatches(secretKey: Buffer, requestId: string, code: string, stored: string): boolean {
  const expected = Buffer.from(hashCode(secretKey, requestId, code));
  const actual = Buffer.from(stored);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export const newStatusToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

// Crockford's base32 without the letters people misread (I, L, O, U).
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference such as PR-7K2M-Q9XD: short enough to read over the phone, too many to guess. */
export function newReference(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => REFERENCE_ALPHABET[b % 32]).join('');
  return `PR-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
