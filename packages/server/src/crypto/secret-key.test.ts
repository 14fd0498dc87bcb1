import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SECRET_KEY_FILE, loadOrCreateSecretKey } from './secret-key.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'postern-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('uses POSTERN_SECRET_KEY when configured and writes nothing', () => {
  const dataDir = freshDir();
  const secretKey = Buffer.alloc(32, 7);
  expect(loadOrCreateSecretKey({ dataDir, secretKey })).toEqual({ key: secretKey, source: 'config' });
  expect(() => statSync(join(dataDir, SECRET_KEY_FILE))).toThrow();
});

it('generates a 32-byte key on first start into a 0600 file, then reads the same key back', () => {
  const dataDir = join(freshDir(), 'not-yet-created');
  const first = loadOrCreateSecretKey({ dataDir });
  expect(first.source).toBe('generated');
  expect(first.key).toHaveLength(32);
  const path = join(dataDir, SECRET_KEY_FILE);
  expect(first.path).toBe(path);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('hex'));
  const second = loadOrCreateSecretKey({ dataDir });
  expect(second).toEqual({ key: first.key, source: 'file', path });
});

it('refuses a damaged key file instead of replacing it', () => {
  const dataDir = freshDir();
  const path = join(dataDir, SECRET_KEY_FILE);
  writeFileSync(path, 'abcd\n');
  expect(() => loadOrCreateSecretKey({ dataDir })).toThrow(/does not hold a 32-byte key/);
  expect(readFileSync(path, 'utf8')).toBe('abcd\n');
});
