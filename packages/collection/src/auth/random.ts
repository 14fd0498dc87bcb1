import type { SignContext } from './signer.ts';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Nonce text from the context's randomness (the slight modulo bias is harmless for nonces). */
export function randomAlphanumeric(ctx: SignContext, length: number): string {
  let out = '';
  for (const byte of ctx.randomBytes(length)) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** An RFC 9562 version 4 UUID from the context's randomness. */
export function randomUuid(ctx: SignContext): string {
  const bytes = Uint8Array.from(ctx.randomBytes(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whole seconds since the epoch, as most signing schemes want. */
export function unixSeconds(ctx: SignContext): number {
  return Math.floor(ctx.now() / 1000);
}
