import { pythonString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';

export const python: SnippetGenerator = {
  language: { id: 'python', label: 'Python (requests)', extension: 'py' },
  generate(request) {
    const imports = ['import requests'];
    const lines: string[] = [`url = ${pythonString(request.url)}`];
    const args = [pythonString(request.method), 'url'];

    if (request.headers.length) {
      // A dict holds one value per name; repeated headers are joined as HTTP allows.
      const grouped = new Map<string, string[]>();
      for (const h of request.headers) grouped.set(h.key, [...(grouped.get(h.key) ?? []), h.value]);
      lines.push('headers = {');
      for (const [key, values] of grouped) lines.push(`    ${pythonString(key)}: ${pythonString(values.join(', '))},`);
      lines.push('}');
      args.push('headers=headers');
    }
    const body = request.body;
    if (body?.kind === 'text') {
      // Bytes, because requests would send a str body as Latin-1.
      lines.push(`payload = ${pythonString(body.text)}.encode("utf-8")`);
      args.push('data=payload');
    } else if (body?.kind === 'file') {
      lines.push(`with open(${pythonString(body.path)}, "rb") as f:`, '    payload = f.read()');
      args.push('data=payload');
    } else if (body?.kind === 'multipart') {
      // A list of (name, (filename, content[, type])) keeps order and repeated names; None as the filename makes a text field.
      lines.push('files = [');
      for (const part of body.parts) {
        if (part.kind === 'file') {
          lines.push(`    (${pythonString(part.name)}, (${pythonString(part.fileName)}, open(${pythonString(part.path)}, "rb"), ${pythonString(part.contentType)})),`);
        } else {
          const type = part.contentType ? `, ${pythonString(part.contentType)}` : '';
          lines.push(`    (${pythonString(part.name)}, (None, ${pythonString(part.value)}.encode("utf-8")${type})),`);
        }
      }
      lines.push(']');
      args.push('files=files');
    }
    if (request.digest) {
      imports.push('from requests.auth import HTTPDigestAuth');
      args.push(`auth=HTTPDigestAuth(${pythonString(request.digest.username)}, ${pythonString(request.digest.password)})`);
    }
    args.push('timeout=30');
    const code = [
      ...imports,
      '',
      ...lines,
      '',
      `response = requests.request(${args.join(', ')})`,
      'print(response.status_code)',
      'print(response.text)',
      '',
    ].join('\n');
    return { code, notes: [] };
  },
};
