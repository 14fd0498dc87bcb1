/**
 * The one place the web app talks HTTP. Every call goes to the same origin under /api, with the
 * session cookie; state-changing calls repeat the postern_csrf cookie in X-CSRF-Token (the
 * server's double-submit check). Failures become an ApiError carrying the RFC 9457 problem.
 */

/** A problem with one input, as the API reports it, e.g. `{ path: 'json.email', message: '…' }`. */
export interface FieldError {
  path: string;
  message: string;
}

/** How field paths into the request body start (the validator names the body `json`). */
const BODY_PREFIXES = ['json.', 'body.', ''];

/** A field path without its body prefix, for showing: `json.info.name` → `info.name`. */
export function fieldPathOf(path: string): string {
  return path.replace(/^(json|body)(\.|$)/, '');
}

/** The problem+json document every API error carries. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  errors?: FieldError[];
  correlationId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  readonly correlationId: string | undefined;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.fieldErrors = problem.errors ?? [];
    this.correlationId = problem.correlationId;
  }

  /** The message about one field of the request body, matched by its name (`email` ← `json.email`). */
  fieldError(name: string): string | undefined {
    const wanted = BODY_PREFIXES.map((prefix) => `${prefix}${name}`);
    return this.fieldErrors.find((e) => wanted.some((w) => e.path === w || e.path.startsWith(`${w}.`)))?.message;
  }
}

const CSRF_COOKIE = 'postern_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface RequestOptions {
  /**
   * Sent as JSON; a string is sent as it is (already JSON text, e.g. an imported file); a Blob
   * (a picked file) is sent as raw bytes with its own type; FormData is sent as multipart/form-data.
   */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra headers, e.g. If-Match for an edit based on a known revision. */
  headers?: Record<string, string>;
}

/** Sends one request and returns the raw response when it succeeded; throws ApiError otherwise. */
export async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let body: string | Blob | FormData | undefined;
  if (options.body instanceof FormData) {
    // multipart/form-data: the browser writes the Content-Type with its boundary.
    body = options.body;
  } else if (options.body instanceof Blob) {
    headers['Content-Type'] = options.body.type || 'application/octet-stream';
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body }),
      ...(options.signal && { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      detail: 'Could not reach the Postern server. Check that it is running and try again.',
    });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  requestObserver?.(method, path.split('?')[0] ?? path);
  return response;
}

let requestObserver: ((method: string, path: string) => void) | undefined;

/** Hears of every successful call (method and path, no query); usage analytics count feature uses with it (P5). */
export function setRequestObserver(observer: (method: string, path: string) => void): void {
  requestObserver = observer;
}

/** Sends one request and parses the JSON answer (undefined for 204 No Content). */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const document = (await response.json()) as Partial<Problem>;
      if (typeof document.detail === 'string') {
        return { ...document, status: response.status, code: document.code ?? 'UNKNOWN', detail: document.detail };
      }
    } catch {
      // Not the JSON it claimed to be: fall back to the plain message below.
    }
  }
  return {
    status: response.status,
    code: 'UNEXPECTED_RESPONSE',
    detail:
      response.status >= 500
        ? 'The server ran into a problem. Try again in a moment.'
        : `The server answered ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
  };
}

/** Whether the error says the session is gone (expired, revoked elsewhere): show sign-in again. */
export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHENTICATED';
}

/** Turns anything a call threw into a sentence for the page. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
