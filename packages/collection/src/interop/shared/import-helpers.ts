/**
 * Small pieces every importer needs: INVALID_IMPORT errors that name the file and the place,
 * JSON reading that reports line/column, and builders for the v2.1 shapes importers emit.
 */
import { CollectionError } from '../../errors.ts';
import { findJsonSyntaxError, label, lineAndColumn } from '../../json-text.ts';
import type { Auth, Collection, Variable } from '../../types.ts';
import { SCHEMA_V2_1 } from '../../parse.ts';
import type { ImportInput } from '../types.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function invalidImport(
  input: Pick<ImportInput, 'name'>,
  message: string,
  where: { path?: string; line?: number; column?: number } = {},
): CollectionError {
  return new CollectionError('INVALID_IMPORT', `${label(input.name)}: ${message}`, { source: input.name, ...where });
}

/** JSON.parse with a syntax error reported as INVALID_IMPORT at a line and column. */
export function readJson(input: ImportInput, expected: string): unknown {
  const text = input.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw invalidImport(input, `the file is empty; expected ${expected}.`);
  try {
    return JSON.parse(text);
  } catch {
    const found = findJsonSyntaxError(text) ?? { offset: 0, problem: 'not valid JSON' };
    const { line, column } = lineAndColumn(text, found.offset);
    throw invalidImport(input, `not valid JSON (${found.problem} at line ${line}, column ${column}); expected ${expected}.`, {
      line,
      column,
    });
  }
}

let lastText: string | undefined;
let lastValue: unknown;

/**
 * For `detect` only: several detectors look at the same text, so the last parse is remembered.
 * Detectors must not change the value; importers parse their own copy.
 */
export function peekJson(text: string): unknown {
  if (text === lastText) return lastValue;
  let value: unknown;
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined;
    }
  }
  lastText = text;
  lastValue = value;
  return value;
}

export function emptyCollection(name: string, extra: { id?: string; description?: string } = {}): Collection {
  const info: Collection['info'] = { name };
  if (extra.id) info._postman_id = extra.id;
  if (extra.description) info.description = extra.description;
  info.schema = SCHEMA_V2_1;
  return { info, item: [] };
}

/** A v2.1 auth object: `{ type, [type]: [{ key, value, type }] }`, leaving out unset parameters. */
export function authOf(type: string, params: Record<string, unknown> = {}): Auth {
  const list: Array<{ key: string; value: unknown; type: string }> = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    list.push({ key, value, type: typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string' });
  }
  return type === 'noauth' ? { type } : { type, [type]: list };
}

/** Script text as Postman stores it: one array entry per line. */
export function scriptLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** `{a: {b: 1}, c: [1]}` → `[{a.b: 1}, {c: '[1]'}]`: Postman variables are flat strings. */
export function flattenVariables(data: unknown, prefix = ''): Variable[] {
  const out: Variable[] = [];
  if (!isObject(data)) return out;
  for (const [key, value] of Object.entries(data)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) out.push(...flattenVariables(value, name));
    else out.push({ key: name, value: typeof value === 'string' ? value : JSON.stringify(value), type: 'default' });
  }
  return out;
}
