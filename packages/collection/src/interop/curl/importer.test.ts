import { describe, expect, it } from 'vitest';
import type { CollectionError } from '../../errors.ts';
import type { Item, RequestObject } from '../../types.ts';
import { curlImporter, importCurlCommands } from './importer.ts';

const importText = (text: string) => importCurlCommands({ name: 'commands.sh', text });
const requests = (text: string) => importText(text).collections[0]!.item.map((node) => (node as Item).request as RequestObject);
const urls = (text: string) => requests(text).map((r) => (r.url as { raw: string }).raw);

describe('curlImporter.detect', () => {
  it('takes text starting with curl, after blanks, comments or a $ prompt', () => {
    for (const text of ['curl https://a.test', '\n  curl -X POST https://a.test', '$ curl https://a.test', '# list users\n\ncurl https://a.test', 'curl.exe https://a.test']) {
      expect(curlImporter.detect({ name: 'x', text })).toBe(true);
    }
  });

  it('leaves other text alone', () => {
    for (const text of ['curly https://a.test', '{"curl": 1}', 'wget https://a.test', 'echo curl https://a.test']) {
      expect(curlImporter.detect({ name: 'x', text })).toBe(false);
    }
  });
});

describe('importCurlCommands', () => {
  it('makes one request per command, however the commands are separated', () => {
    const text = 'curl https://a.test/1\ncurl https://a.test/2\n\n\ncurl https://a.test/3; curl https://a.test/4 && curl https://a.test/5 || curl https://a.test/6';
    expect(urls(text)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `https://a.test/${n}`));
  });

  it('keeps continued lines (\\, ^ and backtick) in one command', () => {
    const bash = 'curl https://a.test/x \\\n  -H "A: 1"\ncurl https://a.test/y';
    expect(requests(bash).map((r) => r.header)).toEqual([[{ key: 'A', value: '1' }], []]);
    const cmd = 'curl ^"https://a.test/x^" ^\n  -H ^"A: 1^"\ncurl ^"https://a.test/y^"';
    expect(urls(cmd)).toEqual(['https://a.test/x', 'https://a.test/y']);
    const powershell = 'curl.exe https://a.test/x `\n  -H "A: 1"\ncurl.exe https://a.test/y';
    expect(requests(powershell).map((r) => r.header)).toEqual([[{ key: 'A', value: '1' }], []]);
  });

  it('reads an option line without a trailing backslash as part of the command above', () => {
    expect(requests('curl https://a.test/x\n  -X PUT\n  -d a=1')).toMatchObject([{ method: 'PUT', body: { mode: 'urlencoded' } }]);
  });

  it('keeps separators that are quoted or inside a URL', () => {
    expect(urls(`curl 'https://a.test/x?a=1;b=2' -d 'x && y'`)).toEqual(['https://a.test/x?a=1;b=2']);
    expect(urls('curl https://a.test/x?a=1&&b=2')).toEqual(['https://a.test/x?a=1&&b=2']);
  });

  it('lists pipes and redirections by line, and names the collection after the file', () => {
    const result = importCurlCommands({ name: 'docs/github.sh', text: 'curl https://a.test/x | jq .\n\ncurl https://a.test/y > out.json' });
    expect(result.collections[0]!.info.name).toBe('github');
    expect(result.skipped).toEqual([
      { at: 'line 1', what: '"| jq ." (a second program the output is piped to)' },
      { at: 'line 3', what: '"> out.json" (a second program the output is piped to)' },
    ]);
  });

  it('names the line and column of a broken command', () => {
    const failure = (text: string) => {
      try {
        importText(text);
      } catch (error) {
        return error as CollectionError;
      }
      throw new Error('expected a failure');
    };
    expect(failure('curl https://a.test\n\n  curl -H "A: 1"')).toMatchObject({ code: 'INVALID_IMPORT', line: 3, column: 3, message: expect.stringMatching(/line 3, column 3: This cURL command has no URL/) });
    expect(failure('curl https://a.test\ncurl -d "open https://a.test')).toMatchObject({ code: 'INVALID_IMPORT', line: 2, column: 9, source: 'commands.sh' });
    expect(failure('curl https://a.test\nwget https://a.test').message).toMatch(/line 2, column 1: This is not a cURL command/);
    expect(failure('# nothing here\n').message).toMatch(/no cURL command/);
  });
});
