import { describe, expect, it } from 'vitest';
import type { CollectionError } from '../../errors.ts';
import type { RequestObject } from '../../types.ts';
import { importCurl } from './command.ts';

const requestOf = (command: string) => importCurl(command).item.request as RequestObject;
const rawUrl = (command: string) => (requestOf(command).url as { raw: string }).raw;

describe('importCurl', () => {
  it('makes a GET from a bare URL, adding http:// as curl does', () => {
    const { item, skipped } = importCurl('curl example.test/items?page=2');
    expect(item.name).toBe('http://example.test/items?page=2');
    const request = item.request as RequestObject;
    expect(request.method).toBe('GET');
    expect(request.url).toMatchObject({ raw: 'http://example.test/items?page=2', host: ['example', 'test'], path: ['items'], query: [{ key: 'page', value: '2' }] });
    expect(skipped).toEqual([]);
  });

  it('reads a Chrome "Copy as cURL (bash)" command', () => {
    const command = String.raw`curl 'https://api.example.test/v1/orders' \
  -H 'accept: application/json' \
  -H 'content-type: application/json' \
  -b 'session=abc; theme=dark' \
  --data-raw $'{"note":"it\'s\nhere"}' \
  --compressed`;
    const request = requestOf(command);
    expect(request.method).toBe('POST');
    expect(request.header).toEqual([
      { key: 'accept', value: 'application/json' },
      { key: 'content-type', value: 'application/json' },
      { key: 'Cookie', value: 'session=abc; theme=dark' },
      // --compressed: the header curl itself adds.
      { key: 'Accept-Encoding', value: 'deflate, gzip, br' },
    ]);
    expect(request.body).toEqual({ mode: 'raw', raw: `{"note":"it's\nhere"}`, options: { raw: { language: 'json' } } });
  });

  it('reads a "Copy as cURL (cmd)" command', () => {
    const request = requestOf('curl ^"https://api.example.test/x^" ^\n  -H ^"accept: */*^" ^\n  --data-raw ^"^{^\\^"a^\\^":1^}^"');
    expect(rawUrl('curl ^"https://api.example.test/x^"')).toBe('https://api.example.test/x');
    expect(request.header).toContainEqual({ key: 'accept', value: '*/*' });
    expect(request.body).toMatchObject({ mode: 'raw', raw: '{"a":1}' });
  });

  it('turns -d key=value pairs into a urlencoded body, joined like curl joins repeated -d', () => {
    const request = requestOf(`curl -X PUT https://x.test/form -d 'name=Ada%20L' -d city=Paris --data-urlencode 'note=a&b c'`);
    expect(request.method).toBe('PUT');
    expect(request.body).toEqual({
      mode: 'urlencoded',
      urlencoded: [
        { key: 'name', value: 'Ada L' },
        { key: 'city', value: 'Paris' },
        { key: 'note', value: 'a&b c' },
      ],
    });
  });

  it('keeps other -d bodies raw with the content type curl would send', () => {
    const request = requestOf(`curl https://x.test -d 'hello world'`);
    expect(request.body).toEqual({ mode: 'raw', raw: 'hello world', options: { raw: { language: 'text' } } });
    expect(request.header).toContainEqual({ key: 'Content-Type', value: 'application/x-www-form-urlencoded' });
    const xml = requestOf(`curl https://x.test -H 'Content-Type: application/xml' --data-binary '<a>1</a>'`);
    expect(xml.body).toEqual({ mode: 'raw', raw: '<a>1</a>', options: { raw: { language: 'xml' } } });
  });

  it('handles --json like curl 7.82+', () => {
    const request = requestOf(`curl --json '{"a":1}' https://x.test`);
    expect(request.method).toBe('POST');
    expect(request.body).toMatchObject({ mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } });
    expect(request.header).toEqual([
      { key: 'Content-Type', value: 'application/json' },
      { key: 'Accept', value: 'application/json' },
    ]);
  });

  it('builds form-data from -F, files included', () => {
    const request = requestOf(`curl -F 'title=Report' -F 'file=@./report.pdf;type=application/pdf' --form-string 'raw=@not-a-file' https://x.test/upload`);
    expect(request.method).toBe('POST');
    expect(request.body).toEqual({
      mode: 'formdata',
      formdata: [
        { key: 'title', value: 'Report', type: 'text' },
        { key: 'file', src: './report.pdf', type: 'file', contentType: 'application/pdf' },
        { key: 'raw', value: '@not-a-file', type: 'text' },
      ],
    });
  });

  it('moves data to the query string with -G, and adds --url-query', () => {
    expect(rawUrl(`curl -G https://x.test/search -d q=cats -d limit=5 --url-query lang=en`)).toBe('https://x.test/search?lang=en&q=cats&limit=5');
    expect(requestOf(`curl -G https://x.test/search -d q=cats`).method).toBe('GET');
    expect(requestOf(`curl -G https://x.test/search -d q=cats`).body).toBeUndefined();
  });

  it('translates credentials into auth', () => {
    expect(requestOf('curl -u ada:s3cr:et https://x.test').auth).toEqual({
      type: 'basic',
      basic: [
        { key: 'username', value: 'ada', type: 'string' },
        { key: 'password', value: 's3cr:et', type: 'string' },
      ],
    });
    expect(requestOf('curl --digest -u ada:pw https://x.test').auth?.type).toBe('digest');
    expect(requestOf('curl --oauth2-bearer tok123 https://x.test').auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: 'tok123', type: 'string' }] });
  });

  it('reads bundled and attached short options and --name=value', () => {
    const { item } = importCurl(`curl -sSLk -XDELETE -H'X-Trace: 1' --user-agent=Tester/1 -A Other -e https://ref.test https://x.test/a/1`);
    const request = item.request as RequestObject;
    expect(request.method).toBe('DELETE');
    expect(request.header).toEqual([
      { key: 'X-Trace', value: '1' },
      { key: 'User-Agent', value: 'Tester/1' },
      { key: 'User-Agent', value: 'Other' },
      { key: 'Referer', value: 'https://ref.test' },
    ]);
    expect(item.protocolProfileBehavior).toEqual({ strictSSL: false, followRedirects: true });
  });

  it('uses HEAD for -I and PUT for -T', () => {
    expect(requestOf('curl -I https://x.test').method).toBe('HEAD');
    expect(requestOf('curl -T data.bin https://x.test/up')).toMatchObject({ method: 'PUT', body: { mode: 'file', file: { src: 'data.bin' } } });
  });

  it('keeps {{variables}} and lists what it left out', () => {
    const { item, skipped } = importCurl(`$ curl {{baseUrl}}/users -o out.json --max-time 5 --frobnicate -d @body.json https://second.test | jq .`);
    expect((item.request as RequestObject).url).toMatchObject({ raw: '{{baseUrl}}/users' });
    expect((item.request as RequestObject).method).toBe('POST');
    expect(skipped).toEqual([
      '-o out.json (no equivalent in a saved request)',
      '--max-time 5 (no equivalent in a saved request)',
      '--frobnicate (not a cURL option Postern translates)',
      '-d @body.json (the body is read from a file: paste its content into the body)',
      'https://second.test (a second URL: one request is made from the first)',
      '"| jq ." (a second command after the cURL one)',
    ]);
  });

  it('refuses what is not a usable cURL command, saying why', () => {
    const failure = (command: string) => {
      try {
        importCurl(command);
      } catch (error) {
        return error as CollectionError;
      }
      throw new Error('expected a failure');
    };
    expect(failure('wget https://x.test')).toMatchObject({ code: 'INVALID_CURL', message: expect.stringContaining('should start with "curl"') });
    expect(failure('curl -H "A: 1"').message).toMatch(/has no URL/);
    expect(failure('curl https://x.test -H').message).toMatch(/-H needs a value/);
    expect(failure(`curl https://x.test -d '{"a":`)).toMatchObject({ code: 'INVALID_CURL', line: 1, column: 24 });
    expect(failure('curl -F novalue https://x.test').message).toMatch(/name=value/);
  });
});

