import { describe, expect, it } from 'vitest';
import { challengesFor, parseChallenges, quote } from './challenge.ts';

describe('parseChallenges', () => {
  it('keeps commas inside quoted strings and unquotes values', () => {
    expect(parseChallenges('Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="a,b"')).toEqual([
      { scheme: 'Digest', params: { realm: 'http-auth@example.org', qop: 'auth, auth-int', algorithm: 'SHA-256', nonce: 'a,b' } },
    ]);
  });

  it('splits several challenges in one header', () => {
    const parsed = parseChallenges('Basic realm="simple", Digest realm="x", nonce="n", Newauth realm="apps", type=1, title="Login to \\"apps\\""');
    expect(parsed.map((challenge) => challenge.scheme)).toEqual(['Basic', 'Digest', 'Newauth']);
    expect(parsed[1]!.params).toEqual({ realm: 'x', nonce: 'n' });
    expect(parsed[2]!.params).toEqual({ realm: 'apps', type: '1', title: 'Login to "apps"' });
  });

  it('reads token68 credentials and lower-cases parameter names', () => {
    expect(parseChallenges('Negotiate abc+/==, Digest REALM = "r" , Stale=TRUE')).toEqual([
      { scheme: 'Negotiate', params: {}, token68: 'abc+/==' },
      { scheme: 'Digest', params: { realm: 'r', stale: 'TRUE' } },
    ]);
  });

  it('returns nothing for an empty value', () => {
    expect(parseChallenges('  ')).toEqual([]);
  });
});

describe('challengesFor', () => {
  it('collects one scheme across several WWW-Authenticate headers', () => {
    const headers = [
      { key: 'WWW-Authenticate', value: 'Digest realm="a", nonce="1", algorithm=SHA-256' },
      { key: 'Content-Type', value: 'text/plain' },
      { key: 'www-authenticate', value: 'Basic realm="b", digest realm="c", nonce="2"' },
    ];
    expect(challengesFor(headers, 'Digest').map((challenge) => challenge.params['realm'])).toEqual(['a', 'c']);
  });
});

describe('quote', () => {
  it('escapes quotes and backslashes', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(parseChallenges(`X k=${quote('a"b\\c')}`)[0]!.params['k']).toBe('a"b\\c');
  });
});
