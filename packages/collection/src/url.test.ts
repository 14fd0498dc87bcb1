import { describe, expect, it } from 'vitest';
import { encodeComponent, encodeUrl, parseQuery, parseUrl, toAbsoluteUrl, URL_ENCODE_SETS, urlToString } from './url.ts';

describe('parseUrl', () => {
  it('splits a full URL into Postman parts', () => {
    expect(parseUrl('https://api.example.test:8443/v1/users?limit=10&sort=asc#top')).toEqual({
      raw: 'https://api.example.test:8443/v1/users?limit=10&sort=asc#top',
      protocol: 'https',
      host: ['api', 'example', 'test'],
      port: '8443',
      path: ['v1', 'users'],
      query: [
        { key: 'limit', value: '10' },
        { key: 'sort', value: 'asc' },
      ],
      hash: 'top',
    });
  });

  it('copes with a variable host, path variables and variables in the query', () => {
    expect(parseUrl('{{baseUrl}}/users/:id?x={{v}}')).toEqual({
      raw: '{{baseUrl}}/users/:id?x={{v}}',
      host: ['{{baseUrl}}'],
      path: ['users', ':id'],
      query: [{ key: 'x', value: '{{v}}' }],
      variable: [{ key: 'id' }],
    });
  });

  it('keeps variables holding reserved characters whole', () => {
    const url = parseUrl('http://{{api.host}}:{{port}}/{{a/b}}?q={{x&y}}#{{h#1}}');
    expect(url.host).toEqual(['{{api.host}}']);
    expect(url.port).toBe('{{port}}');
    expect(url.path).toEqual(['{{a/b}}']);
    expect(url.query).toEqual([{ key: 'q', value: '{{x&y}}' }]);
    expect(url.hash).toBe('{{h#1}}');
  });

  it('splits a host partly made of variables', () => {
    expect(parseUrl('{{sub}}.example.test/x').host).toEqual(['{{sub}}', 'example', 'test']);
  });

  it('reads query entries without value, empty entries and = inside values', () => {
    expect(parseQuery('a=1&flag&&b=x=y&')).toEqual([
      { key: 'a', value: '1' },
      { key: 'flag', value: null },
      { key: null, value: null },
      { key: 'b', value: 'x=y' },
      { key: '', value: null },
    ]);
    expect(parseUrl('http://h.test?').query).toEqual([{ key: '', value: null }]);
  });

  it('lists each path variable once and ignores the suffix after a dot', () => {
    expect(parseUrl('h.test/:a/:b.json/:a/x:y').variable).toEqual([{ key: 'a' }, { key: 'b' }]);
  });

  it('reads credentials, IPv6 hosts, backslashes and extra slashes', () => {
    const url = parseUrl('https://user:p@ss@host.test/p');
    expect(url.auth).toEqual({ user: 'user', password: 'p@ss' });
    expect(url.host).toEqual(['host', 'test']);
    expect(parseUrl('http://[::1]:8080/x')).toMatchObject({ host: ['[::1]'], port: '8080', path: ['x'] });
    expect(parseUrl('http://[::1]/x').port).toBeUndefined();
    expect(parseUrl('http:\\\\h.test\\a\\b')).toMatchObject({ protocol: 'http', host: ['h', 'test'], path: ['a', 'b'] });
    expect(parseUrl('http:///h.test/a').host).toEqual(['h', 'test']);
  });

  it('distinguishes no path from a root path', () => {
    expect(parseUrl('http://h.test').path).toBeUndefined();
    expect(parseUrl('http://h.test/').path).toEqual(['']);
  });

  it('trims leading whitespace and handles the empty string', () => {
    expect(parseUrl('  h.test/a')).toMatchObject({ raw: 'h.test/a', host: ['h', 'test'] });
    expect(parseUrl('')).toEqual({ raw: '' });
  });
});

