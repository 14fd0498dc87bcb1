/**
 * Variable scopes as scripts see them. The five scopes load from the host in one
 * call on first use in an execution; every change is applied here at once and
 * sent to the host as an operation, so the host's scopes end up identical.
 */
import { callHost, callHostJson, jsonParse, jsonStringify, MARK } from './bridge.js';
import { emit, onExecutionReset } from './state.js';

export const SCOPE_NAMES = ['globals', 'environment', 'collectionVariables', 'iterationData', 'local'];
/** pm.variables lookup order: first match wins. */
const PRECEDENCE = ['local', 'iterationData', 'environment', 'collectionVariables', 'globals'];

let loaded;
onExecutionReset(() => {
  loaded = undefined;
});

function scopeData(scope) {
  if (!loaded) {
    const raw = callHostJson('scopes') || {};
    loaded = {};
    for (const name of SCOPE_NAMES) {
      const entry = raw[name] || {};
      loaded[name] = { name: entry.name, values: new Map(entry.values || []) };
    }
  }
  return loaded[scope];
}

/** Values are stored as copies (as Postman serialises them), so later mutation of the object does not leak. */
function storedValue(value) {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      try {
        return jsonParse(jsonStringify(value));
      } catch {
        return String(value);
      }
    default:
      return String(value);
  }
}

function wire(value) {
  if (value === undefined) return MARK.undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

export class ScopeView {
  constructor(scope) {
    Object.defineProperty(this, '_scope', { value: scope });
  }

  get name() {
    return scopeData(this._scope).name;
  }

  has(key) {
    return scopeData(this._scope).values.has(String(key));
  }

  get(key) {
    return scopeData(this._scope).values.get(String(key));
  }

  set(key, value, type) {
    if (key === undefined || key === null) return;
    const name = String(key);
    const stored = storedValue(value);
    scopeData(this._scope).values.set(name, stored);
    const op = ['v', this._scope, 's', name, wire(stored)];
    if (typeof type === 'string') op.push(type);
    emit(op);
  }

  unset(key) {
    const name = String(key);
    if (scopeData(this._scope).values.delete(name)) emit(['v', this._scope, 'u', name]);
  }

  clear() {
    scopeData(this._scope).values.clear();
    emit(['v', this._scope, 'c']);
  }

  toObject() {
    const object = {};
    for (const [key, value] of scopeData(this._scope).values) object[key] = value;
    return object;
  }

  toJSON() {
    const values = [];
    for (const [key, value] of scopeData(this._scope).values) values.push({ key, value });
    return { name: this.name, values };
  }

  replaceIn(template) {
    return replaceVariables(template, [this._scope]);
  }
}

/** pm.variables: reads through every scope by precedence, writes to the local scope. */
export class CompositeScope {
  constructor(local) {
    Object.defineProperty(this, '_local', { value: local });
  }

  has(key) {
    const name = String(key);
    return PRECEDENCE.some((scope) => scopeData(scope).values.has(name));
  }

  get(key) {
    const name = String(key);
    for (const scope of PRECEDENCE) {
      const values = scopeData(scope).values;
      if (values.has(name)) return values.get(name);
    }
    return undefined;
  }

  set(key, value, type) {
    this._local.set(key, value, type);
  }

  unset(key) {
    this._local.unset(key);
  }

  clear() {
    this._local.clear();
  }

  toObject() {
    const object = {};
    for (let i = PRECEDENCE.length - 1; i >= 0; i--) {
      for (const [key, value] of scopeData(PRECEDENCE[i]).values) object[key] = value;
    }
    return object;
  }

  toJSON() {
    return this.toObject();
  }

  replaceIn(template) {
    return replaceVariables(template, PRECEDENCE);
  }
}

const VARIABLE = /\{\{([^{}]+?)\}\}/g;
const MAX_DEPTH = 19;

function lookup(name, scopes) {
  for (const scope of scopes) {
    const values = scopeData(scope).values;
    if (values.has(name)) return { found: true, value: values.get(name) };
  }
  if (name.startsWith('$')) {
    const value = callHost('dynamic', name);
    if (typeof value === 'string') return { found: true, value };
  }
  return { found: false };
}

function asText(value) {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'object') return jsonStringify(value);
  return String(value);
}

/** `{{name}}` replacement with the same rules as the runner (nested references, unresolved kept). */
export function replaceVariables(template, scopes) {
  if (typeof template !== 'string' || !template.includes('{{')) return template;
  let current = template;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    let changed = false;
    const next = current.replace(VARIABLE, (whole, name) => {
      const result = lookup(name, scopes);
      if (!result.found) return whole;
      changed = true;
      return asText(result.value);
    });
    if (!changed || !next.includes('{{')) return next;
    current = next;
  }
  return current;
}

export function createScopes() {
  const local = new ScopeView('local');
  return {
    globals: new ScopeView('globals'),
    environment: new ScopeView('environment'),
    collectionVariables: new ScopeView('collectionVariables'),
    iterationData: new ScopeView('iterationData'),
    local,
    variables: new CompositeScope(local),
  };
}
