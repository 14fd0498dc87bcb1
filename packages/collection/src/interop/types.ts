/**
 * The contract every importer, exporter and the format detector share. Importers and exporters are
 * pure functions over text (no file system, no network): the CLI, the server and the web app read
 * the files and pass them in, so all three import exactly alike.
 */
import type { Collection, VariableList } from '../types.ts';

export type ImportFormat =
  | 'postman' // Postman Collection v2.0 / v2.1 (parsed as is)
  | 'postman-v1' // Postman Collection v1 → converted to v2.1
  | 'postman-dump' // Postman data dump (backup.json: collections + environments)
  | 'openapi' // OpenAPI 3.0 / 3.1 and Swagger 2.0, JSON or YAML
  | 'curl'
  | 'har'
  | 'insomnia' // Insomnia v4 export (JSON or YAML)
  | 'bruno'; // Bruno collection folder (.bru files + bruno.json)

export interface ImportInput {
  /** File (or folder) name the input came from: used by detection and in every error message. */
  name: string;
  /** The main document's text. For a Bruno folder: the text of bruno.json, or '' when absent. */
  text: string;
  /**
   * Other files, by path relative to the main document ('/'-separated): a Bruno collection's
   * `.bru` and environment files, the files an OpenAPI document `$ref`s.
   */
  files?: ReadonlyMap<string, string>;
}

/** Something in the input that the collection model cannot hold, and so was left out. */
export interface Skipped {
  /** Where: a JSON path (`paths./pets.get.callbacks`), `line 12`, or a file name + place. */
  at: string;
  /** What was left out and why, one line. */
  what: string;
}

export interface ImportResult {
  format: ImportFormat;
  /** Collections in Postman v2.1 shape (valid input for parseCollection). Usually one. */
  collections: Collection[];
  /** Environments found in the input (Insomnia, Bruno, Postman dumps), as Postman environment files. */
  environments: VariableList[];
  skipped: Skipped[];
}

export interface Importer {
  format: ImportFormat;
  /** For menus: "OpenAPI 3.x / Swagger 2.0". */
  label: string;
  /** Cheap and certain: true only when the input is this format (used by `--from auto`). */
  detect(input: ImportInput): boolean;
  /**
   * Throws CollectionError (code INVALID_IMPORT, with `source` = input.name and `path` or `line`)
   * when the input is not this format or is broken; imports what it can and lists the rest in
   * `skipped` otherwise.
   */
  import(input: ImportInput): Promise<ImportResult>;
}

export type ExportFormat = 'postman' | 'openapi' | 'curl' | 'har';

export interface ExportResult {
  text: string;
  mediaType: string;
  /** Without the dot: 'json', 'yaml', 'sh', 'har'. */
  extension: string;
  skipped: Skipped[];
}

export interface ExportOptions {
  /** Variables to resolve `{{…}}` with before exporting (curl, har); unresolved ones are kept. */
  variables?: VariableList[];
}

export interface Exporter {
  format: ExportFormat;
  label: string;
  export(collection: Collection, options?: ExportOptions): ExportResult;
}
