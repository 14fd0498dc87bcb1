import type { Item } from '@postern/collection';
import { describe, expect, it } from 'vitest';
import { authKind } from './auth-fields.ts';
import { pmCompletions } from './pm-completion.ts';
import {
  authValue,
  bodyDraftOf,
  bodyOfDraft,
  draftFromItem,
  formatJson,
  itemFromDraft,
  paramsAfterUrlEdit,
  pathVariableNames,
  queryRowsOfUrl,
  sendBodyOf,
  syncPathVariables,
  urlAfterParamsEdit,
  variableRanges,
  withAuthValue,
} from './request-draft.ts';

const item: Item = {
  name: 'Get user',
  request: {
    method: 'get',
    url: {
      raw: '{{base}}/users/:id?expand=1&q=a#top',
      query: [
        { key: 'expand', value: '1', description: 'more' },
        { key: 'q', value: 'a' },
        { key: 'off', value: 'x', disabled: true },
      ],
      variable: [{ key: 'id', value: '42' }],
    },
    header: [{ key: 'Accept', value: 'application/json' }, { key: 'X-Off', value: '1', disabled: true }],
    auth: { type: 'basic', basic: [{ key: 'username', value: 'ann' }] },
    body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } },
    description: 'kept',
  },
  event: [{ listen: 'test', script: { type: 'text/javascript', exec: ['pm.test("ok", () => {});', 'x();'] } }],
  protocolProfileBehavior: { followRedirects: false, disableCookies: true },
};

describe('URL and query params', () => {
  it('reads the query rows of a URL, ignoring the fragment', () => {
    expect(queryRowsOfUrl('http://h/p?a=1&b&c=x=y#f').map((r) => [r.key, r.value])).toEqual([
      ['a', '1'],
      ['b', ''],
      ['c', 'x=y'],
    ]);
    expect(queryRowsOfUrl('http://h/p')).toEqual([]);
  });

  it('keeps disabled rows and descriptions when the URL is edited', () => {
    const previous = [
      { key: 'a', value: '1', description: 'the a', enabled: true },
      { key: 'off', value: '2', description: '', enabled: false },
    ];
    const rows = paramsAfterUrlEdit('http://h?a=9&b=2', previous);
    expect(rows.map((r) => [r.key, r.value, r.description, r.enabled])).toEqual([
      ['a', '9', 'the a', true],
      ['b', '2', '', true],
      ['off', '2', '', false],
    ]);
  });

  it('rewrites the query from the enabled rows, keeping the fragment', () => {
    const rows = [
      { key: 'a', value: '1', description: '', enabled: true },
      { key: 'off', value: '2', description: '', enabled: false },
      { key: 'flag', value: '', description: '', enabled: true },
      { key: '', value: '', description: '', enabled: true },
    ];
    expect(urlAfterParamsEdit('http://h/p?old=1#f', rows)).toBe('http://h/p?a=1&flag#f');
    expect(urlAfterParamsEdit('http://h/p?old=1', [])).toBe('http://h/p');
  });

  it('round-trips URL → params → URL', () => {
    const url = '{{base}}/x?a=1&b={{v}}';
    expect(urlAfterParamsEdit(url, paramsAfterUrlEdit(url, []))).toBe(url);
  });
});

describe('path variables', () => {
  it('lists :name segments of the path only, once each', () => {
    expect(pathVariableNames('http://h:8080/users/:id/posts/:post/:id?x=:no')).toEqual(['id', 'post']);
    expect(pathVariableNames('{{base}}/a/:b')).toEqual(['b']);
  });

  it('keeps values of names still present', () => {
    const rows = syncPathVariables('http://h/:id/:other', [{ key: 'id', value: '7', description: 'd', enabled: true }]);
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['id', '7'],
      ['other', ''],
    ]);
  });

  it('finds {{variable}} ranges', () => {
    expect(variableRanges('{{a}}/x/{{b c}}')).toEqual([
      { from: 0, to: 5, name: 'a' },
      { from: 8, to: 15, name: 'b c' },
    ]);
  });
});

