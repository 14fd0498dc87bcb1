import { describe, expect, it } from 'vitest';
import { VariableResolver, VariableScope } from '../variables.ts';
import { generateSnippet, SnippetLanguageError, SNIPPET_LANGUAGES } from './index.ts';
import { toSnippetRequest } from './prepare.ts';

describe('toSnippetRequest', () => {
  it('resolves variables, skips disabled headers and adds the body content type like the runtime', () => {
    const resolver = new VariableResolver([VariableScope.fromObject({ host: 'api.test', id: '7' })]);
    const out = toSnippetRequest(
      {
        method: 'post',
        url: 'https://{{host}}/items/{{id}}?q=a b',
        header: [
          { key: 'X-A', value: '{{id}}' },
          { key: 'X-Off', value: '1', disabled: true },
        ],
        body: { mode: 'raw', raw: '<a/>', options: { raw: { language: 'xml' } } },
      },
      { variables: resolver },
    );
    expect(out).toEqual({
      method: 'POST',
      url: 'https://api.test/items/7?q=a%20b',
      headers: [
        { key: 'X-A', value: '7' },
        { key: 'Content-Type', value: 'application/xml' },
      ],
      body: { kind: 'text', text: '<a/>' },
      notes: [],
    });
  });

  it('keeps a Content-Type the request sets', () => {
    const out = toSnippetRequest({ method: 'POST', url: 'http://x', header: [{ key: 'content-type', value: 'text/csv' }], body: { mode: 'raw', raw: 'a,b' } });
    expect(out.headers).toEqual([{ key: 'content-type', value: 'text/csv' }]);
  });

  it('drops a GET body with a note, unless body pruning is disabled', () => {
    const request = { method: 'GET', url: 'http://x', body: { mode: 'raw', raw: 'x' } };
    const pruned = toSnippetRequest(request);
    expect(pruned.body).toBeUndefined();
    expect(pruned.notes[0]).toMatch(/does not send a body with GET/);
    expect(toSnippetRequest(request, { behavior: { disableBodyPruning: true } }).body).toEqual({ kind: 'text', text: 'x' });
  });

  it('leaves the multipart Content-Type to the client and names file parts by their base name', () => {
    const out = toSnippetRequest({
      method: 'POST',
      url: 'http://x',
      header: [{ key: 'Content-Type', value: 'multipart/form-data' }],
      body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: ['a/b/one.png', 'c\\two.txt'] }, { key: 'off', value: 'x', disabled: true }] },
    });
    expect(out.headers).toEqual([]);
    expect(out.notes[0]).toMatch(/multipart boundary/);
    expect(out.body).toEqual({
      kind: 'multipart',
      parts: [
        { kind: 'file', name: 'f', path: 'a/b/one.png', fileName: 'one.png', contentType: 'application/octet-stream' },
        { kind: 'file', name: 'f', path: 'c\\two.txt', fileName: 'two.txt', contentType: 'application/octet-stream' },
      ],
    });
  });

  it('encodes urlencoded bodies as the runtime does and sends graphql as JSON', () => {
    const form = toSnippetRequest({ method: 'POST', url: 'http://x', body: { mode: 'urlencoded', urlencoded: [{ key: 'a b', value: '1+1=2&é' }] } });
    expect(form.body).toEqual({ kind: 'text', text: 'a+b=1%2B1%3D2%26%C3%A9' });
    const gql = toSnippetRequest({ method: 'POST', url: 'http://x', body: { mode: 'graphql', graphql: { query: '{ a }', variables: '{"n": 1}' } } });
    expect(gql.body).toEqual({ kind: 'text', text: '{"query":"{ a }","variables":{"n":1}}' });
    expect(gql.headers).toEqual([{ key: 'Content-Type', value: 'application/json' }]);
  });

  it('applies static auth, prefers the request auth and uses the inherited one otherwise', () => {
    const inherited = { type: 'bearer', bearer: [{ key: 'token', value: 'folder' }] };
    expect(toSnippetRequest({ url: 'http://x' }, { auth: inherited }).headers).toEqual([{ key: 'Authorization', value: 'Bearer folder' }]);
    expect(toSnippetRequest({ url: 'http://x', auth: { type: 'inherit' } }, { auth: inherited }).headers).toEqual([{ key: 'Authorization', value: 'Bearer folder' }]);
    expect(toSnippetRequest({ url: 'http://x', auth: { type: 'noauth' } }, { auth: inherited }).headers).toEqual([]);
    const basic = toSnippetRequest({ url: 'http://x', auth: { type: 'basic', basic: { username: 'u', password: 'p' } } });
    expect(basic.headers).toEqual([{ key: 'Authorization', value: 'Basic dTpw' }]);
    const query = toSnippetRequest({ url: 'http://x/p?a=1', auth: { type: 'apikey', apikey: [{ key: 'key', value: 'k' }, { key: 'value', value: 'v w' }, { key: 'in', value: 'query' }] } });
    expect(query.url).toBe('http://x/p?a=1&k=v%20w');
  });

  it('passes digest credentials on and notes auth that is signed at send time', () => {
    const digest = toSnippetRequest({ url: 'http://x', auth: { type: 'digest', digest: [{ key: 'username', value: 'u' }, { key: 'password', value: 'p' }] } });
    expect(digest.digest).toEqual({ username: 'u', password: 'p' });
    const hawk = toSnippetRequest({ url: 'http://x', auth: { type: 'hawk', hawk: [] } });
    expect(hawk.headers).toEqual([]);
    expect(hawk.notes).toEqual([expect.stringMatching(/^hawk auth is computed when the request is sent/)]);
  });

  it('notes variables that stay unresolved', () => {
    const out = toSnippetRequest({ url: 'http://x/{{a}}', header: [{ key: 'X', value: '{{b}}{{a}}' }] }, { variables: [{ values: [{ key: 'c', value: '1' }] }] });
    expect(out.notes).toEqual(['{{a}}, {{b}} are not defined in the variables given, so the snippet keeps them as written.']);
    const dynamic = toSnippetRequest({ url: 'http://x/{{$guid}}' });
    expect(dynamic.notes).toEqual(['{{$guid}} is generated anew each time Postern sends the request; the snippet keeps it as written.']);
  });
});

describe('generateSnippet', () => {
  it('offers ten languages with distinct ids', () => {
    expect(SNIPPET_LANGUAGES.map((l) => l.id)).toEqual(['curl', 'httpie', 'fetch', 'node', 'python', 'go', 'java', 'csharp', 'php', 'ruby']);
  });

  it('rejects an unknown language with the list of known ones', () => {
    expect(() => generateSnippet({ url: 'http://x' }, 'cobol')).toThrow(SnippetLanguageError);
    expect(() => generateSnippet({ url: 'http://x' }, 'cobol')).toThrow(/choose one of: curl, httpie, fetch/);
  });

  it('adds language notes after the common ones, e.g. digest where the client cannot answer it', () => {
    const request = { url: 'http://x/{{missing}}', auth: { type: 'digest', digest: { username: 'u', password: 'p' } } };
    expect(generateSnippet(request, 'python').notes).toHaveLength(1);
    const java = generateSnippet(request, 'java').notes;
    expect(java[0]).toMatch(/missing/);
    expect(java[1]).toMatch(/java.net.http answers only basic challenges/);
  });

  it('reads a string request as a GET of that URL', () => {
    expect(generateSnippet('http://x/a', 'curl').code).toContain("--request GET \\\n  --url 'http://x/a'");
  });
});
