/**
 * Turning file contents into a JSON value: byte decoding (UTF-8 with or
 * without BOM, UTF-16 LE/BE) and JSON parsing with a line/column for syntax
 * errors. JSON.parse's own messages differ between Node versions and often
 * carry no position, so the position comes from a small scanner that runs
 * only when parsing has already failed.
 */
import { CollectionError } from './errors.ts';

export type TextInput = string | Uint8Array;

export function decodeText(input: TextInput, source?: string): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const bytes = input;
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16le(swapPairs(bytes.subarray(2)));
    // JSON starts with an ASCII character, so a NUL in the first pair means UTF-16 without BOM.
    if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return utf16le(bytes);
    if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return utf16le(swapPairs(bytes));
    return utf8(bytes);
  } catch {
    throw new CollectionError(
      'INVALID_ENCODING',
      `${label(source)} is not valid UTF-8 or UTF-16 text; save it as UTF-8 and try again.`,
      withSource(source),
    );
  }
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

function utf16le(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(bytes);
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  if (bytes.length % 2 === 1) out[bytes.length - 1] = bytes[bytes.length - 1]!;
  return out;
}

/** Parses JSON text; a syntax error becomes CollectionError INVALID_JSON with line and column. */
export function parseJsonText(text: string, source?: string): unknown {
  if (text.trim() === '') {
    throw new CollectionError(
      'INVALID_JSON',
      `${label(source)} is empty; pass a JSON file exported from Postman.`,
      withSource(source),
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    const found = findJsonSyntaxError(text) ?? { offset: 0, problem: 'not valid JSON' };
    const { line, column } = lineAndColumn(text, found.offset);
    throw new CollectionError(
      'INVALID_JSON',
      `${label(source)} is not valid JSON: ${found.problem} at line ${line}, column ${column}; fix the file or export it again.`,
      { ...withSource(source), line, column },
    );
  }
}

export function label(source: string | undefined): string {
  return source ? source : 'The input';
}

export function withSource(source: string | undefined): { source?: string } {
  return source === undefined ? {} : { source };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface SyntaxProblem {
  offset: number;
  problem: string;
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** Locates the first JSON syntax error in `text`; undefined when the text is valid JSON. */
export function findJsonSyntaxError(text: string): SyntaxProblem | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (error) {
    if (error instanceof JsonScanError) return { offset: error.offset, problem: error.problem };
    throw error;
  }
}

class JsonScanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): void {
    this.skipSpace();
    this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describeHere()} after the end of the data`);
  }

  private fail(problem: string, offset = this.pos): never {
    throw new JsonScanError(offset, problem);
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'end of file';
    const ch = this.text[this.pos]!;
    return /\s/.test(ch) ? 'whitespace' : `'${ch}'`;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private value(): void {
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail('unexpected end of file, a value was expected');
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    if (ch === "'") this.fail('strings must use double quotes');
    this.fail(`unexpected ${this.describeHere()}, a value was expected`);
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') this.fail("trailing comma before '}'");
        this.fail(`expected a property name in double quotes, found ${this.describeHere()}`);
      }
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after the property name, found ${this.describeHere()}`);
      this.pos++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return;
      }
      this.fail(`expected ',' or '}' after a property value, found ${this.describeHere()}`);
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail("trailing comma before ']'");
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return;
      }
      this.fail(`expected ',' or ']' after a list element, found ${this.describeHere()}`);
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return;
      }
      if (c < 0x20) this.fail('control character (such as a line break) inside a string; escape it');
      if (c === 0x5c) {
        const esc = this.text[this.pos + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('bad \\u escape in a string');
          }
          this.pos += 6;
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) this.fail('bad escape sequence in a string');
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.fail('unterminated string', start);
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail('malformed number');
    this.pos += match[0].length;
  }
}
