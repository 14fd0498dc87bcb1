import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults that every authenticator app supports: SHA-1, 6 digits, 30 seconds. */
const PERIOD_SECONDS = 30;
/** One step either side, for clocks that drift and codes typed near the end of their period. */
const WINDOW = 1;
const ISSUER = 'Postern';

export function newTotpSecret(): string {
  // 160 bits, the size RFC 4226 recommends.
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI that authenticator apps read from a QR code. */
export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/** The time step a code was made for, when it is valid at `now` (within the window), else null. */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

function totp(secret: string, label = ISSUER): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), period: PERIOD_SECONDS, digits: 6, algorithm: 'SHA1' });
}

export const RECOVERY_CODE_COUNT = 10;
// RFC 4648 base32 letters: no 0/1/8/9 to confuse with O/I/B/g when copied by hand.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Ten codes of 16 base32 characters (80 random bits each), written XXXX-XXXX-XXXX-XXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/**
 * The stored form of a recovery code. Codes carry 80 random bits, so an unsalted SHA-256 cannot
 * be reversed by guessing; case, spaces and dashes typed by the person do not matter.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');
}
