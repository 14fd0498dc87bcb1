/**
 * Postern never stores payment card data (P4). Anything that looks like a card number — 13 to 19
 * digits, possibly grouped by spaces or dashes, that passes the Luhn check — is refused wherever
 * it appears in a billing payload, so it cannot be slipped into a name or a note either.
 */

// 13–19 digits with at most one space or dash between any two of them.
const CANDIDATE = /\d(?:[ -]?\d){12,18}/g;

/** The Luhn (mod 10) check used by card numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Whether the text contains a Luhn-valid run of 13–19 digits. */
export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    // A longer run (e.g. 20+ digits) is not a card number; only runs that stand alone count.
    const before = text[match.index - 1];
    const after = text[match.index + match[0].length];
    if ((before && /\d/.test(before)) || (after && /\d/.test(after))) continue;
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
  }
  return false;
}

/** JSON paths (`body.a.b`) of every string or number value, at any depth, that holds a card number. */
export function findCardNumbers(value: unknown, path = 'body'): string[] {
  if (typeof value === 'string') return containsCardNumber(value) ? [path] : [];
  if (typeof value === 'number' || typeof value === 'bigint') return containsCardNumber(String(value)) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => findCardNumbers(item, `${path}.${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(containsCardNumber(key) ? [`${path}.${key}`] : []),
      ...findCardNumbers(item, `${path}.${key}`),
    ]);
  }
  return [];
}
