/**
 * Secret scanning (P17): pure functions, no database. The server's save hooks, the re-scan job and
 * `postern scan` all call these.
 */
import { scanSegments } from './engine.ts';
import type { EngineOptions, SecretFinding } from './engine.ts';
import { detectPostmanKind, postmanSegments } from './postman.ts';
import type { PostmanKind } from './postman.ts';

export type { EngineOptions, SecretFinding, SecretLocation } from './engine.ts';
export type { PostmanKind } from './postman.ts';
export { detectPostmanKind } from './postman.ts';
export { isPlaceholder } from './placeholders.ts';
export { POSTERN_RULES } from './rules.ts';

/** Scans any text; locations are line and column in it. */
export function scanText(text: string, options: { path?: string } & EngineOptions = {}): Promise<SecretFinding[]> {
  return scanSegments([{ text }], { filePath: options.path, rules: options.rules });
}

export class NotPostmanError extends Error {
  readonly code = 'NOT_POSTMAN';
  constructor(message: string) {
    super(message);
    this.name = 'NotPostmanError';
  }
}

/**
 * Scans a Postman collection, environment or globals document (parsed, or its JSON text);
 * locations are JSON paths plus the line and column within the value.
 */
export async function scanPostmanDocument(
  json: unknown,
  options: { kind?: PostmanKind | 'auto' } & EngineOptions = {},
): Promise<{ kind: PostmanKind; findings: SecretFinding[] }> {
  let doc = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch {
      throw new NotPostmanError('The document is not valid JSON.');
    }
  }
  const detected = detectPostmanKind(doc);
  const kind = !options.kind || options.kind === 'auto' ? detected : options.kind;
  if (!kind || !doc || typeof doc !== 'object') throw new NotPostmanError('The document is not a Postman collection, environment or globals file.');
  return { kind, findings: await scanSegments(postmanSegments(doc), { rules: options.rules }) };
}
