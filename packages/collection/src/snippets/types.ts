import type { Auth, ProtocolProfileBehavior, VariableList } from '../types.ts';
import type { VariableResolver } from '../variables.ts';

export type SnippetLanguageId =
  | 'curl'
  | 'httpie'
  | 'fetch'
  | 'node'
  | 'python'
  | 'go'
  | 'java'
  | 'csharp'
  | 'php'
  | 'ruby';

export interface SnippetLanguage {
  id: SnippetLanguageId;
  label: string;
  /** File extension without the dot (`mjs` for the ES module snippets, which use top-level await). */
  extension: string;
}

export interface SnippetOptions {
  /**
   * Values for `{{variables}}`: a resolver, or lists in precedence order (first wins — e.g.
   * environment, collection variables, globals). Unresolved references stay as written, with a note.
   */
  variables?: VariableResolver | readonly VariableList[];
  /** The auth to use when the request has none of its own (inherited from its folder or collection). */
  auth?: Auth | null;
  /** The item's protocolProfileBehavior (body pruning, URL encoding). */
  behavior?: ProtocolProfileBehavior;
}

export interface Snippet {
  code: string;
  /** What the snippet cannot do the way Postern would send the request, one sentence each. */
  notes: string[];
}

export interface SnippetHeader {
  key: string;
  value: string;
}

export type SnippetPart =
  | { kind: 'text'; name: string; value: string; contentType?: string }
  | { kind: 'file'; name: string; path: string; fileName: string; contentType: string };

export type SnippetBody =
  /** Bytes given as text (UTF-8): raw, urlencoded (already serialized), graphql JSON, inline file content. */
  | { kind: 'text'; text: string }
  /** Each client writes its own boundary and multipart Content-Type header. */
  | { kind: 'multipart'; parts: SnippetPart[] }
  /** The bytes of a file, read when the snippet runs. */
  | { kind: 'file'; path: string };

/** A request reduced to what a snippet can state statically: variables resolved, auth applied where possible. */
export interface SnippetRequest {
  method: string;
  url: string;
  /** Request headers in order, with the body's Content-Type (absent for multipart) and static auth applied. */
  headers: SnippetHeader[];
  body?: SnippetBody;
  /** Digest credentials, for clients that answer the challenge themselves. */
  digest?: { username: string; password: string };
  /** Notes that hold for every language. */
  notes: string[];
}

export interface SnippetGenerator {
  language: SnippetLanguage;
  generate(request: SnippetRequest): Snippet;
}
