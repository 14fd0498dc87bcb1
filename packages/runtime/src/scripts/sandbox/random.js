/**
 * crypto.getRandomValues / randomUUID for scripts and bundled libraries (uuid,
 * crypto-js). Random bytes come from the host's CSPRNG in batches.
 */
import { callHost } from './bridge.js';

let pool = [];

function randomByte() {
  if (pool.length === 0) {
    const hex = String(callHost('random', '256'));
    pool = [];
    for (let i = 0; i + 1 < hex.length; i += 2) pool.push(parseInt(hex.slice(i, i + 2), 16));
    if (pool.length === 0) throw new Error('no randomness available');
  }
  return pool.pop();
}

export const sandboxCrypto = {
  getRandomValues(array) {
    if (!ArrayBuffer.isView(array)) throw new TypeError('getRandomValues expects an integer typed array');
    if (array.byteLength > 65536) throw new RangeError('getRandomValues accepts at most 65536 bytes');
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = randomByte();
    return array;
  },
  randomUUID() {
    const bytes = sandboxCrypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};
