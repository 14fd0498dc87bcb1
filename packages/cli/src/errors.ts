/**
 * Every failure the CLI reports to a person: one line, what went wrong and
 * what to do. Library errors are translated here, at the boundary.
 */
export type CliErrorCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'URL_FETCH_FAILED'
  | 'SERVER_REFUSED'
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'RUN_FAILED'
  | 'CONFIRMATION_REQUIRED';

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Turns any thrown value into the single line shown to the user. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const e = err as Error & { code?: string; source?: string; path?: string; line?: number; column?: number };
    if (err instanceof CliError) return err.message;
    // Typed errors from the packages already carry a user-facing message.
    if (typeof e.code === 'string' && e.message) {
      const where = e.source ? `${e.source}: ` : '';
      return e.message.startsWith(where) ? e.message : `${where}${e.message}`;
    }
    return e.message || String(err);
  }
  return String(err);
}
