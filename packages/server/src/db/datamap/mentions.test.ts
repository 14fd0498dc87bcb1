import { describe, expect, it } from 'vitest';
import { mentionPattern } from './mentions.ts';

// The pattern is a PostgreSQL ARE; JavaScript's RegExp understands this subset (lookbehind,
// POSIX classes aside), so the classes are swapped for the test only.
const asJs = (pattern: string) => new RegExp(pattern.replaceAll('[[:alnum:]_]', '[A-Za-z0-9_]'), 'gi');

describe('mentionPattern', () => {
  it('finds whole names and emails in any case, side by side, and nothing inside longer words', () => {
    const pattern = mentionPattern(['ada_l', 'Ada Lovelace', 'ada@example.test'])!;
    const text = 'ADA_L joined; ada_l ada_l; mail ada@example.test; Ada Lovelace; not ada_lx or xada_l';
    expect(text.replace(asJs(pattern), 'Deleted user')).toBe(
      'Deleted user joined; Deleted user Deleted user; mail Deleted user; Deleted user; not ada_lx or xada_l',
    );
  });

  it('escapes characters that mean something in a regular expression', () => {
    const pattern = mentionPattern(['a.b (c)'])!;
    expect('a.b (c) and axb (c)'.replace(asJs(pattern), 'X')).toBe('X and axb (c)');
  });

  it('ignores empty and very short needles', () => {
    expect(mentionPattern([null, undefined, '', 'ab'])).toBeUndefined();
  });
});
