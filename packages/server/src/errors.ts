/** A problem with one input field, reported in a 400 response. */
export interface FieldError {
  /** Where the bad value is, e.g. `body.email` or `query.limit`. */
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** Stable machine-readable code; defaults to the factory's generic one. */
  code?: string;
  cause?: unknown;
}

/**
 * An error meant for the client: its status, code and detail are shown as they are.
 * Anything thrown that is not an AppError becomes a 500 with no details.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors?: FieldError[];
  /** Seconds after which a rate-limited client may retry. */
  readonly retryAfterSeconds?: number;

  constructor(
    status: number,
    code: string,
    detail: string,
    extra: { errors?: FieldError[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(detail, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    if (extra.errors) this.errors = extra.errors;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export function badRequest(
  detail = 'The request is invalid.',
  options: AppErrorOptions & { errors?: FieldError[] } = {},
): AppError {
  return new AppError(400, options.code ?? 'VALIDATION_FAILED', detail, options);
}

export function unauthorized(detail = 'Sign in to continue.', options: AppErrorOptions = {}): AppError {
  return new AppError(401, options.code ?? 'UNAUTHENTICATED', detail, options);
}

export function forbidden(detail = 'You are not allowed to do this.', options: AppErrorOptions = {}): AppError {
  return new AppError(403, options.code ?? 'FORBIDDEN', detail, options);
}

export function notFound(detail = 'Not found.', options: AppErrorOptions = {}): AppError {
  return new AppError(404, options.code ?? 'NOT_FOUND', detail, options);
}

export function conflict(detail = 'This conflicts with the current state.', options: AppErrorOptions = {}): AppError {
  return new AppError(409, options.code ?? 'CONFLICT', detail, options);
}

export function tooLarge(detail = 'The request body is too large.', options: AppErrorOptions = {}): AppError {
  return new AppError(413, options.code ?? 'PAYLOAD_TOO_LARGE', detail, options);
}

export function rateLimited(
  detail = 'Too many requests; try again later.',
  options: AppErrorOptions & { retryAfterSeconds?: number } = {},
): AppError {
  return new AppError(429, options.code ?? 'RATE_LIMITED', detail, options);
}

export function internal(): AppError {
  return new AppError(500, 'INTERNAL', 'Something went wrong on the server.');
}
