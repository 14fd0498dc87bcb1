import { describe, expect, it } from 'vitest';
import { isVariableDisabled, VariableResolver, VariableScope } from './variables.ts';

describe('VariableScope', () => {
  it('ignores disabled entries and lets the last duplicate win', () => {
    const scope = new VariableScope([
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
      { key: 'b', value: 'x', disabled: true },
    ]);
    expect(scope.get('a')).toBe('2');
    expect(scope.has('b')).toBe(false);
    expect(scope.toObject()).toEqual({ a: '2' });
  });

  it('keeps disabled entries on export', () => {
    const scope = new VariableScope([{ key: 'b', value: 'x', disabled: true }]);
    scope.set('c', 'y');
    scope.clear();
    expect(scope.values()).toEqual([{ key: 'b', value: 'x', disabled: true }]);
  });
});

describe('enabled: false (Postman app exports)', () => {
  it('counts as disabled: never read, kept on clear and export', () => {
    const scope = new VariableScope([
      { key: 'on', value: '1', enabled: true },
      { key: 'off', value: '2', enabled: false },
    ]);
    expect(isVariableDisabled({ key: 'x', enabled: false })).toBe(true);
    expect(isVariableDisabled({ key: 'x', enabled: true })).toBe(false);
    expect(scope.has('off')).toBe(false);
    scope.clear();
    expect(scope.values()).toEqual([{ key: 'off', value: '2', enabled: false }]);
  });
});

describe('VariableResolver', () => {
  const local = VariableScope.fromObject({ who: 'local' });
  const data = VariableScope.fromObject({ who: 'data', row: '7' });
  const env = VariableScope.fromObject({ who: 'env', host: '{{base}}', base: 'example.test' });
  const coll = VariableScope.fromObject({ who: 'collection', only: 'c' });
  const globals = VariableScope.fromObject({ who: 'globals', g: 'G' });
  const resolver = new VariableResolver([local, data, env, coll, globals], (n) => (n === '$fixed' ? 'F' : undefined));

  it('follows Postman precedence local > data > environment > collection > globals', () => {
    expect(resolver.replaceIn('{{who}}/{{row}}/{{only}}/{{g}}')).toBe('local/7/c/G');
  });

  it('resolves nested references and leaves unknown ones as written', () => {
    expect(resolver.replaceIn('https://{{host}}/{{missing}}')).toBe('https://example.test/{{missing}}');
  });

  it('asks the dynamic source for $ names only when no scope defines them', () => {
    expect(resolver.replaceIn('{{$fixed}} {{$other}}')).toBe('F {{$other}}');
  });
});
