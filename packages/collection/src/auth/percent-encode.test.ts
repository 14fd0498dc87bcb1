import { describe, expect, it } from 'vitest';
import { formDecode, percentEncode } from './percent-encode.ts';
import { appendQueryParams, queryPairs, removeQueryParams } from './query.ts';
import { appendFormParams, removeFormParams } from './form.ts';
import { makeRequest } from './test-helpers.ts';

describe('percentEncode (RFC 3986 unreserved only)', () => {
  it.each([
    ['Ladies + Gentlemen', 'Ladies%20%2B%20Gentlemen'],
    ['An encoded string!', 'An%20encoded%20string%21'],
    ["Dogs, Cats & Mice (*')", 'Dogs%2C%20Cats%20%26%20Mice%20%28%2A%27%29'],
    ['☃', '%E2%98%83'],
    ['-._~AZaz09', '-._~AZaz09'],
  ])('%s', (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });
});

describe('formDecode', () => {
  it('turns + into space and keeps malformed escapes', () => {
    expect(formDecode('a+b%20c')).toBe('a b c');
    expect(formDecode('100%')).toBe('100%');
  });
});

describe('query editing', () => {
  it('appends without re-serializing what is there', () => {
    const url = new URL('http://x/p?a=b%20c&d=e+f');
    appendQueryParams(url, [['k y', 'v+w']]);
    expect(url.search).toBe('?a=b%20c&d=e+f&k%20y=v%2Bw');
    expect(queryPairs(url)).toEqual([
      ['a', 'b c'],
      ['d', 'e f'],
      ['k y', 'v+w'],
    ]);
  });

  it('starts a query when there is none', () => {
    const url = new URL('http://x/p');
    appendQueryParams(url, [['a', '1']]);
    expect(url.href).toBe('http://x/p?a=1');
  });

  it('removes by decoded key and leaves the rest as written', () => {
    const url = new URL('http://x/p?a=1&access%5Ftoken=old&b=%20&access_token=x');
    removeQueryParams(url, (key) => key === 'access_token');
    expect(url.search).toBe('?a=1&b=%20');
    removeQueryParams(url, () => true);
    expect(url.href).toBe('http://x/p');
  });
});

describe('form editing', () => {
  it('keeps form and bodyText in step', () => {
    const request = makeRequest('http://x/', { method: 'POST', form: [{ key: 'a', value: '1' }], bodyText: 'a=1' });
    appendFormParams(request, [['o k', 'v&w']]);
    expect(request.form).toEqual([
      { key: 'a', value: '1' },
      { key: 'o k', value: 'v&w' },
    ]);
    expect(request.bodyText).toBe('a=1&o%20k=v%26w');
    removeFormParams(request, (key) => key === 'a');
    expect(request.form).toEqual([{ key: 'o k', value: 'v&w' }]);
    expect(request.bodyText).toBe('o%20k=v%26w');
  });

  it('leaves bodyText alone when nothing is removed', () => {
    const request = makeRequest('http://x/', { method: 'POST', form: [{ key: 'a', value: '1' }], bodyText: 'a=1' });
    removeFormParams(request, (key) => key === 'zzz');
    expect(request.bodyText).toBe('a=1');
  });
});
