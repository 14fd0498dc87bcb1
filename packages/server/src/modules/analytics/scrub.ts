/**
 * Strips personal data and request contents from client error reports (P5) before they are
 * stored: query strings and fragments of URLs, email addresses, credentials (bearer tokens, JWTs,
 * Postern API keys, passwords in URLs) and ids in paths. Deliberately blunt: an error report loses
 * a little detail rather than keep something personal.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// user:password@ in a URL.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
// A query string or fragment: from ? or # up to whitespace, a quote, a bracket or a line/column suffix.
const QUERY = /(\/[^\s?#'"()<>]*)[?#][^\s'"()<>]*?(?=(:\d+:\d+|:\d+)?(?:[\s'"()<>]|$))/g;
const BEARER = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const API_KEY = /\bpst_[A-Za-z0-9_-]+/g;
// Long runs of hex or base64url: likely secrets or tokens.
const LONG_SECRET = /\b[A-Za-z0-9_-]{40,}\b/g;

export const MAX_MESSAGE = 500;
export const MAX_STACK = 4000;
export const MAX_PATH = 200;

export function scrubText(text: string, max: number): string {
  return text
    .replace(URL_CREDENTIALS, '$1')
    .replace(QUERY, '$1')
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(JWT, '[token]')
    .replace(API_KEY, '[api key]')
    .replace(LONG_SECRET, '[redacted]')
    .slice(0, max);
}

/** A page path without query string or fragment, ids as `:id`; a full URL is cut to its path. */
export function scrubPath(path: string): string {
  let p = path.trim();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) p = new URL(p).pathname;
  } catch {
    return '/';
  }
  p = p.split(/[?#]/)[0] ?? '';
  if (!p.startsWith('/')) p = `/${p}`;
  return p
    .replace(UUID, ':id')
    .replace(EMAIL, '[email]')
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) || segment.length > 40 ? ':id' : segment))
    .join('/')
    .slice(0, MAX_PATH);
}
