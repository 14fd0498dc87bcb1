import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildZip, uniqueNamer } from './zip.ts';

describe('export file names', () => {
  it('are safe on every system and unique ignoring case', () => {
    const name = uniqueNamer();
    expect(name('My API', '.json')).toBe('My API.json');
    expect(name('my api', '.json')).toBe('my api (2).json');
    expect(name('MY API', '.json')).toBe('MY API (3).json');
    expect(name('../../etc/passwd', '.json')).toBe('_.._etc_passwd.json');
    expect(name('a:b*c?\u0007', '.json')).toBe('a_b_c__.json');
    expect(name('  ...  ', '.json')).toBe('untitled.json');
  });
});

describe('buildZip', () => {
  it('writes entries a zip reader gets back', async () => {
    const bytes = await buildZip(
      [
        { path: 'a.txt', content: 'héllo' },
        { path: 'b/c.bin', content: new Uint8Array([0, 1, 2]) },
      ],
      new Date('2026-01-02T03:04:05Z'),
    );
    const files = unzipSync(new Uint8Array(bytes));
    expect(strFromU8(files['a.txt']!)).toBe('héllo');
    expect([...files['b/c.bin']!]).toEqual([0, 1, 2]);
  });
});
