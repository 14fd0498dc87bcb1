/**
 * Parses the auth-param list of an Authorization header (RFC 9110 §11.2):
 * `name=token` or `name="quoted \"string\""`, separated by commas. Names are
 * lower-cased; values are returned as written (no percent-decoding).
 */
export function parseAuthParams(input: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const n = input.length;
  const skip = (chars: string): void => {
    while (i < n && chars.includes(input[i] as string)) i++;
  };
  while (i < n) {
    skip(' \t,');
    const nameStart = i;
    while (i < n && input[i] !== '=' && input[i] !== ',') i++;
    const name = input.slice(nameStart, i).trim().toLowerCase();
    if (input[i] !== '=') {
      // A bare token (e.g. token68) carries no named value; ignore it.
      continue;
    }
    i++;
    skip(' \t');
    let value = '';
    if (input[i] === '"') {
      i++;
      while (i < n && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < n) i++;
        value += input[i];
        i++;
      }
      i++;
    } else {
      const valueStart = i;
      while (i < n && input[i] !== ',') i++;
      value = input.slice(valueStart, i).trim();
    }
    if (name) params.set(name, value);
  }
  return params;
}

/** Splits `Scheme rest` and compares the scheme case-insensitively; undefined when it is another scheme. */
export function credentialsFor(header: string | undefined, scheme: string): string | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  const found = space === -1 ? header : header.slice(0, space);
  if (found.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return space === -1 ? '' : header.slice(space + 1).trim();
}
