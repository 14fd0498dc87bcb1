import { createHmac, timingSafeEqual } from 'node:crypto';

/** The mailing lists a person can leave with one click (RFC 8058); product news is the only one. */
export type MailingList = 'product-news';
const LIST_CODES: Record<MailingList, number> = { 'product-news': 1 };
const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Signs and checks unsubscribe tokens: account id (16 bytes) + list code (1 byte) + a truncated
 * HMAC-SHA256 under a key derived from the instance's secret key. Nothing is stored, old messages'
 * links keep working, and the token names no email address. Unsigned or altered tokens fail.
 */
export function createUnsubscribeTokens(secretKey: Buffer) {
  // A key of its own, so these MACs can never be confused with anything sealed by the secret box.
  const key = createHmac('sha256', secretKey).update('postern unsubscribe tokens v1').digest();
  const mac = (payload: Buffer) => createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);
  return {
    sign(accountId: string, list: MailingList): string {
      if (!UUID.test(accountId)) throw new Error('an account id is a uuid');
      const payload = Buffer.concat([Buffer.from(accountId.replaceAll('-', ''), 'hex'), Buffer.from([LIST_CODES[list]])]);
      return Buffer.concat([payload, mac(payload)]).toString('base64url');
    },
    /** The account and list a token names, or undefined for anything this instance did not sign. */
    verify(token: string): { accountId: string; list: MailingList } | undefined {
      if (!/^[A-Za-z0-9_-]{44}$/.test(token)) return undefined;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length !== 17 + MAC_BYTES) return undefined;
      const payload = bytes.subarray(0, 17);
      if (!timingSafeEqual(mac(payload), bytes.subarray(17))) return undefined;
      const list = (Object.keys(LIST_CODES) as MailingList[]).find((l) => LIST_CODES[l] === payload[16]);
      if (!list) return undefined;
      const hex = payload.subarray(0, 16).toString('hex');
      return { accountId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, list };
    },
  };
}
export type UnsubscribeTokens = ReturnType<typeof createUnsubscribeTokens>;
