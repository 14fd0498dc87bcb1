import { describe, expect, it } from 'vitest';
import { createSecretBox, generateSecretKey, SecretBoxError } from './secret-box.ts';

describe('secret box (AES-256-GCM secrets at rest)', () => {
  const box = createSecretBox(generateSecretKey());

  it('opens what it sealed, including unicode and empty text', () => {
    for (const text of ['JBSWY3DPEHPK3PXP', 'pässwörd 🔑', '']) {
      expect(box.open(box.seal(text))).toBe(text);
    }
  });

  it('writes a versioned format and a fresh IV each time', () => {
    const a = box.seal('same');
    const b = box.seal('same');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same');
  });

  it('refuses altered ciphertext, tag or IV', () => {
    const sealed = box.seal('top secret');
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      changed[index] = bytes.toString('base64url');
      expect(() => box.open(changed.join('.'))).toThrow(SecretBoxError);
    }
  });

  it('refuses text sealed under another key', () => {
    const other = createSecretBox(generateSecretKey());
    expect(() => other.open(box.seal('x'))).toThrow(SecretBoxError);
  });

  it('refuses unknown formats and wrong key sizes', () => {
    expect(() => box.open('v2.a.b.c')).toThrow(SecretBoxError);
    expect(() => box.open('not sealed')).toThrow(SecretBoxError);
    expect(() => createSecretBox(Buffer.alloc(16))).toThrow(SecretBoxError);
  });
});
