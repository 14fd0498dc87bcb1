/**
 * Pure logic of the collection and folder settings page: the loaded settings as an editable draft,
 * and the draft back as the PATCH body holding only what changed (so a save never rewrites parts
 * the person did not touch, e.g. blanked secrets or scripts of a kind the page does not show).
 */
import type { Auth, Event } from '@postern/collection';
import type { SettingsChanges, SettingsVariable } from '../api/types.ts';
import { scriptOf, withScript } from '../editor/request-draft.ts';
import { rowsOf, type Variable, type VariableRow } from '../environments/variables.ts';

export type SettingsScope = 'collection' | 'folder';

/** What both GET answers share. */
export interface LoadedSettings {
  revision: number;
  name: string;
  description: string | null;
  variable: SettingsVariable[];
  auth: Auth | null;
  event: Event[];
}

export interface SettingsDraft {
  name: string;
  description: string;
  rows: VariableRow[];
  /** As the auth editor holds it: undefined is "inherit" for a folder and "no auth" for the collection. */
  auth: Auth | undefined;
  prerequest: string;
  test: string;
}

/** Postman collections switch a variable off with `disabled: true`; environments with `enabled: false`. */
const isEnabled = (variable: SettingsVariable) => variable.enabled !== false && variable.disabled !== true;

/** The auth the editor shows: on the collection, an explicit noauth reads as the "No auth" choice (undefined). */
export function editorAuth(scope: SettingsScope, auth: Auth | null): Auth | undefined {
  if (!auth) return undefined;
  if (scope === 'collection' && auth.type === 'noauth') return undefined;
  return auth;
}

/** Rows for the shared variable table; each keeps the variable as loaded (other fields survive a save). */
export function variableRows(variables: readonly SettingsVariable[], nextId: () => string): VariableRow[] {
  const shaped = variables.map((v): Variable => ({ ...v, key: typeof v.key === 'string' ? v.key : '', enabled: isEnabled(v) }));
  return rowsOf(shaped, nextId).map((row, index) => ({ ...row, original: variables[index] as Variable }));
}

/** Variables as the read-only table reads them (`enabled: false` for switched-off ones). */
export function readableVariables(variables: readonly SettingsVariable[]): Variable[] {
  return variables.map((v) => ({ ...v, key: typeof v.key === 'string' ? v.key : '', enabled: isEnabled(v) }));
}

/**
 * The variable of a row in Postman's collection shape: loaded fields kept, `type` written only when
 * it changed, off written as `disabled: true` (Postman's collection field), and a blanked secret left
 * alone sent back marked so the server keeps the stored value.
 */
function variableOf(row: VariableRow): SettingsVariable {
  const original = row.original as SettingsVariable | undefined;
  const variable: SettingsVariable = { ...original, key: row.key, value: row.value };
  const originalType = original?.type === 'secret' ? 'secret' : 'default';
  if (!original || originalType !== row.type) variable.type = row.type;
  if (!original || isEnabled(original) !== row.enabled) {
    delete variable.enabled;
    if (row.enabled) delete variable.disabled;
    else variable.disabled = true;
  }
  if (row.redacted && original && row.value === '') variable._postern_redacted = true;
  else delete variable._postern_redacted;
  return variable;
}

/** The variables to save: rows with neither key nor value are dropped. */
export function variablesOfRows(rows: readonly VariableRow[]): SettingsVariable[] {
  return rows.filter((row) => row.key.trim() !== '' || row.value !== '').map(variableOf);
}

export function draftOf(scope: SettingsScope, settings: LoadedSettings, nextId: () => string): SettingsDraft {
  return {
    name: settings.name,
    description: settings.description ?? '',
    rows: variableRows(settings.variable, nextId),
    auth: editorAuth(scope, settings.auth),
    prerequest: scriptOf(settings.event, 'prerequest'),
    test: scriptOf(settings.event, 'test'),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The PATCH body for what the draft changed from the loaded settings; empty when nothing did.
 * Folders have no variables tab, so their variables are never sent.
 */
export function changesOf(scope: SettingsScope, saved: LoadedSettings, draft: SettingsDraft): SettingsChanges {
  const changes: SettingsChanges = {};
  if (draft.name !== saved.name) changes.name = draft.name;
  if (draft.description !== (saved.description ?? '')) changes.description = draft.description === '' ? null : draft.description;
  if (scope === 'collection') {
    const variable = variablesOfRows(draft.rows);
    if (!same(variable, saved.variable)) changes.variable = variable;
  }
  if (!same(draft.auth, editorAuth(scope, saved.auth))) changes.auth = draft.auth ?? null;
  // Only a changed script is rewritten, so the other events keep their order and fields.
  let event = saved.event;
  if (draft.prerequest !== scriptOf(event, 'prerequest')) event = withScript(event, 'prerequest', draft.prerequest);
  if (draft.test !== scriptOf(event, 'test')) event = withScript(event, 'test', draft.test);
  // The API takes only pre-request and test scripts, the only ones Postman runs.
  if (event !== saved.event) changes.event = event.filter((e) => e.listen === 'prerequest' || e.listen === 'test');
  return changes;
}

/** Why the draft cannot be saved yet, in plain words (empty when it can). */
export function draftProblems(draft: SettingsDraft, what: string): string[] {
  const problems: string[] = [];
  if (draft.name.trim() === '') problems.push(`Give the ${what} a name.`);
  draft.rows.forEach((row, index) => {
    if (row.key.trim() === '' && row.value !== '') problems.push(`Variable row ${index + 1} has a value but no key.`);
  });
  return problems;
}

/** The page's heading: "Settings of Bookshop API" or "Settings of folder Books". */
export function settingsHeading(scope: SettingsScope, name: string): string {
  return scope === 'collection' ? `Settings of ${name}` : `Settings of folder ${name}`;
}

/** Where a collection's or folder's settings page lives. */
export function settingsPath(workspaceId: string, collectionId: string, itemId?: string): string {
  const base = `/w/${encodeURIComponent(workspaceId)}/collections/${encodeURIComponent(collectionId)}`;
  return itemId ? `${base}/folders/${encodeURIComponent(itemId)}/settings` : `${base}/settings`;
}
