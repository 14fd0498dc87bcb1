import { describe, expect, it } from 'vitest';
import { decodeText, findJsonSyntaxError, lineAndColumn } from './json-text.ts';

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"s"', '0']) {
      expect(findJsonSyntaxError(text)).toBeUndefined();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it.each([
    ['{"a": 1,}', 8, "trailing comma before '}'"],
    ['[1, 2,]', 6, "trailing comma before ']'"],
    ['{"a" 1}', 5, "expected ':'"],
    ['{"a": 1 "b": 2}', 8, "expected ',' or '}'"],
    ["{'a': 1}", 1, 'expected a property name in double quotes'],
    ['{"a": "x\ny"}', 8, 'control character'],
    ['{"a": "x', 6, 'unterminated string'],
    ['{"a": tru}', 6, 'a value was expected'],
    ['{"a": 01}', 7, "expected ',' or '}'"],
    ['{} {}', 3, 'after the end of the data'],
    ['{"a": "\\x"}', 7, 'bad escape'],
  ])('locates the problem in %j', (text, offset, problem) => {
    const found = findJsonSyntaxError(text);
    expect(found?.offset).toBe(offset);
    expect(found?.problem).toContain(problem);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('computes 1-based line and column', () => {
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('x', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('decodeText', () => {
  it('strips a BOM from strings and UTF-8 bytes', () => {
    expect(decodeText('\uFEFF{}')).toBe('{}');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
  });

  it('decodes UTF-16 with and without BOM', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x7b, 0, 0xe9, 0, 0x7d, 0]))).toBe('{é}');
    expect(decodeText(new Uint8Array([0x7b, 0, 0x7d, 0]))).toBe('{}');
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0, 0x7b, 0, 0x7d]))).toBe('{}');
    expect(decodeText(new Uint8Array([0, 0x5b, 0, 0x5d]))).toBe('[]');
  });
});
