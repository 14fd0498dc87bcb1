/** What every import step shares: the bundled document, the `skipped` list, the auth variables. */
import type { Skipped } from '../types.ts';
import { isObj, jsonPath, type Json, type JsonObject } from './json.ts';
import { exampleFor, type Direction } from './schema-example.ts';

export interface OpenApiImportOptions {
  /** Folders by the operation's first tag (Postman's default here) or by path segment. */
  folderStrategy?: 'tags' | 'paths';
}

export class ImportContext {
  readonly skipped: Skipped[];
  /** Variables auth refers to (`{{bearerToken}}` …), added to the collection empty. */
  readonly secrets = new Set<string>();
  /** Variables partial path segments refer to (`/files/{name}.json` → `{{name}}`), with a value. */
  readonly pathVariables = new Map<string, string>();
  private readonly noted = new Set<string>();
  // Shared schemas are referenced by many operations: build each one's example once.
  private readonly examples = { request: new WeakMap<object, Json>(), response: new WeakMap<object, Json>() };
  private readonly refExamples = { request: new Map<string, Json>(), response: new Map<string, Json>() };

  constructor(
    readonly doc: JsonObject,
    readonly options: Required<OpenApiImportOptions>,
    skipped: Skipped[],
  ) {
    this.skipped = skipped;
  }

  note(at: readonly (string | number)[], what: string): void {
    const path = jsonPath(at);
    const key = `${path}\n${what}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.skipped.push({ at: path, what });
  }

  example(schema: Json | undefined, direction: Direction): Json {
    if (!isObj(schema)) return exampleFor(this.doc, schema, direction);
    if (typeof schema.$ref === 'string' && Object.keys(schema).length === 1) {
      const byRef = this.refExamples[direction];
      let value = byRef.get(schema.$ref);
      if (value === undefined) byRef.set(schema.$ref, (value = exampleFor(this.doc, schema, direction)));
      return value;
    }
    const cache = this.examples[direction];
    let value = cache.get(schema);
    if (value === undefined) cache.set(schema, (value = exampleFor(this.doc, schema, direction)));
    return value;
  }

  secret(name: string): string {
    this.secrets.add(name);
    return `{{${name}}}`;
  }
}
