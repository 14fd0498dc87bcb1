/**
 * Code snippets: a Postman request as a small runnable program in one of ten languages.
 * Pure: no file is read here; snippets that send files read them when they run.
 */
import type { Request } from '../types.ts';
import { csharp } from './languages/csharp.ts';
import { curl } from './languages/curl.ts';
import { fetchSnippet } from './languages/fetch.ts';
import { go } from './languages/go.ts';
import { httpie } from './languages/httpie.ts';
import { java } from './languages/java.ts';
import { nodeUndici } from './languages/node.ts';
import { php } from './languages/php.ts';
import { python } from './languages/python.ts';
import { ruby } from './languages/ruby.ts';
import { toSnippetRequest } from './prepare.ts';
import type { Snippet, SnippetGenerator, SnippetLanguage, SnippetLanguageId, SnippetOptions } from './types.ts';

export type * from './types.ts';
export { toSnippetRequest } from './prepare.ts';

const GENERATORS: readonly SnippetGenerator[] = [curl, httpie, fetchSnippet, nodeUndici, python, go, java, csharp, php, ruby];

export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = GENERATORS.map((g) => g.language);

export class SnippetLanguageError extends Error {
  readonly code = 'UNKNOWN_SNIPPET_LANGUAGE';
  constructor(readonly language: string) {
    super(`unknown snippet language "${language}"; choose one of: ${SNIPPET_LANGUAGES.map((l) => l.id).join(', ')}`);
  }
}

/** The language with this id (case-insensitive), or undefined. */
export function findSnippetLanguage(id: string): SnippetLanguage | undefined {
  const wanted = id.toLowerCase();
  return SNIPPET_LANGUAGES.find((l) => l.id === wanted);
}

export function generateSnippet(request: Request, language: SnippetLanguageId | string, options: SnippetOptions = {}): Snippet {
  const generator = GENERATORS.find((g) => g.language.id === language.toLowerCase());
  if (!generator) throw new SnippetLanguageError(language);
  const prepared = toSnippetRequest(request, options);
  const snippet = generator.generate(prepared);
  return { code: snippet.code, notes: [...prepared.notes, ...snippet.notes] };
}