describe('importCurl: the flags API docs use', () => {
  it('joins repeated -d/--data/--data-ascii/--data-binary with & and skips @file bodies', () => {
    expect(requestOf(`curl https://x.test -d a=1 --data b=2 --data-ascii c=3 --data-binary d=4`).body).toEqual({
      mode: 'urlencoded',
      urlencoded: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'c', value: '3' },
        { key: 'd', value: '4' },
      ],
    });
    expect(importCurl(`curl https://x.test --data-binary @payload.bin`).skipped).toEqual(['--data-binary @payload.bin (the body is read from a file: paste its content into the body)']);
  });

  it('reads every --data-urlencode form', () => {
    const { item, skipped } = importCurl(`curl https://x.test --data-urlencode 'q=a b&c' --data-urlencode '=x y' --data-urlencode 'doc@notes.txt'`);
    expect((item.request as RequestObject).body).toEqual({
      mode: 'raw',
      raw: 'q=a%20b%26c&x%20y&doc=',
      options: { raw: { language: 'text' } },
    });
    expect(skipped).toEqual(['--data-urlencode doc@notes.txt (content read from a file)']);
    expect(requestOf(`curl https://x.test --data-urlencode 'q=a b' --data-urlencode 'empty='`).body).toEqual({
      mode: 'urlencoded',
      urlencoded: [
        { key: 'q', value: 'a b' },
        { key: 'empty', value: '' },
      ],
    });
  });

  it('concatenates repeated --json pieces as curl does', () => {
    expect(requestOf(`curl https://x.test --json '{"a":' --json '1}'`).body).toMatchObject({ raw: '{"a":1}' });
  });

  it('reads -u with --ntlm, and a user without a password', () => {
    expect(requestOf('curl --ntlm -u "DOMAIN\\ada:pw" https://x.test').auth).toEqual({
      type: 'ntlm',
      ntlm: [
        { key: 'username', value: 'DOMAIN\\ada', type: 'string' },
        { key: 'password', value: 'pw', type: 'string' },
      ],
    });
    expect(requestOf('curl -u sk_test_123: https://x.test').auth).toMatchObject({ type: 'basic', basic: [{ value: 'sk_test_123' }, { value: '' }] });
  });

  it('turns -b and --cookie into one Cookie header', () => {
    expect(requestOf(`curl https://x.test -b 'a=1' --cookie 'b=2; c=3'`).header).toEqual([{ key: 'Cookie', value: 'a=1; b=2; c=3' }]);
  });

  it('adds the Accept-Encoding header curl sends for --compressed, unless one is given', () => {
    expect(requestOf('curl --compressed https://x.test').header).toEqual([{ key: 'Accept-Encoding', value: 'deflate, gzip, br' }]);
    expect(requestOf(`curl --compressed -H 'accept-encoding: gzip' https://x.test`).header).toEqual([{ key: 'accept-encoding', value: 'gzip' }]);
  });

  it('follows redirects only with -L, and checks TLS unless -k', () => {
    expect(importCurl('curl https://x.test').item.protocolProfileBehavior).toEqual({ followRedirects: false });
    expect(importCurl('curl --location https://x.test').item.protocolProfileBehavior).toEqual({ followRedirects: true });
    expect(importCurl('curl --insecure https://x.test').item.protocolProfileBehavior).toEqual({ followRedirects: false, strictSSL: false });
  });

  it('takes the URL from --url', () => {
    expect(rawUrl(`curl --url 'https://x.test/a b' -X POST`)).toBe('https://x.test/a b');
  });

  it('highlights a JSON body sent with plain -d as JSON, with the form Content-Type curl sends', () => {
    const request = requestOf(`curl https://x.test -d '{"a":[1]}'`);
    expect(request.body).toEqual({ mode: 'raw', raw: '{"a":[1]}', options: { raw: { language: 'json' } } });
    expect(request.header).toEqual([{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }]);
  });
});
