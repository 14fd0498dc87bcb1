/**
 * Every failure of the model layer is a CollectionError with a stable `code`
 * and a one-line message that tells the user what to do next.
 */

export type CollectionErrorCode =
  | 'INVALID_ENCODING'
  | 'INVALID_JSON'
  | 'INVALID_COLLECTION'
  | 'UNSUPPORTED_V1'
  | 'UNSUPPORTED_SCHEMA'
  | 'INVALID_VARIABLE_LIST'
  | 'FOLDER_NOT_FOUND'
  | 'INVALID_CURL'
  | 'INVALID_IMPORT';

export interface CollectionErrorDetails {
  /** JSON path of the offending value, e.g. `item[2].request.url`. */
  path?: string;
  /** 1-based position of a JSON syntax error. */
  line?: number;
  column?: number;
  /** File name (or other label) the input came from. */
  source?: string;
}

export class CollectionError extends Error {
  override readonly name = 'CollectionError';
  readonly code: CollectionErrorCode;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly source?: string;

  constructor(code: CollectionErrorCode, message: string, details: CollectionErrorDetails = {}) {
    super(message);
    this.code = code;
    if (details.path !== undefined) this.path = details.path;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    if (details.source !== undefined) this.source = details.source;
  }
}

export function isCollectionError(value: unknown): value is CollectionError {
  return value instanceof CollectionError;
}
