import type { SignableRequest, SignContext } from './signer.ts';

/** A context whose clock is pinned and whose "random" bytes follow a fixed sequence. */
export function fixedContext(now = Date.UTC(2024, 0, 2, 3, 4, 5), seed = 7): SignContext {
  let next = seed;
  return {
    now: () => now,
    randomBytes: (size) => {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        bytes[i] = (next * 97 + 13) & 0xff;
        next++;
      }
      return bytes;
    },
  };
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  bodyText?: string;
  form?: Array<{ key: string; value: string }>;
}

export function makeRequest(url: string, init: RequestInit = {}): SignableRequest {
  const request: SignableRequest = {
    method: init.method ?? 'GET',
    url: new URL(url),
    headers: Object.entries(init.headers ?? {}).map(([key, value]) => ({ key, value })),
  };
  if (init.bodyText !== undefined) request.bodyText = init.bodyText;
  if (init.form !== undefined) request.form = init.form.map((pair) => ({ ...pair }));
  return request;
}

/** A plain, comparable picture of a request; header order is not significant. */
export function snapshot(request: SignableRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url.href,
    headers: [...request.headers].sort((a, b) => (a.key.toLowerCase() + a.value < b.key.toLowerCase() + b.value ? -1 : 1)),
    bodyText: request.bodyText,
    form: request.form,
  };
}

export function authorization(request: SignableRequest): string | undefined {
  return request.headers.find((header) => header.key.toLowerCase() === 'authorization')?.value;
}
