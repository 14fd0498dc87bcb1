import { jsString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';
import { digestNote, jsBody } from './js-body.ts';

export const fetchSnippet: SnippetGenerator = {
  language: { id: 'fetch', label: 'JavaScript (fetch)', extension: 'mjs' },
  generate(request) {
    const notes = digestNote(request, 'fetch');
    const body = jsBody(request, notes);
    const lines: string[] = [];
    if (body.readsFiles) lines.push("import { readFile } from 'node:fs/promises';", '');
    lines.push(...body.setup);
    if (body.setup.length) lines.push('');
    lines.push(`const response = await fetch(${jsString(request.url)}, {`, `  method: ${jsString(request.method)},`);
    if (request.headers.length) {
      lines.push('  headers: [');
      for (const h of request.headers) lines.push(`    [${jsString(h.key)}, ${jsString(h.value)}],`);
      lines.push('  ],');
    }
    if (body.expression) lines.push(`  body: ${body.expression},`);
    lines.push('});', '', 'console.log(response.status);', 'console.log(await response.text());', '');
    return { code: lines.join('\n'), notes };
  },
};
