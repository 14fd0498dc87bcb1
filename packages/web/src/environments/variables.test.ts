import { describe, expect, it } from 'vitest';
import {
  actorLabel,
  describeVariableOperation,
  documentOf,
  emptyRow,
  mergeVariables,
  readSelection,
  resolveSelection,
  rowProblems,
  rowsOf,
  selectionKey,
  writeSelection,
} from './variables.ts';
import type { Variable } from './variables.ts';

/** A Storage stand-in (vitest runs these without a DOM). */
function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('mergeVariables', () => {
  it('lets enabled environment values override globals, keeping the globals order', () => {
    const globals: Variable[] = [
      { key: 'host', value: 'global.example' },
      { key: 'token', value: 'g-token', type: 'secret' },
      { key: 'only-global', value: '1' },
    ];
    const environment: Variable[] = [
      { key: 'token', value: 'env-token', type: 'secret' },
      { key: 'only-env', value: 'e' },
    ];
    expect(mergeVariables(globals, environment)).toEqual([
      { key: 'host', value: 'global.example' },
      { key: 'token', value: 'env-token' },
      { key: 'only-global', value: '1' },
      { key: 'only-env', value: 'e' },
    ]);
  });

  it('skips disabled variables on either side, so a disabled override leaves the global', () => {
    const globals: Variable[] = [{ key: 'host', value: 'global' }, { key: 'off', value: 'x', enabled: false }];
    const environment: Variable[] = [{ key: 'host', value: 'env', enabled: false }];
    expect(mergeVariables(globals, environment)).toEqual([{ key: 'host', value: 'global' }]);
  });

  it('turns non-string values into text and ignores variables without a key', () => {
    const merged = mergeVariables([{ key: 'port', value: 8080 }, { key: 'flag', value: true }, { key: '', value: 'lost' }], [{ key: 'empty' }]);
    expect(merged).toEqual([
      { key: 'port', value: '8080' },
      { key: 'flag', value: 'true' },
      { key: 'empty', value: '' },
    ]);
  });
});

describe('environment selection', () => {
  it('stores the choice per workspace and clears it for "No environment"', () => {
    const storage = memoryStorage();
    writeSelection(storage, 'ws-1', 'env-a');
    writeSelection(storage, 'ws-2', 'env-b');
    expect(storage.data.get(selectionKey('ws-1'))).toBe('env-a');
    expect(readSelection(storage, 'ws-1')).toBe('env-a');
    expect(readSelection(storage, 'ws-2')).toBe('env-b');
    writeSelection(storage, 'ws-1', null);
    expect(readSelection(storage, 'ws-1')).toBeNull();
    expect(storage.data.has('postern.env.ws-1')).toBe(false);
  });

  it('falls back to none when the stored environment no longer exists', () => {
    expect(resolveSelection('gone', ['env-a', 'env-b'])).toBeNull();
    expect(resolveSelection('env-b', ['env-a', 'env-b'])).toBe('env-b');
    expect(resolveSelection(null, ['env-a'])).toBeNull();
  });

  it('reads no choice when storage refuses', () => {
    const refusing = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
    };
    expect(readSelection(refusing, 'ws-1')).toBeNull();
  });
});

describe('documentOf', () => {
  const base = {
    id: 'abc',
    name: 'Staging',
    values: [
      { key: 'host', value: 'a', type: 'default', enabled: true },
      { key: 'legacy', value: 'b', type: 'text', description: 'kept' },
    ] as Variable[],
    _postman_variable_scope: 'environment',
  };
  let n = 0;
  const nextId = () => `r${++n}`;

  it('saves an untouched table back as it was loaded', () => {
    expect(documentOf(base, rowsOf(base.values, nextId), 'Staging')).toEqual(base);
  });

  it('writes edits, renames, keeps unknown fields and drops blank rows', () => {
    const rows = rowsOf(base.values, nextId);
    rows[0] = { ...rows[0]!, value: 'changed', type: 'secret' };
    rows[1] = { ...rows[1]!, enabled: false };
    rows.push(emptyRow('blank'), { ...emptyRow('new'), key: 'added', value: 'x' });
    expect(documentOf(base, rows, 'Production')).toEqual({
      id: 'abc',
      name: 'Production',
      values: [
        { key: 'host', value: 'changed', type: 'secret', enabled: true },
        { key: 'legacy', value: 'b', type: 'text', description: 'kept', enabled: false },
        { key: 'added', value: 'x', type: 'default', enabled: true },
      ],
      _postman_variable_scope: 'environment',
    });
  });

  it('sends a blanked secret back marked so the server keeps it, unless a new value was typed', () => {
    const redacted: Variable[] = [{ key: 'token', value: '', type: 'secret', _postern_redacted: true }];
    expect(documentOf({ values: redacted }, rowsOf(redacted, nextId)).values[0]).toEqual(redacted[0]);
    const rows = rowsOf(redacted, nextId).map((row) => ({ ...row, value: 'new-secret' }));
    expect(documentOf({ values: redacted }, rows).values[0]).toEqual({ key: 'token', value: 'new-secret', type: 'secret' });
  });

  it('reports a value without a key', () => {
    const rows = [{ ...emptyRow('a'), key: 'ok', value: '1' }, { ...emptyRow('b'), value: 'orphan' }, emptyRow('c')];
    expect(rowProblems(rows)).toEqual(['Row 2 has a value but no key.']);
  });
});

describe('describeVariableOperation', () => {
  it('names the path and what happened', () => {
    expect(describeVariableOperation({ op: 'replace', path: '/values/0/value', value: 'b' })).toBe('values/0/value: replaced with "b"');
    expect(describeVariableOperation({ op: 'remove', path: '/values/2' })).toBe('values/2: removed');
    expect(describeVariableOperation({ op: 'replace', path: '/name', value: 'Prod' })).toBe('name: replaced with "Prod"');
  });

  it('shows secret values as [secret]', () => {
    expect(describeVariableOperation({ op: 'replace', path: '/values/1/value', value: '[secret]' })).toBe('values/1/value: replaced with [secret]');
    expect(describeVariableOperation({ op: 'add', path: '/values/3', value: { key: 'token', value: '[secret]', type: 'secret' } })).toBe(
      'values/3: added with token = [secret]',
    );
    expect(describeVariableOperation({ op: 'add', path: '/values/4', value: { key: 'host', value: 'h' } })).toBe('values/4: added with host = "h"');
  });

  it('reads the first recorded change as the whole list', () => {
    expect(describeVariableOperation({ op: 'replace', path: '', value: { name: 'x', values: [] } })).toBe('the whole list: replaced');
  });

  it('unescapes JSON Pointer segments and describes moves', () => {
    expect(describeVariableOperation({ op: 'remove', path: '/a~1b/c~0d' })).toBe('a/b/c~d: removed');
    expect(describeVariableOperation({ op: 'move', from: '/values/0', path: '/values/2' })).toBe('values/2: moved from values/0');
  });
});

describe('actorLabel', () => {
  it('says "you", a short id, or that the account is gone', () => {
    expect(actorLabel('11111111-2222-3333-4444-555555555555', '11111111-2222-3333-4444-555555555555')).toBe('you');
    expect(actorLabel('abcdef12-2222-3333-4444-555555555555', 'someone-else')).toBe('member abcdef12');
    expect(actorLabel(null, 'me')).toBe('a deleted account');
  });
});