describe('draft ⇄ item', () => {
  it('reads an item into a draft', () => {
    const draft = draftFromItem(item);
    expect(draft.method).toBe('GET');
    expect(draft.params.map((r) => [r.key, r.enabled, r.description])).toEqual([
      ['expand', true, 'more'],
      ['q', true, ''],
      ['off', false, ''],
    ]);
    expect(draft.pathVariables.map((r) => [r.key, r.value])).toEqual([['id', '42']]);
    expect(draft.headers[1]).toMatchObject({ key: 'X-Off', enabled: false });
    expect(draft.body).toMatchObject({ mode: 'raw', raw: '{"a":1}', language: 'json' });
    expect(draft.test).toBe('pm.test("ok", () => {});\nx();');
    expect(draft.settings).toEqual({ followRedirects: false, strictSSL: true, timeoutMs: null });
  });

  it('writes a draft back, keeping what the editor does not show', () => {
    const draft = draftFromItem(item);
    const back = itemFromDraft(item, { ...draft, prerequest: 'a();', settings: { followRedirects: true, strictSSL: false, timeoutMs: 5 } });
    const request = back.request as Exclude<Item['request'], string>;
    expect(request.description).toBe('kept');
    expect(request.method).toBe('GET');
    expect(request.url).toMatchObject({ raw: '{{base}}/users/:id?expand=1&q=a#top', variable: [{ key: 'id', value: '42' }] });
    expect(typeof request.url === 'object' && request.url.query?.[2]).toEqual({ key: 'off', value: 'x', disabled: true });
    expect(back.event?.map((e) => e.listen).sort()).toEqual(['prerequest', 'test']);
    expect(back.protocolProfileBehavior).toEqual({ disableCookies: true, strictSSL: false });
  });

  it('round-trips an unchanged item to the same draft', () => {
    const draft = draftFromItem(item);
    expect(draftFromItem(itemFromDraft(item, draft))).toEqual(draft);
  });

  it('treats a missing or inherit auth as inherited', () => {
    expect(draftFromItem({ request: { url: 'http://h', auth: { type: 'inherit' } } }).auth).toBeUndefined();
    expect(draftFromItem({ request: 'http://h' }).auth).toBeUndefined();
  });

  it('builds the /api/send body', () => {
    const draft = draftFromItem(item);
    const body = sendBodyOf({ ...draft, settings: { ...draft.settings, timeoutMs: 1500 } }, [{ key: 'base', value: 'http://x' }], { collectionId: 'c', itemId: 'i' });
    expect(body.settings).toEqual({ followRedirects: false, insecure: false, timeoutMs: 1500 });
    expect(body.variables).toEqual([{ key: 'base', value: 'http://x' }]);
    expect((body.request as { method: string }).method).toBe('GET');
  });
});

describe('body modes', () => {
  it('converts each mode both ways', () => {
    const bodies = [
      { mode: 'raw', raw: '<a/>', options: { raw: { language: 'xml' } } },
      { mode: 'urlencoded', urlencoded: [{ key: 'a', value: '1' }, { key: 'b', value: '2', disabled: true }] },
      { mode: 'formdata', formdata: [{ key: 't', value: 'v', type: 'text' }, { key: 'f', type: 'file', src: 'a.png' }] },
      { mode: 'file', file: { src: 'x.bin' } },
      { mode: 'graphql', graphql: { query: '{ me }', variables: '{}' } },
    ];
    for (const body of bodies) expect(bodyOfDraft(bodyDraftOf(body))).toEqual(body.mode === 'formdata' ? { mode: 'formdata', formdata: [{ key: 't', value: 'v', type: 'text' }, { key: 'f', value: undefined, type: 'file', src: 'a.png' }] } : body);
  });

  it('has no body for none and reads unknown modes as none', () => {
    expect(bodyOfDraft(bodyDraftOf(undefined))).toBeUndefined();
    expect(bodyDraftOf({ mode: 'weird' }).mode).toBe('none');
  });

  it('reads graphql variables stored as an object', () => {
    expect(JSON.parse(bodyDraftOf({ mode: 'graphql', graphql: { query: 'q', variables: { a: 1 } } }).graphqlVariables)).toEqual({ a: 1 });
  });

  it('formats JSON or says it cannot', () => {
    expect(formatJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(formatJson('{nope')).toBeNull();
  });
});

describe('auth fields', () => {
  it('reads v2.1 lists and v2.0 objects', () => {
    expect(authValue({ type: 'basic', basic: [{ key: 'username', value: 'ann' }] }, 'username')).toBe('ann');
    expect(authValue({ type: 'bearer', bearer: { token: 't' } }, 'token')).toBe('t');
    expect(authValue(undefined, 'token')).toBe('');
  });

  it('sets one parameter as a v2.1 list', () => {
    const auth = withAuthValue({ type: 'bearer', bearer: { token: 'old', other: 'x' } }, 'token', 'new');
    expect(auth.bearer).toEqual([
      { key: 'other', value: 'x' },
      { key: 'token', value: 'new', type: 'string' },
    ]);
  });

  it('lists labelled fields for each signed type', () => {
    for (const type of ['basic', 'bearer', 'apikey', 'digest', 'oauth1', 'oauth2', 'hawk', 'awsv4', 'ntlm', 'edgegrid', 'jwt']) {
      expect(authKind(type)?.fields.length, type).toBeGreaterThan(0);
    }
    expect(authKind('awsv4')?.fields.map((f) => f.key)).toContain('secretKey');
  });
});

describe('pm completion', () => {
  it('completes the members under a path', () => {
    expect(pmCompletions('pm.env').map((c) => c.label)).toContain('environment');
    expect(pmCompletions('pm.environment.').map((c) => c.label)).toEqual(expect.arrayContaining(['get', 'set', 'unset']));
    expect(pmCompletions('pm.response.to.have.').map((c) => c.label)).toContain('status');
  });
});
