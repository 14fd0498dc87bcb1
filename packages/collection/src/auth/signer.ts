/**
 * The contract every auth signer implements. Signers are pure: the clock and
 * randomness come in through `SignContext`, so test vectors can pin them.
 */

export interface SignableHeader {
  key: string;
  value: string;
}

/** A request after variables are resolved, just before it is sent. */
export interface SignableRequest {
  method: string;
  /** Absolute URL; signers may change it (e.g. query placement). */
  url: URL;
  headers: SignableHeader[];
  /** The body as text when it is text (raw, graphql, urlencoded serialized); undefined otherwise. */
  bodyText?: string;
  /** urlencoded pairs, when the body mode is urlencoded (OAuth 1.0 signs them). */
  form?: Array<{ key: string; value: string }>;
}

export interface SignContext {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Cryptographically random bytes. */
  randomBytes(size: number): Uint8Array;
}

/** What the server answered, for challenge/response schemes (digest). */
export interface ChallengeResponse {
  status: number;
  headers: SignableHeader[];
}

export type AuthParams = Record<string, unknown>;

export interface AuthSigner {
  readonly type: string;
  /** Adds credentials to `request` in place. */
  sign(request: SignableRequest, params: AuthParams, ctx: SignContext): void | Promise<void>;
  /**
   * Challenge/response: given the response to a signed (or unsigned) request,
   * return params to retry with, or undefined to accept the response.
   */
  onResponse?(response: ChallengeResponse, params: AuthParams): AuthParams | undefined;
}

export class AuthNotSupportedError extends Error {
  readonly code = 'AUTH_NOT_SUPPORTED';
  constructor(readonly authType: string) {
    super(`Auth type "${authType}" is not supported yet; the request was sent without it.`);
  }
}

export function setHeader(request: SignableRequest, key: string, value: string): void {
  const lower = key.toLowerCase();
  request.headers = request.headers.filter((h) => h.key.toLowerCase() !== lower);
  request.headers.push({ key, value });
}

export function getHeader(request: { headers: SignableHeader[] }, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (let i = request.headers.length - 1; i >= 0; i--) {
    if (request.headers[i]!.key.toLowerCase() === lower) return request.headers[i]!.value;
  }
  return undefined;
}
