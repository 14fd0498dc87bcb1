/** Cheap and certain: a top-level `openapi: 3.x` or `swagger: 2.0` key, in JSON or YAML. */
import type { ImportInput } from '../types.ts';

const YAML_VERSION_KEY = /^["']?(openapi|swagger)["']?[ \t]*:[ \t]*["']?[23]\./m;

export function isOpenApi(input: ImportInput): boolean {
  const text = input.text.trimStart();
  if (text.startsWith('{')) {
    // JSON: only a top-level key counts (a collection may hold an OpenAPI text in a body).
    if (!/"(openapi|swagger)"\s*:/.test(text)) return false;
    // Broken JSON that opens with the version key is still OpenAPI: its import names the line.
    if (/^\{\s*"(openapi|swagger)"\s*:\s*"[23]\./.test(text)) return true;
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      return /^[23]\./.test(String(value.openapi ?? value.swagger ?? ''));
    } catch {
      return false;
    }
  }
  return YAML_VERSION_KEY.test(text);
}
