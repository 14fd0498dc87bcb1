/**
 * The run's cookie jar (tough-cookie, in memory): filled from Set-Cookie on
 * every response and redirect hop, read for every request.
 */
import { Cookie, CookieJar } from 'tough-cookie';

export interface CookieRecord {
  key: string;
  value: string;
  domain?: string | null;
  path?: string | null;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
  hostOnly?: boolean | null;
}

export class RunCookieJar {
  readonly jar: CookieJar;
  /** False until a cookie may be in the jar: most API runs never see one, and lookups cost. */
  private maybeFilled: boolean;

  constructor(jar?: CookieJar) {
    this.maybeFilled = Boolean(jar);
    this.jar = jar ?? new CookieJar(undefined, { looseMode: true, rejectPublicSuffixes: false });
  }

  static fromJSON(serialized: unknown): RunCookieJar {
    return new RunCookieJar(CookieJar.deserializeSync(serialized as string));
  }

  cookieHeader(url: string): string {
    if (!this.maybeFilled) return '';
    return this.jar.getCookieStringSync(url);
  }

  store(url: string, setCookie: string[]): void {
    this.maybeFilled = true;
    for (const line of setCookie) {
      try {
        this.jar.setCookieSync(line, url, { ignoreError: true });
      } catch {
        // A malformed Set-Cookie is ignored, as browsers and Newman do.
      }
    }
  }

  cookies(url: string): Cookie[] {
    if (!this.maybeFilled) return [];
    return this.jar.getCookiesSync(url);
  }

  set(url: string, name: string, value: string, attributes: Partial<CookieRecord> = {}): void {
    this.maybeFilled = true;
    const cookie = new Cookie({ key: name, value, ...stripNulls(attributes) });
    this.jar.setCookieSync(cookie, url, { ignoreError: true });
  }

  remove(url: string, name: string): void {
    for (const c of this.jar.getCookiesSync(url)) {
      if (c.key === name) this.expire(c);
    }
  }

  clear(url: string): void {
    for (const c of this.jar.getCookiesSync(url)) this.expire(c);
  }

  private expire(c: Cookie): void {
    const store = this.jar.store as unknown as {
      removeCookie(domain: string | null, path: string | null, key: string, cb: (e: unknown) => void): void;
    };
    store.removeCookie(c.domain, c.path, c.key, () => undefined);
  }

  /** tough-cookie's serialized form, as `--export-cookie-jar` writes it. */
  toJSON(): unknown {
    return this.jar.serializeSync();
  }
}

function stripNulls(attrs: Partial<CookieRecord>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}
