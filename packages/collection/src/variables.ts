import type { Variable } from './types.ts';

/** A variable is off when marked `disabled: true` (collection format) or `enabled: false` (Postman app exports). */
export function isVariableDisabled(v: Variable): boolean {
  return v.disabled === true || v.enabled === false;
}

/**
 * One variable scope (globals, environment, collection, iteration data, local).
 * Keeps the original Variable entries so exports stay lossless; disabled
 * entries are kept but never read, and the last duplicate key wins.
 */
export class VariableScope {
  readonly name: string;
  private entries: Variable[];
  private index = new Map<string, number>();

  constructor(values: Variable[] = [], name = 'scope') {
    this.name = name;
    this.entries = values.map((v) => ({ ...v }));
    this.reindex();
  }

  static fromObject(values: Record<string, unknown>, name?: string): VariableScope {
    return new VariableScope(
      Object.entries(values).map(([key, value]) => ({ key, value })),
      name,
    );
  }

  private reindex(): void {
    this.index.clear();
    this.entries.forEach((v, i) => {
      if (v.key !== undefined && v.key !== null && !isVariableDisabled(v)) this.index.set(String(v.key), i);
    });
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): unknown {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.entries[i]!.value;
  }

  set(key: string, value: unknown, type?: string): void {
    const i = this.index.get(key);
    if (i !== undefined) {
      const entry = this.entries[i]!;
      entry.value = value;
      if (type) entry.type = type;
      return;
    }
    const entry: Variable = { key, value };
    if (type) entry.type = type;
    this.entries.push(entry);
    this.index.set(key, this.entries.length - 1);
  }

  unset(key: string): void {
    if (!this.index.has(key)) return;
    this.entries = this.entries.filter((v) => isVariableDisabled(v) || String(v.key) !== key);
    this.reindex();
  }

  clear(): void {
    this.entries = this.entries.filter((v) => isVariableDisabled(v));
    this.reindex();
  }

  /** Enabled variables as a plain object (last duplicate wins). */
  toObject(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, i] of this.index) out[key] = this.entries[i]!.value;
    return out;
  }

  /** All entries, including disabled ones, for export. */
  values(): Variable[] {
    return this.entries.map((v) => ({ ...v }));
  }

  /** Replace the whole content (used when a sandbox syncs its copy back). */
  replaceWith(values: Record<string, unknown>): void {
    const kept = new Set(Object.keys(values));
    this.entries = this.entries.filter((v) => isVariableDisabled(v) || kept.has(String(v.key)));
    this.reindex();
    for (const [k, v] of Object.entries(values)) this.set(k, v);
  }
}

/** Something that can produce a value for `{{$name}}`. */
export type DynamicVariableSource = (name: string) => string | undefined;

const VAR_PATTERN = /\{\{([^{}]+?)\}\}/g;
const MAX_DEPTH = 19;

/**
 * Resolves `{{name}}` against scopes in precedence order (first wins) —
 * Postman's order is local > iteration data > environment > collection > globals.
 * Unresolved references stay as written; nested references resolve up to a depth limit.
 */
export class VariableResolver {
  constructor(
    private readonly layers: VariableScope[],
    private readonly dynamic?: DynamicVariableSource,
  ) {}

  lookup(name: string): { found: boolean; value: unknown } {
    for (const layer of this.layers) {
      if (layer.has(name)) return { found: true, value: layer.get(name) };
    }
    if (name.startsWith('$') && this.dynamic) {
      const value = this.dynamic(name);
      if (value !== undefined) return { found: true, value };
    }
    return { found: false, value: undefined };
  }

  replaceIn(template: string): string {
    if (typeof template !== 'string' || !template.includes('{{')) return template;
    let current = template;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      let changed = false;
      const next = current.replace(VAR_PATTERN, (whole, rawName: string) => {
        const { found, value } = this.lookup(rawName);
        if (!found) return whole;
        changed = true;
        return stringify(value);
      });
      if (!changed || !next.includes('{{')) return next;
      current = next;
    }
    return current;
  }
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return value === null ? 'null' : '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