describe('urlToString', () => {
  it('prefers parts over raw', () => {
    expect(urlToString({ raw: 'http://stale.test/old', host: ['new', 'test'], path: ['p'] })).toBe('new.test/p');
  });

  it('falls back to raw when an object has no parts', () => {
    expect(urlToString({ raw: 'https://h.test/users/:id', variable: [{ key: 'id', value: '7' }] })).toBe('https://h.test/users/7');
  });

  it('drops disabled query entries and keeps entries without value', () => {
    const url = {
      host: ['h', 'test'],
      query: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2', disabled: true },
        { key: 'flag', value: null },
        { key: 'empty', value: '' },
      ],
    };
    expect(urlToString(url)).toBe('h.test?a=1&flag&empty=');
    expect(urlToString({ host: ['h'], query: [{ key: 'x', value: '1', disabled: true }] })).toBe('h');
  });

  it('substitutes :path variables from url.variable, keeping suffixes', () => {
    const url = {
      protocol: 'https',
      host: ['h', 'test'],
      path: ['users', ':id', ':file.json', ':missing', ':empty'],
      variable: [
        { key: 'id', value: '42' },
        { id: 'file', value: 'report' },
        { key: 'empty', value: '' },
      ],
    };
    expect(urlToString(url)).toBe('https://h.test/users/42/report.json/:missing/:empty');
  });

  it('resolves variables so that one may hold protocol, host and path', () => {
    const vars: Record<string, string> = { baseUrl: 'https://api.test/v1', userId: 'u 1', v: 'a b' };
    const resolve = (s: string): string => s.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
    const url = parseUrl('{{baseUrl}}/users/:id?x={{v}}&keep={{unknown}}');
    url.variable = [{ key: 'id', value: '{{userId}}' }];
    expect(urlToString(url, { resolve })).toBe('https://api.test/v1/users/u%201?x=a%20b&keep={{unknown}}');
  });

  it('escapes & and # written literally inside one query entry', () => {
    const url = { host: ['h'], query: [{ key: 'a&b', value: 'c&d#e' }, { key: 'k=', value: '{{x&y}}' }] };
    expect(urlToString(url)).toBe('h?a%26b=c%26d%23e&k%3D={{x&y}}');
  });

  it('encodes each component with its own set and keeps %XX and {{vars}}', () => {
    expect(urlToString('http://h.test/a b/{x}/%2F/{{v}}/ü?q=a b"c\'&r=%20#f g')).toBe(
      'http://h.test/a%20b/%7Bx%7D/%2F/{{v}}/%C3%BC?q=a%20b%22c%27&r=%20#f%20g',
    );
    expect(urlToString('http://us er:p@ss:w@h.test/')).toBe('http://us%20er:p%40ss%3Aw@h.test/');
  });

  it('sends the URL as written when URL encoding is disabled', () => {
    expect(urlToString('http://h.test/a b?q=x y', { disableUrlEncoding: true })).toBe('http://h.test/a b?q=x y');
  });

  it('adds http:// when asked and the URL names no protocol', () => {
    expect(urlToString('h.test/x', { forceProtocol: true })).toBe('http://h.test/x');
    expect(urlToString('https://h.test/x', { forceProtocol: true })).toBe('https://h.test/x');
  });

  it('builds from path strings, port numbers and segment objects', () => {
    expect(urlToString({ protocol: 'http', host: 'h.test', port: '81', path: '/a/b' })).toBe('http://h.test:81/a/b');
    expect(urlToString({ host: ['h'], path: [{ type: 'string', value: 'seg' }, 'x'] })).toBe('h/seg/x');
    expect(urlToString({ host: ['h'], path: '/' })).toBe('h/');
    expect(urlToString({ protocol: 'https://', host: ['h'] })).toBe('https://h');
  });

  it('rebuilds credentials and keeps a lone ? for an empty enabled entry', () => {
    expect(urlToString(parseUrl('http://u:p@h.test/x'))).toBe('http://u:p@h.test/x');
    expect(urlToString(parseUrl('http://h.test/x?'))).toBe('http://h.test/x?');
  });

  it('gives an empty string for a missing URL', () => {
    expect(urlToString(undefined)).toBe('');
    expect(urlToString({})).toBe('');
  });

  it('round-trips ordinary URLs through parse and build', () => {
    for (const raw of [
      'https://api.example.test:8443/v1/users?limit=10&sort=asc#top',
      '{{baseUrl}}/users/:id?x={{v}}',
      'http://h.test/a?x&&y=',
      'localhost:3000',
      'file:///etc/hosts',
    ]) {
      expect(urlToString(parseUrl(raw), { disableUrlEncoding: true })).toBe(raw);
    }
  });
});

describe('toAbsoluteUrl', () => {
  it('adds http:// only when there is no protocol', () => {
    expect(toAbsoluteUrl('example.test/a')).toBe('http://example.test/a');
    expect(toAbsoluteUrl('localhost:3000')).toBe('http://localhost:3000');
    expect(toAbsoluteUrl('HTTPS://example.test')).toBe('HTTPS://example.test');
    expect(toAbsoluteUrl('ws://example.test')).toBe('ws://example.test');
    expect(toAbsoluteUrl('  example.test')).toBe('http://example.test');
    expect(toAbsoluteUrl('')).toBe('');
  });
});

describe('encodeComponent', () => {
  it('encodes controls and non-ASCII as UTF-8 bytes', () => {
    expect(encodeComponent('a\tb\u007f€😀', URL_ENCODE_SETS.path)).toBe('a%09b%7F%E2%82%AC%F0%9F%98%80');
  });

  it('leaves a lone % or {{ that is not a variable to be encoded', () => {
    expect(encodeComponent('100%', URL_ENCODE_SETS.query)).toBe('100%');
    expect(encodeComponent('{{a', URL_ENCODE_SETS.path)).toBe('%7B%7Ba');
  });

  it('encodeUrl is idempotent', () => {
    const once = encodeUrl('http://h.test/a b?q=ü#x y');
    expect(encodeUrl(once)).toBe(once);
  });
});
