import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scopeToVariableList, variableListToScope } from './environment.ts';
import { parseVariableList, serializeVariableList } from './parse.ts';

const staging = () =>
  parseVariableList(readFileSync(new URL('../test/fixtures/staging.postman_environment.json', import.meta.url)), {
    kind: 'environment',
  });

describe('variableListToScope', () => {
  it('reads enabled variables and treats enabled:false as off', () => {
    const scope = variableListToScope(staging());
    expect(scope.name).toBe('Staging');
    expect(scope.toObject()).toEqual({ baseUrl: 'https://staging.example.test', token: 's3cr3t' });
    expect(scope.has('legacy')).toBe(false);
  });

  it('takes an explicit name and copes with a bare list', () => {
    const scope = variableListToScope({ values: [{ key: 'a', value: 1 }] }, 'globals');
    expect(scope.name).toBe('globals');
    expect(scope.get('a')).toBe(1);
  });
});

describe('scopeToVariableList', () => {
  it('exports current values, keeping id, name, disabled entries and unknown fields in order', () => {
    const base = staging();
    const scope = variableListToScope(base);
    scope.set('token', 'rotated');
    scope.set('fresh', 'new', 'string');
    const out = scopeToVariableList(scope, {
      base,
      kind: 'environment',
      exportedAt: '2025-01-02T03:04:05.000Z',
      exportedUsing: 'Postern/0.1.0',
    });
    expect(Object.keys(out)).toEqual([
      'id',
      'name',
      'values',
      'color',
      '_postman_variable_scope',
      '_postman_exported_at',
      '_postman_exported_using',
    ]);
    expect(out.id).toBe(base.id);
    expect(out.values).toEqual([
      { key: 'baseUrl', value: 'https://staging.example.test', type: 'default', enabled: true },
      { key: 'token', value: 'rotated', type: 'secret', enabled: true },
      { key: 'legacy', value: 'old', type: 'default', enabled: false },
      { key: 'fresh', value: 'new', type: 'string' },
    ]);
    expect(out._postman_exported_at).toBe('2025-01-02T03:04:05.000Z');
    expect(base.values[1]!.value).toBe('s3cr3t');
    expect(parseVariableList(serializeVariableList(out)).values).toHaveLength(4);
  });

  it('writes a fresh globals document', () => {
    const scope = variableListToScope({ values: [{ key: 'g', value: '1' }] });
    expect(scopeToVariableList(scope, { name: 'Globals', kind: 'globals' })).toEqual({
      name: 'Globals',
      values: [{ key: 'g', value: '1' }],
      _postman_variable_scope: 'globals',
    });
    expect(Object.keys(scopeToVariableList(scope, { id: 'i', name: 'n' }))).toEqual(['id', 'name', 'values']);
  });
});
