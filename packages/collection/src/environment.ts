/**
 * Between environment/globals files and variable scopes, for loading
 * `--environment/--globals` and writing `--export-environment/--export-globals`.
 */
import type { VariableListKind } from './parse.ts';
import type { VariableList } from './types.ts';
import { VariableScope } from './variables.ts';

/** A scope holding the file's variables (disabled ones kept for export, never read). */
export function variableListToScope(list: VariableList, name?: string): VariableScope {
  return new VariableScope(Array.isArray(list.values) ? list.values : [], name ?? list.name ?? 'environment');
}

export interface VariableListMeta {
  /** The list the scope was loaded from: its id, name and other fields are kept. */
  base?: VariableList;
  id?: string;
  name?: string;
  /** Written as `_postman_variable_scope`. */
  kind?: VariableListKind;
  /** Written as `_postman_exported_at` (ISO time; the caller owns the clock). */
  exportedAt?: string;
  /** Written as `_postman_exported_using`, e.g. "Postern/0.1.0". */
  exportedUsing?: string;
}

/** The scope's current variables as a Postman environment/globals document. */
export function scopeToVariableList(scope: VariableScope, meta: VariableListMeta = {}): VariableList {
  const base = meta.base;
  const id = meta.id ?? base?.id;
  const name = meta.name ?? base?.name;
  // Spreading the base keeps its field order; `values`, id and name are replaced in place.
  const list: VariableList = base ? { ...base, values: scope.values() } : { values: scope.values() };
  if (!base) {
    // A fresh document reads like Postman's: id, name, values, then metadata.
    const fresh: VariableList = {} as VariableList;
    if (id !== undefined) fresh.id = id;
    if (name !== undefined) fresh.name = name;
    fresh.values = list.values;
    return withMeta(fresh, meta);
  }
  if (id !== undefined) list.id = id;
  if (name !== undefined) list.name = name;
  return withMeta(list, meta);
}

function withMeta(list: VariableList, meta: VariableListMeta): VariableList {
  if (meta.kind !== undefined) list._postman_variable_scope = meta.kind;
  if (meta.exportedAt !== undefined) list._postman_exported_at = meta.exportedAt;
  if (meta.exportedUsing !== undefined) list._postman_exported_using = meta.exportedUsing;
  return list;
}
