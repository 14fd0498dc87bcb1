import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { csharpString, formDataDisposition, goString, javaString, jsString, phpString, pythonString, rubyString, shellQuote } from './quote.ts';

const TRICKY = `it's "q" \\ back\\slash $HOME \${x} #{x} %s\n\ttab\r\u0001 Grüße 😀 \u2028`;

describe('string literals', () => {
  it('shell: single quotes survive a round trip through sh', () => {
    const out = spawnSync('sh', ['-c', `printf '%s' ${shellQuote(TRICKY)}`], { encoding: 'utf8' });
    expect(out.stdout).toBe(TRICKY);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });

  it('python: the literal evaluates to the text', () => {
    const out = spawnSync('python3', ['-c', `import sys; sys.stdout.buffer.write(${pythonString(TRICKY)}.encode("utf-8"))`], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(TRICKY);
  });

  it('javascript: JSON text is a valid literal', () => {
    expect(new Function(`return ${jsString(TRICKY)};`)()).toBe(TRICKY);
  });

  it('go: interpreted string with escapes for quotes, backslashes and control characters', () => {
    expect(goString('a"b\\c\nd\u0001é')).toBe('"a\\"b\\\\c\\nd\\x01é"');
  });

  it('java: non-ASCII as \\u escapes, control characters in octal (a \\u000A would break the line)', () => {
    expect(javaString('a"b\\c\nd\u0001é😀')).toBe('"a\\"b\\\\c\\nd\\001\\u00E9\\uD83D\\uDE00"');
  });

  it('c#: regular literal, so $ and braces stay plain', () => {
    expect(csharpString('$"{x}"\\\n\u0001é')).toBe('"$\\"{x}\\"\\\\\\n\\u0001\\u00E9"');
  });

  it('php and ruby: single quotes, only backslash and quote escaped', () => {
    expect(phpString(`it's $x \\ #{y}`)).toBe(`'it\\'s $x \\\\ #{y}'`);
    expect(rubyString(`it's $x \\ #{y}`)).toBe(`'it\\'s $x \\\\ #{y}'`);
  });

  it('multipart disposition escapes quotes and line breaks like browsers', () => {
    expect(formDataDisposition('a"b\nc', 'f"1.txt')).toBe('form-data; name="a%22b%0D%0Ac"; filename="f%221.txt"');
  });
});
