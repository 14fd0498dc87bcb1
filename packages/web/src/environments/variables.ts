/**
 * Pure logic of environments and globals: which variables are active, which environment is
 * selected, how a variable table becomes the Postman JSON again, and how history reads.
 */
import type { PatchOperation } from '../api/types.ts';
import { describeOperation, pointerSegments, shortened, type OperationWording } from '../components/patch-operations.ts';

/** One variable of a Postman environment or globals file; other fields are kept as they came. */
export interface Variable {
  key: string;
  value?: unknown;
  /** Postman writes 'default' or 'secret' (older files 'text' or nothing). */
  type?: string;
  /** Absent means enabled. */
  enabled?: boolean;
  /** Set by the server on secret values it blanked for a viewer; sent back, it keeps the stored secret. */
  _postern_redacted?: boolean;
  [field: string]: unknown;
}

/** A Postman environment or globals document: `{ name?, values }` plus whatever else it carried. */
export interface VariableListDocument {
  name?: string;
  values: Variable[];
  [field: string]: unknown;
}

export interface KeyValue {
  key: string;
  value: string;
}

export type VariableType = 'default' | 'secret';

const isEnabled = (variable: Variable) => variable.enabled !== false;

/** A value as the request editor sends it: strings as they are, numbers and booleans as text. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value as number | boolean);
}

/**
 * The variables a request sees: enabled globals, then enabled environment values over them
 * (Postman's precedence: the environment wins over globals). Keys keep their first place.
 */
export function mergeVariables(globals: readonly Variable[], environment: readonly Variable[]): KeyValue[] {
  const merged = new Map<string, string>();
  for (const variable of [...globals, ...environment]) {
    if (!isEnabled(variable) || typeof variable.key !== 'string' || variable.key === '') continue;
    merged.set(variable.key, valueText(variable.value));
  }
  return [...merged].map(([key, value]) => ({ key, value }));
}

/** Where the workbench keeps the selected environment of a workspace. */
export const selectionKey = (workspaceId: string) => `postern.env.${workspaceId}`;

/** The stored choice, or null ("No environment"). Storage may refuse (private mode): no choice then. */
export function readSelection(storage: Pick<Storage, 'getItem'>, workspaceId: string): string | null {
  try {
    const value = storage.getItem(selectionKey(workspaceId));
    return value ? value : null;
  } catch {
    return null;
  }
}

export function writeSelection(storage: Pick<Storage, 'setItem' | 'removeItem'>, workspaceId: string, environmentId: string | null): void {
  try {
    if (environmentId) storage.setItem(selectionKey(workspaceId), environmentId);
    else storage.removeItem(selectionKey(workspaceId));
  } catch {
    // Not kept across reloads, but the choice still applies to this page.
  }
}

/** The stored choice if it names an environment that still exists, else null. */
export function resolveSelection(selected: string | null, existingIds: readonly string[]): string | null {
  return selected !== null && existingIds.includes(selected) ? selected : null;
}

/** One row of the variable table being edited; `original` is the variable as loaded, to keep its other fields. */
export interface VariableRow {
  /** A local id for React keys and focus, never saved. */
  rowId: string;
  key: string;
  value: string;
  type: VariableType;
  enabled: boolean;
  /** The server blanked this secret (the reader is a viewer): its value is unknown here. */
  redacted: boolean;
  original?: Variable;
}

const typeOf = (variable: Variable): VariableType => (variable.type === 'secret' ? 'secret' : 'default');

export function rowsOf(values: readonly Variable[], nextId: () => string): VariableRow[] {
  return values.map((variable) => ({
    rowId: nextId(),
    key: typeof variable.key === 'string' ? variable.key : '',
    value: valueText(variable.value),
    type: typeOf(variable),
    enabled: isEnabled(variable),
    redacted: variable._postern_redacted === true,
    original: variable,
  }));
}

export function emptyRow(rowId: string): VariableRow {
  return { rowId, key: '', value: '', type: 'default', enabled: true, redacted: false };
}

/** Rows with neither key nor value are dropped on save; a value without a key is a mistake to show. */
export function rowProblems(rows: readonly VariableRow[]): string[] {
  const problems: string[] = [];
  rows.forEach((row, index) => {
    if (row.key.trim() === '' && row.value !== '') problems.push(`Row ${index + 1} has a value but no key.`);
  });
  return problems;
}

/**
 * The variable of a row, keeping the fields it was loaded with; `type` and `enabled` are only
 * written when they changed, so an untouched file saves back as it was.
 */
function variableOf(row: VariableRow): Variable {
  const original = row.original;
  const variable: Variable = { ...original, key: row.key, value: row.value };
  if (!original || typeOf(original) !== row.type) variable.type = row.type;
  if (!original || isEnabled(original) !== row.enabled) variable.enabled = row.enabled;
  // A blanked secret left alone goes back marked, so the server keeps what it stored.
  if (row.redacted && original && row.value === '') variable._postern_redacted = true;
  else delete variable._postern_redacted;
  return variable;
}

/** The document to save: the loaded one with the edited name and variables. */
export function documentOf(base: VariableListDocument, rows: readonly VariableRow[], name?: string): VariableListDocument {
  const values = rows.filter((row) => row.key.trim() !== '' || row.value !== '').map(variableOf);
  return name === undefined ? { ...base, values } : { ...base, name, values };
}

/** A short preview of a patch value: "[secret]" stays as the server wrote it. */
function preview(value: unknown): string {
  if (value === '[secret]') return '[secret]';
  if (value && typeof value === 'object' && !Array.isArray(value) && 'key' in value) {
    const variable = value as Variable;
    const shown = variable.value === '[secret]' ? '[secret]' : JSON.stringify(valueText(variable.value));
    return `${String(variable.key)} = ${shown}`;
  }
  return shortened(JSON.stringify(value) ?? 'nothing', 60);
}

/** The environment history's wording: slash paths as stored, variables shown as `key = value`. */
const variableWording: OperationWording = {
  where: (pointer) => (pointer === '' ? 'the whole list' : pointerSegments(pointer).join('/')),
  value: preview,
  verbs: { replace: 'replaced' },
  order: 'path-first',
};

/** A readable line for one history operation, e.g. `values/0/value: replaced with "b"`. */
export function describeVariableOperation(op: PatchOperation): string {
  return describeOperation(op, variableWording);
}

/** Who made a change, for the history list. */
export function actorLabel(actorId: string | null, you: string | undefined): string {
  if (actorId === null) return 'a deleted account';
  if (actorId === you) return 'you';
  return `member ${actorId.slice(0, 8)}`;
}
