import { jsString } from '../quote.ts';
import type { SnippetRequest } from '../types.ts';

/** The `body` expression and the statements it needs, shared by the fetch and undici snippets. */
export function jsBody(request: SnippetRequest, notes: string[]): { setup: string[]; expression?: string; readsFiles: boolean } {
  const body = request.body;
  if (!body) return { setup: [], readsFiles: false };
  if (body.kind === 'text') return { setup: [], expression: jsString(body.text), readsFiles: false };
  if (body.kind === 'file') return { setup: [], expression: `await readFile(${jsString(body.path)})`, readsFiles: true };
  const setup = ['const body = new FormData();'];
  let readsFiles = false;
  for (const part of body.parts) {
    if (part.kind === 'file') {
      readsFiles = true;
      setup.push(
        `body.append(${jsString(part.name)}, new Blob([await readFile(${jsString(part.path)})], { type: ${jsString(part.contentType)} }), ${jsString(part.fileName)});`,
      );
    } else {
      if (part.contentType) notes.push(`FormData cannot set a Content-Type on the text field "${part.name}"; it is sent without one.`);
      setup.push(`body.append(${jsString(part.name)}, ${jsString(part.value)});`);
    }
  }
  return { setup, expression: 'body', readsFiles };
}

export function digestNote(request: SnippetRequest, client: string): string[] {
  return request.digest ? [`${client} does not answer digest challenges; the snippet sends the request without digest auth.`] : [];
}
