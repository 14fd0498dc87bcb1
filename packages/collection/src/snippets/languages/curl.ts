import { shellQuote } from '../quote.ts';
import type { SnippetGenerator, SnippetPart } from '../types.ts';

/** curl's -F syntax: a quoted value escapes `"` and `\`. */
function curlFormQuoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function formArgument(part: SnippetPart): string {
  if (part.kind === 'file') return `--form ${shellQuote(`${part.name}=@${curlFormQuoted(part.path)};type=${part.contentType}`)}`;
  // --form-string never reads `@file` or `<file` from the value.
  if (!part.contentType) return `--form-string ${shellQuote(`${part.name}=${part.value}`)}`;
  return `--form ${shellQuote(`${part.name}=${curlFormQuoted(part.value)};type=${part.contentType}`)}`;
}

export const curl: SnippetGenerator = {
  language: { id: 'curl', label: 'cURL', extension: 'sh' },
  generate(request) {
    const args: string[] = [`--silent --show-error --globoff ${request.method === 'HEAD' ? '--head' : `--request ${request.method}`}`];
    args.push(`--url ${shellQuote(request.url)}`);
    for (const h of request.headers) {
      // `Name:` would remove the header; `Name;` sends it empty.
      args.push(`--header ${shellQuote(h.value === '' ? `${h.key};` : `${h.key}: ${h.value}`)}`);
    }
    const body = request.body;
    const hasContentType = request.headers.some((h) => h.key.toLowerCase() === 'content-type');
    if (body?.kind === 'text') {
      // --data-raw sends the text as is (no `@file`, no newline stripping).
      args.push(`--data-raw ${shellQuote(body.text)}`);
    } else if (body?.kind === 'file') {
      if (!hasContentType) args.push(`--header ${shellQuote('Content-Type:')}`);
      args.push(`--data-binary ${shellQuote(`@${body.path}`)}`);
    } else if (body?.kind === 'multipart') {
      for (const part of body.parts) args.push(formArgument(part));
    }
    if (request.digest) args.push('--digest', `--user ${shellQuote(`${request.digest.username}:${request.digest.password}`)}`);
    args.push(`--write-out ${shellQuote('\\nHTTP status: %{http_code}\\n')}`);
    const code = ['#!/bin/sh', `curl ${args.join(' \\\n  ')}`, ''].join('\n');
    return { code, notes: [] };
  },
};
