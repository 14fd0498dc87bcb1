import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { SECRET_KEY_BYTES } from './secret-box.ts';

/** The generated key's file in the data directory. */
export const SECRET_KEY_FILE = 'secret.key';

export interface LoadedSecretKey {
  key: Buffer;
  /** `config`: POSTERN_SECRET_KEY; `file`: read from the data dir; `generated`: written there now. */
  source: 'config' | 'file' | 'generated';
  /** Set when the key came from the data dir: where it lives, so the operator can back it up. */
  path?: string;
}

/**
 * The key for secrets at rest (ARCHITECTURE "Secrets at rest"): POSTERN_SECRET_KEY when set,
 * else `<dataDir>/secret.key`, else 32 fresh random bytes written there (mode 0600).
 * An existing file is never overwritten: losing it would make every stored secret unreadable.
 */
export function loadOrCreateSecretKey(config: Pick<Config, 'dataDir' | 'secretKey'>): LoadedSecretKey {
  if (config.secretKey) return { key: config.secretKey, source: 'config' };
  const path = join(config.dataDir, SECRET_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { key: existing, source: 'file', path };

  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  // Written to a temporary name then hard-linked into place: link() fails if the file appeared
  // meanwhile (another process starting on the same data dir), so nobody's key is replaced and
  // nobody reads a half-written file.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readKeyFile(path);
    if (!winner) throw error;
    return { key: winner, source: 'file', path };
  } finally {
    rmSync(temporary, { force: true });
  }
  return { key, source: 'generated', path };
}

function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = /^[0-9a-fA-F]+$/.test(text) ? Buffer.from(text, 'hex') : Buffer.alloc(0);
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(
      `${path} does not hold a ${SECRET_KEY_BYTES}-byte key (64 hex digits). Restore it from your backup, ` +
        'or set POSTERN_SECRET_KEY; never replace it with a new key, or stored secrets become unreadable.',
    );
  }
  return key;
}
