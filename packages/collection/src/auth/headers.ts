import type { SignableRequest } from './signer.ts';

/** Removes every header with this name, compared case-insensitively. */
export function removeHeader(request: SignableRequest, key: string): void {
  const lower = key.toLowerCase();
  request.headers = request.headers.filter((header) => header.key.toLowerCase() !== lower);
}
