/**
 * Webhook signing (documented in docs/admin.md#webhooks): `v1=` + hex HMAC-SHA256, keyed with the
 * endpoint's secret (the whole `whsec_…` string as UTF-8), over `<timestamp>.<raw body>` where
 * the timestamp is the Postern-Webhook-Timestamp header (Unix seconds). Signing the timestamp with
 * the body lets receivers refuse replays of old deliveries.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'postern-webhook-signature';
export const TIMESTAMP_HEADER = 'postern-webhook-timestamp';
export const EVENT_ID_HEADER = 'postern-webhook-id';
export const EVENT_TYPE_HEADER = 'postern-webhook-event';

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute the signature and compare in constant time, and refuse a
 * timestamp further than `toleranceSeconds` from now.
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  // Several signatures may be sent at once (space-separated) while a secret is being rotated.
  return headers.signature.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
