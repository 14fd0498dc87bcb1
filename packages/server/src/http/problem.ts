import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, internal, notFound } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { AppEnv } from './env.ts';

/** An RFC 9457 problem details document, as every error response of the API carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  correlationId: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const codesByStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Turns anything thrown into the AppError the client will see; unknown errors lose their details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's JSON validator says this when the body does not parse.
    if (error.status === 400 && /malformed json/i.test(error.message)) {
      return new AppError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
    }
    const code = codesByStatus[error.status] ?? 'BAD_REQUEST';
    return new AppError(error.status, code, error.message || titles[error.status] || 'Request failed.');
  }
  return internal();
}

export function problemOf(error: AppError, correlationId: string): Problem {
  return {
    type: `urn:postern:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[error.status] ?? (error.status >= 500 ? 'Server Error' : 'Request Failed'),
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.errors && { errors: error.errors }),
    correlationId,
  };
}

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const correlationId = c.get('requestId') ?? '';
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(Math.ceil(error.retryAfterSeconds)));
  c.header('Content-Type', PROBLEM_CONTENT_TYPE);
  return c.body(JSON.stringify(problemOf(error, correlationId)), error.status as ContentfulStatusCode);
}

/** Receives unexpected errors (answered as a bare 500), with the id the client was given. */
export type ErrorReporter = (error: unknown, correlationId: string) => void;

export function problemErrorHandler(report: ErrorReporter): ErrorHandler<AppEnv> {
  return (error, c) => {
    const appError = toAppError(error);
    // Deliberate 5xx answers (an upstream or the mail server is down) are expected conditions
    // explained to the client; only what nobody anticipated is reported.
    if (!(error instanceof AppError) || appError.code === 'INTERNAL') report(error, c.get('requestId') ?? '');
    return problemResponse(c, appError);
  };
}

export const problemNotFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, notFound(`No route for ${c.req.method} ${c.req.path}.`, { code: 'ROUTE_NOT_FOUND' }));
