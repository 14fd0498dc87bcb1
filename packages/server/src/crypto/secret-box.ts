import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets at rest (2FA seeds, secret variables, tokens) with AES-256-GCM.
 * Sealed text is `v1.<iv>.<tag>.<ciphertext>`, each part base64url: the version lets a later
 * format (or key rotation) be told apart from this one without guessing.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the text was not sealed by this key or was altered. */
  open(sealed: string): string;
}

export const SECRET_KEY_BYTES = 32;
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

export class SecretBoxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretBoxError';
  }
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== SECRET_KEY_BYTES) {
    throw new SecretBoxError(`The secret key must be ${SECRET_KEY_BYTES} bytes, got ${key.length}.`);
  }
  // Copy so a caller reusing its buffer cannot change the key under us.
  const ownKey = Buffer.from(key);

  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, ownKey, iv, { authTagLength: TAG_BYTES });
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },

    open(sealed) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) {
        throw new SecretBoxError('The sealed secret has an unknown format.');
      }
      const [, ivText = '', tagText = '', ciphertextText = ''] = parts;
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      const ciphertext = Buffer.from(ciphertextText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new SecretBoxError('The sealed secret has an unknown format.');
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, ownKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new SecretBoxError('The sealed secret was altered or sealed with another key.', { cause: error });
      }
    },
  };
}

/** A fresh random key, for first start and for tests. */
export function generateSecretKey(): Buffer {
  return randomBytes(SECRET_KEY_BYTES);
}
