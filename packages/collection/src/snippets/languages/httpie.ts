import { shellQuote } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';

/**
 * HTTPie request items: a backslash makes the separator character after it literal; any other
 * backslash is kept as written (HTTPie 3's tokenizer), so backslashes are never doubled.
 */
function item(text: string): string {
  return text.replace(/[:=@;]/g, (ch) => `\\${ch}`);
}

export const httpie: SnippetGenerator = {
  language: { id: 'httpie', label: 'HTTPie', extension: 'sh' },
  generate(request) {
    const notes: string[] = [];
    const body = request.body;
    const fromFile = body?.kind === 'file';
    const options = ['--print=hb', '--pretty=none'];
    // Reading standard input is how HTTPie sends a file as the body; otherwise it must not wait for it.
    if (!fromFile) options.unshift('--ignore-stdin');
    if (body?.kind === 'multipart') options.push('--multipart');
    if (body?.kind === 'text') options.push(`--raw ${shellQuote(body.text)}`);
    if (request.digest) options.push('--auth-type=digest', `--auth ${shellQuote(`${request.digest.username}:${request.digest.password}`)}`);

    const items: string[] = [];
    for (const h of request.headers) items.push(shellQuote(h.value === '' ? `${item(h.key)};` : `${item(h.key)}:${item(h.value)}`));
    const hasContentType = request.headers.some((h) => h.key.toLowerCase() === 'content-type');
    // HTTPie labels a body JSON unless told otherwise; `Name:` removes a header.
    if (fromFile && !hasContentType) items.push(shellQuote('Content-Type:'));
    if (body?.kind === 'multipart') {
      for (const part of body.parts) {
        if (part.kind === 'file') {
          items.push(shellQuote(`${item(part.name)}@${item(part.path)};type=${part.contentType}`));
        } else {
          if (part.contentType) notes.push(`HTTPie cannot set a Content-Type on the text field "${part.name}"; it is sent without one.`);
          items.push(shellQuote(`${item(part.name)}=${item(part.value)}`));
        }
      }
    }
    const lines = [`http ${options.join(' ')} ${request.method} ${shellQuote(request.url)}`, ...items];
    let command = lines.join(' \\\n  ');
    if (body?.kind === 'file') command += ` \\\n  < ${shellQuote(body.path)}`;
    return { code: ['#!/bin/sh', command, ''].join('\n'), notes };
  },
};
