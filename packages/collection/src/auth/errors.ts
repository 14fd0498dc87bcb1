/**
 * Thrown by a signer when its parameters are present but unusable (bad JSON,
 * an unknown algorithm, a private key that does not parse). Missing
 * credentials are not an error: the signer leaves the request unsigned, as
 * Postman does.
 */
export class AuthParamsError extends Error {
  override readonly name = 'AuthParamsError';
  readonly code = 'AUTH_INVALID_PARAMS';
  constructor(
    readonly authType: string,
    message: string,
  ) {
    super(message);
  }
}
