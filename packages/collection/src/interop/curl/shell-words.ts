/**
 * Splits pasted shell commands into words, the way bash would before running them: quotes,
 * backslash escapes, ANSI-C `$'…'` strings (browsers' "Copy as cURL (bash)" uses them for bodies
 * with newlines or quotes) and line continuations (`\`, `^` from "Copy as cURL (cmd)", and
 * PowerShell's backtick). shell-quote and shlex, the usual libraries, do not understand `$'…'`,
 * hence this small lexer. Nothing is expanded: `$VAR` stays as written.
 */

export interface ShellCommand {
  words: string[];
  /** 1-based position of the command's first word in the pasted text. */
  line: number;
  column: number;
  /** A pipe or redirection after the command (`| jq .`, `> out.json`): not part of the request. */
  rest?: string;
}

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

/** The first command's words; everything after it (further commands, pipes) is `rest`. */
export function splitShellWords(input: string): ShellWords {
  const { commands, text } = lex(input);
  const first = commands[0];
  if (!first) return { words: [] };
  if (first.rest === undefined && commands.length === 1) return { words: first.words };
  return { words: first.words, rest: text.slice(first.end).trim() };
}

/**
 * Every command in the text, one per line (or per `;`, `&&`, `||`). A line that starts with an
 * option (`-H …`) continues the command above even without a trailing `\`: API docs are often
 * pasted that way, and bash would fail on it rather than mean something else.
 */
export function splitShellCommands(input: string): ShellCommand[] {
  return lex(input).commands.map(({ words, line, column, rest }) => (rest === undefined ? { words, line, column } : { words, line, column, rest }));
}

interface LexedCommand extends ShellCommand {
  /** Offset in the normalised text where the command's words end. */
  end: number;
}

function lex(input: string): { commands: LexedCommand[]; text: string } {
  let text = input.replace(/\r\n?/g, '\n');
  // "Copy as cURL (cmd)" escapes every special character with ^ (^" ^& ^%): undo that first, so
  // its quotes read as quotes. Bash commands do not write ^" this way.
  if (text.includes('^"')) text = text.replace(/\^([^\n])/g, '$1');
  // PowerShell continues lines with a backtick; its single quotes double '' for a quote.
  const powershell = /`[ \t]*\n/.test(text);
  const commands: LexedCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let start = -1;
  let end = 0;
  // After `|` or `>`: words belong to another program until the next command.
  let restFrom = -1;
  let i = 0;

  // Line starts found once: re-splitting the text per command made big pastes quadratic.
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const position = (at: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - lineStarts[low]! + 1 };
  };
  const fail = (message: string, at: number): never => {
    const { line, column } = position(at);
    throw new ShellSyntaxError(`${message} (line ${line}, column ${column})`, line, column);
  };
  const finishWord = () => {
    if (inWord && restFrom === -1) {
      words.push(word);
      end = i;
    }
    word = '';
    inWord = false;
  };
  const finishCommand = () => {
    finishWord();
    if (words.length > 0) {
      const command: LexedCommand = { words, ...position(start), end };
      if (restFrom !== -1) command.rest = text.slice(restFrom, i).trim();
      commands.push(command);
    }
    words = [];
    start = -1;
    restFrom = -1;
  };
  const beginWord = () => {
    if (!inWord && start === -1) start = i;
    inWord = true;
  };

  while (i < text.length) {
    const c = text[i]!;
    if ((c === '\\' || c === '^') && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (powershell && c === '`') {
      const continuation = /^`[ \t]*\n/.exec(text.slice(i));
      if (continuation) {
        i += continuation[0].length;
        continue;
      }
    }
    if (c === ' ' || c === '\t') {
      finishWord();
      i += 1;
      continue;
    }
    if (c === '\n') {
      finishWord();
      const next = /^[\s]*/.exec(text.slice(i))![0].length + i;
      if (!(words.length > 0 && restFrom === -1 && text[next] === '-')) finishCommand();
      i = next;
      continue;
    }
    if (c === '#' && !inWord) {
      // A comment runs to the end of its line.
      while (i < text.length && text[i] !== '\n') i += 1;
      continue;
    }
    if (c === ';' || (!inWord && (c === '&' || c === '|') && text[i + 1] === c)) {
      finishCommand();
      i += c === ';' ? 1 : 2;
      continue;
    }
    if (!inWord && (c === '|' || c === '>')) {
      finishWord();
      if (restFrom === -1) restFrom = i;
      i += 1;
      continue;
    }
    beginWord();
    if (c === "'") {
      i = readSingleQuoted(i + 1, i);
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
  finishCommand();
  return { commands, text };

  function readSingleQuoted(from: number, opening: number): number {
    let j = from;
    for (;;) {
      const close = text.indexOf("'", j);
      if (close === -1) return fail('A single quote is not closed', opening);
      word += text.slice(j, close);
      if (powershell && text[close + 1] === "'") {
        word += "'";
        j = close + 2;
        continue;
      }
      return close + 1;
    }
  }

  function readDoubleQuoted(from: number, opening: number): number {
    let j = from;
    const escape = powershell ? '`' : '\\';
    while (j < text.length) {
      const d = text[j]!;
      if (d === '"') return j + 1;
      if (d === escape && j + 1 < text.length) {
        const next = text[j + 1]!;
        // Inside double quotes a backslash escapes only these; elsewhere it stays.
        if (next === '\n') j += 2;
        else if (powershell || '"\\$`'.includes(next)) {
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

  function readAnsiC(from: number): number {
    let j = from;
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
    return fail("A $'…' string is not closed", from - 2);
  }
}
