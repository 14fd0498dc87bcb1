/** What every export step shares: variable values, the skipped list, named security schemes. */
import type { Skipped } from '../types.ts';
import type { JsonObject } from './json.ts';

export class ExportContext {
  readonly skipped: Skipped[] = [];
  readonly securitySchemes: JsonObject = {};
  private readonly schemeNames = new Map<string, string>();

  constructor(readonly variables: ReadonlyMap<string, string>) {}

  note(at: string, what: string): void {
    this.skipped.push({ at, what });
  }

  /** Registers a security scheme under a readable name, once per distinct scheme. */
  scheme(base: string, scheme: JsonObject): string {
    const key = JSON.stringify(scheme);
    const known = this.schemeNames.get(key);
    if (known) return known;
    let name = base;
    for (let n = 2; this.securitySchemes[name] !== undefined; n++) name = `${base}${n}`;
    this.securitySchemes[name] = scheme;
    this.schemeNames.set(key, name);
    return name;
  }

  /** `{{name}}` → its value when known (and itself free of variables). */
  valueOf(name: string): string | undefined {
    const v = this.variables.get(name);
    return v !== undefined && !v.includes('{{') ? v : undefined;
  }
}
