import type { Item } from '@postern/collection';
import { describe, expect, it } from 'vitest';
import { draftFromCurl, looksLikeCurl } from './curl-paste.ts';
import { authValue, draftFromItem, itemFromDraft } from './request-draft.ts';

const current = draftFromItem({
  name: 'Create user',
  request: {
    method: 'GET',
    url: '{{base}}/old?x=1',
    header: [{ key: 'X-Old', value: 'gone' }],
    auth: { type: 'bearer', bearer: [{ key: 'token', value: 'old-token', type: 'string' }] },
    body: { mode: 'raw', raw: 'old body' },
  },
  event: [{ listen: 'test', script: { type: 'text/javascript', exec: ['pm.test("ok", () => {});'] } }],
} as Item);

describe('looksLikeCurl', () => {
  it('takes text starting with curl and a space, surrounding blanks and a shell prompt allowed', () => {
    expect(looksLikeCurl('curl https://a.test')).toBe(true);
    expect(looksLikeCurl('  \ncurl -X POST https://a.test  ')).toBe(true);
    expect(looksLikeCurl('$ curl https://a.test')).toBe(true);
    expect(looksLikeCurl('curl.exe https://a.test')).toBe(true);
  });

  it('leaves URLs and other words alone', () => {
    expect(looksLikeCurl('https://a.test/curl')).toBe(false);
    expect(looksLikeCurl('curly.test/items')).toBe(false);
    expect(looksLikeCurl('curl')).toBe(false);
    expect(looksLikeCurl('wget https://a.test')).toBe(false);
  });
});

describe('draftFromCurl', () => {
  it('replaces method, URL, params, headers, body and auth, keeping the name and scripts', () => {
    const result = draftFromCurl(
      `curl -X PUT 'https://api.test/users/7?notify=yes' -H 'Content-Type: application/json' -H "X-Trace: abc" --data '{"name":"Ada"}' -u ada:pw`,
      current,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { draft } = result;
    expect(draft.name).toBe('Create user');
    expect(draft.test).toBe('pm.test("ok", () => {});');
    expect(draft.method).toBe('PUT');
    expect(draft.url).toBe('https://api.test/users/7?notify=yes');
    expect(draft.params.map((r) => [r.key, r.value])).toEqual([['notify', 'yes']]);
    expect(draft.headers.map((r) => [r.key, r.value])).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Trace', 'abc'],
    ]);
    expect(draft.body.mode).toBe('raw');
    expect(draft.body.raw).toBe('{"name":"Ada"}');
    expect(draft.body.language).toBe('json');
    expect(draft.auth?.type).toBe('basic');
    expect(authValue(draft.auth, 'username')).toBe('ada');
    expect(authValue(draft.auth, 'password')).toBe('pw');
    expect(result.skipped).toEqual([]);
  });

  it('makes a form body from -d pairs and inherits auth when the command has none', () => {
    const result = draftFromCurl('curl https://api.test/login -d user=ada -d "note=hi there" -k', current);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.method).toBe('POST');
    expect(result.draft.body.mode).toBe('urlencoded');
    expect(result.draft.body.urlencoded.map((r) => [r.key, r.value])).toEqual([
      ['user', 'ada'],
      ['note', 'hi there'],
    ]);
    expect(result.draft.auth).toBeUndefined();
    expect(result.draft.settings.strictSSL).toBe(false);
    // The saved item is the request the command describes, under the old name.
    const saved = itemFromDraft({ name: 'Create user', request: { url: '' } } as Item, result.draft);
    expect(saved.name).toBe('Create user');
    expect(typeof saved.request === 'object' && saved.request.header).toEqual([]);
  });

  it('reports what the command had that a request cannot keep', () => {
    const result = draftFromCurl('curl -o out.json https://api.test/items', current);
    expect(result.ok && result.skipped).toEqual(['-o out.json (no equivalent in a saved request)']);
  });

  it('explains in plain words a command that cannot be read, with no draft', () => {
    const unclosed = draftFromCurl(`curl -H 'Accept: text/plain https://api.test`, current);
    expect(unclosed.ok).toBe(false);
    if (unclosed.ok) return;
    expect(unclosed.message).toMatch(/^That looks like a cURL command but could not be read: .+\. Check the quoting, or paste only the URL\.$/);
    expect(unclosed.message).not.toContain('This cURL command cannot be read');

    const noUrl = draftFromCurl('curl -X POST', current);
    expect(noUrl.ok).toBe(false);
    if (!noUrl.ok) expect(noUrl.message).toContain('has no URL');
  });
});
