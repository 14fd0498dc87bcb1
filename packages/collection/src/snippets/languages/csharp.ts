import { csharpString } from '../quote.ts';
import type { SnippetGenerator } from '../types.ts';

/** Headers .NET keeps on the content, not on the request. */
const CONTENT_HEADERS = new Set([
  'allow',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-md5',
  'content-range',
  'content-type',
  'expires',
  'last-modified',
]);

export const csharp: SnippetGenerator = {
  language: { id: 'csharp', label: 'C# (HttpClient)', extension: 'cs' },
  generate(request) {
    const notes: string[] = [];
    const usings = new Set(['System', 'System.Net.Http']);
    const lines: string[] = [];
    if (request.digest) {
      usings.add('System.Net');
      // The handler answers the digest challenge with these credentials.
      lines.push(
        `var handler = new HttpClientHandler { Credentials = new NetworkCredential(${csharpString(request.digest.username)}, ${csharpString(request.digest.password)}) };`,
        'using var client = new HttpClient(handler);',
      );
    } else {
      lines.push('using var client = new HttpClient();');
    }
    lines.push(`using var request = new HttpRequestMessage(new HttpMethod(${csharpString(request.method)}), ${csharpString(request.url)});`);

    const b = request.body;
    if (b?.kind === 'text') {
      usings.add('System.Text');
      // Bytes rather than StringContent, which would add "; charset=utf-8" to the Content-Type.
      lines.push(`request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(${csharpString(b.text)}));`);
    } else if (b?.kind === 'file') {
      usings.add('System.IO');
      lines.push(`request.Content = new ByteArrayContent(File.ReadAllBytes(${csharpString(b.path)}));`);
    } else if (b?.kind === 'multipart') {
      usings.add('System.Text');
      lines.push('var form = new MultipartFormDataContent();');
      b.parts.forEach((part, i) => {
        const name = `part${i + 1}`;
        if (part.kind === 'file') {
          usings.add('System.IO');
          lines.push(`var ${name} = new ByteArrayContent(File.ReadAllBytes(${csharpString(part.path)}));`);
        } else {
          lines.push(`var ${name} = new ByteArrayContent(Encoding.UTF8.GetBytes(${csharpString(part.value)}));`);
        }
        if (part.contentType) lines.push(`${name}.Headers.TryAddWithoutValidation("Content-Type", ${csharpString(part.contentType)});`);
        lines.push(
          part.kind === 'file'
            ? `form.Add(${name}, ${csharpString(part.name)}, ${csharpString(part.fileName)});`
            : `form.Add(${name}, ${csharpString(part.name)});`,
        );
      });
      lines.push('request.Content = form;');
    }
    for (const h of request.headers) {
      if (CONTENT_HEADERS.has(h.key.toLowerCase())) {
        if (!b) {
          notes.push(`.NET sends the ${h.key} header only with a body; it is left out.`);
          continue;
        }
        if (h.key.toLowerCase() === 'content-length') continue;
        lines.push(`request.Content.Headers.TryAddWithoutValidation(${csharpString(h.key)}, ${csharpString(h.value)});`);
      } else {
        lines.push(`request.Headers.TryAddWithoutValidation(${csharpString(h.key)}, ${csharpString(h.value)});`);
      }
    }
    lines.push(
      '',
      'using var response = await client.SendAsync(request);',
      'Console.WriteLine((int)response.StatusCode);',
      'Console.WriteLine(await response.Content.ReadAsStringAsync());',
    );
    const code = [
      '// Program.cs of a console project (.NET 6 or later): dotnet run',
      ...[...usings].sort().map((u) => `using ${u};`),
      '',
      ...lines,
      '',
    ].join('\n');
    return { code, notes };
  },
};
