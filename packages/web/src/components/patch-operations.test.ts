import { describe, expect, it } from 'vitest';
import { describeOperation, pointerSegments, readablePointer, type OperationWording } from './patch-operations.ts';

describe('history diffs as people read them', () => {
  it('turns JSON Pointers into dotted paths with indexes', () => {
    expect(readablePointer('/item/0/request/url/raw')).toBe('item[0].request.url.raw');
    expect(readablePointer('/info/a~1b/c~0d')).toBe('info.a/b.c~d');
    expect(readablePointer('/values/12')).toBe('values[12]');
    expect(readablePointer('')).toBe('the whole document');
  });

  it('describes each kind of operation', () => {
    expect(describeOperation({ op: 'replace', path: '/info/name', value: 'Users' })).toBe('changed info.name to "Users"');
    expect(describeOperation({ op: 'add', path: '/values/2', value: { key: 'k' } })).toBe('added values[2] to {"key":"k"}');
    expect(describeOperation({ op: 'remove', path: '/item/3' })).toBe('removed item[3]');
    expect(describeOperation({ op: 'move', from: '/item/0', path: '/item/2' })).toBe('moved item[0] to item[2]');
    expect(describeOperation({ op: 'replace', path: '', value: { big: true } })).toBe('changed the whole document');
    expect(describeOperation({ op: 'replace', path: '/values/1/value', value: '[secret]' })).toBe('changed values[1].value to "[secret]"');
  });

  it('shortens long values', () => {
    const line = describeOperation({ op: 'replace', path: '/x', value: 'a'.repeat(200) });
    expect(line.length).toBeLessThan(100);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('another history wording through the same describer', () => {
  const wording: OperationWording = { where: (p) => pointerSegments(p).join('/') || 'all', value: (v) => `<${String(v)}>`, verbs: { replace: 'set' }, order: 'path-first' };

  it('puts the path first and uses its own verbs and values', () => {
    expect(describeOperation({ op: 'replace', path: '/a/0', value: 1 }, wording)).toBe('a/0: set with <1>');
    expect(describeOperation({ op: 'add', path: '/a~1b', value: 'x' }, wording)).toBe('a/b: added with <x>');
    expect(describeOperation({ op: 'remove', path: '/a/1' }, wording)).toBe('a/1: removed');
    expect(describeOperation({ op: 'copy', from: '/a/0', path: '/a/3' }, wording)).toBe('a/3: copied from a/0');
    expect(describeOperation({ op: 'replace', path: '', value: {} }, wording)).toBe('all: set');
  });
});
