import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../src/http/env.ts';

export const CHROME_ON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
export const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0';

// Tests assert on the JSON shapes they read; typing each one would add nothing.
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** A client that keeps cookies like a browser and sends the CSRF header like the web app. */
export class Browser {
  readonly cookies = new Map<string, string>();
  lastSetCookies: string[] = [];
  constructor(
    private readonly app: OpenAPIHono<AppEnv>,
    private readonly userAgent = CHROME_ON_MAC,
  ) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; csrf?: string | false; headers?: Record<string, string> } = {},
  ): Promise<JsonResponse> {
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = options.csrf ?? this.cookies.get('postern_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const res = await this.app.request(path, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attributes.some((a) => /^max-age=0$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

let counter = 0;
export function newPerson(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    username: `person_${counter}`,
    email: `person${counter}@example.test`,
    password: 'correct horse battery',
    birthDate: '1990-04-02',
    country: 'FR',
    ...overrides,
  };
}
