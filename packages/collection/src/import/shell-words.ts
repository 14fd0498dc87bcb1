/**
 * Splits a pasted shell command into words, the way bash would before running it: quotes,
 * backslash escapes, ANSI-C `$'…'` strings (browsers' "Copy as cURL (bash)" uses them for bodies
 * with newlines or quotes) and line continuations (`\`, and `^` from "Copy as cURL (cmd)").
 * shell-quote and shlex, the usual libraries, do not understand `$'…'`, hence this small lexer.
 * Nothing is expanded: `$VAR` stays as written.
 */

export interface ShellWords {
  words: string[];
  /** What followed an unquoted `|`, `;`, `&&`, `||` or `>` (a second command): left out. */
  rest?: string;
}

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line and column of the problem in the pasted text. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

export function splitShellWords(input: string): ShellWords {
  let text = input.replace(/\r\n?/g, '\n');
  // "Copy as cURL (cmd)" escapes every special character with ^ (^" ^& ^%): undo that first, so
  // its quotes read as quotes. Bash commands do not write ^" this way.
  if (text.includes('^"')) text = text.replace(/\^([^\n])/g, '$1');
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;

  const position = (at: number) => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const fail = (message: string, at: number): never => {
    const { line, column } = position(at);
    throw new ShellSyntaxError(`${message} (line ${line}, column ${column})`, line, column);
  };
  const finish = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };

  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '^' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      finish();
      i += 1;
      continue;
    }
    if (c === '#' && !inWord) {
      // A comment runs to the end of its line.
      while (i < text.length && text[i] !== '\n') i += 1;
      continue;
    }
    if (!inWord && (c === '|' || c === ';' || c === '>' || (c === '&' && text[i + 1] === '&'))) {
      finish();
      return { words, rest: text.slice(i).trim() };
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) fail('A single quote is not closed', i);
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      i = readAnsiC(i + 2);
    } else if (c === '"') {
      i = readDoubleQuoted(i + 1, i);
    } else if (c === '\\') {
      if (i + 1 >= text.length) fail('The command ends with a lone backslash', i);
      word += text[i + 1];
      i += 2;
    } else {
      word += c;
      i += 1;
    }
  }
  finish();
  return { words };

  function readDoubleQuoted(start: number, opening: number): number {
    let j = start;
    while (j < text.length) {
      const d = text[j]!;
      if (d === '"') return j + 1;
      if (d === '\\' && j + 1 < text.length) {
        const next = text[j + 1]!;
        // Inside double quotes a backslash escapes only these; elsewhere it stays.
        if (next === '\n') j += 2;
        else if ('"\\$`'.includes(next)) {
          word += next;
          j += 2;
        } else {
          word += d;
          j += 1;
        }
        continue;
      }
      word += d;
      j += 1;
    }
    return fail('A double quote is not closed', opening);
  }

  function readAnsiC(start: number): number {
    let j = start;
    while (j < text.length) {
      const d = text[j]!;
      if (d === "'") return j + 1;
      if (d !== '\\') {
        word += d;
        j += 1;
        continue;
      }
      const next = text[j + 1] ?? '';
      const hex = next === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(j + 2)) : null;
      const unicode = next === 'u' || next === 'U' ? new RegExp(`^[0-9a-fA-F]{1,${next === 'u' ? 4 : 8}}`).exec(text.slice(j + 2)) : null;
      const octal = /^[0-7]{1,3}/.exec(text.slice(j + 1));
      if (hex) {
        word += String.fromCharCode(parseInt(hex[0], 16));
        j += 2 + hex[0].length;
      } else if (unicode) {
        word += String.fromCodePoint(parseInt(unicode[0], 16));
        j += 2 + unicode[0].length;
      } else if (octal) {
        word += String.fromCharCode(parseInt(octal[0], 8));
        j += 1 + octal[0].length;
      } else if (next in ANSI_C) {
        word += ANSI_C[next];
        j += 2;
      } else {
        word += `\\${next}`;
        j += 2;
      }
    }
    return fail("A $'…' string is not closed", start - 2);
  }
}
