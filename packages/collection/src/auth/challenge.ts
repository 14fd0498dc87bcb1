import type { SignableHeader } from './signer.ts';

/** One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1). */
export interface AuthChallenge {
  /** As the server wrote it; compare case-insensitively. */
  scheme: string;
  /** auth-params with lower-cased names and unquoted values. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

/**
 * Parses a WWW-Authenticate value, which may hold several challenges
 * separated by commas (`Basic realm="a", Digest realm="b", qop="auth,auth-int"`).
 * Commas inside quoted strings belong to the value.
 */
export function parseChallenges(value: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let current: AuthChallenge | undefined;
  let i = 0;
  const n = value.length;
  const skip = (chars: string): void => {
    while (i < n && chars.includes(value[i]!)) i++;
  };

  while (i < n) {
    skip(' \t,');
    if (i >= n) break;
    const start = i;
    while (i < n && !' \t,='.includes(value[i]!)) i++;
    const word = value.slice(start, i);
    skip(' \t');

    if (value[i] === '=' && word !== '') {
      i++;
      skip(' \t');
      const paramValue = readValue();
      if (current) current.params[word.toLowerCase()] = paramValue;
      continue;
    }
    if (word === '') {
      // A stray '=' with no name before it: step over it.
      i++;
      continue;
    }

    current = { scheme: word, params: {} };
    challenges.push(current);
    const token68 = TOKEN68.exec(value.slice(i));
    if (token68) {
      let after = i + token68[0].length;
      while (after < n && ' \t'.includes(value[after]!)) after++;
      if (after >= n || value[after] === ',') {
        current.token68 = token68[0];
        i = after;
      }
    }
  }
  return challenges;

  function readValue(): string {
    if (value[i] !== '"') {
      const start = i;
      while (i < n && !' \t,'.includes(value[i]!)) i++;
      return value.slice(start, i);
    }
    i++;
    let out = '';
    while (i < n && value[i] !== '"') {
      if (value[i] === '\\' && i + 1 < n) i++;
      out += value[i];
      i++;
    }
    i++;
    return out;
  }
}

/** Every challenge of the given scheme, across all WWW-Authenticate headers, in order. */
export function challengesFor(headers: readonly SignableHeader[], scheme: string): AuthChallenge[] {
  const wanted = scheme.toLowerCase();
  return headers
    .filter((header) => header.key.toLowerCase() === 'www-authenticate')
    .flatMap((header) => parseChallenges(header.value))
    .filter((challenge) => challenge.scheme.toLowerCase() === wanted);
}

/** A quoted-string for an auth-param value (RFC 9110 §5.6.4). */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}
