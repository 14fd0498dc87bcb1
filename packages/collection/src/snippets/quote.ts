/**
 * String literals for each target language. Every function returns a complete literal
 * (quotes included) that evaluates to exactly `text`.
 */

/** POSIX shell: single quotes keep everything literal (`$`, `\`, newlines); a quote is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** JavaScript: JSON strings are valid JavaScript string literals (ES2019+). */
export function jsString(text: string): string {
  return JSON.stringify(text);
}

function code(ch: string): number {
  return ch.codePointAt(0)!;
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}

const COMMON_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Python 3 double-quoted string; sources are UTF-8, so other characters stay as they are. */
export function pythonString(text: string): string {
  return `"${escapeChars(text, (ch) => COMMON_ESCAPES[ch] ?? (isControl(ch) ? `\\x${hex(code(ch), 2)}` : ch))}"`;
}

/** Go interpreted string literal; Go sources are UTF-8. */
export function goString(text: string): string {
  return `"${escapeChars(text, (ch) => COMMON_ESCAPES[ch] ?? (isControl(ch) ? `\\x${hex(code(ch), 2)}` : ch))}"`;
}

/**
 * Java string literal. Non-ASCII becomes `\uXXXX` so the file compiles under any source encoding;
 * control characters use octal escapes, because a `\u000A` would be turned into a real line break
 * before the compiler reads the string.
 */
export function javaString(text: string): string {
  return `"${escapeChars(text, (ch) => {
    const known = COMMON_ESCAPES[ch];
    if (known) return known;
    const c = code(ch);
    if (isControl(ch)) return `\\${c.toString(8).padStart(3, '0')}`;
    if (c > 0x7e) return utf16Escapes(ch);
    return ch;
  })}"`;
}

/** C# regular string literal (not interpolated, so `{` and `$` are plain); non-ASCII as `\uXXXX`. */
export function csharpString(text: string): string {
  return `"${escapeChars(text, (ch) => {
    const known = COMMON_ESCAPES[ch];
    if (known) return known;
    const c = code(ch);
    if (isControl(ch) || c > 0x7e) return utf16Escapes(ch);
    return ch;
  })}"`;
}

/** PHP single-quoted string: only `\` and `'` are special, so `$` is never interpolated. */
export function phpString(text: string): string {
  return `'${text.replace(/[\\']/g, (ch) => `\\${ch}`)}'`;
}

/**
 * Ruby string. Single-quoted (only `\` and `'` are special, so `#{}` is never interpolated) unless
 * the text holds control characters other than LF and tab: Ruby reads a CR LF in source as LF, so
 * such text goes double-quoted with escapes, `#` escaped so nothing is interpolated.
 */
export function rubyString(text: string): string {
  if (![...text].some((ch) => isControl(ch) && ch !== '\n' && ch !== '\t')) return `'${text.replace(/[\\']/g, (ch) => `\\${ch}`)}'`;
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\', '#': '\\#' };
  return `"${escapeChars(text, (ch) => named[ch] ?? (isControl(ch) ? `\\u{${code(ch).toString(16)}}` : ch))}"`;
}

function escapeChars(text: string, map: (ch: string) => string): string {
  let out = '';
  for (const ch of text) out += map(ch);
  return out;
}

function isControl(ch: string): boolean {
  const c = code(ch);
  return c < 0x20 || c === 0x7f;
}

function utf16Escapes(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${hex(ch.charCodeAt(i), 4)}`;
  return out;
}

/**
 * A multipart Content-Disposition value, escaped as browsers (and undici) do: `"` → `%22`,
 * line breaks → `%0D%0A`, for clients where the snippet writes the part headers itself.
 */
export function formDataDisposition(name: string, fileName?: string): string {
  const escape = (s: string) => s.replace(/\r\n|\r|\n/g, '%0D%0A').replace(/"/g, '%22');
  return `form-data; name="${escape(name)}"${fileName === undefined ? '' : `; filename="${escape(fileName)}"`}`;
}

/** Indents every line of a block (for nesting generated code). */
export function indent(lines: readonly string[], prefix: string): string[] {
  return lines.map((line) => (line === '' ? line : prefix + line));
}
