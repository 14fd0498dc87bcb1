/**
 * The token of an emailed link (`/verify-email#token=…`). It rides in the URL fragment, which
 * browsers never send to a server, so it stays out of access logs and Referer headers.
 */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}
