import type { AuthParams } from './signer.ts';

/** A parameter as text: '' when absent, numbers and booleans stringified. */
export function text(params: AuthParams, key: string): string {
  const value = params[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** The first of several spellings that holds a non-empty value. */
export function firstText(params: AuthParams, ...keys: string[]): string {
  for (const key of keys) {
    const value = text(params, key);
    if (value !== '') return value;
  }
  return '';
}

/** Postman stores switches as booleans; hand-written collections sometimes use strings. */
export function flag(params: AuthParams, key: string): boolean {
  const value = params[key];
  return value === true || value === 1 || value === 'true' || value === '1';
}
