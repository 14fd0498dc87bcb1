/** pm.cookies and pm.cookies.jar() backed by the run's cookie jar. */
import type { Cookie } from 'tough-cookie';
import type { RunCookieJar } from './http/cookies.ts';
import type { CookieAccess, CookieView } from './scripts/host.ts';

export function createScriptCookieAccess(jar: RunCookieJar, currentUrl: () => string): CookieAccess {
  return {
    forCurrentUrl: () => safe(() => jar.cookies(currentUrl()).map(view), []),
    get: async (url, name) => jar.cookies(url).find((c) => c.key === name)?.value,
    getAll: async (url) => jar.cookies(url).map(view),
    set: async (url, name, value) => {
      if (typeof value === 'string') jar.set(url, name, value);
      else jar.set(url, name, String(value.value ?? ''), value as Record<string, never>);
    },
    unset: async (url, name) => jar.remove(url, name),
    clear: async (url) => jar.clear(url),
  };
}

function view(c: Cookie): CookieView {
  const out: CookieView = { name: c.key, value: c.value };
  if (c.domain) out.domain = c.domain;
  if (c.path) out.path = c.path;
  if (c.expires instanceof Date) out.expires = c.expires.toUTCString();
  if (c.httpOnly) out.httpOnly = true;
  if (c.secure) out.secure = true;
  return out;
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
