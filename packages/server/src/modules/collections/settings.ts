/**
 * The settings of a collection or folder (Postman's Authorization, Scripts and Variables tabs, with
 * its name and description), read and written apart from its items: a collection can be 32 MiB,
 * its settings a few lines. A write touches only the given fields and is diffed on them alone.
 */
import type { SecretBox } from '../../crypto/secret-box.ts';
import { isObject } from './item-ids.ts';
import { openCollection, sealCollection, secretViewFor } from './secret-variables.ts';

type JsonObject = Record<string, unknown>;

/** The shapes the collection model checks; other Postman fields pass through. */
export interface Variable {
  key?: string | number;
  value?: unknown;
  type?: string;
  disabled?: boolean;
  enabled?: boolean;
  [field: string]: unknown;
}

export interface Auth {
  type: string;
  [field: string]: unknown;
}

export interface Event {
  listen: string;
  disabled?: boolean;
  script?: { exec?: string | string[]; type?: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface Settings {
  name: string;
  description: string | null;
  variable: Variable[];
  auth: Auth | null;
  event: Event[];
}

/** A settings write: absent fields stay as they are; `null` removes the description or the auth. */
export interface SettingsChanges {
  name?: string | undefined;
  description?: string | null | undefined;
  variable?: Variable[] | undefined;
  auth?: Auth | null | undefined;
  event?: Event[] | undefined;
}

/** The collection keeps its name and description in `info`, a folder on itself. */
export type SettingsOwner = 'collection' | 'folder';

type Field = keyof Settings;
const FIELDS: readonly Field[] = ['name', 'description', 'variable', 'auth', 'event'];
const LABELS: Record<Field, string> = { name: 'name', description: 'description', variable: 'variables', auth: 'auth', event: 'scripts' };

const namedPartOf = (node: JsonObject, owner: SettingsOwner): JsonObject =>
  owner === 'folder' ? node : isObject(node.info) ? node.info : {};

/** Postman descriptions are a string or `{ content, type }`; the text either way. */
function descriptionText(description: unknown): string | null {
  if (typeof description === 'string') return description;
  if (isObject(description) && typeof description.content === 'string') return description.content;
  return null;
}

/**
 * A stored node's settings as `role` may see them: secret variables in clear for editors and
 * admins, redacted otherwise (the same rule as the collection read). The stored document passed
 * the collection model, so its lists have these shapes.
 */
export function readSettings(node: JsonObject, owner: SettingsOwner, role: string, box: SecretBox): Settings {
  const named = namedPartOf(node, owner);
  const variable = Array.isArray(node.variable) ? (openCollection({ variable: node.variable }, secretViewFor(role), box).variable as Variable[]) : [];
  return {
    name: typeof named.name === 'string' ? named.name : '',
    description: descriptionText(named.description),
    variable,
    auth: isObject(node.auth) ? (node.auth as Auth) : null,
    event: Array.isArray(node.event) ? (node.event as Event[]) : [],
  };
}

/** The stored fields `changes` names, at their place in the node, copied (absent ones left out). */
function touchedPart(node: JsonObject, owner: SettingsOwner, changes: SettingsChanges): JsonObject {
  const part: JsonObject = {};
  const named = namedPartOf(node, owner);
  const namedPart: JsonObject = owner === 'folder' ? part : {};
  for (const field of ['name', 'description'] as const) {
    if (changes[field] !== undefined && field in named) namedPart[field] = structuredClone(named[field]);
  }
  if (owner === 'collection' && (changes.name !== undefined || changes.description !== undefined)) part.info = namedPart;
  for (const field of ['variable', 'auth', 'event'] as const) {
    if (changes[field] !== undefined && field in node) part[field] = structuredClone(node[field]);
  }
  return part;
}

/** Sets a list, leaving an absent list absent when it stays empty (no spurious `[]` in the export). */
function setList(node: JsonObject, field: 'variable' | 'event', list: unknown[]): void {
  if (list.length === 0 && !(field in node)) return;
  node[field] = list;
}

/**
 * Applies `changes` to `node` (the stored collection document or folder) in place: secret variables
 * sealed, a redacted one sent back keeping its stored secret, a described-as-object description
 * keeping its type. Answers the touched part before and after, for a patch at the node's pointer,
 * and the fields whose stored value changed.
 */
export function applySettings(
  node: JsonObject,
  owner: SettingsOwner,
  changes: SettingsChanges,
  box: SecretBox,
): { before: JsonObject; after: JsonObject; changed: Field[] } {
  const before = touchedPart(node, owner, changes);
  const current = readStored(node, owner);
  if (owner === 'collection' && !isObject(node.info)) node.info = {};
  const named = namedPartOf(node, owner);
  if (changes.name !== undefined) named.name = changes.name;
  if (changes.description === null) delete named.description;
  else if (changes.description !== undefined) {
    named.description = isObject(named.description) ? { ...named.description, content: changes.description } : changes.description;
  }
  if (changes.variable !== undefined) {
    const previous = Array.isArray(node.variable) ? node.variable : [];
    setList(node, 'variable', sealCollection({ variable: changes.variable }, { variable: previous }, box).variable as unknown[]);
  }
  if (changes.auth === null) delete node.auth;
  else if (changes.auth !== undefined) node.auth = changes.auth;
  if (changes.event !== undefined) setList(node, 'event', changes.event);
  const next = readStored(node, owner);
  const changed = FIELDS.filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
  return { before, after: touchedPart(node, owner, changes), changed };
}

/** The stored values (sealed, description as stored), to tell what a write really changed. */
function readStored(node: JsonObject, owner: SettingsOwner): Record<Field, unknown> {
  const named = namedPartOf(node, owner);
  return { name: named.name, description: named.description, variable: node.variable, auth: node.auth, event: node.event };
}

/** "variables", "variables and auth", "name, variables and scripts". */
export function describeFields(fields: readonly Field[]): string {
  const labels = fields.map((f) => LABELS[f]);
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
