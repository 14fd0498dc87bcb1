import { jsString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';
import { digestNote, jsBody } from './js-body.ts';

export const nodeUndici: SnippetGenerator = {
  language: { id: 'node', label: 'Node.js (undici)', extension: 'mjs' },
  generate(request) {
    const notes = digestNote(request, 'undici');
    const body = jsBody(request, notes);
    const lines: string[] = [];
    if (body.readsFiles) lines.push("import { readFile } from 'node:fs/promises';");
    // undici's own FormData: the one built into Node comes from another undici copy, which this one cannot stream.
    lines.push(`import { ${request.body?.kind === 'multipart' ? 'FormData, request' : 'request'} } from 'undici';`, '');
    lines.push(...body.setup);
    if (body.setup.length) lines.push('');
    lines.push(`const { statusCode, body: responseBody } = await request(${jsString(request.url)}, {`, `  method: ${jsString(request.method)},`);
    if (request.headers.length) {
      // An object keeps one entry per name, so repeated headers become a list.
      const grouped = new Map<string, string[]>();
      for (const h of request.headers) grouped.set(h.key, [...(grouped.get(h.key) ?? []), h.value]);
      lines.push('  headers: {');
      for (const [key, values] of grouped) {
        const value = values.length === 1 ? jsString(values[0]!) : `[${values.map(jsString).join(', ')}]`;
        lines.push(`    ${jsString(key)}: ${value},`);
      }
      lines.push('  },');
    }
    if (body.expression) lines.push(`  body: ${body.expression},`);
    lines.push('});', '', 'console.log(statusCode);', 'console.log(await responseBody.text());', '');
    return { code: lines.join('\n'), notes };
  },
};
