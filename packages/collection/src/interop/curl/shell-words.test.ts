import { describe, expect, it } from 'vitest';
import { ShellSyntaxError, splitShellCommands, splitShellWords } from './shell-words.ts';

describe('splitShellWords', () => {
  it('splits on blanks and keeps quoted text whole', () => {
    expect(splitShellWords(`curl  -H 'A: b c' "x y" plain`).words).toEqual(['curl', '-H', 'A: b c', 'x y', 'plain']);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(splitShellWords(`a'b'"c"d`).words).toEqual(['abcd']);
    expect(splitShellWords(`''`).words).toEqual(['']);
  });

  it('follows bash escaping rules in and out of double quotes', () => {
    expect(splitShellWords(String.raw`"a \"q\" \$HOME \n" b\ c \'`).words).toEqual([String.raw`a "q" $HOME \n`, 'b c', "'"]);
  });

  it("reads ANSI-C $'…' strings as browsers write them", () => {
    expect(splitShellWords(String.raw`$'{"a":"line\nnext\ttab \'q\' \x41\u00e9\101'`).words).toEqual([`{"a":"line\nnext\ttab 'q' Aé` + 'A']);
  });

  it('joins continued lines (bash and Windows cmd)', () => {
    expect(splitShellWords('curl https://x.test \\\n  -H "A: 1" \\\r\n  -d x').words).toEqual(['curl', 'https://x.test', '-H', 'A: 1', '-d', 'x']);
    expect(splitShellWords('curl ^"https://x.test/^" ^\n  -H ^"accept: */*^"').words).toEqual(['curl', 'https://x.test/', '-H', 'accept: */*']);
  });

  it('stops at a second command and says what it left out', () => {
    expect(splitShellWords(`curl https://x.test | jq '.items'`)).toEqual({ words: ['curl', 'https://x.test'], rest: "| jq '.items'" });
    expect(splitShellWords(`curl https://x.test/a?b=1&&c`).words).toEqual(['curl', 'https://x.test/a?b=1&&c']);
  });

  it('ignores comments', () => {
    expect(splitShellWords('# fetch it\ncurl x # the end').words).toEqual(['curl', 'x']);
  });

  it('names the line and column of an unclosed quote', () => {
    const error = (() => {
      try {
        splitShellWords(`curl \\\n  -d 'open`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ShellSyntaxError);
    expect(error).toMatchObject({ line: 2, column: 6 });
    expect(() => splitShellWords('curl "x')).toThrow(/double quote is not closed \(line 1, column 6\)/);
    expect(() => splitShellWords("curl $'x")).toThrow(/\$'…' string is not closed/);
  });
});

describe('splitShellCommands', () => {
  it('splits commands on new lines, ; && and ||, with the position of each', () => {
    expect(splitShellCommands('curl a\n  curl b; curl c && curl d || curl e')).toEqual([
      { words: ['curl', 'a'], line: 1, column: 1 },
      { words: ['curl', 'b'], line: 2, column: 3 },
      { words: ['curl', 'c'], line: 2, column: 11 },
      { words: ['curl', 'd'], line: 2, column: 21 },
      { words: ['curl', 'e'], line: 2, column: 31 },
    ]);
  });

  it('keeps what a command is piped or redirected to apart', () => {
    expect(splitShellCommands(`curl a | jq '.x | .y' > out.json\ncurl b`)).toEqual([
      { words: ['curl', 'a'], line: 1, column: 1, rest: `| jq '.x | .y' > out.json` },
      { words: ['curl', 'b'], line: 2, column: 1 },
    ]);
  });

  it('reads PowerShell continuations and quoting', () => {
    expect(splitShellCommands('curl.exe -d \'{"n":"O\'\'Brien"}\' `\n  -H "X: a`"b" https://x.test').map((c) => c.words)).toEqual([
      ['curl.exe', '-d', `{"n":"O'Brien"}`, '-H', 'X: a"b', 'https://x.test'],
    ]);
  });

  it('skips blank and comment lines', () => {
    expect(splitShellCommands('# one\n\ncurl a # note\n# two\n')).toEqual([{ words: ['curl', 'a'], line: 3, column: 1 }]);
  });
});
