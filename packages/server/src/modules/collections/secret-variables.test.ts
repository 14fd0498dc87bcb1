import { expect, it } from 'vitest';
import { createSecretBox, generateSecretKey } from '../../crypto/secret-box.ts';
import { openCollection, openVariableList, redactSealed, sealCollection, sealVariableList, withoutSecrets } from './secret-variables.ts';

const box = createSecretBox(generateSecretKey());

const collection = () => ({
  info: { name: 'c' },
  variable: [
    { key: 'plain', value: 'p' },
    { key: 'token', value: 'tok', type: 'secret' },
    { key: 'n', value: 42, type: 'secret' },
  ],
  item: [{ name: 'folder', variable: [{ key: 'inner', value: 'in', type: 'secret' }], item: [] }],
});

it('seals secret values everywhere, opens them for editors and redacts them for viewers', () => {
  const stored = sealCollection(collection(), undefined, box) as any;
  expect(JSON.stringify(stored)).not.toMatch(/"tok"|"in"|42/);
  expect(stored.variable[0].value).toBe('p');
  expect(stored.item[0].variable[0].value).toMatch(/^postern-sealed:v1\./);
  expect(openCollection(stored, 'clear', box)).toEqual(collection());
  const redacted = openCollection(stored, 'redacted', box) as any;
  expect(redacted.variable[1]).toEqual({ key: 'token', value: '', type: 'secret', _postern_redacted: true });
  expect(redacted.variable[2]).toEqual({ key: 'n', value: '', type: 'secret', _postern_redacted: true });
  expect(redactSealed(stored).variable[1].value).toBe('[secret]');
});

it('reuses unchanged ciphertext, and keeps stored secrets sent back redacted', () => {
  const stored = sealCollection(collection(), undefined, box) as any;
  const again = sealCollection(collection(), stored, box) as any;
  expect(again).toEqual(stored);
  const redacted = openCollection(stored, 'redacted', box);
  const saved = sealCollection(redacted, stored, box) as any;
  expect(saved).toEqual(stored);
  const changed = collection();
  changed.variable[1]!.value = 'new';
  expect((sealCollection(changed, stored, box) as any).variable[1].value).not.toBe(stored.variable[1].value);
});

it('gives forks made by viewers unseen placeholders that survive a save', () => {
  const stored = sealCollection(collection(), undefined, box);
  const forked = withoutSecrets(stored) as any;
  expect(forked.variable[1]).toEqual({ key: 'token', value: '', type: 'secret', _postern_redacted: true });
  expect(sealCollection(openCollection(forked, 'clear', box), forked, box)).toEqual(forked);
});

it('treats environment values the same way', () => {
  const env = { name: 'e', values: [{ key: 's', value: 'v', type: 'secret', enabled: true }] };
  const stored = sealVariableList(env, undefined, box) as any;
  expect(stored.values[0].value).toMatch(/^postern-sealed:/);
  expect(openVariableList(stored, 'clear', box)).toEqual(env);
  expect(openVariableList(stored, 'redacted', box)).toEqual({
    name: 'e',
    values: [{ key: 's', value: '', type: 'secret', enabled: true, _postern_redacted: true }],
  });
});
